/**
 * Every fixture holds the same 12 transactions written a different way; the expected facts are
 * worked out by hand in test/fixtures/README.md, not computed by Segmenta.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { show } from '../../src/i18n/t';
import { fileFrom, startNodeEngine, textFile } from '../helpers/node-engine';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi, OpenedFile } from '../../src/engine/protocol';
import { parseMapping, type Mapping } from '../../src/ingest/mapping';

const FIXTURES = 'test/fixtures';
const TODAY = '2025-06-30';
let engine: EngineApi;

beforeAll(async () => {
	engine = await startNodeEngine();
});

async function load(name: string, change: Partial<Mapping> = {}) {
	const opened = await engine.openFile(fileFrom(`${FIXTURES}/${name}`), {});
	const mapping = parseMapping({ ...opened.guess.draft, today: TODAY, ...change }, opened.columns);
	const report = await engine.normalise(mapping);
	return { opened, report };
}

const NET_BY_CUSTOMER = [
	{ customer_id: '00123', orders: 3, net: 3295.34 },
	{ customer_id: '123', orders: 2, net: 109.9 },
	{ customer_id: '98001', orders: 1, net: 618 },
	{ customer_id: 'C0007', orders: 1, net: 320.75 },
	{ customer_id: 'C0042', orders: 2, net: 3430.4 }
];

const CASES: [string, Partial<OpenedFile>, string, string][] = [
	[
		'orders.csv',
		{ encoding: 'utf-8', delimiter: ',' },
		'2024-01-05 10:30:00',
		'2024-11-11 23:59:00'
	],
	['orders.csv.gz', { compressed: true }, '2024-01-05 10:30:00', '2024-11-11 23:59:00'],
	['orders-gbk.csv', { encoding: 'gb18030' }, '2024-01-05 00:00:00', '2024-11-11 00:00:00'],
	['orders-semicolon.csv', { delimiter: ';' }, '2024-01-05 00:00:00', '2024-11-11 00:00:00'],
	[
		'orders-utf16.csv',
		{ encoding: 'utf-16le', delimiter: '\t' },
		'2024-01-05 10:30:00',
		'2024-11-11 23:59:00'
	],
	['orders.parquet', { format: 'parquet' }, '2024-01-05 10:30:00', '2024-11-11 23:59:00'],
	['orders.json', { format: 'json' }, '2024-01-05 10:30:00', '2024-11-11 23:59:00'],
	['orders.ndjson', { format: 'ndjson' }, '2024-01-05 10:30:00', '2024-11-11 23:59:00'],
	[
		'orders.xlsx',
		{ format: 'xlsx', sheet: 'Orders', sheets: ['说明', 'Orders'] },
		'2024-01-05 10:30:00',
		'2024-11-11 23:59:00'
	]
];

describe.each(CASES)('%s', (name, facts, first, last) => {
	let result: Awaited<ReturnType<typeof load>>;
	beforeAll(async () => {
		result = await load(name);
	});

	it('is read as expected and mapped automatically', () => {
		expect(result.opened).toMatchObject(facts);
		expect(result.opened.guess.notes).toEqual([]);
		const d = result.opened.guess.draft;
		expect([d.customerId, d.orderDate, d.amount, d.orderId, d.productId].every(Boolean)).toBe(true);
		expect(result.opened.guess.dateAmbiguous).toBe(false);
	});

	it('accounts for every row and nets the refund', () => {
		const r = result.report;
		expect(r.rowsRead).toBe(12);
		expect(r.rowsUsed).toBe(12);
		expect(r.rowsSetAside).toBe(0);
		expect(r.refundsNetted).toBe(1);
		expect(r.customers).toBe(5);
		expect(r.orders).toBe(9);
		expect(r.totalAmount).toBeCloseTo(7774.39, 2);
		expect(new Date(r.firstOrder!).toISOString().slice(0, 19).replace('T', ' ')).toBe(first);
		expect(new Date(r.lastOrder!).toISOString().slice(0, 19).replace('T', ' ')).toBe(last);
	});

	it('keeps 00123 and 123 apart, with the right spend each', async () => {
		const rows = await rowsOf(
			engine,
			`SELECT customer_id, count(DISTINCT order_id) AS orders, round(sum(amount), 2) AS net
			 FROM transactions GROUP BY 1 ORDER BY 1`
		);
		expect(rows).toEqual(NET_BY_CUSTOMER);
	});
});

describe('dirty.csv', () => {
	it('sets rows aside by reason, and the counts add up (refunds netted)', async () => {
		const { report } = await load('dirty.csv');
		expect(report.rowsRead).toBe(20);
		expect(report.rowsUsed).toBe(10);
		expect(report.rowsSetAside).toBe(10);
		expect(report.byReason).toEqual({
			malformed_line: 0,
			missing_customer: 3,
			bad_date: 2,
			bad_amount: 2,
			future_date: 1,
			refund: 0,
			duplicate: 2
		});
		expect(report.customers).toBe(5);
		expect(report.orders).toBe(8);
		expect(report.totalAmount).toBeCloseTo(957.34, 2);
		const setAside = await rowsOf(
			engine,
			'SELECT reason, count(*) AS n FROM set_aside GROUP BY 1 ORDER BY 1'
		);
		expect(setAside).toEqual([
			{ reason: 'bad_amount', n: 2 },
			{ reason: 'bad_date', n: 2 },
			{ reason: 'duplicate', n: 2 },
			{ reason: 'future_date', n: 1 },
			{ reason: 'missing_customer', n: 3 }
		]);
		// Rows set aside keep their original text, so the person can fix them.
		const bad = await rowsOf(
			engine,
			"SELECT amount FROM set_aside WHERE reason = 'bad_amount' ORDER BY 1"
		);
		expect(bad.map((r) => r.amount)).toEqual(['12.3.4', 'abc']);
	});

	it('sets refunds aside when asked', async () => {
		const { report } = await load('dirty.csv', { refunds: 'set-aside' });
		expect(report.rowsUsed).toBe(8);
		expect(report.rowsSetAside).toBe(12);
		expect(report.byReason.refund).toBe(2);
		expect(report.totalAmount).toBeCloseTo(1117.84, 2);
	});

	it('exports the rows set aside as CSV with their reason', async () => {
		await load('dirty.csv');
		const csv = new TextDecoder().decode(
			await engine.exportCsv('SELECT * FROM set_aside ORDER BY reason')
		);
		const lines = csv
			.replace(/^\ufeff/, '')
			.trim()
			.split('\r\n');
		expect(lines[0]).toBe(
			'reason,line,order_id,customer_id,order_date,amount,product_id,channel,raw_line'
		);
		expect(lines).toHaveLength(11);
	});
});

describe('numbers past what a double holds', () => {
	it('sets aside an amount or quantity that reads as infinity or NaN, and keeps the rest', async () => {
		const csv = [
			'order_id,customer_id,order_date,quantity,unit_price',
			'O1,C1,2024-01-02,2,5.00',
			'O2,C1,2024-01-03,1e999,5.00',
			'O3,C2,2024-01-04,1,nan',
			'O4,C2,2024-01-05,1e200,1e200',
			'O5,C3,2024-01-06,3,"(2.50)"'
		].join('\n');
		const opened = await engine.openFile(textFile('huge.csv', csv), {});
		const mapping = parseMapping(
			{
				...opened.guess.draft,
				amount: null,
				quantity: 'quantity',
				unitPrice: 'unit_price',
				today: TODAY
			},
			opened.columns
		);
		const report = await engine.normalise(mapping);
		// O2 and O3 have no finite quantity or price; O4's product (1e400) is past a double.
		expect([report.rowsRead, report.rowsUsed, report.byReason.bad_amount]).toEqual([5, 2, 3]);
		expect(await rowsOf(engine, 'SELECT order_id, amount FROM transactions ORDER BY 1')).toEqual([
			{ order_id: 'O1', amount: 10 },
			{ order_id: 'O5', amount: -7.5 }
		]);
	});
});

describe('whitespace.txt (CDNOW layout)', () => {
	it('splits aligned columns and maps them without a header', async () => {
		const { opened, report } = await load('whitespace.txt');
		expect(opened.delimiter).toBe('whitespace');
		expect(opened.guess.draft.dateFormat).toBe('yyyymmdd');
		expect(report.rowsRead).toBe(8);
		expect(report.rowsUsed).toBe(8);
		expect(report.customers).toBe(5);
		expect(report.totalAmount).toBeCloseTo(224.81, 2);
		const ids = await rowsOf(engine, 'SELECT DISTINCT customer_id FROM transactions ORDER BY 1');
		expect(ids.map((r) => r.customer_id)).toEqual(['00001', '00002', '00003', '00004', '00005']);
	});
});

describe('files that must be refused', () => {
	it.each([
		['empty.csv', /empty/],
		['header-only.csv', /no rows/],
		['binary.csv', /does not look like a text/],
		['truncated.parquet', /Parquet file could not be read.*truncated/]
	])('%s gives a clear message', async (name, message) => {
		await expect(engine.openFile(fileFrom(`${FIXTURES}/${name}`), {})).rejects.toThrow(message);
		// ...and the engine still works for the next file.
		const { report } = await load('orders.csv');
		expect(report.rowsRead).toBe(12);
	});

	it('no-customer.csv opens but says which columns are missing', async () => {
		const opened = await engine.openFile(fileFrom(`${FIXTURES}/no-customer.csv`), {});
		expect(opened.guess.notes.map((n) => show(n)).join(' ')).toMatch(/customer id/);
		expect(opened.guess.notes.map((n) => show(n)).join(' ')).toMatch(/order date/);
	});
});

describe('exact duplicates', () => {
	// By hand: A is written three times (two copies set aside), B twice but once with a different
	// note (an unmapped column), C twice with and without a space (equal values, different text),
	// D twice while both lack a date (set aside as bad dates, never as duplicates).
	const CSV = [
		'order_id,customer_id,order_date,amount,note',
		'A,c1,2024-01-05,10.00,x',
		'B,c2,2024-01-06,20.00,x',
		'A,c1,2024-01-05,10.00,x',
		'C,c3,2024-01-07,30.00,x',
		'B,c2,2024-01-06,20.00,y',
		'C, c3,2024-01-07,30.00,x',
		'D,c4,,40.00,x',
		'A,c1,2024-01-05,10.00,x',
		'D,c4,,40.00,x'
	].join('\n');

	it('sets aside every copy after the first, and only true copies', async () => {
		const opened = await engine.openFile(textFile('dupes.csv', CSV), {});
		const mapping = parseMapping(
			{ ...opened.guess.draft, today: TODAY, attributes: [], dropDuplicates: true },
			opened.columns
		);
		const steps: { key: string; fraction: number | null }[] = [];
		const report = await engine.normalise(mapping, (p) =>
			steps.push({ key: (p.detail as { key: string }).key, fraction: p.fraction })
		);
		// The progress says what runs: the file read, the second pass for the copies' text, the summaries.
		expect(steps).toEqual([
			{ key: 'engine.step_reading', fraction: null },
			{ key: 'engine.step_duplicates', fraction: null },
			{ key: 'engine.step_summaries', fraction: null }
		]);
		expect(report.rowsRead).toBe(9);
		expect(report.byReason.duplicate).toBe(2);
		expect(report.byReason.bad_date).toBe(2);
		expect(report.rowsUsed).toBe(5);
		const copies = await rowsOf(
			engine,
			"SELECT order_id, customer_id, note FROM set_aside WHERE reason = 'duplicate'"
		);
		expect(copies).toEqual([
			{ order_id: 'A', customer_id: 'c1', note: 'x' },
			{ order_id: 'A', customer_id: 'c1', note: 'x' }
		]);
		const kept = await rowsOf(
			engine,
			'SELECT order_id, count(*) AS n FROM transactions GROUP BY 1 ORDER BY 1'
		);
		expect(kept).toEqual([
			{ order_id: 'A', n: 1 },
			{ order_id: 'B', n: 2 },
			{ order_id: 'C', n: 2 }
		]);
		// The text hashes and the check's own tables are gone once the copies are marked.
		const leftovers = await rowsOf(
			engine,
			"SELECT table_name, column_name FROM duckdb_columns() WHERE column_name = 'text_hash' OR table_name LIKE 'ingest_%' AND table_name NOT IN ('ingest_rows', 'ingest_parse_errors')"
		);
		expect(leftovers).toEqual([]);
	});
});
