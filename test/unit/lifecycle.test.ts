/**
 * Lifecycle stages and growth accounting on a hand-built fixture; every expected value below
 * was worked out by hand from the definitions (the day counts are in the comments). Longer than
 * 300 lines: the growth chart's incomplete period is checked on the same fixture.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeEngine, textFile } from '../helpers/node-engine';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import { parseMapping } from '../../src/ingest/mapping';
import { compile } from 'vega-lite';
import { parseLifecycleConfig } from '../../src/analyses/lifecycle/config';
import { lifecycleCharts } from '../../src/analyses/lifecycle/chart';
import { raw } from '../../src/sql/sql';
import {
	growthQuery,
	lifecycleQuery,
	LIFECYCLE_COLUMNS,
	stageHistoryQuery
} from '../../src/analyses/lifecycle/query';

// Analysis date 2024-07-01, comparison 2024-04-01; windows new 30, active 90, churn 180, loyal 3.
const CSV = `order_id,customer_id,order_date,amount
A1,A,2024-06-20 10:00:00,100
B1,B,2023-10-01 10:00:00,50
B2,B,2024-05-01 10:00:00,70
C1,C,2024-01-10 10:00:00,30
C2,C,2024-03-10 10:00:00,30
C3,C,2024-06-10 10:00:00,40
D1,D,2024-02-01 10:00:00,200
D2,D,2024-03-01 10:00:00,300
E1,E,2023-11-01 10:00:00,20
F1,F,2024-04-15 10:00:00,60
F2,F,2024-05-20 10:00:00,60
G1,G,2024-06-25 10:00:00,80
G1,G,2024-06-26 10:00:00,-10
`;

let engine: EngineApi;
beforeAll(async () => {
	engine = await startNodeEngine();
	const opened = await engine.openFile(textFile('lifecycle.csv', CSV), {});
	await engine.normalise(
		parseMapping({ ...opened.guess.draft, today: '2030-01-01' }, opened.columns)
	);
});

describe('lifecycle stages', () => {
	it('puts every customer in the stage the windows say, now and at the comparison date', async () => {
		const config = parseLifecycleConfig({ analysisDate: '2024-07-01', compareDate: '2024-04-01' });
		await engine.query(`CREATE OR REPLACE TABLE lifecycle AS ${lifecycleQuery(config).text}`);
		const rows = await rowsOf(
			engine,
			'SELECT customer_id, orders, days_since_last, spend, stage, value_tier, stage_before FROM lifecycle ORDER BY 1'
		);
		expect(rows).toEqual([
			// First purchase 11 days ago.
			{
				customer_id: 'A',
				orders: 1,
				days_since_last: 11,
				spend: 100,
				stage: 'new',
				value_tier: 'low',
				stage_before: 'not_yet'
			},
			// Back on 05-01 after 213 days away (2023-10-01 → 2024-05-01); at 04-01 gone 183 days.
			{
				customer_id: 'B',
				orders: 2,
				days_since_last: 61,
				spend: 120,
				stage: 'reactivated',
				value_tier: 'high',
				stage_before: 'churned'
			},
			// Three orders, last 21 days ago; at 04-01 two orders, last 22 days ago, first 82 days ago.
			{
				customer_id: 'C',
				orders: 3,
				days_since_last: 21,
				spend: 100,
				stage: 'loyal',
				value_tier: 'low',
				stage_before: 'active'
			},
			// Last order 122 days ago (> 90); at 04-01, 31 days ago.
			{
				customer_id: 'D',
				orders: 2,
				days_since_last: 122,
				spend: 500,
				stage: 'at_risk',
				value_tier: 'high',
				stage_before: 'active'
			},
			// 243 days (> 180); at 04-01, 152 days (> 90).
			{
				customer_id: 'E',
				orders: 1,
				days_since_last: 243,
				spend: 20,
				stage: 'churned',
				value_tier: 'low',
				stage_before: 'at_risk'
			},
			// Two orders, last 42 days ago, first 77 days ago.
			{
				customer_id: 'F',
				orders: 2,
				days_since_last: 42,
				spend: 120,
				stage: 'active',
				value_tier: 'high',
				stage_before: 'not_yet'
			},
			// The refund lowers spend (80 - 10) but is not an order and does not move the last date.
			{
				customer_id: 'G',
				orders: 1,
				days_since_last: 6,
				spend: 70,
				stage: 'new',
				value_tier: 'low',
				stage_before: 'not_yet'
			}
		]);
		// Value tiers by percent_rank over spend, largest first (N = 7): D 0, B = F 1/6 → high
		// (< 0.2); A = C 3/6 is not below 0.5 → low, as are G and E. No one is medium here.
		expect((await rowsOf(engine, 'SELECT * FROM lifecycle LIMIT 1')).map(Object.keys)[0]).toEqual([
			...LIFECYCLE_COLUMNS
		]);
	});
});

describe('potential customers', () => {
	it('adds listed ids without a purchase as potential, and leaves buyers as they are', async () => {
		const loaded = await engine.loadCustomerList(
			textFile('list.csv', 'member_id\nA\nZ1\n Z2 \nZ1\n\n')
		);
		expect(loaded).toEqual({ customers: 3, column: 'member_id' });
		const config = parseLifecycleConfig({
			analysisDate: '2024-07-01',
			compareDate: '2024-04-01',
			potentialList: true
		});
		const rows = await rowsOf(
			engine,
			`SELECT customer_id, orders, stage, value_tier FROM (${lifecycleQuery(config).text}) ORDER BY 1`
		);
		expect(rows.filter((r) => r.stage === 'potential')).toEqual([
			{ customer_id: 'Z1', orders: 0, stage: 'potential', value_tier: 'none' },
			{ customer_id: 'Z2', orders: 0, stage: 'potential', value_tier: 'none' }
		]);
		expect(rows.find((r) => r.customer_id === 'A')?.stage).toBe('new');
		expect(rows).toHaveLength(9);
	});
});

describe('growth accounting', () => {
	it('counts new, retained, resurrected and dormant customers per month', async () => {
		const rows = await rowsOf(engine, growthQuery(parseLifecycleConfig({})).text);
		const month = (r: Record<string, unknown>) =>
			new Date(Number(r.period)).toISOString().slice(0, 7);
		expect(
			rows.map((r) => [
				month(r),
				r.new,
				r.retained,
				r.resurrected,
				r.dormant,
				r.quick_ratio,
				r.incomplete
			])
		).toEqual([
			['2023-10', 1, 0, 0, 0, null, false], // B first
			['2023-11', 1, 0, 0, -1, 1, false], // E first; B dormant
			['2023-12', 0, 0, 0, -1, 0, false], // nobody; E dormant
			['2024-01', 1, 0, 0, 0, null, false], // C first
			['2024-02', 1, 0, 0, -1, 1, false], // D first; C dormant
			['2024-03', 0, 1, 1, 0, null, false], // D retained; C back
			['2024-04', 1, 0, 0, -2, 0.5, false], // F first; C and D dormant
			['2024-05', 0, 1, 1, 0, null, false], // F retained; B back after 7 months
			['2024-06', 2, 0, 1, -2, 1.5, true] // A and G first; C back; B and F dormant
		]);
	});
});

describe('growth accounting: the last period', () => {
	it('flags the last month and week as incomplete when the data stops before their end', async () => {
		// The last order row is G's, 2024-06-25 (its refund counts on the order's day). June runs
		// to the 30th and the week of Monday 2024-06-24 to Sunday the 30th: both incomplete, and
		// no other period is.
		const flagged = async (grain: 'month' | 'week') =>
			(await rowsOf(engine, growthQuery(parseLifecycleConfig({ grain })).text))
				.filter((r) => r.incomplete)
				.map((r) => new Date(Number(r.period)).toISOString().slice(0, 10));
		expect(await flagged('month')).toEqual(['2024-06-01']);
		expect(await flagged('week')).toEqual(['2024-06-24']);
	});

	it('draws the incomplete month faded and named above its bars, in a spec Vega-Lite compiles', async () => {
		const config = parseLifecycleConfig({});
		const growth = lifecycleCharts(config).find((chart) => chart.id === 'growth')!;
		const rows = await rowsOf(engine, growth.query(raw('lifecycle')).text);
		const spec = growth.spec(rows) as unknown as {
			layer: { data: { values: Record<string, unknown>[] }; encoding: Record<string, unknown> }[];
		};
		const [bars, note] = spec.layer;
		const month = (v: unknown) => new Date(Number(v)).toISOString().slice(0, 7);
		// Four kinds per month; June's four bars (and only they) carry the flag the fading tests.
		const faded = bars.data.values.filter((v) => v.incomplete).map((v) => month(v.period));
		expect(faded).toEqual(['2024-06', '2024-06', '2024-06', '2024-06']);
		expect(bars.encoding.opacity).toEqual({
			condition: { test: 'datum.incomplete', value: 0.35 },
			value: 1
		});
		// June: 2 new + 0 retained + 1 resurrected = 3 above the axis; the note sits on top.
		expect(note.data.values.map((v) => [month(v.period), v.top, v.note])).toEqual([
			['2024-06', 3, 'incomplete']
		]);
		expect(() => compile(spec as never)).not.toThrow();
	});

	it('does not flag a last period the data covers to its last day', async () => {
		// Orders up to Sunday 2024-06-30: June and the week of Monday 06-24 are complete.
		const other = await startNodeEngine();
		const csv = `order_id,customer_id,order_date,amount
X1,X,2024-05-10 10:00:00,10
Y1,Y,2024-06-02 10:00:00,20
X2,X,2024-06-30 23:00:00,30
`;
		const opened = await other.openFile(textFile('complete.csv', csv), {});
		await other.normalise(
			parseMapping({ ...opened.guess.draft, today: '2030-01-01' }, opened.columns)
		);
		for (const grain of ['month', 'week'] as const) {
			const rows = await rowsOf(other, growthQuery(parseLifecycleConfig({ grain })).text);
			expect(rows.length).toBeGreaterThan(1);
			expect(rows.map((r) => r.incomplete)).toEqual(rows.map(() => false));
		}
	});
});

/**
 * The stage history by brute force: at every period end, each customer's stage from their
 * purchase days before it, exactly as the definitions say (no new/active windows shortcut).
 */
function stageHistoryByHand(
	csv: string,
	config: { newDays: number; activeDays: number; churnDays: number },
	grain: 'month' | 'week'
) {
	const DAY = 86_400_000;
	const days = new Map<string, Set<number>>();
	for (const line of csv.trim().split('\n').slice(1)) {
		const [, customer, date, amount] = line.split(',');
		if (Number(amount) < 0) continue;
		const d = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
		days.set(customer, (days.get(customer) ?? new Set()).add(d));
	}
	const all = [...days.values()].flatMap((s) => [...s]);
	const [lo, hi] = [Math.min(...all), Math.max(...all)];
	const first = new Date(lo);
	let start =
		grain === 'month'
			? Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1)
			: lo - ((first.getUTCDay() + 6) % 7) * DAY; // weeks start on Monday
	const out: { period_end: string; stage: string; customers: number }[] = [];
	while (start < hi) {
		const next =
			grain === 'month'
				? Date.UTC(new Date(start).getUTCFullYear(), new Date(start).getUTCMonth() + 1, 1)
				: start + 7 * DAY;
		const counts = new Map<string, number>();
		for (const set of days.values()) {
			const before = [...set].filter((d) => d < next);
			if (!before.length) continue;
			const [f, l] = [Math.min(...before), Math.max(...before)];
			const since = (next - l) / DAY;
			const stage =
				since > config.churnDays
					? 'churned'
					: since > config.activeDays
						? 'at_risk'
						: (next - f) / DAY <= config.newDays
							? 'new'
							: 'active';
			counts.set(stage, (counts.get(stage) ?? 0) + 1);
		}
		const end = new Date(next - DAY).toISOString().slice(0, 10);
		for (const stage of [...counts.keys()].sort())
			out.push({ period_end: end, stage, customers: counts.get(stage)! });
		start = next;
	}
	return out;
}

describe('stage history', () => {
	const asRows = (rows: Record<string, unknown>[]) =>
		rows.map((r) => ({
			period_end: new Date(Number(r.period_end)).toISOString().slice(0, 10),
			stage: r.stage,
			customers: r.customers
		}));

	it.each([
		['month', {}],
		['week', { newDays: 10, activeDays: 20, churnDays: 45 }]
	] as const)(
		'counts every stage at every %s end as the definitions say',
		async (grain, windows) => {
			const config = parseLifecycleConfig({ grain, ...windows });
			const rows = asRows(await rowsOf(engine, stageHistoryQuery(config).text));
			expect(rows).toEqual(stageHistoryByHand(CSV, config, grain));
			expect(rows.length).toBeGreaterThan(10);
		}
	);
});
