/**
 * Cohort retention on the real engine, against tables worked out by hand from the
 * definitions (comments below), not copied from a run. Run with TZ=UTC.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeEngine, textFile } from '../helpers/node-engine';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import { parseMapping } from '../../src/ingest/mapping';
import { COHORT_DEFAULTS, parseCohortConfig } from '../../src/analyses/cohort/config';
import { cohortMembersQuery, cohortQuery, COHORT_COLUMNS } from '../../src/analyses/cohort/query';

/*
 * 17 rows, January to 2024-04-10 (so April is incomplete).
 * - January cohort: A1 (01-05 100, 03-10 50, 04-02 30), A2 (01-20 200, 01-25 20, and a refund
 *   of -50 on its first order dated 02-03, which counts on that order's day, 01-20), A3 (01-31
 *   23:00 41), A4 (01-12 15, 03-20 25).
 * - February cohort: B1 (02-10 60, 04-10 60), B2 (02-29 22:00 80). Nobody in it buys in March.
 * - March cohort: C1 (03-15 70), C2 (03-31 18:00 35, 04-05 12).
 * - April cohort: D1 (04-01 90).
 * - Z9 has only a refund (02-15, -10): in no cohort.
 */
const MONTHS_CSV = `order_id,customer_id,order_date,amount,product_id,quantity
T01,A1,2024-01-05 10:00:00,100.00,P1,1
T02,A2,2024-01-20 10:00:00,200.00,P2,2
T03,A2,2024-01-25 10:00:00,20.00,P1,1
T04,A3,2024-01-31 23:00:00,41.00,P3,1
T05,A4,2024-01-12 09:00:00,15.00,P1,1
T06,B1,2024-02-10 10:00:00,60.00,P2,1
T07,B2,2024-02-29 22:00:00,80.00,P3,1
T02,A2,2024-02-03 10:00:00,-50.00,P2,-1
T08,Z9,2024-02-15 10:00:00,-10.00,P1,-1
T09,A1,2024-03-10 10:00:00,50.00,P1,1
T10,C1,2024-03-15 10:00:00,70.00,P2,1
T11,C2,2024-03-31 18:00:00,35.00,P3,1
T12,A4,2024-03-20 10:00:00,25.00,P2,1
T13,A1,2024-04-02 10:00:00,30.00,P3,1
T14,B1,2024-04-10 10:00:00,60.00,P1,1
T15,D1,2024-04-01 08:00:00,90.00,P2,1
T16,C2,2024-04-05 10:00:00,12.00,P1,1
`;

/*
 * Weeks in June 2024 (06-01 is a Saturday): X1 buys Sunday 06-02 and Monday 06-03, X2 Saturday
 * 06-08 and Saturday 06-15 (the last day of data), X3 Sunday 06-09.
 */
const WEEKS_CSV = `order_id,customer_id,order_date,amount,product_id,quantity
W1,X1,2024-06-02 10:00:00,10.00,P1,1
W2,X1,2024-06-03 10:00:00,20.00,P1,1
W3,X2,2024-06-08 12:00:00,30.00,P2,1
W4,X3,2024-06-09 09:00:00,50.00,P3,1
W5,X2,2024-06-15 20:00:00,40.00,P1,1
`;

let engine: EngineApi;

beforeAll(async () => {
	engine = await startNodeEngine();
});

/** Replaces `transactions` with the rows of `csv`, mapped automatically. */
async function load(name: string, csv: string) {
	const opened = await engine.openFile(textFile(name, csv), {});
	const mapping = parseMapping({ ...opened.guess.draft, today: '2030-01-01' }, opened.columns);
	return engine.normalise(mapping);
}

/** Runs the cohort query for a raw config; the cohort comes back as yyyy-mm-dd. */
async function cohorts(input: unknown): Promise<Record<string, unknown>[]> {
	const text = cohortQuery(parseCohortConfig(input)).text;
	await engine.query('CREATE OR REPLACE TABLE cohorts AS ' + text);
	const rows = await rowsOf(engine, 'SELECT * FROM cohorts ORDER BY cohort, period');
	return rows.map((r) => ({ ...r, cohort: isoDay(r.cohort) }));
}

function isoDay(value: unknown): string {
	const d = value instanceof Date ? value : new Date(Number(value));
	return d.toISOString().slice(0, 10);
}

type Row = [string, number, number, number, number, number, number, boolean, boolean];

/** A literal table in COHORT_COLUMNS order as plain objects. */
function table(rows: Row[]): Record<string, unknown>[] {
	return rows.map((row) => Object.fromEntries(COHORT_COLUMNS.map((c, i) => [c, row[i]])));
}

describe('monthly cohorts', () => {
	beforeAll(async () => {
		const report = await load('months.csv', MONTHS_CSV);
		expect([report.rowsUsed, report.refundsNetted, report.customers]).toEqual([17, 2, 10]);
	});

	it('has exactly the documented columns, in order', async () => {
		expect([...COHORT_COLUMNS]).toEqual([
			'cohort',
			'period',
			'cohort_size',
			'active_customers',
			'retention',
			'revenue',
			'cumulative_revenue_per_customer',
			'incomplete',
			'small_cohort'
		]);
		const rows = await cohorts({});
		expect(Object.keys(rows[0])).toEqual([...COHORT_COLUMNS]);
	});

	it('gives bracket retention, revenue with the refund, every period up to April', async () => {
		// January (4): p0 all 4, 100+200+20+41+15 and A2's refund -50 (at its order) = 326;
		// p1 (Feb) nobody buys; p2 (Mar) A1 + A4, 50+25 = 75; p3 (Apr) A1, 30. Cumulative per
		// customer: 326/4 = 81.5, 81.5, 401/4 = 100.25, 431/4 = 107.75.
		// February (2): p0 140; p1 (Mar) empty → 0, not missing; p2 (Apr) B1 60. 70, 70, 100.
		// March (2): p0 105, p1 C2 12. 52.5, 58.5. April (1): 90.
		// April holds the last day of data (04-10), not its last day → incomplete.
		// minCohortSize 2: only April (1 customer) is small.
		const rows = await cohorts({ minCohortSize: 2 });
		expect(rows).toEqual(
			table([
				['2024-01-01', 0, 4, 4, 1, 326, 81.5, false, false],
				['2024-01-01', 1, 4, 0, 0, 0, 81.5, false, false],
				['2024-01-01', 2, 4, 2, 0.5, 75, 100.25, false, false],
				['2024-01-01', 3, 4, 1, 0.25, 30, 107.75, true, false],
				['2024-02-01', 0, 2, 2, 1, 140, 70, false, false],
				['2024-02-01', 1, 2, 0, 0, 0, 70, false, false],
				['2024-02-01', 2, 2, 1, 0.5, 60, 100, true, false],
				['2024-03-01', 0, 2, 2, 1, 105, 52.5, false, false],
				['2024-03-01', 1, 2, 1, 0.5, 12, 58.5, true, false],
				['2024-04-01', 0, 1, 1, 1, 90, 90, true, true]
			])
		);
	});

	it('gives unbounded retention: the share whose last purchase is in period k or later', async () => {
		// Last purchase period: A1 3, A2 0, A3 0, A4 2 → 4, 2, 2, 1 of 4.
		// B1 2, B2 0 → 2, 1, 1 of 2. C1 0, C2 1 → 2, 1 of 2. D1 0 → 1 of 1.
		const rows = await cohorts({ retention: 'unbounded' });
		expect(rows.map((r) => [r.cohort, r.period, r.active_customers, r.retention])).toEqual([
			['2024-01-01', 0, 4, 1],
			['2024-01-01', 1, 2, 0.5],
			['2024-01-01', 2, 2, 0.5],
			['2024-01-01', 3, 1, 0.25],
			['2024-02-01', 0, 2, 1],
			['2024-02-01', 1, 1, 0.5],
			['2024-02-01', 2, 1, 0.5],
			['2024-03-01', 0, 2, 1],
			['2024-03-01', 1, 1, 0.5],
			['2024-04-01', 0, 1, 1]
		]);
	});

	it('flags every cohort as small under the default minimum of 20', async () => {
		const rows = await cohorts({});
		expect(rows.map((r) => r.small_cohort)).toEqual(Array(10).fill(true));
	});

	it('groups by quarter', async () => {
		// Q1 cohort: the 8 customers who first bought in Jan–Mar. Q1 revenue 376 + (60+80-50) +
		// (50+70+35+25) = 646; Q2 (to 04-10): A1 30, B1 60, C2 12 = 102, 3 of 8 active.
		// Cumulative per customer 646/8 = 80.75, 748/8 = 93.5. Q2 cohort: D1, 90.
		// Q2 holds 04-10, not 06-30 → incomplete.
		const rows = await cohorts({ grain: 'quarter', minCohortSize: 2 });
		expect(rows).toEqual(
			table([
				['2024-01-01', 0, 8, 8, 1, 646, 80.75, false, false],
				['2024-01-01', 1, 8, 3, 0.375, 102, 93.5, true, false],
				['2024-04-01', 0, 1, 1, 1, 90, 90, true, true]
			])
		);
	});

	it('keeps only rows inside the window (inclusive days)', async () => {
		// 2024-02-01 .. 2024-03-31: A1 (03-10 50) and A4 (03-20 25) now first buy in March; A2's refund
		// counts on its order's day (01-20), outside, so A2 is in no cohort. February: B1, B2 (140).
		// March: A1, A4, C1, C2 (50+25+70+35 = 180).
		// The last day of data is 03-31 18:00, March's last day → not incomplete.
		const rows = await cohorts({
			windowStart: '2024-02-01',
			windowEnd: '2024-03-31',
			minCohortSize: 3
		});
		expect(rows).toEqual(
			table([
				['2024-02-01', 0, 2, 2, 1, 140, 70, false, true],
				['2024-02-01', 1, 2, 0, 0, 0, 70, false, true],
				['2024-03-01', 0, 4, 4, 1, 180, 45, false, false]
			])
		);
	});
});

describe('weekly cohorts', () => {
	beforeAll(async () => {
		const report = await load('weeks.csv', WEEKS_CSV);
		expect([report.rowsUsed, report.customers]).toEqual([5, 3]);
	});

	it('starts weeks on Monday by default', async () => {
		// Weeks 05-27..06-02, 06-03..06-09, 06-10..06-16. X1's first purchase (Sunday 06-02)
		// falls in the week of 05-27; X2 and X3 (Sunday 06-09) in the week of 06-03.
		// The last day (Saturday 06-15) is not the last day of its week → incomplete.
		const rows = await cohorts({ grain: 'week', minCohortSize: 2 });
		expect(rows).toEqual(
			table([
				['2024-05-27', 0, 1, 1, 1, 10, 10, false, true],
				['2024-05-27', 1, 1, 1, 1, 20, 30, false, true],
				['2024-05-27', 2, 1, 0, 0, 0, 30, true, true],
				['2024-06-03', 0, 2, 2, 1, 80, 40, false, false],
				['2024-06-03', 1, 2, 1, 0.5, 40, 60, true, false]
			])
		);
	});

	it('starts weeks on Sunday when asked', async () => {
		// Weeks 06-02..06-08 and 06-09..06-15. X1 and X2 start in the week of 06-02 (X1 buys
		// twice in it: one active customer, 10+20+30 = 60); X3 in the week of 06-09.
		// Saturday 06-15 is the last day of its week → nothing is incomplete.
		const rows = await cohorts({ grain: 'week', weekStart: 'sunday', minCohortSize: 2 });
		expect(rows).toEqual(
			table([
				['2024-06-02', 0, 2, 2, 1, 60, 30, false, false],
				['2024-06-02', 1, 2, 1, 0.5, 40, 50, false, false],
				['2024-06-09', 0, 1, 1, 1, 50, 50, false, true]
			])
		);
	});
});

describe('config', () => {
	it('falls back to the defaults for unknown values', () => {
		expect(
			parseCohortConfig({
				grain: "month'; DROP TABLE transactions; --",
				weekStart: 'saturday',
				retention: 'rolling',
				minCohortSize: 'many',
				windowStart: '2024-02-30',
				windowEnd: 20240101
			})
		).toEqual(COHORT_DEFAULTS);
	});

	it.each([
		[0, 1],
		[-5, 1],
		[2.6, 3],
		['7', 7],
		[1e9, 100_000]
	])('clamps minCohortSize %j to %j', (value, want) => {
		expect(parseCohortConfig({ minCohortSize: value }).minCohortSize).toBe(want);
	});
});

describe('the buyers behind a cohort cell', () => {
	it('lists the cohort members who bought in period k, refunds not counting as buying', async () => {
		await load('months.csv', MONTHS_CSV);
		const config = parseCohortConfig({});
		// January cohort, period 2 (March): A1 on 03-10 (50) and A4 on 03-20 (25).
		const march = await rowsOf(engine, cohortMembersQuery(config, '2024-01-01', 2).text);
		expect(march.map((r) => [r.customer_id, r.orders_in_period, r.spend_in_period])).toEqual([
			['A1', 1, 50],
			['A4', 1, 25]
		]);
		// Period 1 (February): A2's only row is a refund, so no one in the cohort bought.
		expect(await rowsOf(engine, cohortMembersQuery(config, '2024-01-01', 1).text)).toEqual([]);
	});
});

describe('cohorts by the product of the first purchase', () => {
	it('counts each period over the members already that far in', async () => {
		await load('months.csv', MONTHS_CSV);
		// First products: P1 ← A1, A4 (both January); P2 ← A2 (Jan), B1 (Feb), C1 (Mar), D1 (Apr);
		// P3 ← A3 (Jan), B2 (Feb), C2 (Mar). Period k is counted from each member's own first
		// month; the members eligible at k are those whose first month is at least k before April.
		// April (the last month, data to 04-10) is incomplete for whoever reaches it at k.
		const text = cohortQuery(
			parseCohortConfig({ cohortBy: 'first_product', minCohortSize: 3 })
		).text;
		const rows = await rowsOf(engine, `SELECT * FROM (${text}) ORDER BY cohort, period`);
		expect(
			rows.map((r) => [
				r.cohort,
				r.period,
				r.cohort_size,
				r.active_customers,
				r.retention,
				r.revenue,
				r.cumulative_revenue_per_customer,
				r.incomplete,
				r.small_cohort
			])
		).toEqual([
			// P1: A1 buys Jan, Mar, Apr; A4 Jan, Mar. Revenue 115, 0, 75, 30.
			['P1', 0, 2, 2, 1, 115, 57.5, false, true],
			['P1', 1, 2, 0, 0, 0, 57.5, false, true],
			['P1', 2, 2, 2, 1, 75, 95, false, true],
			['P1', 3, 2, 1, 0.5, 30, 110, true, true],
			// P2: k0 all four (200 + 20 + 60 + 70 + 90 = 440); k1 A2's refund only (-50), eligible
			// A2, B1, C1; k2 B1 in April, eligible A2, B1; k3 A2 alone. Every k reaches April for someone.
			['P2', 0, 4, 4, 1, 440, 110, true, false],
			['P2', 1, 3, 0, 0, -50, 130, true, false],
			['P2', 2, 2, 1, 0.5, 60, 225, true, false],
			['P2', 3, 1, 0, 0, 0, 450, true, false],
			// P3: k0 41 + 80 + 35 = 156; k1 C2's April order (12), eligible all three.
			['P3', 0, 3, 3, 1, 156, 52, false, false],
			['P3', 1, 3, 1, 0.3333, 12, 56, true, false],
			['P3', 2, 2, 0, 0, 0, 84, true, false],
			['P3', 3, 1, 0, 0, 0, 168, true, false]
		]);
	});

	it('falls back to first-purchase cohorts when no attribute is named', () => {
		expect(parseCohortConfig({ cohortBy: 'attribute' }).cohortBy).toBe('first_purchase');
		expect(parseCohortConfig({ cohortBy: 'attribute', attribute: 'channel' })).toMatchObject({
			cohortBy: 'attribute',
			attribute: 'channel'
		});
	});
});

describe('periods of N days from each customer’s first order', () => {
	it('counts 30-day windows per member, with eligible members as the base', async () => {
		await load('months.csv', MONTHS_CSV);
		// January cohort, data to 04-10. Days from first order to 04-10: A1 96, A2 81, A3 70, A4 89,
		// so A1 reaches window 3, the others window 2. A1 buys on days 0, 65 and 88 (windows 0, 2,
		// 2); A2 on days 0 and 5 (a refund on day 14 is not buying); A3 day 0; A4 days 0 and 68.
		// Window 2 ends after 04-11 for A2 (01-20 + 90 = 04-19): incomplete; window 3 likewise.
		const text = cohortQuery(parseCohortConfig({ periods: 'days', windowDays: 30 })).text;
		const rows = await rowsOf(
			engine,
			`SELECT * FROM (${text}) WHERE cohort = '2024-01-01' ORDER BY period`
		);
		expect(
			rows.map((r) => [
				r.period,
				r.cohort_size,
				r.active_customers,
				r.retention,
				r.revenue,
				r.cumulative_revenue_per_customer,
				r.incomplete
			])
		).toEqual([
			[0, 4, 4, 1, 326, 81.5, false],
			[1, 4, 0, 0, 0, 81.5, false],
			[2, 4, 2, 0.5, 105, 107.75, true],
			[3, 1, 0, 0, 0, 431, true]
		]);
	});
});
