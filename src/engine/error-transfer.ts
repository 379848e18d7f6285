/**
 * Errors thrown across the worker boundary keep what the page needs to word them. Comlink's own
 * handler flattens an error to `{name, message, stack}`, so a `LocalisedError` would lose its key
 * and params and reach the page as English text. The worker and the page both install this one.
 */
import * as Comlink from 'comlink';
import { LocalisedError } from '../i18n/errors';
import { CancelledError } from './errors';
import type { EngineErrorShape } from './protocol';

/** What crosses for a thrown value: a flattened error, or anything else as structured clone takes it. */
type Thrown = { isError: true; value: EngineErrorShape } | { isError: false; value: unknown };

function flatten(e: Error): EngineErrorShape {
	const shape: EngineErrorShape = { name: e.name, message: e.message, stack: e.stack };
	if (e instanceof LocalisedError) {
		shape.key = e.key;
		shape.params = e.params;
	}
	return shape;
}

function rebuild(shape: EngineErrorShape): Error {
	const error = shape.key
		? new LocalisedError(shape.key, shape.params)
		: shape.name === 'CancelledError'
			? new CancelledError()
			: new Error(shape.message);
	// A subclass (MappingError…) arrives as its base class, still recognisable by name.
	error.name = shape.name;
	error.stack = shape.stack;
	return error;
}

/** Comlink's handler decides what counts as thrown (its marker symbol is not exported). */
const builtIn = Comlink.transferHandlers.get('throw')!;

const handler: Comlink.TransferHandler<{ value: unknown }, Thrown> = {
	canHandle: builtIn.canHandle as (value: unknown) => value is { value: unknown },
	serialize: ({ value }) => [
		value instanceof Error ? { isError: true, value: flatten(value) } : { isError: false, value },
		[]
	],
	deserialize: (thrown) => {
		throw thrown.isError ? rebuild(thrown.value) : thrown.value;
	}
};

/** Installs the handler in this realm's Comlink; call it once on each side of the boundary. */
export function keepErrorsAcrossWorker(): void {
	Comlink.transferHandlers.set('throw', handler);
}
