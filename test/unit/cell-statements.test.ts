/**
 * A cell runs one read-only query, decided by DuckDB's own parser on the real engine: statements
 * hidden behind `$$…$$` or `E'…'` literals (which a check that blanks only '…' and "…" misses)
 * are refused and change nothing; a new file starts from a clean catalogue; an export waits its
 * turn behind a running query.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeEngine, textFile } from '../helpers/node-engine';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import {
	asSubquery,
	createResultTable,
	RefusedSqlError,
	typedSql
} from '../../src/analyses/cell-sql';
import { parseMapping } from '../../src/ingest/mapping';
import { shownStatements } from '../../src/analyses/sql-statements';

const CSV = `order_id,customer_id,order_date,amount
A1,C1,2024-03-01,10.00
A2,C1,2024-03-31,15.00
B1,C2,2024-03-15,7.50
`;

async function load(engine: EngineApi) {
	const opened = await engine.openFile(textFile('orders.csv', CSV), {});
	return engine.normalise(
		parseMapping({ ...opened.guess.draft, today: '2030-01-01' }, opened.columns)
	);
}

/** What the catalogue holds, so a refused cell can be shown to have changed nothing. */
async function catalogue(engine: EngineApi) {
	const [tables, macros, databases] = await Promise.all([
		rowsOf(engine, 'SELECT table_name AS n FROM duckdb_tables() WHERE NOT internal ORDER BY 1'),
		rowsOf(
			engine,
			'SELECT function_name AS n FROM duckdb_functions() WHERE NOT internal ORDER BY 1'
		),
		rowsOf(engine, 'SELECT database_name AS n FROM duckdb_databases() ORDER BY 1')
	]);
	const views = await rowsOf(
		engine,
		'SELECT view_name AS n FROM duckdb_views() WHERE NOT internal ORDER BY 1'
	);
	return { tables, views, macros, databases };
}

/** A cell's statement as the engine gets it, without the page's own first look at the text. */
const runCell = (engine: EngineApi, text: string) =>
	engine.query(createResultTable('cell_1', asSubquery(text)).text);

let engine: EngineApi;
beforeAll(async () => {
	engine = await startNodeEngine();
	await load(engine);
});

describe('a cell runs one query', () => {
	it("refuses the issue's macro trick and keeps date_diff DuckDB's own", async () => {
		const before = await catalogue(engine);
		await expect(
			runCell(
				engine,
				"SELECT $$'$$ AS a; CREATE OR REPLACE MACRO date_diff(p, a, b) AS 0; SELECT $$'$$ AS b"
			)
		).rejects.toThrow(/one query|syntax error/);
		expect(await catalogue(engine)).toEqual(before);
		const [{ d }] = await rowsOf(
			engine,
			"SELECT date_diff('day', DATE '2024-03-01', DATE '2024-03-31') AS d"
		);
		expect(d).toBe(30);
	});

	it.each([
		["SELECT $$'$$ AS a; COPY (SELECT 42) TO 'uploads/pwned.csv'; SELECT $$'$$ AS b"],
		["SELECT E'\\'' AS a; EXPORT DATABASE 'uploads/all'; SELECT E'\\'' AS b"],
		["SELECT $x$'$x$ AS a; ATTACH ':memory:' AS evil; SELECT $x$'$x$ AS b"],
		["SELECT $$'$$; PRAGMA enable_profiling; SELECT $$'$$"],
		["SELECT $$'$$; CHECKPOINT; SELECT $$'$$"],
		["SELECT $$'$$; CREATE OR REPLACE TABLE customer_summary AS SELECT 1 AS x; SELECT $$'$$"],
		["SELECT $$'$$; DROP VIEW transactions; SELECT $$'$$"],
		['SELECT 1 AS a) ; DROP VIEW transactions; SELECT (1'],
		['SELECT 1 AS a --\r; DROP VIEW transactions']
	])('refuses %j and changes nothing', async (text) => {
		const before = await catalogue(engine);
		await expect(runCell(engine, text)).rejects.toThrow();
		expect(await catalogue(engine)).toEqual(before);
		expect(await rowsOf(engine, 'SELECT count(*) AS n FROM transactions')).toEqual([{ n: 3 }]);
	});

	it('refuses the same texts before they reach the engine, with the same message', () => {
		const text =
			"SELECT $$'$$ AS a; CREATE OR REPLACE MACRO date_diff(p, a, b) AS 0; SELECT $$'$$ AS b";
		expect(() => typedSql(text)).toThrow(RefusedSqlError);
		expect(() => typedSql(text)).toThrow(/one query/);
	});

	it('refuses several statements sent to the engine directly, and to its exports', async () => {
		const several = 'SELECT 1 AS a; CREATE MACRO m() AS 1';
		await expect(engine.query(several)).rejects.toThrow(/one query/);
		await expect(engine.exportCsv(several)).rejects.toThrow(/one query/);
		await expect(engine.exportParquet(several)).rejects.toThrow(/one query/);
		expect((await catalogue(engine)).macros).toEqual([]);
	});

	it.each([
		["SELECT ';' AS a", ';'],
		['SELECT $$;$$ AS a', ';'],
		["SELECT E'\\';' AS a", "';"],
		['SELECT customer_id AS a FROM transactions WHERE amount > 10 -- largest;', 'C1'],
		['FROM transactions SELECT customer_id AS a WHERE amount > 10', 'C1'],
		["WITH x AS (SELECT 'y' AS a) SELECT * FROM x;", 'y']
	])('runs the single query %j', async (text, a) => {
		await engine.query(createResultTable('cell_1', typedSql(text)).text);
		expect(await rowsOf(engine, 'SELECT a FROM cell_1')).toEqual([{ a }]);
	});

	it('keeps the order the query asked for', async () => {
		await runCell(engine, 'SELECT order_id FROM transactions ORDER BY amount DESC');
		expect((await rowsOf(engine, 'SELECT order_id FROM cell_1')).map((r) => r.order_id)).toEqual([
			'A2',
			'A1',
			'B1'
		]);
	});
});

describe('a new file starts from a clean catalogue', () => {
	it('drops macros, sequences, types and attached databases the last file left', async () => {
		for (const statement of [
			'CREATE MACRO date_diff(p, a, b) AS 0',
			'CREATE MACRO everything() AS TABLE SELECT 1 AS x',
			'CREATE SEQUENCE counter',
			"CREATE TYPE mood AS ENUM ('a', 'b')",
			"ATTACH ':memory:' AS evil",
			'CREATE TABLE evil.main.kept AS SELECT 1 AS x'
		]) {
			await engine.query(statement);
		}
		await load(engine);
		const after = await catalogue(engine);
		expect(after.macros).toEqual([]);
		expect(after.databases.map((r) => r.n)).not.toContain('evil');
		expect(await rowsOf(engine, 'SELECT count(*) AS n FROM duckdb_sequences()')).toEqual([
			{ n: 0 }
		]);
		expect(
			await rowsOf(engine, "SELECT count(*) AS n FROM duckdb_types() WHERE type_name = 'mood'")
		).toEqual([{ n: 0 }]);
		const [{ d }] = await rowsOf(
			engine,
			"SELECT date_diff('day', DATE '2024-03-01', DATE '2024-03-31') AS d"
		);
		expect(d).toBe(30);
	});
});

describe('an export during a running query', () => {
	it('waits its turn: both answers are right and nothing is cancelled', async () => {
		const slow = rowsOf(
			engine,
			'SELECT count(*) AS n FROM range(60000000) a WHERE a.range % 7 = 0'
		);
		// Asked while the query is under way, between two of its polls.
		await new Promise((resolve) => setTimeout(resolve, 30));
		const csv = engine.exportCsv(
			'SELECT customer_id, sum(amount) AS spend FROM transactions GROUP BY 1 ORDER BY 1'
		);
		const [rows, bytes] = await Promise.all([slow, csv]);
		expect(rows).toEqual([{ n: 8571429 }]);
		expect(
			new TextDecoder()
				.decode(bytes)
				.replace(/^\ufeff/, '')
				.trim()
				.split(/\r?\n/)
		).toEqual(['customer_id,spend', 'C1,25', 'C2,7.5']);
	});
});

describe('the statements shown before a shared cell runs', () => {
	it('cuts at each ; outside literals and comments, and names what is not a query', () => {
		const text =
			"SELECT $$'$$ AS a;\n\n-- note; here\nCREATE MACRO m() AS 0 ; SELECT E'\\';' AS b /* ; */";
		expect(shownStatements(text)).toEqual([
			{ text: "SELECT $$'$$ AS a", line: 1, query: true },
			{ text: '-- note; here\nCREATE MACRO m() AS 0', line: 3, query: false },
			{ text: "SELECT E'\\';' AS b /* ; */", line: 4, query: true }
		]);
	});
});
