/**
 * The real datasets in test/data (and the full UCI Online Retail file, where it is found) load
 * through the engine with the automatic mapping, and their quality reports add up. Every expected
 * number comes from the data sets' SOURCE.md, from native DuckDB running SQL written here from
 * SOURCE.md's description of each file, or from plain TypeScript over the file's lines: never
 * from Segmenta's own SQL builders.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { fileFrom, startNodeEngine, textFile } from '../helpers/node-engine';
import { dataFile, dataPath, dataText, fullRetail, noteFullRetailSkipped } from '../helpers/data';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi, OpenedFile } from '../../src/engine/protocol';
import { MappingError, parseMapping } from '../../src/ingest/mapping';
import { REASONS, type QualityReport, type Reason } from '../../src/ingest/reasons';

// Files in test/data, as stored (see the SOURCE.md beside each).
const CDNOW_SAMPLE = 'cdnow-lifetimes/CDNOW_sample.txt.gz';
const CDNOW_MASTER = 'cdnow-lifetimes/CDNOW_master.txt.gz';
const RETAIL_SAMPLE = 'online-retail-uci-sample/online_retail_sample.csv.gz';
const RETAIL_SUBSET = 'online-retail-uci-customer-subset/online_retail_400_customers.csv.gz';
const GROCERY = 'btydplus-grocery/groceryElog.csv';
/** The full file, gzipped as published: its tests are skipped where it is not found. */
const RETAIL_FULL = fullRetail();
noteFullRetailSkipped(
	'the 4 tests of online_retail.csv.gz (all 541,909 lines) in real-datasets.test.ts'
);
const TODAY = '2025-01-01';
/** Our rule for "no customer id", compared trimmed and lower-cased. */
const MISSING_IDS = ['', 'na', 'n/a', 'null', 'none', '-', '#n/a', 'nan'];
const RETAIL_COLUMNS = [
	'InvoiceNo',
	'StockCode',
	'Description',
	'Quantity',
	'InvoiceDate',
	'UnitPrice',
	'CustomerID',
	'Country'
];

/** One customer's used rows, distinct orders and net spend. */
interface CustomerFacts {
	customer: string;
	rows: number;
	orders: number;
	net: number;
}

/** What the quality report must say, worked out independently of Segmenta. */
interface Expected {
	rowsRead: number;
	rowsUsed: number;
	byReason: Record<Reason, number>;
	refundsNetted: number;
	customers: number;
	orders: number;
	totalAmount: number;
	firstOrder: number;
	lastOrder: number;
	perCustomer: CustomerFacts[];
}

let engine: EngineApi;
let oracleDb: DuckDBInstance;
let oracle: DuckDBConnection;

beforeAll(async () => {
	engine = await startNodeEngine();
	oracleDb = await DuckDBInstance.create(':memory:');
	oracle = await oracleDb.connect();
});

afterAll(() => {
	oracle?.closeSync();
	oracleDb?.closeSync();
});

/** Opens a file, takes the automatic mapping as it is (only `today` is fixed) and normalises. */
async function load(file: File, today = TODAY) {
	const opened = await engine.openFile(file, {});
	const mapping = parseMapping({ ...opened.guess.draft, today }, opened.columns);
	const report = await engine.normalise(mapping);
	return { opened, report };
}

async function ask(sqlText: string): Promise<Record<string, unknown>[]> {
	return (await oracle.runAndReadAll(sqlText)).getRowObjectsJson() as Record<string, unknown>[];
}

function noReasons(): Record<Reason, number> {
	return Object.fromEntries(REASONS.map((r) => [r, 0])) as Record<Reason, number>;
}

function utc(text: string): number {
	return Date.parse(`${text.replace(' ', 'T')}Z`);
}

/**
 * CDNOW in plain TypeScript: whitespace-separated fields, the customer id first, the date
 * (yyyymmdd) third from last and the dollar value last. No order id, so no duplicate check and
 * each row is its own order.
 */
function cdnowExpected(text: string, header: boolean): Expected {
	const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
	const byReason = noReasons();
	const customers = new Map<string, CustomerFacts>();
	let used = 0;
	let refunds = 0;
	let total = 0;
	let first = Infinity;
	let last = -Infinity;
	for (const line of header ? lines.slice(1) : lines) {
		const fields = line.trim().split(/\s+/);
		const id = fields[0];
		const date = /^(\d{4})(\d{2})(\d{2})$/.exec(fields[fields.length - 3]);
		const ms = date ? Date.UTC(+date[1], +date[2] - 1, +date[3]) : NaN;
		const valid = date !== null && new Date(ms).getUTCDate() === +date[3];
		const amount = Number(fields[fields.length - 1]);
		if (MISSING_IDS.includes(id.trim().toLowerCase())) byReason.missing_customer++;
		else if (!valid) byReason.bad_date++;
		else if (!Number.isFinite(amount)) byReason.bad_amount++;
		else if (ms > utc(TODAY)) byReason.future_date++;
		else {
			used++;
			if (amount < 0) refunds++;
			total += amount;
			first = Math.min(first, ms);
			last = Math.max(last, ms);
			const c = customers.get(id) ?? { customer: id, rows: 0, orders: 0, net: 0 };
			c.rows++;
			c.orders++;
			c.net += amount;
			customers.set(id, c);
		}
	}
	const perCustomer = [...customers.values()].sort((a, b) => (a.customer < b.customer ? -1 : 1));
	return {
		rowsRead: header ? lines.length - 1 : lines.length,
		rowsUsed: used,
		byReason,
		refundsNetted: refunds,
		customers: customers.size,
		orders: used,
		totalAmount: total,
		firstOrder: first,
		lastOrder: last,
		perCustomer
	};
}

/**
 * Online Retail in native DuckDB, from SOURCE.md: a comma CSV with a header, amount =
 * Quantity × UnitPrice, ids written `17850` or `17850.0`. `repeats` counts every row that
 * repeats an earlier one in all eight fields, whatever its customer (SOURCE.md's "exact
 * duplicates"); `duplicate` only those not set aside for another reason. DuckDB reads a `.gz`
 * path uncompressed, as the original.
 */
async function retailExpected(path: string): Promise<Expected & { repeats: number }> {
	const missing = MISSING_IDS.map((m) => `'${m}'`).join(', ');
	await oracle.run(`CREATE OR REPLACE TABLE judged AS
WITH lines AS (
	SELECT * FROM read_csv('${path.replaceAll("'", "''")}', header = true, delim = ',', quote = '"',
		all_varchar = true)
), typed AS (
	SELECT *,
		CAST(CAST(TRY_CAST(trim(CustomerID) AS DOUBLE) AS BIGINT) AS VARCHAR) AS customer,
		TRY_CAST(InvoiceDate AS TIMESTAMP) AS ts,
		TRY_CAST(Quantity AS DOUBLE) * TRY_CAST(UnitPrice AS DOUBLE) AS line_amount,
		row_number() OVER (PARTITION BY ${RETAIL_COLUMNS.join(', ')}) AS copy
	FROM lines
)
SELECT *, CASE
	WHEN CustomerID IS NULL OR lower(trim(CustomerID)) IN (${missing}) THEN 'missing_customer'
	WHEN ts IS NULL THEN 'bad_date'
	WHEN line_amount IS NULL THEN 'bad_amount'
	WHEN ts::DATE > DATE '${TODAY}' THEN 'future_date'
	WHEN copy > 1 THEN 'duplicate'
END AS reason
FROM typed`);
	const [s] = await ask(`SELECT
	CAST(count(*) AS INT) AS rows_read,
	CAST(count(*) FILTER (reason IS NULL) AS INT) AS rows_used,
	${REASONS.map((r) => `CAST(count(*) FILTER (reason = '${r}') AS INT) AS ${r}`).join(',\n\t')},
	CAST(count(*) FILTER (copy > 1) AS INT) AS repeats,
	CAST(count(*) FILTER (reason IS NULL AND line_amount < 0) AS INT) AS refunds,
	CAST(count(DISTINCT customer) FILTER (reason IS NULL) AS INT) AS customers,
	CAST(count(DISTINCT InvoiceNo) FILTER (reason IS NULL) AS INT) AS orders,
	sum(line_amount) FILTER (reason IS NULL) AS total,
	CAST(epoch_ms(min(ts) FILTER (reason IS NULL)) AS DOUBLE) AS first_ms,
	CAST(epoch_ms(max(ts) FILTER (reason IS NULL)) AS DOUBLE) AS last_ms
FROM judged`);
	const perCustomer = await ask(`SELECT customer, CAST(count(*) AS INT) AS rows,
	CAST(count(DISTINCT InvoiceNo) AS INT) AS orders, sum(line_amount) AS net
FROM judged WHERE reason IS NULL GROUP BY 1 ORDER BY 1`);
	return {
		rowsRead: Number(s.rows_read),
		rowsUsed: Number(s.rows_used),
		byReason: Object.fromEntries(REASONS.map((r) => [r, Number(s[r])])) as Record<Reason, number>,
		refundsNetted: Number(s.refunds),
		customers: Number(s.customers),
		orders: Number(s.orders),
		totalAmount: Number(s.total),
		firstOrder: Number(s.first_ms),
		lastOrder: Number(s.last_ms),
		perCustomer: perCustomer as unknown as CustomerFacts[],
		repeats: Number(s.repeats)
	};
}

/** The report adds up, agrees with `expected` and with the `set_aside` view. */
async function expectReport(report: QualityReport, expected: Expected) {
	expect(report.rowsRead).toBe(report.rowsUsed + report.rowsSetAside);
	expect(report.rowsSetAside).toBe(REASONS.reduce((n, r) => n + report.byReason[r], 0));
	expect(report.rowsRead).toBe(expected.rowsRead);
	expect(report.rowsUsed).toBe(expected.rowsUsed);
	expect(report.byReason).toEqual(expected.byReason);
	expect(report.refundsNetted).toBe(expected.refundsNetted);
	expect(report.customers).toBe(expected.customers);
	expect(report.orders).toBe(expected.orders);
	expect(Math.abs(report.totalAmount - expected.totalAmount)).toBeLessThan(0.01);
	expect(report.firstOrder).toBe(expected.firstOrder);
	expect(report.lastOrder).toBe(expected.lastOrder);
	const setAside = await rowsOf(engine, 'SELECT reason, count(*) AS n FROM set_aside GROUP BY 1');
	const counted = Object.fromEntries(setAside.map((r) => [String(r.reason), Number(r.n)]));
	const nonZero = Object.entries(expected.byReason).filter(([, n]) => n > 0);
	expect(counted).toEqual(Object.fromEntries(nonZero));
}

/** Every customer's rows, orders and net spend in `transactions` match `expected`. */
async function expectCustomers(expected: CustomerFacts[]) {
	const actual = (await rowsOf(
		engine,
		`SELECT customer_id AS customer, count(*) AS rows, count(DISTINCT order_id) AS orders,
			sum(amount) AS net
		FROM transactions GROUP BY 1 ORDER BY 1`
	)) as unknown as CustomerFacts[];
	expect(actual.map((c) => c.customer)).toEqual(expected.map((c) => c.customer));
	const wrong = actual.filter((c, i) => {
		const e = expected[i];
		return c.rows !== e.rows || c.orders !== e.orders || Math.abs(c.net - e.net) >= 0.01;
	});
	expect(wrong).toEqual([]);
}

function expectCleanGuess(opened: OpenedFile) {
	expect(opened.guess.notes).toEqual([]);
	expect(opened.guess.dateAmbiguous).toBe(false);
}

const anyDay = expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/);

describe('CDNOW_sample.txt (no header, whitespace-aligned)', () => {
	let result: Awaited<ReturnType<typeof load>>;
	let expected: Expected;
	beforeAll(async () => {
		result = await load(dataFile(CDNOW_SAMPLE));
		expected = cdnowExpected(dataText(CDNOW_SAMPLE), false);
	});

	it('is mapped automatically: column0 customer, column2 yyyymmdd date, column4 amount', () => {
		const { opened } = result;
		expect(opened).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: 'whitespace' });
		expect(opened.columns).toEqual(['column0', 'column1', 'column2', 'column3', 'column4']);
		expectCleanGuess(opened);
		expect(opened.guess.draft).toEqual({
			customerId: 'column0',
			orderDate: 'column2',
			amount: 'column4',
			quantity: null,
			unitPrice: null,
			orderId: null,
			productId: null,
			email: null,
			phone: null,
			name: null,
			attributes: ['column1', 'column3'],
			dateFormat: 'yyyymmdd',
			decimalSeparator: '.',
			customerIdFormat: 'text',
			refunds: 'net',
			dropDuplicates: false,
			today: anyDay
		});
	});

	it('the independent count agrees with SOURCE.md', () => {
		expect(expected.rowsRead).toBe(6919);
		expect(expected.customers).toBe(2357);
		expect(expected.firstOrder).toBe(utc('1997-01-01'));
		expect(expected.lastOrder).toBe(utc('1998-06-30'));
	});

	it('the quality report adds up', async () => {
		await expectReport(result.report, expected);
		expect(result.report.rowsUsed).toBe(6919);
		expect(result.report.orders).toBe(6919);
	});

	it('keeps zero-padded ids and every customer’s spend', async () => {
		const four = await rowsOf(
			engine,
			`SELECT strftime(order_ts, '%Y-%m-%d') AS day, amount FROM transactions
			WHERE customer_id = '00004' ORDER BY order_ts, amount`
		);
		// The file's first four lines: customer 00004 (sample id 0001).
		expect(four).toEqual([
			{ day: '1997-01-01', amount: 29.33 },
			{ day: '1997-01-18', amount: 29.73 },
			{ day: '1997-08-02', amount: 14.96 },
			{ day: '1997-12-12', amount: 26.48 }
		]);
		await expectCustomers(expected.perCustomer);
	});

	it('holds all of the master’s rows for its customers (SOURCE.md)', () => {
		const master = new Map(
			cdnowExpected(dataText(CDNOW_MASTER), true).perCustomer.map((c) => [c.customer, c])
		);
		const differ = expected.perCustomer.filter((c) => {
			const m = master.get(c.customer);
			return !m || m.rows !== c.rows || Math.abs(m.net - c.net) >= 0.01;
		});
		expect(differ).toEqual([]);
	});
});

describe('CDNOW_master.txt (header, whitespace-aligned)', () => {
	let result: Awaited<ReturnType<typeof load>>;
	let expected: Expected;
	beforeAll(async () => {
		result = await load(dataFile(CDNOW_MASTER));
		expected = cdnowExpected(dataText(CDNOW_MASTER), true);
	});

	it('is mapped automatically from its header', () => {
		const { opened } = result;
		expect(opened).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: 'whitespace' });
		expect(opened.columns).toEqual(['customer_id', 'date', 'number_of_cds', 'dollar_value']);
		expectCleanGuess(opened);
		expect(opened.guess.draft).toEqual({
			customerId: 'customer_id',
			orderDate: 'date',
			amount: 'dollar_value',
			quantity: 'number_of_cds',
			unitPrice: null,
			orderId: null,
			productId: null,
			email: null,
			phone: null,
			name: null,
			attributes: [],
			dateFormat: 'yyyymmdd',
			decimalSeparator: '.',
			customerIdFormat: 'text',
			refunds: 'net',
			dropDuplicates: false,
			today: anyDay
		});
	});

	it('the quality report adds up and matches SOURCE.md', async () => {
		const r = result.report;
		await expectReport(r, expected);
		// Published: 69,659 rows, 23,570 customers, $2,500,315.63, 1997-01-01..1998-06-30,
		// no negative values.
		expect(r.rowsRead).toBe(69659);
		expect(r.rowsUsed).toBe(69659);
		expect(r.byReason).toEqual(noReasons());
		expect(r.refundsNetted).toBe(0);
		expect(r.customers).toBe(23570);
		expect(r.orders).toBe(69659);
		expect(Math.abs(r.totalAmount - 2500315.63)).toBeLessThan(0.01);
		expect(r.firstOrder).toBe(utc('1997-01-01'));
		expect(r.lastOrder).toBe(utc('1998-06-30'));
	});

	it('keeps ids 00001..23570 as text and every customer’s spend', async () => {
		const [ids] = await rowsOf(
			engine,
			`SELECT min(customer_id) AS lo, max(customer_id) AS hi,
				count(*) FILTER (WHERE length(customer_id) <> 5) AS odd,
				sum(quantity) AS cds
			FROM transactions`
		);
		expect(ids).toEqual({ lo: '00001', hi: '23570', odd: 0, cds: 167881 });
		const one = await rowsOf(
			engine,
			`SELECT order_ts, amount, quantity FROM transactions WHERE customer_id = '00001'`
		);
		expect(one).toEqual([{ order_ts: utc('1997-01-01'), amount: 11.77, quantity: 1 }]);
		await expectCustomers(expected.perCustomer);
	});
});

const RETAIL_DRAFT = {
	customerId: 'CustomerID',
	orderDate: 'InvoiceDate',
	amount: null,
	quantity: 'Quantity',
	unitPrice: 'UnitPrice',
	orderId: 'InvoiceNo',
	productId: 'StockCode',
	email: null,
	phone: null,
	name: null,
	attributes: ['Description', 'Country'],
	dateFormat: 'iso',
	decimalSeparator: '.',
	refunds: 'net',
	dropDuplicates: true,
	today: anyDay
};

describe('online_retail_sample.csv (20,000 rows, NA for missing ids)', () => {
	let result: Awaited<ReturnType<typeof load>>;
	let expected: Awaited<ReturnType<typeof retailExpected>>;
	beforeAll(async () => {
		result = await load(dataFile(RETAIL_SAMPLE));
		expected = await retailExpected(dataPath(RETAIL_SAMPLE));
	});

	it('is mapped automatically, ids kept as written', () => {
		const { opened } = result;
		expect(opened).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',' });
		expect(opened.columns).toEqual(RETAIL_COLUMNS);
		expectCleanGuess(opened);
		expect(opened.guess.draft).toEqual({ ...RETAIL_DRAFT, customerIdFormat: 'text' });
	});

	it('the independent count agrees with SOURCE.md', () => {
		expect(expected.rowsRead).toBe(20000);
		expect(expected.byReason.missing_customer).toBe(5078);
		expect(expected.repeats).toBe(7);
		expect(expected.customers).toBe(3049);
	});

	it('the quality report adds up', async () => {
		const r = result.report;
		await expectReport(r, expected);
		expect(r.rowsRead).toBe(20000);
		expect(r.byReason.missing_customer).toBe(5078);
		expect(r.customers).toBe(3049);
		expect(r.columns).toEqual([
			'customer_id',
			'order_id',
			'order_ts',
			'amount',
			'quantity',
			'unit_price',
			'product_id',
			'Description',
			'Country'
		]);
	});

	it('reads customer 12621’s lines and every customer’s spend', async () => {
		const first = await rowsOf(
			engine,
			`SELECT order_id, product_id, order_ts, amount, "Country" FROM transactions
			WHERE customer_id = '12621' AND order_id = '557055'`
		);
		expect(first).toEqual([
			{
				order_id: '557055',
				product_id: '23203',
				order_ts: utc('2011-06-16 14:45:00'),
				amount: 41.6,
				Country: 'Germany'
			}
		]);
		await expectCustomers(expected.perCustomer);
	});
});

describe('online_retail_400_customers.csv (complete histories of 400 customers)', () => {
	let result: Awaited<ReturnType<typeof load>>;
	let expected: Awaited<ReturnType<typeof retailExpected>>;
	beforeAll(async () => {
		result = await load(dataFile(RETAIL_SUBSET));
		expected = await retailExpected(dataPath(RETAIL_SUBSET));
	});

	it('is mapped automatically, `.0` ids read as integers', () => {
		const { opened } = result;
		expect(opened).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',' });
		expect(opened.columns).toEqual(RETAIL_COLUMNS);
		expectCleanGuess(opened);
		expect(opened.guess.draft).toEqual({ ...RETAIL_DRAFT, customerIdFormat: 'float-integer' });
	});

	it('the independent count agrees with SOURCE.md', () => {
		expect(expected.rowsRead).toBe(39016);
		expect(expected.repeats).toBe(510);
		expect(expected.customers).toBe(400);
	});

	it('the quality report adds up and matches SOURCE.md', async () => {
		const r = result.report;
		await expectReport(r, expected);
		// Published: 39,016 rows, 0 missing ids, 510 exact duplicates, 400 customers, 1,994 invoices.
		expect(r.rowsRead).toBe(39016);
		expect(r.byReason).toEqual({ ...noReasons(), duplicate: 510 });
		expect(r.rowsUsed).toBe(39016 - 510);
		expect(r.customers).toBe(400);
		expect(r.orders).toBe(1994);
		expect(r.firstOrder).toBe(utc('2010-12-01 09:41:00'));
		expect(r.lastOrder).toBe(utc('2011-12-09 12:21:00'));
	});

	it('strips `.0` from ids and nets every customer’s spend', async () => {
		const [odd] = await rowsOf(
			engine,
			"SELECT count(*) AS n FROM transactions WHERE customer_id NOT SIMILAR TO '[0-9]{5}'"
		);
		expect(odd.n).toBe(0);
		// SOURCE.md: customer 13154.0 has only a cancellation, so a negative net.
		const only = await rowsOf(
			engine,
			"SELECT count(*) AS n, sum(amount) AS net FROM transactions WHERE customer_id = '13154'"
		);
		expect(only[0].n).toBeGreaterThan(0);
		expect(only[0].net as number).toBeLessThan(0);
		await expectCustomers(expected.perCustomer);
	});
});

describe.skipIf(!RETAIL_FULL)('online_retail.csv.gz (all 541,909 lines)', () => {
	let result: Awaited<ReturnType<typeof load>>;
	let expected: Awaited<ReturnType<typeof retailExpected>>;
	beforeAll(async () => {
		result = await load(fileFrom(RETAIL_FULL!));
		expected = await retailExpected(RETAIL_FULL!);
	});

	it('is mapped automatically, `.0` ids read as integers', () => {
		const { opened } = result;
		expect(opened).toMatchObject({
			format: 'csv',
			encoding: 'utf-8',
			delimiter: ',',
			compressed: true
		});
		expect(opened.columns).toEqual(RETAIL_COLUMNS);
		expectCleanGuess(opened);
		expect(opened.guess.draft).toEqual({ ...RETAIL_DRAFT, customerIdFormat: 'float-integer' });
	});

	it('the independent count agrees with SOURCE.md', () => {
		expect(expected.rowsRead).toBe(541909);
		expect(expected.byReason.missing_customer).toBe(135080);
		expect(expected.repeats).toBe(5268);
		expect(expected.customers).toBe(4372);
	});

	it('the quality report adds up and matches SOURCE.md', async () => {
		const r = result.report;
		await expectReport(r, expected);
		// Published: 541,909 rows, 135,080 without CustomerID, 4,372 customers.
		expect(r.rowsRead).toBe(541909);
		expect(r.byReason.missing_customer).toBe(135080);
		expect(r.customers).toBe(4372);
		expect(r.firstOrder).toBe(utc('2010-12-01 08:26:00'));
		expect(r.lastOrder).toBe(utc('2011-12-09 12:50:00'));
	});

	it('nets 12346’s order against its cancellation, and every customer’s spend', async () => {
		const lines = await rowsOf(
			engine,
			`SELECT order_id, order_ts, quantity, unit_price, amount FROM transactions
			WHERE customer_id = '12346' ORDER BY order_ts`
		);
		// 74,215 storage jars at £1.04, cancelled 16 minutes later.
		expect(lines).toEqual([
			{
				order_id: '541431',
				order_ts: utc('2011-01-18 10:01:00'),
				quantity: 74215,
				unit_price: 1.04,
				amount: 74215 * 1.04
			},
			{
				order_id: 'C541433',
				order_ts: utc('2011-01-18 10:17:00'),
				quantity: -74215,
				unit_price: 1.04,
				amount: -74215 * 1.04
			}
		]);
		await expectCustomers(expected.perCustomer);
	});
});

/**
 * The grocery event log in plain TypeScript: a `cust,date` header, then one `id,yyyy-mm-dd` line
 * per purchase day. With no order id each row is its own order, and each is worth `amount`.
 */
function groceryExpected(text: string, amount: number, today: string): Expected {
	const [, ...lines] = text.split(/\r?\n/).filter((l) => l.trim() !== '');
	const byReason = noReasons();
	const customers = new Map<string, CustomerFacts>();
	let used = 0;
	let first = Infinity;
	let last = -Infinity;
	for (const line of lines) {
		const [id, day] = line.split(',');
		const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
		const ms = date ? Date.UTC(+date[1], +date[2] - 1, +date[3]) : NaN;
		if (MISSING_IDS.includes(id.trim().toLowerCase())) byReason.missing_customer++;
		else if (!date || new Date(ms).getUTCDate() !== +date[3]) byReason.bad_date++;
		else if (ms > utc(today)) byReason.future_date++;
		else {
			used++;
			first = Math.min(first, ms);
			last = Math.max(last, ms);
			const c = customers.get(id) ?? { customer: id, rows: 0, orders: 0, net: 0 };
			c.rows++;
			c.orders++;
			c.net += amount;
			customers.set(id, c);
		}
	}
	return {
		rowsRead: lines.length,
		rowsUsed: used,
		byReason,
		refundsNetted: 0,
		customers: customers.size,
		orders: used,
		totalAmount: used * amount,
		firstOrder: first,
		lastOrder: last,
		perCustomer: [...customers.values()].sort((a, b) => (a.customer < b.customer ? -1 : 1))
	};
}

describe('groceryElog.csv (customer and date only, no amount)', () => {
	const text = dataText(GROCERY);
	/** The same rows with a unit amount column, as a person would add one to load an event log. */
	const withAmount = () => {
		const [header, ...rows] = text.trimEnd().split('\n');
		const lines = [`${header},amount`, ...rows.map((row) => `${row},1`)];
		return textFile('groceryElog.csv', lines.join('\n') + '\n');
	};

	it('opens with customer and date mapped, and asks for an amount', async () => {
		const opened = await engine.openFile(dataFile(GROCERY), {});
		expect(opened).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',' });
		expect(opened.columns).toEqual(['cust', 'date']);
		expect(opened.guess.draft).toMatchObject({
			customerId: 'cust',
			orderDate: 'date',
			amount: null,
			quantity: null,
			unitPrice: null,
			orderId: null,
			dateFormat: 'iso'
		});
		let refused: unknown;
		try {
			parseMapping({ ...opened.guess.draft, today: TODAY }, opened.columns);
		} catch (error) {
			refused = error;
		}
		expect(refused).toBeInstanceOf(MappingError);
		expect((refused as MappingError).field).toBe('amount');
	});

	it('the independent count agrees with SOURCE.md', () => {
		const all = groceryExpected(text, 1, TODAY);
		expect([all.rowsRead, all.rowsUsed, all.customers]).toEqual([10483, 10483, 1525]);
		expect([all.firstOrder, all.lastOrder]).toEqual([utc('2006-01-01'), utc('2007-12-30')]);
		expect(groceryExpected(text, 1, '2006-12-31').rowsUsed).toBe(7094);
	});

	it('with a unit amount, every row is used and every customer kept', async () => {
		const { report } = await load(withAmount());
		await expectReport(report, groceryExpected(text, 1, TODAY));
		expect([report.rowsRead, report.rowsUsed, report.customers]).toEqual([10483, 10483, 1525]);
		await expectCustomers(groceryExpected(text, 1, TODAY).perCustomer);
	});

	it('with today at the calibration end, 2006-12-31, the later rows are set aside', async () => {
		const { report } = await load(withAmount(), '2006-12-31');
		const expected = groceryExpected(text, 1, '2006-12-31');
		await expectReport(report, expected);
		expect(report.rowsRead).toBe(report.rowsUsed + report.rowsSetAside);
		expect([report.rowsUsed, report.byReason.future_date]).toEqual([7094, 10483 - 7094]);
		await expectCustomers(expected.perCustomer);
	});
});
