/**
 * One net spend everywhere: a refund counts at the first purchase of the order it refunds (same
 * order id, same customer), or on its own date when it refunds no order of that customer. Every
 * cell that reports a customer's spend (RFM, ABC by customer, personas, the CLV summary's mbar,
 * the RFM export) must then give the same figure over the same dates. The expected spends are
 * worked out by hand below, not copied from a run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeEngine, textFile } from '../helpers/node-engine';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import { parseMapping } from '../../src/ingest/mapping';
import { parseRfmConfig } from '../../src/analyses/rfm/config';
import { rfmQuery } from '../../src/analyses/rfm/query';
import { parseAbcConfig } from '../../src/analyses/abc/config';
import { abcQuery } from '../../src/analyses/abc/query';
import { parsePersonasConfig } from '../../src/analyses/personas/config';
import { personasQuery } from '../../src/analyses/personas/query';
import { parseClvConfig } from '../../src/analyses/clv/config';
import { summaryQuery } from '../../src/analyses/clv/summary';
import { rfmWithClvQuery } from '../../src/analyses/clv/export';
import { parseLifecycleConfig } from '../../src/analyses/lifecycle/config';
import { lifecycleQuery } from '../../src/analyses/lifecycle/query';

/*
 * The last purchase of anyone is K4's O41 on 2024-03-31, so the default analysis date is
 * 2024-04-01. The explicit window W is 2024-02-01 … 2024-03-31.
 * - K1: O11 (100, 01-10), O12 (50 + 30, 03-01); a refund of O12 (−30) dated 04-05, after the
 *   default date: it counts on 03-01.
 * - K2: O21 (200, 02-01), O22 (40, 03-10); refunds R21 (−20, 02-15) and R22 (−15, 04-10) match
 *   no order: each counts on its own date, R22 after the last purchase.
 * - K3: O31 (60, 01-20), refunded in full (−60) on 02-10, inside W; O32 (40, 03-15). The refund
 *   counts on 01-20, outside W.
 * - K4: O41 (90, 03-31), refunded −10 on 04-01, the default analysis date itself (the case in
 *   the issue): it counts on 03-31.
 * - K5: a refund only (−25, 03-05): in ABC, never in RFM (no purchase).
 * - K6: a refund (−5, 02-20) with K1's order id O11: not K6's order, so it counts on its own
 *   date; O61 (70, 02-25).
 * - K7: O71 (120, 02-10), O72 (50, 03-20); a refund of O72 (−20) on 04-20, after W and the
 *   default date: it counts on 03-20.
 */
const CSV = `order_id,customer_id,order_date,amount
O11,K1,2024-01-10 10:00:00,100.00
O12,K1,2024-03-01 11:00:00,50.00
O12,K1,2024-03-01 11:00:00,30.00
O12,K1,2024-04-05 09:00:00,-30.00
O21,K2,2024-02-01 12:00:00,200.00
R21,K2,2024-02-15 12:00:00,-20.00
O22,K2,2024-03-10 12:00:00,40.00
R22,K2,2024-04-10 12:00:00,-15.00
O31,K3,2024-01-20 08:00:00,60.00
O31,K3,2024-02-10 08:00:00,-60.00
O32,K3,2024-03-15 08:00:00,40.00
O41,K4,2024-03-31 18:00:00,90.00
O41,K4,2024-04-01 09:00:00,-10.00
R51,K5,2024-03-05 10:00:00,-25.00
O11,K6,2024-02-20 10:00:00,-5.00
O61,K6,2024-02-25 10:00:00,70.00
O71,K7,2024-02-10 10:00:00,120.00
O72,K7,2024-03-20 10:00:00,50.00
O72,K7,2024-04-20 10:00:00,-20.00
`;

type Spends = Record<string, number>;

/** Every row counts (no date set): nothing is cut, late refunds included. */
const WHOLE: Spends = {
	K1: 100 + 50 + 30 - 30, // 150
	K2: 200 - 20 + 40 - 15, // 205
	K3: 60 - 60 + 40, // 40
	K4: 90 - 10, // 80
	K5: -25,
	K6: -5 + 70, // 65
	K7: 120 + 50 - 20 // 150
};

/** Window W (02-01 … 03-31), each refund at the date it counts on. */
const IN_W: Spends = {
	K1: 50 + 30 - 30, // 50: O11 is before W; O12's refund counts on 03-01
	K2: 200 - 20 + 40, // 220: R22 (04-10) is after W
	K3: 40, // O31 and its refund count on 01-20, before W
	K4: 90 - 10, // 80
	K5: -25,
	K6: -5 + 70, // 65
	K7: 120 + 50 - 20 // 150: O72's refund counts on 03-20
};

/** Everything before 2024-04-01, set explicitly: as `WHOLE` but for K2's late R22. */
const BEFORE_APRIL: Spends = { ...WHOLE, K2: 200 - 20 + 40 }; // K2: 220

/** Customers with a purchase: the ones RFM, personas and CLV describe. */
const without = (s: Spends, ...ids: string[]) =>
	Object.fromEntries(Object.entries(s).filter(([id]) => !ids.includes(id)));

let engine: EngineApi;

const byId = (rows: Record<string, unknown>[], id: string, value: string): Spends =>
	Object.fromEntries(rows.map((r) => [String(r[id]), Number(r[value])]));

async function rfmSpend(input: unknown): Promise<Spends> {
	return byId(
		await rowsOf(engine, rfmQuery(parseRfmConfig(input)).text),
		'customer_id',
		'monetary'
	);
}

async function abcSpend(input: unknown): Promise<Spends> {
	return byId(await rowsOf(engine, abcQuery(parseAbcConfig(input)).text), 'id', 'measure');
}

beforeAll(async () => {
	engine = await startNodeEngine();
	const opened = await engine.openFile(textFile('net-spend.csv', CSV), {});
	const mapping = parseMapping({ ...opened.guess.draft, today: '2030-01-01' }, opened.columns);
	expect([mapping.orderId, mapping.customerId, mapping.amount]).toEqual([
		'order_id',
		'customer_id',
		'amount'
	]);
	const report = await engine.normalise(mapping);
	expect([report.rowsUsed, report.refundsNetted, report.customers]).toEqual([19, 8, 7]);
});

describe('a refund counts at the order it refunds', () => {
	it('gives refund rows of customer_orders the time of their order, or their own', async () => {
		const rows = await rowsOf(
			engine,
			"SELECT customer_id, order_id, strftime(order_ts, '%m-%d') AS day, amount FROM customer_orders WHERE amount < 0 ORDER BY ALL"
		);
		expect(rows).toEqual([
			{ customer_id: 'K1', order_id: 'O12', day: '03-01', amount: -30 },
			{ customer_id: 'K2', order_id: 'R21', day: '02-15', amount: -20 },
			{ customer_id: 'K2', order_id: 'R22', day: '04-10', amount: -15 },
			{ customer_id: 'K3', order_id: 'O31', day: '01-20', amount: -60 },
			{ customer_id: 'K4', order_id: 'O41', day: '03-31', amount: -10 },
			{ customer_id: 'K5', order_id: 'R51', day: '03-05', amount: -25 },
			{ customer_id: 'K6', order_id: 'O11', day: '02-20', amount: -5 },
			{ customer_id: 'K7', order_id: 'O72', day: '03-20', amount: -20 }
		]);
	});

	it('keeps the definitions: refunds are no orders and do not move the last purchase', async () => {
		const rows = await rowsOf(
			engine,
			"SELECT customer_id, orders, strftime(last_purchase_ts, '%m-%d') AS last FROM customer_summary ORDER BY 1"
		);
		expect(rows).toEqual([
			{ customer_id: 'K1', orders: 2, last: '03-01' },
			{ customer_id: 'K2', orders: 2, last: '03-10' },
			{ customer_id: 'K3', orders: 2, last: '03-15' },
			{ customer_id: 'K4', orders: 1, last: '03-31' },
			{ customer_id: 'K5', orders: 0, last: null },
			{ customer_id: 'K6', orders: 1, last: '02-25' },
			{ customer_id: 'K7', orders: 2, last: '03-20' }
		]);
	});
});

describe('the same net spend in every cell', () => {
	it('with no dates set: RFM, ABC, lifecycle, personas and the RFM export over the whole history', async () => {
		const buyers = without(WHOLE, 'K5');
		// The summary's answer and the per-order one (frequency in days forces it).
		expect(await rfmSpend({})).toEqual(buyers);
		expect(await rfmSpend({ frequency: 'days' })).toEqual(buyers);
		expect(await abcSpend({})).toEqual(WHOLE);
		// A window wider than the data takes ABC through the orders instead of the summary.
		expect(await abcSpend({ windowStart: '2000-01-01' })).toEqual(WHOLE);

		// Lifecycle's value tiers rank the same spend.
		const lifecycle = byId(
			await rowsOf(engine, lifecycleQuery(parseLifecycleConfig({})).text),
			'customer_id',
			'spend'
		);
		expect(Object.keys(lifecycle).length).toBeGreaterThan(0);
		for (const [id, spend] of Object.entries(lifecycle)) expect(spend, id).toBe(WHOLE[id]);

		// Personas: each customer their own group, so revenue is that customer's spend.
		await engine.query(
			'CREATE OR REPLACE TABLE lifecycle AS SELECT customer_id, customer_id AS stage FROM customer_summary'
		);
		const personas = await rowsOf(
			engine,
			personasQuery(parsePersonasConfig({ source: 'lifecycle' })).text
		);
		expect(byId(personas, 'segment', 'revenue')).toEqual(WHOLE);

		// The RFM export: the rfm table with the CLV columns beside it.
		await engine.query(`CREATE OR REPLACE TABLE rfm AS ${rfmQuery(parseRfmConfig({})).text}`);
		await engine.query(`CREATE OR REPLACE TABLE clv AS SELECT customer_id, 0.5 AS p_alive,
			1.0 AS expected_purchases, 10.0 AS expected_value, 10.0 AS clv FROM rfm`);
		expect(byId(await rowsOf(engine, rfmWithClvQuery().text), 'customer_id', 'monetary')).toEqual(
			buyers
		);

		// Personas by RFM segment: each segment's revenue is its members' RFM spend.
		const segments = await rowsOf(
			engine,
			'SELECT segment, round(sum(monetary), 2) AS spend FROM rfm GROUP BY 1'
		);
		const bySegment = await rowsOf(
			engine,
			personasQuery(parsePersonasConfig({ source: 'rfm' })).text
		);
		expect(byId(bySegment, 'segment', 'revenue')).toEqual(byId(segments, 'segment', 'spend'));
	});

	it('over an explicit window: RFM and ABC', async () => {
		const w = { windowStart: '2024-02-01', windowEnd: '2024-03-31' };
		expect(await rfmSpend(w)).toEqual(without(IN_W, 'K5'));
		expect(await abcSpend(w)).toEqual(IN_W);
	});

	it('before an explicit analysis date: RFM, ABC to the day before, the CLV summary', async () => {
		expect(await rfmSpend({ analysisDate: '2024-04-01' })).toEqual(without(BEFORE_APRIL, 'K5'));
		expect(await abcSpend({ windowEnd: '2024-03-31' })).toEqual(BEFORE_APRIL);
	});

	/*
	 * CLV: purchase days, each worth its purchases less the refunds counted on it; mbar = (spend to
	 * the calibration end − the first day's value) / x. So first day + x · mbar is the spend.
	 * - K1: 01-10 (100), 03-01 (80 − 30 = 50): x = 1, mbar = 50 (was 80 when refunds were left out).
	 * - K2: 02-01 (200), 03-10 (40), R21 −20 on a day without a purchase: x = 1,
	 *   mbar = (220 − 200) = 20; with no calibration end set R22 counts too: (205 − 200) = 5.
	 * - K3: 01-20 (60 − 60 = 0), 03-15 (40): x = 1, mbar = 40.
	 * - K7: 02-10 (120), 03-20 (50 − 20 = 30): x = 1, mbar = 30.
	 * - K4 and K6 bought on one day only: x = 0, mbar = 0. K5 bought nothing: no row.
	 */
	const FIRST_DAY: Spends = { K1: 100, K2: 200, K3: 0, K4: 80, K6: 70, K7: 120 };

	it.each([
		{
			config: { calibrationEnd: '2024-03-31' },
			spends: BEFORE_APRIL,
			mbar: { K1: 50, K2: 20, K3: 40, K4: 0, K6: 0, K7: 30 }
		},
		{ config: {}, spends: WHOLE, mbar: { K1: 50, K2: 5, K3: 40, K4: 0, K6: 0, K7: 30 } }
	])('CLV summary $config: mbar from the same net spend', async ({ config, spends, mbar }) => {
		const rows = await rowsOf(engine, summaryQuery(parseClvConfig(config)).text);
		expect(byId(rows, 'customer_id', 'mbar')).toEqual(mbar);
		for (const r of rows) {
			const id = String(r.customer_id);
			if (Number(r.x) > 0)
				expect(FIRST_DAY[id] + Number(r.x) * Number(r.mbar)).toBeCloseTo(spends[id], 9);
		}
	});
});

describe('without an order id', () => {
	/*
	 * Each line is its own order, so no refund matches one and each counts on its own date. Over
	 * W: K1 50 + 30 (its refund, 04-05, is after W) = 80; K3 −60 (02-10, inside) + 40 = −20;
	 * K4 90 (the refund, 04-01, after W); K7 120 + 50 = 170 (the refund, 04-20, after W); the
	 * others as with order ids. With no dates set every row still counts.
	 */
	const IN_W_OWN_DATES: Spends = { ...IN_W, K1: 80, K3: -20, K4: 90, K7: 170 };

	beforeAll(async () => {
		const withoutIds = CSV.split('\n')
			.map((line) => line.split(',').slice(1).join(','))
			.join('\n');
		const opened = await engine.openFile(textFile('no-order-id.csv', withoutIds), {});
		const draft = { ...opened.guess.draft, orderId: null, today: '2030-01-01' };
		const mapping = parseMapping(draft, opened.columns);
		expect(mapping.orderId).toBeNull();
		await engine.normalise(mapping);
	});

	it('counts every refund on its own date, the same in RFM and ABC', async () => {
		expect(await rfmSpend({})).toEqual(without(WHOLE, 'K5'));
		expect(await abcSpend({})).toEqual(WHOLE);
		const w = { windowStart: '2024-02-01', windowEnd: '2024-03-31' };
		expect(await rfmSpend(w)).toEqual(without(IN_W_OWN_DATES, 'K5'));
		expect(await abcSpend(w)).toEqual(IN_W_OWN_DATES);
	});
});
