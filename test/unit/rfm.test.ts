/**
 * RFM on the real engine. The fixture is small enough to check by hand, and every expected
 * table below was worked out from the definitions (see the comments), not copied from a run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeEngine, textFile } from '../helpers/node-engine';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import { parseMapping } from '../../src/ingest/mapping';
import { parseRfmConfig, RFM_DEFAULTS } from '../../src/analyses/rfm/config';
import { rfmQuery, RFM_COLUMNS } from '../../src/analyses/rfm/query';

/** The result columns except the free-text action, for the hand-written tables. */
const CORE = RFM_COLUMNS.filter((c) => c !== 'action');

/*
 * 16 rows, 8 customers. Last purchase: C04 on 2024-06-30, so the default analysis date is
 * 2024-07-01.
 * - C01: O101 (100) and O102 (two lines, 50 + 30, 2024-06-16 00:30), then a refund of -20 on
 *   O102 dated 2024-06-25. The refund is not an order and does not move the last date.
 * - C02: only a refund: not a customer in RFM.
 * - C03: O301 and O302 on the same day (2024-06-10), O303 on 2024-04-01: 3 orders, 2 days.
 * - C06 and C08 share the last day 2024-06-15; C07 and C08 share the spend 80.
 * - C07 buys 2024-02-29 23:30 (just before a window starting 2024-03-01), C06 buys
 *   2024-03-01 10:00 (on it); C06 and C08 buy on 2024-06-15 (on a window ending then) and C01's
 *   O102 is 2024-06-16 00:30 (just after it).
 */
const CSV = `order_id,customer_id,order_date,amount,product_id,quantity
O101,C01,2024-06-01 10:00:00,100.00,P1,1
O102,C01,2024-06-16 00:30:00,50.00,P1,1
O102,C01,2024-06-16 00:30:00,30.00,P2,2
O102,C01,2024-06-25 09:00:00,-20.00,P2,-1
O201,C02,2024-05-10 12:00:00,-40.00,P1,-1
O301,C03,2024-06-10 09:00:00,20.00,P2,1
O302,C03,2024-06-10 15:00:00,25.00,P3,1
O303,C03,2024-04-01 08:00:00,15.00,P3,1
O401,C04,2024-06-30 18:00:00,200.00,P4,2
O501,C05,2024-01-15 10:00:00,10.00,P1,1
O601,C06,2024-02-01 10:00:00,500.00,P4,5
O602,C06,2024-03-01 10:00:00,300.00,P4,3
O603,C06,2024-05-01 10:00:00,400.00,P4,4
O604,C06,2024-06-15 10:00:00,100.00,P1,1
O701,C07,2024-02-29 23:30:00,80.00,P2,4
O801,C08,2024-06-15 16:00:00,80.00,P3,2
`;

let engine: EngineApi;

beforeAll(async () => {
	engine = await startNodeEngine();
	const opened = await engine.openFile(textFile('rfm.csv', CSV), {});
	const mapping = parseMapping({ ...opened.guess.draft, today: '2030-01-01' }, opened.columns);
	expect([mapping.orderId, mapping.customerId, mapping.orderDate, mapping.amount]).toEqual([
		'order_id',
		'customer_id',
		'order_date',
		'amount'
	]);
	const report = await engine.normalise(mapping);
	expect([report.rowsUsed, report.refundsNetted, report.customers]).toEqual([16, 2, 8]);
});

/** Builds the RFM table for a raw config (through the parser) and returns its rows. */
async function rfm(input: unknown): Promise<Record<string, unknown>[]> {
	const text = rfmQuery(parseRfmConfig(input)).text;
	await engine.query('CREATE OR REPLACE TABLE rfm AS ' + text);
	return rowsOf(engine, 'SELECT * FROM rfm ORDER BY customer_id');
}

/** A literal table (column names + rows of values) as plain objects. */
function table(columns: string[], rows: unknown[][]): Record<string, unknown>[] {
	return rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
}

/** The given columns of each row, for comparing with a literal table. */
function pick(rows: Record<string, unknown>[], columns: string[]): Record<string, unknown>[] {
	return rows.map((row) => Object.fromEntries(columns.map((c) => [c, row[c]])));
}

describe('recency, frequency and monetary value', () => {
	it('computes R, F, M, the 5-bin quantile scores and the classic segments (defaults)', async () => {
		// Analysis date 2024-07-01. Recency: C01 06-16 → 15, C03 06-10 → 21, C04 06-30 → 1,
		// C05 01-15 → 17+29+31+30+31+30 = 168, C06/C08 06-15 → 16, C07 02-29 → 1+31+30+31+30 = 123.
		// Scores, n = 5, N = 7: score = min(5, 1 + floor(5 (rank - 1) / 6)).
		// R (rank by recency descending): C05 1, C07 2, C03 3, C06 = C08 4, C01 6, C04 7 → 1 1 2 3 3 5 5.
		// F (ascending): the four 1s rank 1 → 1; C01 (2) rank 5 → 4; C03 (3) 6 → 5; C06 (4) 7 → 5.
		//   Scores 2 and 3 stay empty rather than splitting equal customers.
		// M (ascending): C05 10 → 1; C03 60 → 1; C07 = C08 80 rank 3 → 2; C01 160 rank 5 → 4; C04, C06 → 5.
		const rows = await rfm({});
		expect(pick(rows, CORE)).toEqual(
			table(CORE, [
				['C01', 15, 2, 160, 5, 4, 4, '544', 'champions'],
				['C03', 21, 3, 60, 2, 5, 1, '251', 'at_risk'],
				['C04', 1, 1, 200, 5, 1, 5, '515', 'new_customers'],
				['C05', 168, 1, 10, 1, 1, 1, '111', 'lost'],
				['C06', 16, 4, 1300, 3, 5, 5, '355', 'loyal_customers'],
				['C07', 123, 1, 80, 1, 1, 2, '112', 'lost'],
				['C08', 16, 1, 80, 3, 1, 2, '312', 'need_attention']
			])
		);
	});

	it('carries each segment’s recommended action, editable per segment', async () => {
		const rows = await rfm({});
		expect(rows.find((r) => r.customer_id === 'C01')?.action).toBe(
			'Reward them: early access, referral programme, ask for reviews'
		);
		const edited = await rfm({ actions: { champions: "VIP call; it's urgent" } });
		expect(edited.find((r) => r.customer_id === 'C01')?.action).toBe("VIP call; it's urgent");
		expect(edited.find((r) => r.customer_id === 'C05')?.action).toBe(
			'One revival campaign, then stop spending on them'
		);
	});

	it('adds the segment each customer was in at a comparison date', async () => {
		// Before 2024-03-01 only C05 (01-15, 10), C06 (02-01, 500) and C07 (02-29 23:30, 80) had
		// bought: N = 3, all F = 1. Recency 46, 29, 1 days → R 1, 3, 5; M 10, 80, 500 → 1, 3, 5.
		// C05 R1F1 → lost; C06 R3F1 → need_attention; C07 R5F1 → new_customers; the rest not_yet.
		const rows = await rfm({ compareDate: '2024-03-01' });
		expect(pick(rows, ['customer_id', 'segment_before', 'segment'])).toEqual(
			table(
				['customer_id', 'segment_before', 'segment'],
				[
					['C01', 'not_yet', 'champions'],
					['C03', 'not_yet', 'at_risk'],
					['C04', 'not_yet', 'new_customers'],
					['C05', 'lost', 'lost'],
					['C06', 'need_attention', 'loyal_customers'],
					['C07', 'new_customers', 'lost'],
					['C08', 'not_yet', 'need_attention']
				]
			)
		);
	});

	it('has exactly the documented columns, in order', async () => {
		expect([...RFM_COLUMNS]).toEqual([
			'customer_id',
			'recency_days',
			'frequency',
			'monetary',
			'r_score',
			'f_score',
			'm_score',
			'rfm_code',
			'segment',
			'action'
		]);
		const rows = await rfm({});
		expect(Object.keys(rows[0])).toEqual([...RFM_COLUMNS]);
	});

	it('counts distinct purchase days when asked (two orders on one day are one)', async () => {
		// C03: 2024-06-10 (twice) and 2024-04-01 → 2 days. F ascending: four 1s rank 1 → 1,
		// C01 and C03 (2) rank 5 → 1 + floor(20/6) = 4, C06 (4) rank 7 → 5.
		const rows = await rfm({ frequency: 'days' });
		expect(pick(rows, ['customer_id', 'frequency', 'f_score'])).toEqual(
			table(
				['customer_id', 'frequency', 'f_score'],
				[
					['C01', 2, 4],
					['C03', 2, 4],
					['C04', 1, 1],
					['C05', 1, 1],
					['C06', 4, 5],
					['C07', 1, 1],
					['C08', 1, 1]
				]
			)
		);
	});

	it('uses the average order value (net spend / orders) when asked', async () => {
		// C01 160 / 2 = 80, C03 60 / 3 = 20, C06 1300 / 4 = 325; the others have one order.
		// M ascending: 10 rank 1 → 1, 20 rank 2 → 1, three 80s rank 3 → 2, 200 rank 6 → 5, 325 → 5.
		const rows = await rfm({ monetary: 'average' });
		expect(pick(rows, ['customer_id', 'monetary', 'm_score'])).toEqual(
			table(
				['customer_id', 'monetary', 'm_score'],
				[
					['C01', 80, 2],
					['C03', 20, 1],
					['C04', 200, 5],
					['C05', 10, 1],
					['C06', 325, 5],
					['C07', 80, 2],
					['C08', 80, 2]
				]
			)
		);
	});

	it("leaves the first order's spend out when asked", async () => {
		// C01 160 - O101 (100) = 60 (the refund belongs to O102, so it stays), C03 60 - O303 (15)
		// = 45, C06 1300 - O601 (500) = 800; one-order customers have 0.
		const rows = await rfm({ firstPurchase: 'exclude' });
		expect(pick(rows, ['customer_id', 'frequency', 'monetary'])).toEqual(
			table(
				['customer_id', 'frequency', 'monetary'],
				[
					['C01', 2, 60],
					['C03', 3, 45],
					['C04', 1, 0],
					['C05', 1, 0],
					['C06', 4, 800],
					['C07', 1, 0],
					['C08', 1, 0]
				]
			)
		);
	});

	it('keeps only rows inside the window (inclusive days) and dates recency from its last purchase', async () => {
		// Window 2024-03-01 .. 2024-06-15: C07 (02-29 23:30), C06's O601, C01's O102 (06-16 00:30)
		// and its refund, C04 and C05 are out; C06's O602 (03-01 10:00), O604 and C08 (06-15 16:00)
		// are in. Last purchase 06-15 → analysis date 2024-06-16.
		// C01: O101 only, 06-01 → 15 days, 100. C03: 06-10 → 6, 3 orders, 60.
		// C06: O602 + O603 + O604 = 800, 06-15 → 1. C08: 1 day, 80.
		const rows = await rfm({ windowStart: '2024-03-01', windowEnd: '2024-06-15' });
		expect(pick(rows, ['customer_id', 'recency_days', 'frequency', 'monetary'])).toEqual(
			table(
				['customer_id', 'recency_days', 'frequency', 'monetary'],
				[
					['C01', 15, 1, 100],
					['C03', 6, 3, 60],
					['C06', 1, 3, 800],
					['C08', 1, 1, 80]
				]
			)
		);
	});

	it('ignores rows on or after an explicit analysis date', async () => {
		// As of 2024-06-10: C03's two orders on 06-10 itself are out, so is everything later
		// (C04, C08, C06's O604, C01's O102). C01 06-01 → 9. C03 04-01 → 30+31+9 = 70, 15.
		// C05 01-15 → 17+29+31+30+31+9 = 147. C06 05-01 → 31+9 = 40, 3 orders, 1200.
		// C07 02-29 → 1+31+30+31+9 = 102.
		const rows = await rfm({ analysisDate: '2024-06-10' });
		expect(pick(rows, ['customer_id', 'recency_days', 'frequency', 'monetary'])).toEqual(
			table(
				['customer_id', 'recency_days', 'frequency', 'monetary'],
				[
					['C01', 9, 1, 100],
					['C03', 70, 1, 15],
					['C05', 147, 1, 10],
					['C06', 40, 3, 1200],
					['C07', 102, 1, 80]
				]
			)
		);
	});

	it('scores a single customer 1 on every dimension', async () => {
		// Window ending 2024-01-31 holds C05 only (01-15, 10.00); analysis date 01-16.
		const rows = await rfm({ windowEnd: '2024-01-31' });
		expect(pick(rows, CORE)).toEqual(table(CORE, [['C05', 1, 1, 10, 1, 1, 1, '111', 'lost']]));
		expect(rows[0].action).toBe('One revival campaign, then stop spending on them');
	});
});

describe('scores', () => {
	it('gives tie-preserving quantile scores with 3 bins', async () => {
		// score = min(3, 1 + floor(3 (rank - 1) / 6)) = min(3, 1 + floor((rank - 1) / 2)).
		// R ranks 1 2 3 4 4 6 7 → 1 1 2 2 2 3 3. F: the four 1s → 1, ranks 5, 6, 7 → 3, 3, 3 (score 2
		// is empty). M ranks 1 2 3 3 5 6 7 → 1 1 2 2 3 3 3.
		const rows = await rfm({ bins: 3 });
		expect(pick(rows, ['customer_id', 'r_score', 'f_score', 'm_score', 'rfm_code'])).toEqual(
			table(
				['customer_id', 'r_score', 'f_score', 'm_score', 'rfm_code'],
				[
					['C01', 3, 3, 3, '333'],
					['C03', 2, 3, 1, '231'],
					['C04', 3, 1, 3, '313'],
					['C05', 1, 1, 1, '111'],
					['C06', 2, 3, 3, '233'],
					['C07', 1, 1, 2, '112'],
					['C08', 2, 1, 2, '212']
				]
			)
		);
	});

	it('keeps the ends of a 3-bin scale at the ends of the 1–5 segment scale', async () => {
		// However 1..3 is stretched onto 1..5, the lowest score must stay 1 and the highest 5:
		// C05 (1,1,1) is "lost", C04 (R 3, F 1) is a new customer, C01 (3,3,3) a champion.
		const rows = await rfm({ bins: 3 });
		const segment = Object.fromEntries(rows.map((r) => [r.customer_id, r.segment]));
		expect([segment.C05, segment.C04, segment.C01]).toEqual(['lost', 'new_customers', 'champions']);
	});

	it('scores from typed cut points, with a value equal to a cut point in the lower bin (3 bins)', async () => {
		// R cuts [16, 123] reversed: ≤ 16 → 3, ≤ 123 → 2, above → 1 (C06, C08 at 16 → 3; C07 at 123 → 2;
		// C05 at 168 → 1).
		// F cuts [1, 3]: C03 at 3 → 2, C06 (4) → 3. M cuts [80, 160]: C07, C08 at 80 → 1, C01 at 160 → 2.
		const rows = await rfm({
			bins: 3,
			scoring: 'thresholds',
			thresholds: { r: [16, 123], f: [1, 3], m: [80, 160] }
		});
		expect(pick(rows, ['customer_id', 'r_score', 'f_score', 'm_score', 'rfm_code'])).toEqual(
			table(
				['customer_id', 'r_score', 'f_score', 'm_score', 'rfm_code'],
				[
					['C01', 3, 2, 2, '322'],
					['C03', 2, 2, 1, '221'],
					['C04', 3, 1, 3, '313'],
					['C05', 1, 1, 1, '111'],
					['C06', 3, 3, 3, '333'],
					['C07', 2, 1, 1, '211'],
					['C08', 3, 1, 1, '311']
				]
			)
		);
	});

	it('scores from typed cut points with 5 bins and maps them to the classic segments', async () => {
		// R cuts [7, 15, 30, 150]: 15 → 4 (equal), 21 → 3, 1 → 5, 168 → 1, 16 → 3, 123 → 2.
		// F cuts [1, 2, 3, 4]: 2 → 2, 3 → 3, 1 → 1, 4 → 4. M cuts [50, 80, 160, 500]:
		// 160 → 3 (equal), 60 → 2, 200 → 4, 10 → 1, 1300 → 5, 80 → 2 (equal).
		// Segments (first match): 423 potential_loyalist, 332 loyal, 514 new_customers, 111 lost,
		// 345 loyal, 212 about_to_sleep, 312 need_attention.
		const rows = await rfm({
			scoring: 'thresholds',
			thresholds: { r: [7, 15, 30, 150], f: [1, 2, 3, 4], m: [50, 80, 160, 500] }
		});
		expect(pick(rows, ['customer_id', 'rfm_code', 'segment'])).toEqual(
			table(
				['customer_id', 'rfm_code', 'segment'],
				[
					['C01', '423', 'potential_loyalist'],
					['C03', '332', 'loyal_customers'],
					['C04', '514', 'new_customers'],
					['C05', '111', 'lost'],
					['C06', '345', 'loyal_customers'],
					['C07', '212', 'about_to_sleep'],
					['C08', '312', 'need_attention']
				]
			)
		);
	});
});

describe('the 8-class map', () => {
	it('splits at the mean (equal counts as low)', async () => {
		// Recency 15, 21, 1, 168, 16, 123, 16: mean 360 / 7 ≈ 51.43 → high (recent) for all but C05, C07.
		// Frequency 2, 3, 1, 1, 4, 1, 1: mean 13 / 7 ≈ 1.86 → high for C01, C03, C06.
		// Monetary 160, 60, 200, 10, 1300, 80, 80: mean 1890 / 7 = 270 → high for C06 only.
		const rows = await rfm({ segmentMap: 'cn8' });
		expect(pick(rows, ['customer_id', 'segment'])).toEqual(
			table(
				['customer_id', 'segment'],
				[
					['C01', 'general_value'],
					['C03', 'general_value'],
					['C04', 'general_develop'],
					['C05', 'general_retain'],
					['C06', 'important_value'],
					['C07', 'general_retain'],
					['C08', 'general_develop']
				]
			)
		);
	});

	it('splits at the median (equal counts as low)', async () => {
		// Medians: recency 16 (C06 and C08 are equal → low; C01 15 and C04 1 high), frequency 1
		// (above: C01, C03, C06), monetary 80 (C07 and C08 equal → low; above: C01, C04, C06).
		const rows = await rfm({ segmentMap: 'cn8', cn8Split: 'median' });
		expect(pick(rows, ['customer_id', 'segment'])).toEqual(
			table(
				['customer_id', 'segment'],
				[
					['C01', 'important_value'],
					['C03', 'general_keep'],
					['C04', 'important_develop'],
					['C05', 'general_retain'],
					['C06', 'important_keep'],
					['C07', 'general_retain'],
					['C08', 'general_retain']
				]
			)
		);
	});
});

describe('an edited 8-class rule table', () => {
	it('applies its rules in order, with unmatched cells in "other"', async () => {
		// Mean split as above. Only two rules: vip (R low, F high, M high), which no customer fits,
		// then warm (R high, F low, M low).
		const cn8Rules = [
			{ key: 'vip', r: 'low', f: 'high', m: 'high' },
			{ key: 'warm', r: 'high', f: 'low', m: 'low' }
		];
		const rows = await rfm({ segmentMap: 'cn8', cn8Rules });
		// R high (recency below the mean 51.43): C01 15, C03 21, C04 1, C06 16, C08 16.
		expect(pick(rows, ['customer_id', 'segment'])).toEqual(
			table(
				['customer_id', 'segment'],
				[
					['C01', 'other'], // R high, F high, M low
					['C03', 'other'], // R high, F high, M low
					['C04', 'warm'], // R high, F low, M low
					['C05', 'other'], // R low, F low, M low
					['C06', 'other'], // R high, F high, M high
					['C07', 'other'], // R low
					['C08', 'warm'] // R high, F low, M low
				]
			)
		);
	});
});

describe('hostile configs', () => {
	const INJECTED = "2024-01-01'; DROP TABLE transactions; --";

	it.each([
		['bins', 7],
		['bins', '5; DROP TABLE transactions'],
		['analysisDate', INJECTED],
		['analysisDate', '2024-02-30'],
		['analysisDate', ''],
		['windowStart', "2024-01-01' OR '1'='1"],
		['windowEnd', '2024-01-01\n--'],
		['frequency', "orders'; --"],
		['monetary', 'AVERAGE'],
		['firstPurchase', true],
		['scoring', 'thresholds"'],
		['segmentMap', 'cn8; --'],
		['cn8Split', 'max'],
		['thresholds', { r: [180, 30, 90, 365], f: [1, 1, 2, 3], m: [50, 'x', 500, 1000] }],
		['rules', [{ key: "x' OR 1=1", r: [1, 5], f: [1, 5], m: [1, 5] }]],
		['rules', 'champions']
	])('%s = %j falls back to the default', (field, value) => {
		expect(parseRfmConfig({ [field]: value })).toEqual(RFM_DEFAULTS);
	});

	it('falls back to the default cut points when they do not increase', () => {
		const c = parseRfmConfig({
			bins: 3,
			scoring: 'thresholds',
			thresholds: { r: [30, 30], f: [3, 1], m: [100] }
		});
		expect(c.thresholds).toEqual({ r: [30, 180], f: [1, 3], m: [100, 1000] });
		// A valid list for one dimension is kept while the others fall back.
		const d = parseRfmConfig({ bins: 3, thresholds: { r: [10, 20], f: [2, 2] } });
		expect(d.thresholds).toEqual({ r: [10, 20], f: [1, 3], m: [100, 1000] });
	});

	it('builds SQL without the injected text, which runs like the defaults', async () => {
		const config = parseRfmConfig({
			bins: 7,
			analysisDate: INJECTED,
			windowStart: "x' OR 1=1 --",
			thresholds: { r: [365, 180, 90, 30], f: [1, 2, 2, 3], m: [1, 2, 3] },
			rules: [{ key: "x' OR 1=1", r: [1, 5], f: [1, 5], m: [1, 5] }]
		});
		expect(config).toEqual(RFM_DEFAULTS);
		const text = rfmQuery(config).text;
		expect(text).not.toMatch(/DROP/i);
		expect(text).not.toContain('OR 1=1');
		expect(text).not.toContain("x'");
		expect(text).not.toContain('2024-01-01');
		const rows = await rfm({ bins: 7, analysisDate: INJECTED });
		expect(pick(rows, ['customer_id', 'rfm_code'])).toEqual(
			table(
				['customer_id', 'rfm_code'],
				[
					['C01', '544'],
					['C03', '251'],
					['C04', '515'],
					['C05', '111'],
					['C06', '355'],
					['C07', '112'],
					['C08', '312']
				]
			)
		);
		expect(await rowsOf(engine, 'SELECT count(*) AS n FROM transactions')).toEqual([{ n: 16 }]);
	});

	it('takes a valid custom rule table, whose keys reach SQL as quoted data', async () => {
		const rules = [
			{ key: 'recent', r: [4, 5], f: [1, 5], m: [1, 5] },
			{ key: 'big_spender', r: [1, 3], f: [1, 5], m: [5, 5] }
		];
		const rows = await rfm({ rules });
		// Default scores: R 5 for C01, C04 → recent; C06 (R 3, M 5) → big_spender; others other.
		expect(pick(rows, ['customer_id', 'segment'])).toEqual(
			table(
				['customer_id', 'segment'],
				[
					['C01', 'recent'],
					['C03', 'other'],
					['C04', 'recent'],
					['C05', 'other'],
					['C06', 'big_spender'],
					['C07', 'other'],
					['C08', 'other']
				]
			)
		);
	});
});
