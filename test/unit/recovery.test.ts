/**
 * Heavy input and cancels in the real engine (DuckDB-WASM's blocking build in Node): a file too
 * big for a deliberately low memory limit gives the out-of-memory message and leaves the engine
 * answering; a cancel stops every call made before it and none made after; a new file leaves
 * nothing of the last one behind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { startNodeEngine, textFile } from '../helpers/node-engine';
import { memoryLimitOf } from '../../src/engine/memory-limit';
import { LocalisedError } from '../../src/i18n/errors';
import { translate } from '../../src/i18n/t';
import { parseMapping } from '../../src/ingest/mapping';
import type { EngineApi } from '../../src/engine/protocol';
import { ordersCsv } from '../helpers/orders-csv';

const TODAY = '2025-06-30';
/** The limit the tests start DuckDB with. */
const LOW = '64MB';

async function rows(engine: EngineApi, text: string) {
	return tableFromIPC(await engine.query(text))
		.toArray()
		.map((r) => ({ ...r.toJSON() }));
}

async function load(engine: EngineApi, file: File) {
	const opened = await engine.openFile(file, {});
	return engine.normalise(parseMapping({ ...opened.guess.draft, today: TODAY }, opened.columns));
}

async function caught(promise: Promise<unknown>): Promise<Error> {
	try {
		await promise;
	} catch (e) {
		return e as Error;
	}
	throw new Error('expected an error, got none');
}

describe('memory limit for tests (memoryLimitOf)', () => {
	it.each([
		['64MB', '64MB'],
		['64mb', '64MB'],
		[' 1GB ', '1024MB'],
		['2GB', '2048MB'],
		['16MB', '16MB']
	])('%j → %j', (input, expected) => expect(memoryLimitOf(input)).toBe(expected));

	it.each([
		'',
		'8MB',
		'3GB',
		'64',
		'64KB',
		'-64MB',
		"64MB'; SET lock_configuration = false; --",
		null,
		undefined
	])('%j is refused (no limit set)', (input) => expect(memoryLimitOf(input)).toBeNull());
});

describe('a file too big for a low memory limit', () => {
	let engine: EngineApi;
	beforeAll(async () => {
		engine = await startNodeEngine({ memoryLimit: LOW });
	});

	it('starts DuckDB with the limit, and the limit cannot be changed afterwards', async () => {
		const [{ limit }] = await rows(engine, "SELECT current_setting('memory_limit') AS limit");
		// DuckDB shows 64 MB (10^6) in MiB.
		expect(limit).toBe('61.0 MiB');
		const locked = await caught(engine.query("SET memory_limit = '1GB'"));
		expect(locked.message).toMatch(/lock/i);
	});

	let bigBytes = 0;
	it('gives the out-of-memory message, which says what to do', async () => {
		const big = textFile('big.csv', ordersCsv(1_500_000));
		bigBytes = big.size;
		const error = await caught(load(engine, big));
		expect(error).toBeInstanceOf(LocalisedError);
		expect((error as LocalisedError).key).toBe('engine.out_of_memory');
		expect(error.message).toMatch(
			/^DuckDB ran out of memory in this tab \(Out of Memory Error: .*\)\./
		);
		expect(error.message).toContain('Your settings and notebook are kept.');
		expect(error.message).toContain(
			'export a shorter date range, or leave out the columns you do not need'
		);
		// And in Chinese, from the same key and details.
		const zh = translate('zh', 'engine.out_of_memory', (error as LocalisedError).params);
		expect(zh).toMatch(/^DuckDB 在此标签页中内存不足（Out of Memory Error: /);
		console.info(`out of memory at ${LOW}: ${(bigBytes / 1e6).toFixed(1)} MB CSV, 1,500,000 rows`);
	});

	it('leaves no half-built transactions, and the engine still answers', async () => {
		const missing = await caught(engine.query('SELECT count(*) FROM transactions'));
		expect(missing.message).toMatch(/does not exist/);
		expect(await rows(engine, 'SELECT 6 * 7 AS answer')).toEqual([{ answer: 42 }]);
	});

	it('then loads a smaller file, with exactly its rows', async () => {
		const report = await load(engine, textFile('small.csv', ordersCsv(20_000)));
		expect(report.rowsRead).toBe(20_000);
		expect(report.rowsUsed).toBe(20_000);
		expect(report.customers).toBe(1000);
		expect(await rows(engine, 'SELECT count(*) AS n FROM transactions')).toEqual([{ n: 20_000 }]);
	});

	it('without the option, DuckDB keeps its default limit', async () => {
		const plain = await startNodeEngine();
		const [{ limit }] = await rows(plain, "SELECT current_setting('memory_limit') AS limit");
		expect(limit).toBe('3.1 GiB');
	});
});

describe('cancel and a new file', () => {
	let engine: EngineApi;
	beforeAll(async () => {
		engine = await startNodeEngine();
		await load(engine, textFile('orders.csv', ordersCsv(5000)));
	});
	afterAll(async () => {
		await engine.reset();
	});

	it('stops the running query and the one waiting its turn, but not a query made after the cancel', async () => {
		const started = performance.now();
		const long = engine.query(
			'SELECT sum(hash(a.range + b.range)) AS s FROM range(100000) a, range(100000) b'
		);
		const waiting = engine.query('SELECT count(*) AS n FROM transactions');
		await new Promise((resolve) => setTimeout(resolve, 300));
		await engine.cancel();
		const after = rows(engine, 'SELECT count(*) AS n FROM transactions');
		expect((await caught(long)).name).toBe('CancelledError');
		const stoppedMs = performance.now() - started - 300;
		expect((await caught(waiting)).name).toBe('CancelledError');
		expect(await after).toEqual([{ n: 5000 }]);
		expect(stoppedMs).toBeLessThan(1000);
		console.info(`cross join cancelled ${Math.round(stoppedMs)} ms after cancel()`);
	});

	it('stops a file being decoded at its next chunk, and the next file opens', async () => {
		// UTF-16 is decoded in JS, chunk by chunk, before DuckDB reads it.
		const text = ordersCsv(200_000);
		const utf16 = new Uint8Array(2 + text.length * 2);
		utf16.set([0xff, 0xfe]);
		for (let i = 0; i < text.length; i++) utf16[2 + 2 * i] = text.charCodeAt(i);
		// The cancel comes while the first chunks are being decoded, as a person's click would.
		let decoding = 0;
		const opening = engine.openFile(new File([utf16], 'wide.csv'), {}, (p) => {
			if (p.phase === 'decoding' && ++decoding === 2) void engine.cancel();
		});
		expect((await caught(opening)).name).toBe('CancelledError');
		expect(decoding).toBeGreaterThanOrEqual(2);
		const report = await load(engine, textFile('next.csv', ordersCsv(300)));
		expect(report.rowsRead).toBe(300);
	});

	it('a new file drops every table built from the last one (results included)', async () => {
		await load(engine, textFile('first.csv', ordersCsv(1000)));
		await engine.query(
			'CREATE TABLE rfm AS SELECT customer_id, count(*) AS n FROM transactions GROUP BY 1'
		);
		await engine.query('CREATE TABLE cell_1 AS SELECT * FROM transactions');
		await engine.openFile(textFile('second.csv', ordersCsv(10)), {});
		const left = await rows(
			engine,
			'SELECT table_name FROM duckdb_tables() WHERE NOT internal ORDER BY 1'
		);
		// Only the CSV reader's record of its scans of the second file.
		expect(left).toEqual([{ table_name: 'reject_errors' }, { table_name: 'reject_scans' }]);
		expect(await rows(engine, 'SELECT count(*) AS n FROM source')).toEqual([{ n: 10 }]);
	});
});
