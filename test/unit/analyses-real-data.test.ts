/**
 * RFM, ABC, cohorts and lifecycle stages on the real CDNOW sample and the Online Retail
 * 400-customer subset, checked for every customer and every cohort cell against plain
 * TypeScript over the files' own rows. The expected side parses the files itself, cleans them
 * as the data sets' SOURCE.md files describe and applies the definitions written out below. It
 * never calls Segmenta's SQL builders and never reads the engine's tables. Both files have whole
 * quantities and at most two decimals, so the expected side works in integer cents, and every
 * sum, rounding and share on it is exact.
 *
 * Definitions (the defaults of each analysis):
 * - A purchase is a row with amount ≥ 0. A refund (amount < 0) counts in net spend but is not
 *   an order and does not move the last purchase date.
 * - Analysis date = the day after the last purchase day. Rows on or after it are ignored.
 * - RFM: recency_days = analysis date − last purchase day; frequency = distinct order ids of
 *   purchase rows (CDNOW has no order id, so each row is its own order); monetary = net spend
 *   rounded to cents. Only customers with a purchase appear. Scores (5 bins):
 *   min(5, 1 + floor(5 (rank − 1) / (N − 1))), where rank = 1 + the number of customers
 *   strictly worse (smaller F or M; more days of recency).
 * - ABC (customers, revenue, cumulative): measure = net spend in cents over all rows, sorted
 *   largest first with ties by id; with P = the positive part, A while
 *   P(before) / P(all) < 0.8, B while it is < 0.95, else C. A measure ≤ 0 is always C.
 * - Cohorts (month, bracket): cohort = month of the first purchase. For each month k from 0 up
 *   to the month of the data's last row: active = cohort members with a purchase in month
 *   cohort + k; retention = active / size rounded half up to 4 decimals.
 * - Lifecycle (30 / 90 / 180 days, 3 orders), from purchases before the analysis date:
 *   churned if the last purchase is more than 180 days old, at risk if more than 90, new if the
 *   first is at most 30 days old, reactivated if the last two distinct purchase days are more
 *   than 180 days apart, loyal with at least 3 orders, otherwise active.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeEngine } from '../helpers/node-engine';
import { dataFile, dataText } from '../helpers/data';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import type { QualityReport } from '../../src/ingest/reasons';
import { parseMapping, type Mapping } from '../../src/ingest/mapping';
import { parseRfmConfig } from '../../src/analyses/rfm/config';
import { rfmQuery } from '../../src/analyses/rfm/query';
import { parseAbcConfig } from '../../src/analyses/abc/config';
import { abcQuery } from '../../src/analyses/abc/query';
import { parseCohortConfig } from '../../src/analyses/cohort/config';
import { cohortQuery } from '../../src/analyses/cohort/query';
import { parseLifecycleConfig } from '../../src/analyses/lifecycle/config';
import { lifecycleQuery } from '../../src/analyses/lifecycle/query';

// Files in test/data (see the SOURCE.md beside each).
const CDNOW_SAMPLE = 'cdnow-lifetimes/CDNOW_sample.txt.gz';
const CDNOW_SUMMARY = 'cdnow-lifetimes/cdnow_customers_summary.csv';
const RETAIL_SUBSET = 'online-retail-uci-customer-subset/online_retail_400_customers.csv.gz';
const TODAY = '2025-01-01';
const MISSING_IDS = ['', 'na', 'n/a', 'null', 'none', '-', '#n/a', 'nan'];
const MS_PER_DAY = 86_400_000;

type Rec = Record<string, unknown>;

/** One usable row: days since 1970-01-01, months since year 0, amount in cents. */
interface Row {
	customer: string;
	order: string;
	day: number;
	month: number;
	cents: number;
}

function dayNumber(y: number, m: number, d: number): number {
	const ms = Date.UTC(y, m - 1, d);
	if (new Date(ms).getUTCDate() !== d) throw new Error(`no such day ${y}-${m}-${d}`);
	return ms / MS_PER_DAY;
}

function isoDay(value: unknown): string {
	const d = value instanceof Date ? value : new Date(Number(value));
	return d.toISOString().slice(0, 10);
}

function monthLabel(month: number): string {
	return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`;
}

/** `12.34`, `-5`, `0.5` → cents, exactly; anything else is a bug in the file or here. */
function cents(text: string): number {
	const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim());
	if (!m) throw new Error(`not an amount: ${text}`);
	const value = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
	return m[1] ? -value : value;
}

function rowOn(customer: string, order: string, y: number, mo: number, d: number, c: number): Row {
	return { customer, order, day: dayNumber(y, mo, d), month: y * 12 + mo - 1, cents: c };
}

/** CDNOW_sample.txt: `id_total id_sample yyyymmdd cds dollars`, no header, no order id. */
function cdnowRows(path: string): Row[] {
	const lines = dataText(path)
		.split(/\r?\n/)
		.filter((l) => l.trim() !== '');
	return lines.map((line, i) => {
		const [id, , date, , dollars] = line.trim().split(/\s+/);
		const [y, m, d] = [date.slice(0, 4), date.slice(4, 6), date.slice(6, 8)].map(Number);
		return rowOn(id, `line ${i + 1}`, y, m, d, cents(dollars));
	});
}

/** RFC 4180 fields: quotes only where needed, `""` inside quotes. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch !== '"') field += ch;
			else if (text[i + 1] === '"') {
				field += '"';
				i++;
			} else quoted = false;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			row.push(field);
			field = '';
		} else if (ch === '\n') {
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else if (ch !== '\r') field += ch;
	}
	if (field !== '' || row.length) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}

/**
 * Online Retail, cleaned as its SOURCE.md says: ids like `14527.0` lose the `.0`, missing ids are
 * set aside, and a row repeating an earlier row in all eight fields is set aside (the ingest
 * does this whenever an order id is mapped). Amount = Quantity × UnitPrice.
 */
function retailRows(path: string): { rows: Row[]; read: number; duplicates: number } {
	const [header, ...lines] = parseCsv(dataText(path));
	const [inv, qty, date, price, cust] = [
		'InvoiceNo',
		'Quantity',
		'InvoiceDate',
		'UnitPrice',
		'CustomerID'
	].map((name) => header.indexOf(name));
	const seen = new Set<string>();
	const rows: Row[] = [];
	let duplicates = 0;
	for (const f of lines) {
		if (MISSING_IDS.includes(f[cust].trim().toLowerCase())) continue;
		const key = f.join('\u0000');
		if (seen.has(key)) {
			duplicates++;
			continue;
		}
		seen.add(key);
		const ts = /^(\d{4})-(\d{2})-(\d{2}) \d{2}:\d{2}:\d{2}$/.exec(f[date]);
		if (!ts || !/^-?\d+$/.test(f[qty])) throw new Error(`unreadable line ${f.join(',')}`);
		if (ts[0].slice(0, 10) > TODAY) continue;
		const amount = Number(f[qty]) * cents(f[price]);
		const id = f[cust].trim().replace(/\.0+$/, '');
		rows.push(rowOn(id, f[inv].trim(), +ts[1], +ts[2], +ts[3], amount));
	}
	return { rows, read: lines.length, duplicates };
}

/** The day after the last purchase day. */
function analysisDay(rows: Row[]): number {
	return Math.max(...rows.filter((r) => r.cents >= 0).map((r) => r.day)) + 1;
}

function groupBy(rows: Row[]): Map<string, Row[]> {
	const out = new Map<string, Row[]>();
	for (const r of rows) {
		const own = out.get(r.customer);
		if (own) own.push(r);
		else out.set(r.customer, [r]);
	}
	return out;
}

/** 5-bin quantile scores of `values` (higher is better), ties sharing the lowest rank. */
function scores(values: number[]): number[] {
	const sorted = [...values].sort((a, b) => a - b);
	const rank = new Map<number, number>();
	sorted.forEach((v, i) => rank.has(v) || rank.set(v, i + 1));
	const n = values.length;
	return values.map((v) =>
		n === 1 ? 1 : Math.min(5, 1 + Math.floor((5 * (rank.get(v)! - 1)) / (n - 1)))
	);
}

function expectedRfm(rows: Row[]): Rec[] {
	const asOf = analysisDay(rows);
	const customers = [...groupBy(rows.filter((r) => r.day < asOf))]
		.map(([id, own]) => {
			const bought = own.filter((r) => r.cents >= 0);
			return {
				customer_id: id,
				recency_days: asOf - Math.max(...bought.map((r) => r.day)),
				frequency: new Set(bought.map((r) => r.order)).size,
				cents: own.reduce((s, r) => s + r.cents, 0)
			};
		})
		.filter((c) => c.frequency > 0);
	const r = scores(customers.map((c) => -c.recency_days));
	const f = scores(customers.map((c) => c.frequency));
	const m = scores(customers.map((c) => c.cents));
	return customers.map(({ cents: spend, ...c }, i) => ({
		...c,
		monetary: spend / 100,
		r_score: r[i],
		f_score: f[i],
		m_score: m[i]
	}));
}

function expectedAbc(rows: Row[]): (Rec & { share: number })[] {
	const items = [...groupBy(rows)]
		.map(([id, own]) => ({ id, c: own.reduce((s, r) => s + r.cents, 0) }))
		.sort((a, b) => b.c - a.c || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
	const total = items.reduce((s, x) => s + Math.max(x.c, 0), 0);
	let before = 0;
	return items.map(({ id, c }, i) => {
		let cls = 'C';
		if (c > 0 && 10 * before < 8 * total) cls = 'A';
		else if (c > 0 && 100 * before < 95 * total) cls = 'B';
		before += Math.max(c, 0);
		return { id, measure: c / 100, rank: i + 1, class: cls, share: before / total };
	});
}

function expectedCohorts(rows: Row[]): Rec[] {
	const lastMonth = Math.max(...rows.map((r) => r.month));
	const members = new Map<number, string[]>();
	const active = new Set<string>();
	for (const [id, own] of groupBy(rows.filter((r) => r.cents >= 0))) {
		const first = Math.min(...own.map((r) => r.month));
		members.set(first, [...(members.get(first) ?? []), id]);
		for (const r of own) active.add(`${id} ${r.month}`);
	}
	const cells: Rec[] = [];
	for (const [cohort, ids] of [...members].sort((a, b) => a[0] - b[0])) {
		for (let k = 0; cohort + k <= lastMonth; k++) {
			const n = ids.filter((id) => active.has(`${id} ${cohort + k}`)).length;
			cells.push({
				cohort: monthLabel(cohort),
				period: k,
				cohort_size: ids.length,
				active_customers: n,
				retention: Math.floor((2 * n * 10_000 + ids.length) / (2 * ids.length)) / 10_000
			});
		}
	}
	return cells;
}

function expectedStages(rows: Row[]): Rec[] {
	const asOf = analysisDay(rows);
	const bought = rows.filter((r) => r.cents >= 0 && r.day < asOf);
	return [...groupBy(bought)].map(([id, own]) => {
		const days = [...new Set(own.map((r) => r.day))].sort((a, b) => a - b);
		const [first, last] = [days[0], days[days.length - 1]];
		const gap = days.length > 1 ? last - days[days.length - 2] : null;
		const orders = new Set(own.map((r) => r.order)).size;
		const since = asOf - last;
		let stage = 'active';
		if (since > 180) stage = 'churned';
		else if (since > 90) stage = 'at_risk';
		else if (asOf - first <= 30) stage = 'new';
		else if (gap !== null && gap > 180) stage = 'reactivated';
		else if (orders >= 3) stage = 'loyal';
		return { customer_id: id, orders, days_since_last: since, stage };
	});
}

/** Every field of every expected row, compared with `===` (so 0 and -0 agree); capped list. */
function expectSame(actual: Rec[], expected: Rec[], key: string[]) {
	const id = (r: Rec) => key.map((k) => String(r[k])).join(' / ');
	const byId = new Map(actual.map((r) => [id(r), r]));
	const wrong: string[] = [];
	for (const e of expected) {
		const a = byId.get(id(e));
		byId.delete(id(e));
		if (!a) wrong.push(`${id(e)}: missing`);
		else
			for (const [f, v] of Object.entries(e)) {
				if (a[f] !== v) wrong.push(`${id(e)}: ${f} is ${String(a[f])}, expected ${String(v)}`);
			}
	}
	for (const k of byId.keys()) wrong.push(`${k}: not expected`);
	expect({ wrong: wrong.length, first: wrong.slice(0, 20) }).toEqual({ wrong: 0, first: [] });
}

let engine: EngineApi;

beforeAll(async () => {
	engine = await startNodeEngine();
});

/** What the engine computed for one file (read at once: the next file replaces `transactions`). */
interface Analysed {
	mapping: Mapping;
	report: QualityReport;
	rfm: Rec[];
	abc: Rec[];
	cohorts: Rec[];
	lifecycle: Rec[];
}

async function analyse(path: string): Promise<Analysed> {
	const opened = await engine.openFile(dataFile(path), {});
	const mapping = parseMapping({ ...opened.guess.draft, today: TODAY }, opened.columns);
	const report = await engine.normalise(mapping);
	const table = async (name: string, text: string) => {
		await engine.query(`CREATE OR REPLACE TABLE ${name} AS ${text}`);
		return rowsOf(engine, `SELECT * FROM ${name}`);
	};
	const cohorts = await table('cohorts', cohortQuery(parseCohortConfig({})).text);
	return {
		mapping,
		report,
		rfm: await table('rfm', rfmQuery(parseRfmConfig({})).text),
		abc: await table('abc', abcQuery(parseAbcConfig({})).text),
		cohorts: cohorts.map((c) => ({ ...c, cohort: isoDay(c.cohort) })),
		lifecycle: await table('lifecycle', lifecycleQuery(parseLifecycleConfig({})).text)
	};
}

const pick = (rows: Rec[], cols: string[]) =>
	rows.map((r) => Object.fromEntries(cols.map((c) => [c, r[c]])));

/** The four comparisons, the same for every file. */
function agreesEverywhere(get: () => { rows: Row[]; got: Analysed }) {
	it('RFM: every customer’s recency, frequency, monetary value and R/F/M scores', () => {
		const { rows, got } = get();
		expectSame(got.rfm, expectedRfm(rows), ['customer_id']);
	});

	it('RFM’s table is stored in customer id order (its pages show it so without a sort)', () => {
		const ids = get().got.rfm.map((r) => String(r.customer_id));
		expect(ids).toEqual([...ids].sort());
	});

	it('ABC: every customer’s class, rank and measure (and the cumulative share)', () => {
		const { rows, got } = get();
		const expected = expectedAbc(rows);
		expectSame(
			got.abc,
			expected.map(({ share: _, ...e }) => e),
			['id']
		);
		const byId = new Map(got.abc.map((a) => [a.id, Number(a.cumulative_share)]));
		const off = expected.filter((e) => !(Math.abs(byId.get(e.id)! - e.share) <= 5.01e-7));
		expect(off.map((e) => e.id)).toEqual([]);
	});

	it('cohorts: every cell’s size, active customers and retention', () => {
		const { rows, got } = get();
		const cols = ['cohort', 'period', 'cohort_size', 'active_customers', 'retention'];
		expectSame(pick(got.cohorts, cols), expectedCohorts(rows), ['cohort', 'period']);
	});

	it('lifecycle: every customer’s stage, orders and days since the last purchase', () => {
		const { rows, got } = get();
		expectSame(got.lifecycle, expectedStages(rows), ['customer_id']);
	});
}

/** Customers per calendar month of the engine's cohort table: the sum over cohorts. */
function activePerMonth(cohorts: Rec[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const c of cohorts) {
		const [y, m] = String(c.cohort).split('-').map(Number);
		const month = monthLabel(y * 12 + m - 1 + Number(c.period)).slice(0, 7);
		out[month] = (out[month] ?? 0) + Number(c.active_customers);
	}
	return out;
}

describe('CDNOW_sample.txt', () => {
	const ctx = {} as { rows: Row[]; got: Analysed };
	beforeAll(async () => {
		ctx.rows = cdnowRows(CDNOW_SAMPLE);
		ctx.got = await analyse(CDNOW_SAMPLE);
	});

	it('loads with the automatic mapping and uses every row (SOURCE.md: 6,919 rows)', () => {
		const { mapping, report } = ctx.got;
		expect([mapping.customerId, mapping.orderDate, mapping.amount, mapping.orderId]).toEqual([
			'column0',
			'column2',
			'column4',
			null
		]);
		expect(ctx.rows.length).toBe(6919);
		expect(new Set(ctx.rows.map((r) => r.customer)).size).toBe(2357);
		expect([report.rowsUsed, report.customers]).toEqual([6919, 2357]);
		// SOURCE.md: dates run 1997-01-01..1998-06-30, so the analysis date is 1998-07-01.
		expect(isoDay(analysisDay(ctx.rows) * MS_PER_DAY)).toBe('1998-07-01');
	});

	agreesEverywhere(() => ctx);

	it('every customer is in RFM and the cohorts are Jan–Mar 1997 (SOURCE.md: no refunds)', () => {
		const { rfm, cohorts } = ctx.got;
		expect(rfm.length).toBe(2357);
		const starts = cohorts.filter((c) => c.period === 0).map((c) => c.cohort);
		expect(starts).toEqual(['1997-01-01', '1997-02-01', '1997-03-01']);
		// Through June 1998: 18 + 17 + 16 cells.
		expect(cohorts.length).toBe(51);
	});

	it('first purchases and cohort sizes agree with the published summary', () => {
		// T = weeks from the first purchase to 1997-09-30, rounded to 2 decimals (SOURCE.md).
		// cdnow_customers_summary.csv is keyed by id_sample (column 2 of the sample file).
		const toTotal = new Map(
			dataText(CDNOW_SAMPLE)
				.split(/\r?\n/)
				.filter((l) => l.trim())
				.map((l) => l.trim().split(/\s+/))
				.map(([total, sample]) => [String(Number(sample)), total])
		);
		const end = dayNumber(1997, 9, 30);
		const published = new Map(
			dataText(CDNOW_SUMMARY)
				.trim()
				.split(/\r?\n/)
				.slice(1)
				.map((l) => l.split(','))
				.map(([id, , , t]) => [toTotal.get(id)!, end - Math.round(Number(t) * 7)])
		);
		expect(published.size).toBe(2357);
		const firsts = ctx.got.lifecycle.map((c) => [
			c.customer_id,
			Math.round(new Date(isoDay(c.first_purchase)).getTime() / MS_PER_DAY)
		]);
		expect(firsts.filter(([id, d]) => published.get(String(id)) !== d)).toEqual([]);
		const perMonth: Record<string, number> = {};
		for (const d of published.values()) {
			const month = isoDay(d * MS_PER_DAY).slice(0, 7) + '-01';
			perMonth[month] = (perMonth[month] ?? 0) + 1;
		}
		const sizes = ctx.got.cohorts.filter((c) => c.period === 0);
		expect(Object.fromEntries(sizes.map((c) => [c.cohort, c.cohort_size]))).toEqual(perMonth);
	});
});

describe('online_retail_400_customers.csv', () => {
	const ctx = {} as { rows: Row[]; got: Analysed; read: number; duplicates: number };
	beforeAll(async () => {
		Object.assign(ctx, retailRows(RETAIL_SUBSET));
		ctx.got = await analyse(RETAIL_SUBSET);
	});

	it('loads with the automatic mapping and keeps the rows the cleaning here keeps', () => {
		const { mapping, report } = ctx.got;
		expect(mapping).toMatchObject({
			customerId: 'CustomerID',
			orderDate: 'InvoiceDate',
			amount: null,
			quantity: 'Quantity',
			unitPrice: 'UnitPrice',
			orderId: 'InvoiceNo',
			customerIdFormat: 'float-integer',
			dropDuplicates: true
		});
		// SOURCE.md: 39,016 rows, 0 missing ids, 510 exact duplicates, 400 customers.
		expect([ctx.read, ctx.duplicates, ctx.rows.length]).toEqual([39016, 510, 38506]);
		expect([report.rowsRead, report.rowsUsed, report.customers]).toEqual([39016, 38506, 400]);
		expect(isoDay(analysisDay(ctx.rows) * MS_PER_DAY)).toBe('2011-12-10');
	});

	agreesEverywhere(() => ctx);

	it('invoices per customer as published: 399 buyers, 143 with one, median 2, max 55', () => {
		const f = ctx.got.rfm.map((c) => Number(c.frequency)).sort((a, b) => a - b);
		expect(f.length).toBe(399);
		expect(f.filter((x) => x === 1).length).toBe(143);
		expect([f[199], f[f.length - 1]]).toEqual([2, 55]);
		// SOURCE.md: 13154 has only a cancellation, so it is no RFM customer; its net is the minimum.
		expect(ctx.got.rfm.some((c) => c.customer_id === '13154')).toBe(false);
		const m = ctx.got.abc.map((c) => Number(c.measure));
		expect([Math.min(...m), Math.max(...m)]).toEqual([-611.86, 27964.48]);
	});

	it('one customer is net negative, not SOURCE.md’s two: 18072 nets to exactly 0.00', () => {
		// SOURCE.md's "2 customers are net negative" sums floats: 18072's lines net to
		// -5.5e-14. In cents its net is 0, so its measure is 0 and it is class C, not negative.
		const abc = new Map(ctx.got.abc.map((a) => [a.id, a]));
		expect(ctx.got.abc.filter((a) => Number(a.measure) < 0).map((a) => a.id)).toEqual(['13154']);
		expect([abc.get('18072')?.measure === 0, abc.get('18072')?.class]).toEqual([true, 'C']);
		expect(abc.get('13154')?.class).toBe('C');
	});

	it('cohort sizes and monthly actives match SOURCE.md', () => {
		// "Month of first non-cancelled invoice" is our first purchase month: in this file the
		// only negative amounts are the cancellations (`C` invoices), and zero-price lines are
		// purchases in both. "Active customers per month" matches our rule (a purchase row in
		// the month); counting cancellation-only months as active would give 74, 61, 72, 109, ...
		const sizes = ctx.got.cohorts.filter((c) => c.period === 0);
		const months = sizes.map((c) => String(c.cohort).slice(0, 7));
		const published = [71, 33, 43, 51, 35, 26, 18, 11, 10, 35, 35, 26, 5];
		// December 2010 (month 2010 × 12 + 11 = 24131) … December 2011.
		const allMonths = [...Array(13).keys()].map((i) => monthLabel(24131 + i).slice(0, 7));
		expect(months).toEqual(allMonths);
		expect(sizes.map((c) => c.cohort_size)).toEqual(published);
		const actives = [71, 61, 71, 106, 82, 101, 96, 89, 82, 121, 129, 141, 67];
		expect(activePerMonth(ctx.got.cohorts)).toEqual(
			Object.fromEntries(allMonths.map((m, i) => [m, actives[i]]))
		);
		expect(activePerMonth(expectedCohorts(ctx.rows))).toEqual(activePerMonth(ctx.got.cohorts));
	});
});
