/**
 * ABC (Pareto) classes on the real engine, against shares worked out by hand from the
 * definitions (comments below), not copied from a run. Longer than 300 lines: every measure,
 * subject and crossing convention is worked out on the one fixture, which splitting would copy.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeEngine, textFile } from '../helpers/node-engine';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import { parseMapping } from '../../src/ingest/mapping';
import { ABC_DEFAULTS, parseAbcConfig } from '../../src/analyses/abc/config';
import { abcQuery, ABC_COLUMNS } from '../../src/analyses/abc/query';
import { decodeConfig, encodeConfig } from '../../src/state/url-codec';

/*
 * 17 rows, 10 customers. Net revenue: K01 450, K02 250, K03 150 (one order, two lines),
 * K04 60 (three orders), K05 40 and K06 40 (a tie; K06's rows come first in the file),
 * K07 5 and K10 5 (a tie), K08 0 (40 then a refund of -40), K09 -20 (10 then a refund of -30).
 * Positive revenue adds up to 1000.
 */
const CSV = `order_id,customer_id,order_date,amount,product_id,quantity
O1,K01,2024-01-05 10:00:00,300.00,P1,3
O2,K01,2024-02-05 10:00:00,150.00,P2,1
O3,K02,2024-01-10 10:00:00,250.00,P1,2
O4,K03,2024-01-12 10:00:00,100.00,P3,5
O4,K03,2024-01-12 10:00:00,50.00,P2,1
O5,K04,2024-02-01 10:00:00,20.00,P4,2
O6,K04,2024-02-15 10:00:00,20.00,P4,2
O7,K04,2024-03-01 10:00:00,20.00,P4,2
O8,K06,2024-02-20 10:00:00,40.00,P5,4
O9,K05,2024-02-21 10:00:00,25.00,P3,1
O10,K05,2024-03-02 10:00:00,15.00,P5,1
O11,K07,2024-03-03 10:00:00,5.00,P6,1
O12,K10,2024-03-04 10:00:00,5.00,P6,1
O13,K08,2024-03-05 10:00:00,40.00,P2,1
O13,K08,2024-03-06 10:00:00,-40.00,P2,-1
O14,K09,2024-03-07 10:00:00,10.00,P7,1
O14,K09,2024-03-08 10:00:00,-30.00,P7,-3
`;

let engine: EngineApi;

beforeAll(async () => {
	engine = await startNodeEngine();
	const opened = await engine.openFile(textFile('abc.csv', CSV), {});
	const mapping = parseMapping({ ...opened.guess.draft, today: '2030-01-01' }, opened.columns);
	expect([mapping.customerId, mapping.productId, mapping.quantity]).toEqual([
		'customer_id',
		'product_id',
		'quantity'
	]);
	const report = await engine.normalise(mapping);
	expect([report.rowsUsed, report.refundsNetted, report.customers]).toEqual([17, 2, 10]);
});

/** Runs the ABC query for a raw config; shares are rounded to 6 places for exact comparison. */
async function abc(input: unknown, hasProducts = true): Promise<Record<string, unknown>[]> {
	const text = abcQuery(parseAbcConfig(input, hasProducts)).text;
	await engine.query('CREATE OR REPLACE TABLE abc AS ' + text);
	const rows = await rowsOf(engine, 'SELECT * FROM abc ORDER BY rank');
	return rows.map((r) => ({
		...r,
		cumulative_share: Math.round(Number(r.cumulative_share) * 1e6) / 1e6
	}));
}

/** A literal table in ABC_COLUMNS order as plain objects. */
function table(rows: [string, number, number, number, string][]): Record<string, unknown>[] {
	return rows.map(([id, measure, rank, share, cls]) => ({
		id,
		measure,
		rank,
		cumulative_share: share,
		class: cls
	}));
}

describe('cumulative method', () => {
	it('classes customers by revenue: the item crossing 80 % is A, ties by id, net ≤ 0 is C', async () => {
		// Sorted by revenue desc, id asc. Running totals 450 700 850 910 950 990 995 1000 1000 1000.
		// Share before each item: 0, .45, .70, .85, .91, .95, .99, .995, 1, 1.
		// K03 goes from 70 % to 85 %: its share before is under 80 % → A. K05 and K06 tie at 40:
		// K05 comes first (id) with 91 % before → B; K06 has exactly 95 % before → C.
		const rows = await abc({});
		expect(rows).toEqual(
			table([
				['K01', 450, 1, 0.45, 'A'],
				['K02', 250, 2, 0.7, 'A'],
				['K03', 150, 3, 0.85, 'A'],
				['K04', 60, 4, 0.91, 'B'],
				['K05', 40, 5, 0.95, 'B'],
				['K06', 40, 6, 0.99, 'C'],
				['K07', 5, 7, 0.995, 'C'],
				['K10', 5, 8, 1, 'C'],
				['K08', 0, 9, 1, 'C'],
				['K09', -20, 10, 1, 'C']
			])
		);
	});

	it('has exactly the documented columns, in order', async () => {
		expect([...ABC_COLUMNS]).toEqual(['id', 'measure', 'rank', 'cumulative_share', 'class']);
		const rows = await abc({});
		expect(Object.keys(rows[0])).toEqual([...ABC_COLUMNS]);
	});

	it('counts distinct orders (a refund is not an order)', async () => {
		// Orders: K04 3; K01 2, K05 2; everyone else 1 (K08 and K09's refunds add nothing). Total 14.
		// Running 3 5 7 8 9 10 11 12 13 14; shares before: 0, 3/14, 5/14, 7/14, 8/14, 9/14,
		// 10/14, 11/14 (.786 → A), 12/14 (.857 → B), 13/14 (.929 → B).
		const rows = await abc({ measure: 'orders' });
		expect(rows).toEqual(
			table([
				['K04', 3, 1, 0.214286, 'A'],
				['K01', 2, 2, 0.357143, 'A'],
				['K05', 2, 3, 0.5, 'A'],
				['K02', 1, 4, 0.571429, 'A'],
				['K03', 1, 5, 0.642857, 'A'],
				['K06', 1, 6, 0.714286, 'A'],
				['K07', 1, 7, 0.785714, 'A'],
				['K08', 1, 8, 0.857143, 'A'],
				['K09', 1, 9, 0.928571, 'B'],
				['K10', 1, 10, 1, 'B']
			])
		);
	});

	it('sums quantities (refunded units count against them)', async () => {
		// K01 3+1 = 4, K02 2, K03 5+1 = 6, K04 6, K05 2, K06 4, K07 1, K10 1, K08 1-1 = 0, K09 1-3 = -2.
		// Sorted: K03 6, K04 6, K01 4, K06 4, K02 2, K05 2, K07 1, K10 1, K08 0, K09 -2; positive total 26.
		// Running 6 12 16 20 22 24 25 26; shares before 0, 6/26, 12/26, 16/26, 20/26 (.769 → A),
		// 22/26 (.846 → B), 24/26 (.923 → B), 25/26 (.962 → C).
		const rows = await abc({ measure: 'quantity' });
		expect(rows).toEqual(
			table([
				['K03', 6, 1, 0.230769, 'A'],
				['K04', 6, 2, 0.461538, 'A'],
				['K01', 4, 3, 0.615385, 'A'],
				['K06', 4, 4, 0.769231, 'A'],
				['K02', 2, 5, 0.846154, 'A'],
				['K05', 2, 6, 0.923077, 'B'],
				['K07', 1, 7, 0.961538, 'B'],
				['K10', 1, 8, 1, 'C'],
				['K08', 0, 9, 1, 'C'],
				['K09', -2, 10, 1, 'C']
			])
		);
	});

	it('classes products by revenue', async () => {
		// P1 300+250 = 550, P2 150+50+40-40 = 200, P3 100+25 = 125, P4 60, P5 40+15 = 55,
		// P6 5+5 = 10, P7 10-30 = -20. Running 550 750 875 935 990 1000; shares before 0, .55,
		// .75 (P3 crosses 80 % → A), .875 (B), .935 (B), .99 (C); P7 is negative → C.
		const rows = await abc({ subject: 'products', xyz: false });
		expect(rows).toEqual(
			table([
				['P1', 550, 1, 0.55, 'A'],
				['P2', 200, 2, 0.75, 'A'],
				['P3', 125, 3, 0.875, 'A'],
				['P4', 60, 4, 0.935, 'B'],
				['P5', 55, 5, 0.99, 'B'],
				['P6', 10, 6, 1, 'C'],
				['P7', -20, 7, 1, 'C']
			])
		);
	});

	it('splits products by the variability of monthly quantity (XYZ)', async () => {
		// Months Jan, Feb, Mar; net quantity per month, CoV = population sd / mean:
		// P1 5,0,0 → 1.4142 Z; P2 1,1,0 (March's sale refunded) → 0.7071 Y; P3 5,1,0 → 1.0801 Z;
		// P4 0,4,2 → 0.8165 Y; P5 0,4,1 → 1.0198 Z; P6 0,0,2 → 1.4142 Z; P7 0,0,-2 → -1.4142,
		// more returned than sold → Z.
		await engine.query(
			`CREATE OR REPLACE TABLE abc AS ${abcQuery(parseAbcConfig({ subject: 'products' })).text}`
		);
		const rows = await rowsOf(engine, 'SELECT id, class, cov, xyz FROM abc ORDER BY id');
		expect(rows).toEqual([
			{ id: 'P1', class: 'A', cov: 1.4142, xyz: 'Z' },
			{ id: 'P2', class: 'A', cov: 0.7071, xyz: 'Y' },
			{ id: 'P3', class: 'A', cov: 1.0801, xyz: 'Z' },
			{ id: 'P4', class: 'B', cov: 0.8165, xyz: 'Y' },
			{ id: 'P5', class: 'B', cov: 1.0198, xyz: 'Z' },
			{ id: 'P6', class: 'C', cov: 1.4142, xyz: 'Z' },
			{ id: 'P7', class: 'C', cov: -1.4142, xyz: 'Z' }
		]);
		const tighter = parseAbcConfig({ subject: 'products', xBound: 0.75, yBound: 1.05 });
		await engine.query(`CREATE OR REPLACE TABLE abc AS ${abcQuery(tighter).text}`);
		expect(
			(await rowsOf(engine, "SELECT string_agg(xyz, '' ORDER BY id) AS s FROM abc"))[0].s
		).toBe('ZXZYYZZ');
	});

	it('keeps only rows inside the window (inclusive days)', async () => {
		// 2024-03-01 .. 2024-03-05: O7 (K04 20), O10 (K05 15), O11 (K07 5), O12 (K10 5) and
		// O13 (K08 40 − 40 = 0: its refund, booked 03-06, counts on the order's day 03-05).
		// Total 45; running 20 35 40 45 45; shares before 0, 20/45, 35/45 (.778 → A),
		// 40/45 (.889 → B); K08's 0 is C.
		const rows = await abc({ windowStart: '2024-03-01', windowEnd: '2024-03-05' });
		expect(rows).toEqual(
			table([
				['K04', 20, 1, 0.444444, 'A'],
				['K05', 15, 2, 0.777778, 'A'],
				['K07', 5, 3, 0.888889, 'A'],
				['K10', 5, 4, 1, 'B'],
				['K08', 0, 5, 1, 'C']
			])
		);
	});
});

describe('cumulative method, the crossing item in the next class', () => {
	it('puts the customer crossing 80 % in B, and one ending exactly on 95 % still in B', async () => {
		// Cumulative shares (the running total with the item itself) from the first test:
		// .45 .70 .85 .91 .95 .99 .995 1 1 1. An item is A when its share is ≤ .80, B when ≤ .95:
		// K01 .45 and K02 .70 are A; K03 (.70 → .85) crosses 80 % and is B, where the default
		// keeps it in A; K04 .91 is B; K05 ends exactly on 95 % (950 of 1000) and is B; K06 .99
		// and everyone after is C (K08 and K09 also because their revenue is not positive).
		const rows = await abc({ crossing: 'next' });
		expect(rows).toEqual(
			table([
				['K01', 450, 1, 0.45, 'A'],
				['K02', 250, 2, 0.7, 'A'],
				['K03', 150, 3, 0.85, 'B'],
				['K04', 60, 4, 0.91, 'B'],
				['K05', 40, 5, 0.95, 'B'],
				['K06', 40, 6, 0.99, 'C'],
				['K07', 5, 7, 0.995, 'C'],
				['K10', 5, 8, 1, 'C'],
				['K08', 0, 9, 1, 'C'],
				['K09', -20, 10, 1, 'C']
			])
		);
	});

	it('leaves A empty when the largest item alone is over the A bound', async () => {
		// Products by revenue, cumulative shares .55 .75 .875 .935 .99 1 (P7 is negative), with
		// A up to 50 %. Crossing item in the next class: P1 (.55 > .50) is already B, so are
		// P2–P4 (≤ .95); P5 .99 and P6 1 are C, P7 C. The default (crossing item stays): P1 is
		// A (nothing before it), P2 has .55 before it → B, … P5 has .935 before it → B, P6 .99 → C.
		const next = await abc({ subject: 'products', xyz: false, a: 0.5, crossing: 'next' });
		expect(next.map((r) => [r.id, r.class])).toEqual([
			['P1', 'B'],
			['P2', 'B'],
			['P3', 'B'],
			['P4', 'B'],
			['P5', 'C'],
			['P6', 'C'],
			['P7', 'C']
		]);
		const within = await abc({ subject: 'products', xyz: false, a: 0.5 });
		expect(within.map((r) => r.class).join('')).toBe('ABBBBCC');
	});

	it('does not change the rank method', async () => {
		const [plain, next] = [
			await abc({ method: 'rank' }),
			await abc({ method: 'rank', crossing: 'next' })
		];
		expect(next).toEqual(plain);
	});
});

describe('rank method', () => {
	it('classes by rank: top 30 % A, next 40 % B, measure ≤ 0 always C', async () => {
		// n = 10: ranks 1–3 A, 4–7 B, 8–10 C.
		const rows = await abc({ method: 'rank' });
		expect(rows.map((r) => [r.id, r.rank, r.class])).toEqual([
			['K01', 1, 'A'],
			['K02', 2, 'A'],
			['K03', 3, 'A'],
			['K04', 4, 'B'],
			['K05', 5, 'B'],
			['K06', 6, 'B'],
			['K07', 7, 'B'],
			['K10', 8, 'C'],
			['K08', 9, 'C'],
			['K09', 10, 'C']
		]);
	});

	it('puts a non-positive item in C even when its rank is within A', async () => {
		// a = 0.9, b = 0.95: ranks ≤ 9 would be A, but K08 (0) and K09 (-20) are C.
		const rows = await abc({ method: 'rank', a: 0.9, b: 0.95 });
		expect(rows.map((r) => r.class)).toEqual(['A', 'A', 'A', 'A', 'A', 'A', 'A', 'A', 'C', 'C']);
	});
});

describe('config', () => {
	it('defaults to 80 / 95 % of revenue by customer', () => {
		expect(parseAbcConfig(undefined)).toEqual({
			subject: 'customers',
			measure: 'revenue',
			method: 'cumulative',
			a: 0.8,
			b: 0.95,
			crossing: 'within',
			windowStart: null,
			windowEnd: null,
			xyz: true,
			xBound: 0.5,
			yBound: 1
		});
		expect(ABC_DEFAULTS).toEqual(parseAbcConfig({}));
	});

	it('defaults the rank method to 30 % / 70 % of the population', () => {
		expect(parseAbcConfig({ method: 'rank' })).toMatchObject({ a: 0.3, b: 0.7 });
	});

	it.each([
		// [input a, input b, a, b]
		[0.9, 0.5, 0.9, 0.91],
		[0.8, 0.8, 0.8, 0.81],
		[5, -1, 0.98, 0.99],
		[0, 0.5, 0.01, 0.5],
		[-3, 2, 0.01, 0.99],
		['0.6', '0.9', 0.6, 0.9],
		['abc', Number.NaN, 0.8, 0.95],
		[Number.POSITIVE_INFINITY, null, 0.8, 0.95]
	])('a = %j, b = %j gives a = %j < b = %j', (a, b, wantA, wantB) => {
		const c = parseAbcConfig({ a, b });
		expect(c.a).toBeCloseTo(wantA, 10);
		expect(c.b).toBeCloseTo(wantB, 10);
		expect(c.a).toBeLessThan(c.b);
	});

	it('rejects unknown subjects, measures and methods, and bad dates', () => {
		expect(
			parseAbcConfig({
				subject: "customers'; --",
				measure: 'profit',
				method: 'RANK',
				crossing: 'NEXT',
				windowStart: '2024-13-01',
				windowEnd: "2024-01-01' OR 1=1"
			})
		).toEqual(ABC_DEFAULTS);
	});

	it('keeps the crossing convention it is given, and the crossing item in A by default', () => {
		expect(parseAbcConfig({ crossing: 'next' }).crossing).toBe('next');
		expect(parseAbcConfig({ crossing: 'within' }).crossing).toBe('within');
		expect(parseAbcConfig({ crossing: 1 }).crossing).toBe('within');
		expect(ABC_DEFAULTS.crossing).toBe('within');
	});

	it('keeps the crossing convention in a shared link', async () => {
		const fragment = await encodeConfig({
			version: 2,
			language: 'en',
			mapping: { customerId: 'customer_id', orderDate: 'order_date', amount: 'amount' },
			cells: { abc: { ...ABC_DEFAULTS, crossing: 'next' } },
			custom: []
		});
		const decoded = await decodeConfig(`#${fragment}`);
		expect(parseAbcConfig(decoded?.cells.abc).crossing).toBe('next');
	});

	it('uses customers when no product column is mapped', () => {
		expect(parseAbcConfig({ subject: 'products' }, false).subject).toBe('customers');
		expect(parseAbcConfig({ subject: 'products' }, true).subject).toBe('products');
	});
});
