/**
 * Errors thrown in the engine worker reach the page with what it needs to word them: a
 * `LocalisedError` keeps its key and params, a cancel stays a `CancelledError`, anything else keeps
 * its name and text. Through a real MessageChannel with Comlink, as between worker and page.
 */
import * as Comlink from 'comlink';
import { afterAll, describe, expect, it } from 'vitest';
import { keepErrorsAcrossWorker } from '../../src/engine/error-transfer';
import { CancelledError } from '../../src/engine/errors';
import { MappingError } from '../../src/ingest/mapping';
import { LocalisedError, messageOf } from '../../src/i18n/errors';
import { translate } from '../../src/i18n/t';

const thrown = {
	localised: () => {
		throw new LocalisedError('engine.too_many_columns', { n: 1200, max: 1000 });
	},
	subclass: () => {
		throw new MappingError('amount', 'ingest.choose_column', { field: 'amount' });
	},
	cancelled: async () => {
		throw new CancelledError();
	},
	aborted: () => {
		throw new DOMException('The operation was aborted.', 'AbortError');
	},
	plain: () => {
		const e = new Error('Binder Error: column "x" not found');
		e.name = 'BinderError';
		throw e;
	},
	notAnError: () => {
		throw 'just text';
	}
};

keepErrorsAcrossWorker();
const { port1, port2 } = new MessageChannel();
Comlink.expose(thrown, port1);
const remote = Comlink.wrap<typeof thrown>(port2);

afterAll(() => {
	remote[Comlink.releaseProxy]();
	port1.close();
	port2.close();
});

async function caught(call: () => Promise<unknown>): Promise<unknown> {
	try {
		await call();
	} catch (e) {
		return e;
	}
	throw new Error('expected the call to throw');
}

describe('errors across the worker boundary', () => {
	it('a LocalisedError arrives with its key and params, worded on this side', async () => {
		const e = await caught(() => remote.localised());
		expect(e).toBeInstanceOf(LocalisedError);
		expect(e).toMatchObject({
			name: 'LocalisedError',
			key: 'engine.too_many_columns',
			params: { n: 1200, max: 1000 }
		});
		expect((e as Error).message).toMatch(
			/^This file has 1,200 columns; Segmenta reads at most 1,000\./
		);
		const message = messageOf(e);
		expect(
			typeof message === 'string' ? message : translate('zh', message.key, message.params)
		).toMatch(/^此文件有 1,200 列/);
	});

	it('a subclass keeps its name, key and params', async () => {
		const e = await caught(() => remote.subclass());
		expect(e).toBeInstanceOf(LocalisedError);
		expect(e).toMatchObject({
			name: 'MappingError',
			key: 'ingest.choose_column',
			params: { field: 'amount' }
		});
	});

	it('a cancel stays a CancelledError; an abort keeps its name', async () => {
		expect(await caught(() => remote.cancelled())).toBeInstanceOf(CancelledError);
		expect(await caught(() => remote.aborted())).toMatchObject({
			name: 'AbortError',
			message: 'The operation was aborted.'
		});
	});

	it('other errors keep their name and text; other values arrive as they were', async () => {
		const e = await caught(() => remote.plain());
		expect(e).toBeInstanceOf(Error);
		expect(e).not.toBeInstanceOf(LocalisedError);
		expect(e).toMatchObject({ name: 'BinderError', message: 'Binder Error: column "x" not found' });
		expect(await caught(() => remote.notAnError())).toBe('just text');
	});
});
