/**
 * One `EngineApi` suite, run in Node (test/unit/engine-suite.test.ts) and in Chromium against
 * the real worker build (test/browser + test/e2e/engine-suite.spec.ts). It uses no test
 * framework, so it can run inside a page.
 */
import { tableFromIPC } from 'apache-arrow';
import type { EngineApi } from '../src/engine/protocol';
import { parseMapping } from '../src/ingest/mapping';

/** Where the suite gets fixture files from (disk in Node, the served site in the browser). */
export type FixtureSource = (name: string) => Promise<File>;

/** One check of the engine. */
export interface EngineCase {
	name: string;
	run(engine: EngineApi, fixture: FixtureSource): Promise<void>;
}

function equal(actual: unknown, expected: unknown, what: string) {
	const a = JSON.stringify(actual);
	const e = JSON.stringify(expected);
	if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

async function rejects(promise: Promise<unknown>, pattern: RegExp, what: string) {
	try {
		await promise;
	} catch (e) {
		if (!pattern.test((e as Error).message)) {
			throw new Error(
				`${what}: error ${JSON.stringify((e as Error).message)} does not match ${pattern}`,
				{
					cause: e
				}
			);
		}
		return;
	}
	throw new Error(`${what}: expected an error matching ${pattern}, got none`);
}

async function rows(engine: EngineApi, sql: string): Promise<Record<string, unknown>[]> {
	return tableFromIPC(await engine.query(sql))
		.toArray()
		.map((r) => ({ ...r.toJSON() }));
}

async function load(engine: EngineApi, fixture: FixtureSource, name: string) {
	const opened = await engine.openFile(await fixture(name), {});
	const mapping = parseMapping({ ...opened.guess.draft, today: '2025-06-30' }, opened.columns);
	return { opened, report: await engine.normalise(mapping) };
}

/** The cases, in order; each leaves the engine usable for the next. */
export const engineCases: EngineCase[] = [
	{
		name: 'starts DuckDB 1.4 and says so',
		async run(engine) {
			const info = await engine.init();
			if (!/^v1\.4\./.test(info.duckdbVersion)) throw new Error(`version ${info.duckdbVersion}`);
		}
	},
	{
		name: 'returns results as Arrow IPC bytes',
		async run(engine) {
			const bytes = await engine.query("SELECT 42 AS answer, 'ok' AS word");
			if (!(bytes instanceof Uint8Array)) throw new Error('query did not return bytes');
			equal(
				await rows(engine, "SELECT 42 AS answer, 'ok' AS word"),
				[{ answer: 42, word: 'ok' }],
				'row'
			);
		}
	},
	{
		name: 'cannot reach the network, other files or extensions',
		async run(engine) {
			await rejects(
				engine.query("SELECT * FROM read_csv('https://example.com/x.csv')"),
				/disabled|Permission/i,
				'https'
			);
			await rejects(
				engine.query("SELECT * FROM read_csv('/etc/passwd')"),
				/disabled|Permission/i,
				'local file'
			);
			await rejects(
				engine.query("COPY (SELECT 1) TO 'http://example.com/x.csv'"),
				/disabled|Permission|not supported/i,
				'copy'
			);
			await rejects(
				engine.query('LOAD httpfs'),
				/disabled|Permission|not found|Extension/i,
				'load'
			);
			await rejects(
				engine.query("SELECT * FROM read_parquet('x.parquet')"),
				/parquet extension|does not exist|not in the catalog/i,
				'parquet'
			);
			await rejects(engine.query('SET enable_external_access = true'), /locked/i, 'unlock');
		}
	},
	{
		name: 'reads a GBK file with Chinese headers, ￥ amounts and 2024年1月5日 dates',
		async run(engine, fixture) {
			const { opened, report } = await load(engine, fixture, 'orders-gbk.csv');
			equal(opened.encoding, 'gb18030', 'encoding');
			equal(
				[opened.guess.draft.customerId, opened.guess.draft.orderDate, opened.guess.draft.amount],
				['客户ID', '下单时间', '实付金额'],
				'mapping'
			);
			equal(
				[report.rowsRead, report.rowsUsed, report.customers, report.orders],
				[12, 12, 5, 9],
				'counts'
			);
			equal(Math.round(report.totalAmount * 100), 777439, 'total ×100');
		}
	},
	{
		name: 'reads ; with decimal commas and decides day/month from the data',
		async run(engine, fixture) {
			const { opened, report } = await load(engine, fixture, 'orders-semicolon.csv');
			equal(
				[opened.delimiter, opened.guess.draft.decimalSeparator, opened.guess.draft.dateFormat],
				[';', ',', 'dmy'],
				'dialect'
			);
			equal(Math.round(report.totalAmount * 100), 777439, 'total ×100');
			equal(
				await rows(engine, "SELECT strftime(min(order_ts), '%Y-%m-%d') AS first FROM transactions"),
				[{ first: '2024-01-05' }],
				'first date'
			);
		}
	},
	{
		name: 'accounts for every row of dirty.csv',
		async run(engine, fixture) {
			const { report } = await load(engine, fixture, 'dirty.csv');
			equal([report.rowsRead, report.rowsUsed, report.rowsSetAside], [20, 10, 10], 'totals');
			equal(
				await rows(engine, 'SELECT reason, count(*) AS n FROM set_aside GROUP BY 1 ORDER BY 1'),
				[
					{ reason: 'bad_amount', n: 2 },
					{ reason: 'bad_date', n: 2 },
					{ reason: 'duplicate', n: 2 },
					{ reason: 'future_date', n: 1 },
					{ reason: 'missing_customer', n: 3 }
				],
				'reasons'
			);
		}
	},
	{
		name: 'reads Excel, Parquet and NDJSON through JS readers',
		async run(engine, fixture) {
			for (const name of ['orders.xlsx', 'orders.parquet', 'orders.ndjson']) {
				const { report } = await load(engine, fixture, name);
				equal([report.rowsRead, report.customers, report.orders], [12, 5, 9], name);
			}
		}
	},
	{
		name: 'refuses a broken file clearly and then loads the next one',
		async run(engine, fixture) {
			await rejects(
				engine.openFile(await fixture('truncated.parquet'), {}),
				/Parquet file could not be read/,
				'parquet'
			);
			await rejects(
				engine.openFile(await fixture('binary.csv'), {}),
				/does not look like a text/,
				'binary'
			);
			const { report } = await load(engine, fixture, 'orders.csv');
			equal(report.rowsUsed, 12, 'next file');
		}
	},
	{
		name: 'cancels a long query within a second and keeps the tables',
		async run(engine) {
			const before = await rows(engine, 'SELECT count(*) AS n FROM transactions');
			const started = performance.now();
			const long = engine.query('SELECT sum(hash(i)) AS s FROM range(5000000000) t(i)');
			await new Promise((resolve) => setTimeout(resolve, 300));
			await engine.cancel();
			await rejects(long, /Cancelled/, 'long query');
			const took = performance.now() - started;
			if (took > 1800) throw new Error(`cancel took ${Math.round(took)} ms`);
			equal(await rows(engine, 'SELECT count(*) AS n FROM transactions'), before, 'tables kept');
		}
	},
	{
		name: 'reset drops the tables',
		async run(engine) {
			await engine.reset();
			await rejects(
				engine.query('SELECT count(*) FROM transactions'),
				/does not exist|not found/i,
				'after reset'
			);
		}
	}
];
