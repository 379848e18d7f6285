/**
 * "Export as DuckDB script": the notebook run by the app (DuckDB-WASM) and its exported script
 * run by native DuckDB on the same real file must give the same tables, row for row.
 */
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileFrom, startNodeEngine } from '../helpers/node-engine';
import { dataOnDisk } from '../helpers/data';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi, OpenedFile } from '../../src/engine/protocol';
import { parseMapping, type Mapping } from '../../src/ingest/mapping';
import { ANALYSES, type AnalysisKind } from '../../src/analyses/registry';
import { createResultTable, typedSql } from '../../src/analyses/cell-sql';
import { duckdbScript, type ScriptCell, type ScriptInput } from '../../src/state/duckdb-script';
import { setLocale } from '../../src/i18n/locale';

// 400 customers' complete history: 39,016 lines with 510 exact duplicates (SOURCE.md), so the
// duplicate check runs its second pass in both engines. Native DuckDB reads the file by its path,
// so both engines get an uncompressed copy on disk.
const FILE = dataOnDisk('online-retail-uci-customer-subset/online_retail_400_customers.csv.gz');
const TODAY = '2025-06-30';

let engine: EngineApi;
let native: DuckDBConnection;
let instance: DuckDBInstance;
let opened: OpenedFile;
let mapping: Mapping;
const cells: ScriptCell[] = [];
let input: ScriptInput;
const output = mkdtempSync(join(tmpdir(), 'segmenta-script-'));

/** One text per row, doubles to 6 decimals, sorted: the same SQL in both engines. */
async function canonicalRows(
	run: (q: string) => Promise<Record<string, unknown>[]>,
	table: string
) {
	const columns = await run(`DESCRIBE ${table}`);
	const parts = columns.map(({ column_name, column_type }) => {
		const c = `"${String(column_name)}"`;
		return column_type === 'DOUBLE' ? `printf('%.6f', ${c})` : `CAST(${c} AS VARCHAR)`;
	});
	const rows = await run(
		`SELECT concat_ws('|', ${parts.map((p) => `COALESCE(${p}, '∅')`).join(', ')}) AS r FROM ${table}`
	);
	return rows.map((r) => String(r.r)).sort();
}

beforeAll(async () => {
	engine = await startNodeEngine();
	opened = await engine.openFile(fileFrom(FILE), {});
	mapping = parseMapping({ ...opened.guess.draft, today: TODAY }, opened.columns);
	await engine.normalise(mapping);
	for (const kind of Object.keys(ANALYSES) as AnalysisKind[]) {
		const analysis = ANALYSES[kind];
		const config = analysis.parse({}) as never;
		// A model's cell writes its input in SQL; the fit runs in the app only.
		const table = analysis.modelInput ?? analysis.tableFor?.(config) ?? analysis.table;
		const query = analysis.query(config);
		await engine.query(createResultTable(table, query).text);
		cells.push({ title: analysis.title, table, sql: query.text });
	}
	cells.push({
		title: 'My cell',
		table: 'cell_1',
		sql: 'SELECT segment, count(*) AS n FROM rfm GROUP BY 1;'
	});
	await engine.query(createResultTable('cell_1', typedSql(cells.at(-1)!.sql)).text);

	const [view] = await rowsOf(engine, "SELECT sql FROM duckdb_views() WHERE view_name = 'source'");
	input = {
		opened: { ...opened, fileName: FILE },
		sourceView: String(view.sql),
		mapping,
		cells,
		format: 'csv',
		outputDir: `${output}/`
	};
	const script = duckdbScript(input);
	instance = await DuckDBInstance.create(':memory:', { threads: '2' });
	native = await instance.connect();
	const extracted = await native.extractStatements(script);
	for (let i = 0; i < extracted.count; i++) await (await extracted.prepare(i)).run();
}, 180_000);

afterAll(() => {
	native?.closeSync();
	instance?.closeSync();
});

describe('the exported DuckDB script', () => {
	it('cleans the file exactly as the app did', async () => {
		const count = async (run: (q: string) => Promise<Record<string, unknown>[]>, q: string) =>
			Number((await run(q))[0].n);
		const app = (q: string) => rowsOf(engine, q);
		const cli = async (q: string) =>
			(await native.runAndReadAll(q)).getRowObjectsJson() as Record<string, unknown>[];
		for (const q of [
			'SELECT count(*) AS n FROM transactions',
			"SELECT count(*) AS n FROM set_aside WHERE reason = 'duplicate'",
			'SELECT count(*) AS n FROM set_aside'
		]) {
			expect(await count(cli, q), q).toBe(await count(app, q));
		}
		// SOURCE.md: 510 exact duplicates.
		expect(await count(cli, "SELECT count(*) AS n FROM set_aside WHERE reason = 'duplicate'")).toBe(
			510
		);
		expect(await canonicalRows(cli, 'transactions')).toEqual(
			await canonicalRows(app, 'transactions')
		);
	});

	it('gives every cell the same table, row for row', async () => {
		const cli = async (q: string) =>
			(await native.runAndReadAll(q)).getRowObjectsJson() as Record<string, unknown>[];
		for (const { table } of cells) {
			const expected = await canonicalRows((q) => rowsOf(engine, q), table);
			expect(expected.length, table).toBeGreaterThan(0);
			expect(await canonicalRows(cli, table), table).toEqual(expected);
		}
	});

	it('writes each result table and the quality report next to it', () => {
		for (const name of ['quality_report', 'set_aside', ...cells.map((c) => c.table)]) {
			expect(existsSync(`${output}/${name}.csv`), name).toBe(true);
		}
		const rfm = readFileSync(`${output}/rfm.csv`, 'utf8').split('\n');
		expect(rfm[0]).toBe(
			'customer_id,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_code,segment,action'
		);
		// A header and 399 customers: of the 400, 13154 only has a cancellation (SOURCE.md), so no purchase.
		expect(rfm.filter((l) => l.trim()).length).toBe(400);
		const setAside = readFileSync(`${output}/set_aside.csv`, 'utf8').split('\n');
		expect(setAside[0]).toMatch(/^reason,reason_label,/);
		expect(
			setAside.filter((l) => l.startsWith('duplicate,Exact duplicate of an earlier row,'))
		).toHaveLength(510);
	});

	it('writes its comments, and the meaning of each reason, in the page’s language', () => {
		setLocale('zh');
		try {
			const script = duckdbScript(input);
			expect(script).toContain('-- 1. 读取文件');
			expect(script).toContain("WHEN 'duplicate' THEN '与前面某行完全重复'");
		} finally {
			setLocale('en');
		}
	});
});
