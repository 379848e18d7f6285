/**
 * Big files are loaded into DuckDB's compressed in-memory database (`packed`), smaller ones into
 * the plain one. The threshold is lowered here so a real file takes the compressed path: every
 * cell's SQL must give the same table as on the plain path, row for row, and the tables must
 * live where the engine says.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeEngine } from '../helpers/node-engine';
import { dataFile } from '../helpers/data';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import { parseMapping } from '../../src/ingest/mapping';
import { ANALYSES, type AnalysisKind } from '../../src/analyses/registry';
import { createResultTable } from '../../src/analyses/cell-sql';

const RETAIL = 'online-retail-uci-customer-subset/online_retail_400_customers.csv.gz';
/** In notebook order: personas reads RFM's table. */
const KINDS: AnalysisKind[] = ['rfm', 'abc', 'cohort', 'lifecycle', 'clv', 'clusters', 'personas'];

/** Loads the file and builds every cell's table (a model cell's input table); returns them by kind. */
async function analyse(engine: EngineApi) {
	const opened = await engine.openFile(dataFile(RETAIL), {});
	const report = await engine.normalise(
		parseMapping({ ...opened.guess.draft, today: '2025-01-01' }, opened.columns)
	);
	const tables: Record<string, Record<string, unknown>[]> = {};
	for (const kind of KINDS) {
		const analysis = ANALYSES[kind];
		const config = analysis.parse({}) as never;
		const table = analysis.modelInput ?? analysis.tableFor?.(config) ?? analysis.table;
		await engine.query(createResultTable(table, analysis.query(config)).text);
		tables[kind] = await rowsOf(engine, `SELECT * FROM ${table}`);
	}
	const where = await rowsOf(
		engine,
		"SELECT table_name, database_name FROM duckdb_tables() WHERE table_name IN ('ingest_rows', 'customer_summary', 'rfm')"
	);
	return { report, tables, where };
}

describe('tables of a big file, stored compressed', () => {
	let plain: Awaited<ReturnType<typeof analyse>>;
	let packed: Awaited<ReturnType<typeof analyse>>;

	beforeAll(async () => {
		plain = await analyse(await startNodeEngine());
		packed = await analyse(await startNodeEngine({ packedFromBytes: 0 }));
	}, 120_000);

	it('live in the compressed database only when the file is over the threshold', () => {
		expect(new Set(plain.where.map((w) => w.database_name))).toEqual(new Set(['memory']));
		expect(new Set(packed.where.map((w) => w.database_name))).toEqual(new Set(['packed']));
		expect(packed.where).toHaveLength(3);
	});

	it('give the same quality report', () => {
		const { elapsedMs: _a, ...a } = plain.report;
		const { elapsedMs: _b, ...b } = packed.report;
		expect(b).toEqual(a);
		expect(a.rowsUsed).toBeGreaterThan(10_000);
	});

	it.each(KINDS)('give the same %s table, row for row', (kind) => {
		expect(packed.tables[kind].length).toBeGreaterThan(0);
		expect(packed.tables[kind]).toEqual(plain.tables[kind]);
	});
});
