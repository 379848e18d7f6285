/**
 * The engine's errors: a cancel, and DuckDB's own errors turned into messages that say what to
 * do. Messages written for people are `LocalisedError`s (a key, not text), so the page words them
 * in its language; DuckDB's text stays as it is, inside them or alone.
 */
import { LocalisedError } from '../i18n/errors';

/** Rejects an operation that the person cancelled. */
export class CancelledError extends Error {
	constructor() {
		super('Cancelled');
		this.name = 'CancelledError';
	}
}

/** Turns DuckDB's and the readers' errors into messages that say what to do. */
export function friendly(e: unknown): Error {
	if (e instanceof LocalisedError || e instanceof CancelledError) return e;
	if ((e as Error)?.name === 'AbortError') return new CancelledError();
	const message = e instanceof Error ? e.message : String(e);
	const detail = message.split('\n')[0];
	if (/out of memory|memory limit|could not allocate/i.test(message)) {
		return new LocalisedError('engine.out_of_memory', { detail });
	}
	if (/Permission Error|file system operations are disabled|external access/i.test(message)) {
		return new LocalisedError('engine.offline', { detail });
	}
	if (/Invalid unicode|not utf-8|not latin-1 encoded/i.test(message)) {
		return new LocalisedError('engine.bad_encoding', { detail });
	}
	const lineSize = /Maximum line size of (\d+) bytes exceeded/.exec(message);
	if (lineSize) {
		return new LocalisedError('engine.line_too_long', {
			mb: Math.round(Number(lineSize[1]) / 1e6)
		});
	}
	if (/state machine reached an invalid state/i.test(message)) {
		return new LocalisedError('engine.csv_invalid_state');
	}
	if (/CSV Error|sniff|Could not convert/i.test(message)) {
		return new LocalisedError('engine.csv_error', { detail });
	}
	const err = new Error(message);
	err.name = e instanceof Error ? e.name : 'Error';
	return err;
}
