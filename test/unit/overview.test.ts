/**
 * The overview: its figures on a hand-made file, worked out by hand below, through the rune
 * class on the real engine; its segment table against the RFM cell's own table; and the rules
 * that turn figures into findings, on hand-made inputs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { startNodeEngine, textFile } from '../helpers/node-engine';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import { parseMapping } from '../../src/ingest/mapping';
import { createResultTable } from '../../src/analyses/cell-sql';
import { parseRfmConfig } from '../../src/analyses/rfm/config';
import { rfmQuery } from '../../src/analyses/rfm/query';
import { Overview } from '../../src/state/Overview.svelte';
import type { Headline, SegmentRow } from '../../src/analyses/overview/numbers';
import {
	atRisk,
	summariseRetention,
	type RetentionSummary
} from '../../src/analyses/overview/summary';
import { findings, MAX_FINDINGS, type FindingsInput } from '../../src/analyses/overview/findings';

/*
 * Eight customers; the last purchase is E's on 2024-05-31, so the RFM cell's default analysis
 * date is 2024-06-01. Net spend per customer (refunds taken off):
 *   A 100 + 50 + 30 = 180 (3 orders)   B 200 − 20 + 40 = 220 (2: B1's refund is no order)
 *   C 10 (1)   D 60 + 60 = 120 (2)   E 500 + 25 = 525 (2)   F 5 (1)
 *   H 5 × 20 = 100 (5 orders, the last on 2023-10-01)   G −15 (a refund only: no purchase)
 */
const CSV = `order_id,customer_id,order_date,amount
H1,H,2023-06-01 10:00:00,20.00
H2,H,2023-07-01 10:00:00,20.00
H3,H,2023-08-01 10:00:00,20.00
H4,H,2023-09-01 10:00:00,20.00
H5,H,2023-10-01 10:00:00,20.00
A1,A,2024-01-10 10:00:00,100.00
B1,B,2024-01-15 10:00:00,200.00
B1,B,2024-01-20 10:00:00,-20.00
A2,A,2024-02-05 10:00:00,50.00
C1,C,2024-02-01 10:00:00,10.00
D1,D,2024-02-14 10:00:00,60.00
D2,D,2024-03-01 10:00:00,60.00
B2,B,2024-03-03 10:00:00,40.00
G1,G,2024-03-05 10:00:00,-15.00
F1,F,2024-03-20 10:00:00,5.00
E1,E,2024-04-02 10:00:00,500.00
A3,A,2024-05-20 10:00:00,30.00
E2,E,2024-05-31 10:00:00,25.00
`;

const day = (iso: string) => Date.parse(`${iso}Z`);

describe('the overview on a hand-made file', () => {
	let engine: EngineApi;
	let overview: Overview;
	beforeAll(async () => {
		engine = await startNodeEngine();
		const opened = await engine.openFile(textFile('overview.csv', CSV), {});
		await engine.normalise(
			parseMapping({ ...opened.guess.draft, today: '2030-01-01' }, opened.columns)
		);
		// The RFM cell's table, with its defaults.
		await engine.query(createResultTable('rfm', rfmQuery(parseRfmConfig({}))).text);
		overview = new Overview({ query: async (text) => tableFromIPC(await engine.query(text)) });
		await overview.loadFile();
		await overview.loadSegments('classic');
	});

	it('works out the headline figures', () => {
		expect(overview.error).toBeNull();
		expect(overview.headline).toEqual({
			// A, B, C, D, E, F, H bought; G has a refund only (the quality report counts 8).
			customers: 7,
			allCustomers: 8,
			// 180 + 220 + 10 + 120 + 525 + 5 + 100 − 15 (G's refund).
			revenue: 1145,
			// Order ids: H1–H5, A1–A3, B1, B2, C1, D1, D2, E1, E2, F1, G1.
			orders: 17,
			firstOrder: day('2023-06-01T10:00:00'),
			lastOrder: day('2024-05-31T10:00:00'),
			// The buyers' net: 1145 + 15.
			buyersRevenue: 1160,
			// Two orders or more: A, B, D, E, H; 180 + 220 + 120 + 525 + 100.
			repeatCustomers: 5,
			repeatRevenue: 1145,
			// The top 20 %: ceil(7 × 0.2) = 2 customers, E and B: 525 + 220.
			topRevenue: 745,
			// 80 % of 1160 is 928: E 525, +B 745, +A 925, +D 1045 ≥ 928 → 4 customers.
			paretoCustomers: 4,
			// H: 5 orders, last on 2023-10-01, 244 days before 2024-06-01 (≥ 180).
			lapsedLoyal: 1,
			lapsedLoyalRevenue: 100
		});
	});

	it('pools month-1 retention of the last three complete cohorts', () => {
		/*
		 * Cohorts by first purchase: 2023-06 H (bought in July: retained), 2024-01 A (Feb: yes) and
		 * B (next in March: no), 2024-02 C (no) and D (March: yes), 2024-03 F (no), 2024-04 E (May:
		 * yes). The data ends on 2024-05-31, so April's month 1 is complete. The last three: April,
		 * March, February: 1 + 0 + 1 retained of 1 + 1 + 2 = 2 / 4. Only two cohorts before them.
		 */
		expect(overview.retention).toEqual({
			recent: { from: '2024-02-01', to: '2024-04-01', cohorts: 3, size: 4, retained: 2, rate: 0.5 },
			earlier: null
		});
	});

	it('counts each segment as the RFM table does, with the customers’ net revenue', async () => {
		const expected = await rowsOf(
			engine,
			`SELECT segment, count(*) AS customers, sum(monetary) AS revenue FROM rfm GROUP BY 1 ORDER BY 1`
		);
		const segments = [...(overview.segments ?? [])].sort((a, b) =>
			a.segment.localeCompare(b.segment)
		);
		expect(
			segments.map((s) => ({ segment: s.segment, customers: s.customers, revenue: s.revenue }))
		).toEqual(expected);
		// Every buyer in one segment, and the shares of the RFM table add up to one.
		expect(segments.reduce((n, s) => n + s.customers, 0)).toBe(7);
		expect(segments.reduce((n, s) => n + s.revenue, 0)).toBeCloseTo(1160, 6);
		expect(segments.reduce((n, s) => n + s.customerShare, 0)).toBeCloseTo(1, 9);
		expect(segments.reduce((n, s) => n + s.revenueShare, 0)).toBeCloseTo(1, 9);
	});

	it('averages recency and frequency per segment from the RFM table', async () => {
		const [row] = await rowsOf(
			engine,
			`SELECT segment, avg(recency_days) AS r, avg(frequency) AS f FROM rfm WHERE customer_id = 'H' GROUP BY 1`
		);
		const h = overview.segments?.find((s) => s.segment === row.segment);
		expect(h).toBeDefined();
		// H alone may share its segment; its own row is in the averages either way.
		expect(
			await rowsOf(
				engine,
				`SELECT avg(recency_days) AS r, avg(frequency) AS f FROM rfm WHERE segment = '${row.segment}'`
			)
		).toEqual([{ r: h!.avgRecency, f: h!.avgFrequency }]);
	});

	it('says why the segment table is missing when the RFM table lacks a column', async () => {
		await engine.query(
			'CREATE OR REPLACE TABLE rfm_edited AS SELECT customer_id, segment FROM rfm'
		);
		const broken = new Overview({ query: async (text) => tableFromIPC(await engine.query(text)) });
		await broken.loadSegments('classic', 'rfm_edited');
		expect(broken.segments).toBeNull();
		expect(String(broken.segmentsError)).toMatch(/recency_days/);
	});
});

// The rules, on figures made up for each case.

const HEADLINE: Headline = {
	customers: 1000,
	allCustomers: 1000,
	revenue: 100_000,
	orders: 3000,
	firstOrder: 0,
	lastOrder: 0,
	buyersRevenue: 100_000,
	repeatCustomers: 400,
	repeatRevenue: 70_000,
	topRevenue: 60_000,
	paretoCustomers: 300,
	lapsedLoyal: 40,
	lapsedLoyalRevenue: 12_000
};

const segment = (key: string, customerShare: number, revenueShare: number): SegmentRow => ({
	segment: key,
	customers: customerShare * 1000,
	customerShare,
	revenue: revenueShare * 100_000,
	revenueShare,
	avgRecency: 0,
	avgFrequency: 0,
	avgSpend: 0
});

const SEGMENTS = [
	segment('champions', 0.1, 0.45),
	segment('at_risk', 0.08, 0.1),
	segment('cant_lose_them', 0.02, 0.05),
	segment('lost', 0.8, 0.4)
];

const retention = (before: number, after: number, size = 100): RetentionSummary => ({
	recent: {
		from: '2024-04-01',
		to: '2024-06-01',
		cohorts: 3,
		size,
		retained: after * size,
		rate: after
	},
	earlier: {
		from: '2024-01-01',
		to: '2024-03-01',
		cohorts: 3,
		size,
		retained: before * size,
		rate: before
	}
});

const input = (over: Partial<FindingsInput> = {}): FindingsInput => ({
	headline: HEADLINE,
	retention: null,
	segments: null,
	segmentMap: 'classic',
	...over
});
const ids = (over: Partial<FindingsInput> = {}) => findings(input(over)).map((f) => f.id);

describe('the findings', () => {
	it('says how concentrated revenue is, when at most half the customers bring 80 %', () => {
		expect(findings(input())[0]).toEqual({
			id: 'concentration',
			cell: 'abc',
			values: { customers: { percent: 0.3 }, revenue: { percent: 0.8 } }
		});
		expect(ids({ headline: { ...HEADLINE, paretoCustomers: 500 } })).toContain('concentration');
		expect(ids({ headline: { ...HEADLINE, paretoCustomers: 501 } })).not.toContain('concentration');
	});

	it('counts loyal customers gone quiet, and says nothing when there are none', () => {
		expect(findings(input()).find((f) => f.id === 'lapsed_loyal')?.values).toEqual({
			n: { count: 40 },
			orders: { count: 5 },
			days: { count: 180 },
			spent: { money: 12_000 }
		});
		expect(ids({ headline: { ...HEADLINE, lapsedLoyal: 0, lapsedLoyalRevenue: 0 } })).not.toContain(
			'lapsed_loyal'
		);
	});

	it('compares month-1 retention with the cohorts before, from 5 points on', () => {
		expect(
			findings(input({ retention: retention(0.3, 0.24) })).find((f) => f.cell === 'cohort')
		).toEqual({
			id: 'retention_fell',
			cell: 'cohort',
			values: {
				before: { percent: 0.3 },
				after: { percent: 0.24 },
				from: { month: '2024-04-01' },
				to: { month: '2024-06-01' }
			}
		});
		expect(ids({ retention: retention(0.3, 0.36) })).toContain('retention_rose');
		expect(ids({ retention: retention(0.3, 0.26) })).not.toContain('retention_fell');
		// Too few customers in the cohorts: a swing of a few people.
		expect(ids({ retention: retention(0.3, 0.1, 29) })).not.toContain('retention_fell');
		// Nothing to compare with.
		expect(ids({ retention: { ...retention(0.3, 0.1), earlier: null } })).not.toContain(
			'retention_fell'
		);
	});

	it('names the segment that brings far more than its share, and the customers at risk', () => {
		const all = findings(input({ segments: SEGMENTS }));
		expect(all.find((f) => f.id === 'top_segment')?.values).toEqual({
			segment: { segment: 'champions' },
			customers: { percent: 0.1 },
			revenue: { percent: 0.45 }
		});
		// At Risk and Can't Lose Them: 100 customers, 15 % of revenue (About To Sleep is absent).
		const risk = all.find((f) => f.id === 'at_risk')?.values;
		expect(risk && { ...risk, share: undefined }).toEqual({
			n: { count: 100 },
			segments: { segments: ['at_risk', 'cant_lose_them'] },
			share: undefined,
			spent: { money: 15_000 }
		});
		expect((risk?.share as { percent: number }).percent).toBeCloseTo(0.15, 12);
		// Under 10 % of revenue at risk, or a top segment no bigger than twice its share: no finding.
		const calm = [
			segment('champions', 0.3, 0.5),
			segment('at_risk', 0.1, 0.05),
			segment('lost', 0.6, 0.45)
		];
		expect(ids({ segments: calm })).not.toContain('at_risk');
		expect(ids({ segments: calm })).not.toContain('top_segment');
		// The 8 classes count their own segments.
		expect(
			atRisk([segment('important_keep', 0.1, 0.2), segment('at_risk', 0.1, 0.1)], 'cn8').segments
		).toEqual(['important_keep']);
	});

	it('says what repeat customers bring when it is well above their share', () => {
		// 40 % of customers, 70 % of revenue.
		expect(
			findings(input({ headline: { ...HEADLINE, paretoCustomers: 900, lapsedLoyal: 0 } }))
		).toEqual([
			{
				id: 'repeat',
				cell: 'rfm',
				values: { customers: { percent: 0.4 }, revenue: { percent: 0.7 } }
			}
		]);
		expect(ids({ headline: { ...HEADLINE, repeatRevenue: 54_000 } })).not.toContain('repeat');
	});

	it('keeps at most five, and none from fewer than 20 customers', () => {
		expect(findings(input({ segments: SEGMENTS, retention: retention(0.3, 0.2) }))).toHaveLength(
			MAX_FINDINGS
		);
		expect(ids({ headline: { ...HEADLINE, customers: 19 }, segments: SEGMENTS })).toEqual([]);
	});

	it('pools the newest three cohorts and the three before, only when there are three', () => {
		const cohort = (month: string, size: number, retained: number) => ({
			cohort: `2024-${month}-01`,
			size,
			retained
		});
		const six = [
			cohort('06', 10, 5),
			cohort('05', 20, 4),
			cohort('04', 10, 1),
			cohort('03', 10, 4),
			cohort('02', 10, 3),
			cohort('01', 20, 5)
		];
		expect(summariseRetention(six)).toEqual({
			recent: {
				from: '2024-04-01',
				to: '2024-06-01',
				cohorts: 3,
				size: 40,
				retained: 10,
				rate: 0.25
			},
			earlier: {
				from: '2024-01-01',
				to: '2024-03-01',
				cohorts: 3,
				size: 40,
				retained: 12,
				rate: 0.3
			}
		});
		expect(summariseRetention(six.slice(0, 5))?.earlier).toBeNull();
		expect(summariseRetention([])).toBeNull();
	});
});
