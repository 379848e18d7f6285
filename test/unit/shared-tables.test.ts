/**
 * The two tables the loader derives once per file, `customer_orders` and `customer_summary`, and
 * the cells that read them instead of every line. The fixture's expected rows are worked out by
 * hand below; on the real Online Retail subset, each cell's answer through the shared tables
 * must equal its answer through the lines, which the cell takes whenever its config narrows the
 * dates (an explicit analysis date equal to the default, a window wider than the data).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeEngine, textFile } from '../helpers/node-engine';
import { dataFile } from '../helpers/data';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import { parseMapping } from '../../src/ingest/mapping';
import { parseRfmConfig } from '../../src/analyses/rfm/config';
import { rfmQuery } from '../../src/analyses/rfm/query';
import { parseAbcConfig } from '../../src/analyses/abc/config';
import { abcQuery } from '../../src/analyses/abc/query';

/*
 * Last purchase of anyone: C2 on 2024-04-20, so the default analysis date is 2024-04-21.
 * - C1: order A1 has two purchase lines at 03-01 10:00 (10 + 15), a purchase line at
 *   03-02 09:00 (5) and a refund line at the same time (-4), which counts at A1's first purchase
 *   (03-01 10:00); A2 one purchase (40, no quantity); A3 a refund of no order (-6) on
 *   2024-05-10, after the default analysis date: it keeps its date and counts unless a date is set.
 * - C2: B1 (100) and B2 (0: a zero amount is a purchase), the same day.
 * - C3: a refund only.
 */
const CSV = `order_id,customer_id,order_date,amount,quantity
A1,C1,2024-03-01 10:00:00,10.00,1
A1,C1,2024-03-01 10:00:00,15.00,2
A1,C1,2024-03-02 09:00:00,5.00,1
A1,C1,2024-03-02 09:00:00,-4.00,-1
A2,C1,2024-04-01 12:00:00,40.00,
A3,C1,2024-05-10 08:00:00,-6.00,-1
B1,C2,2024-04-20 16:00:00,100.00,2
B2,C2,2024-04-20 17:00:00,0.00,1
X1,C3,2024-02-01 10:00:00,-30.00,-1
`;

const ts = (text: string) => Date.parse(`${text}Z`);

async function load(engine: EngineApi, file: File) {
	const opened = await engine.openFile(file, {});
	return engine.normalise(
		parseMapping({ ...opened.guess.draft, today: '2030-01-01' }, opened.columns)
	);
}

describe('the shared tables, by hand', () => {
	let engine: EngineApi;
	beforeAll(async () => {
		engine = await startNodeEngine();
		const report = await load(engine, textFile('shared.csv', CSV));
		expect([report.rowsRead, report.rowsUsed, report.customers, report.orders]).toEqual([
			9, 9, 3, 6
		]);
	});

	it('groups lines by customer, order, time and kind, summing amounts and quantities', async () => {
		const rows = await rowsOf(
			engine,
			'SELECT customer_id, order_id, order_ts, amount, quantity, lines FROM customer_orders ORDER BY customer_id, order_id, order_ts, amount'
		);
		expect(rows).toEqual([
			{
				customer_id: 'C1',
				order_id: 'A1',
				order_ts: ts('2024-03-01T10:00:00'),
				amount: -4,
				quantity: -1,
				lines: 1
			},
			{
				customer_id: 'C1',
				order_id: 'A1',
				order_ts: ts('2024-03-01T10:00:00'),
				amount: 25,
				quantity: 3,
				lines: 2
			},
			{
				customer_id: 'C1',
				order_id: 'A1',
				order_ts: ts('2024-03-02T09:00:00'),
				amount: 5,
				quantity: 1,
				lines: 1
			},
			{
				customer_id: 'C1',
				order_id: 'A2',
				order_ts: ts('2024-04-01T12:00:00'),
				amount: 40,
				quantity: null,
				lines: 1
			},
			{
				customer_id: 'C1',
				order_id: 'A3',
				order_ts: ts('2024-05-10T08:00:00'),
				amount: -6,
				quantity: -1,
				lines: 1
			},
			{
				customer_id: 'C2',
				order_id: 'B1',
				order_ts: ts('2024-04-20T16:00:00'),
				amount: 100,
				quantity: 2,
				lines: 1
			},
			{
				customer_id: 'C2',
				order_id: 'B2',
				order_ts: ts('2024-04-20T17:00:00'),
				amount: 0,
				quantity: 1,
				lines: 1
			},
			{
				customer_id: 'C3',
				order_id: 'X1',
				order_ts: ts('2024-02-01T10:00:00'),
				amount: -30,
				quantity: -1,
				lines: 1
			}
		]);
	});

	it('sums each customer once: net spend, first order, quantity', async () => {
		const rows = await rowsOf(engine, 'SELECT * FROM customer_summary ORDER BY customer_id');
		expect(rows).toEqual([
			// Every row: 25 + 5 − 4 + 40 − 6; A1 is the first order (25 + 5 − 4 = 26).
			{
				customer_id: 'C1',
				last_purchase_ts: ts('2024-04-01T12:00:00'),
				orders: 2,
				spend: 60,
				first_order_spend: 26,
				quantity: 2
			},
			{
				customer_id: 'C2',
				last_purchase_ts: ts('2024-04-20T17:00:00'),
				orders: 2,
				spend: 100,
				first_order_spend: 100,
				quantity: 3
			},
			{
				customer_id: 'C3',
				last_purchase_ts: null,
				orders: 0,
				spend: -30,
				first_order_spend: null,
				quantity: -1
			}
		]);
	});

	it('gives RFM the measures the definitions give', async () => {
		const measures = async (input: unknown) =>
			rowsOf(
				engine,
				`SELECT customer_id, recency_days, frequency, monetary FROM (${rfmQuery(parseRfmConfig(input)).text}) ORDER BY customer_id`
			);
		// No date set: every row counts, A3's refund too (60, as in ABC).
		expect(await measures({})).toEqual([
			{ customer_id: 'C1', recency_days: 20, frequency: 2, monetary: 60 },
			{ customer_id: 'C2', recency_days: 1, frequency: 2, monetary: 100 }
		]);
		// Without the first order (26): 60 − 26.
		expect(await measures({ frequency: 'days', firstPurchase: 'exclude' })).toEqual([
			{ customer_id: 'C1', recency_days: 20, frequency: 3, monetary: 34 },
			{ customer_id: 'C2', recency_days: 1, frequency: 1, monetary: 0 }
		]);
		// The default day, set: A3's refund (05-10) is after it and left out.
		expect(await measures({ analysisDate: '2024-04-21' })).toEqual([
			{ customer_id: 'C1', recency_days: 20, frequency: 2, monetary: 66 },
			{ customer_id: 'C2', recency_days: 1, frequency: 2, monetary: 100 }
		]);
		// One day after A3's refund: it is before the analysis date and counts.
		expect(await measures({ analysisDate: '2024-05-11' })).toEqual([
			{ customer_id: 'C1', recency_days: 40, frequency: 2, monetary: 60 },
			{ customer_id: 'C2', recency_days: 21, frequency: 2, monetary: 100 }
		]);
	});

	it('gives ABC every row of each customer, refunds after the last purchase too', async () => {
		const rows = await rowsOf(
			engine,
			`SELECT id, measure FROM (${abcQuery(parseAbcConfig({})).text}) ORDER BY id`
		);
		expect(rows).toEqual([
			{ id: 'C1', measure: 60 },
			{ id: 'C2', measure: 100 },
			{ id: 'C3', measure: -30 }
		]);
	});
});

describe('the shared tables on real data', () => {
	const RETAIL = 'online-retail-uci-customer-subset/online_retail_400_customers.csv.gz';
	let engine: EngineApi;
	let nextDay: string;
	beforeAll(async () => {
		engine = await startNodeEngine();
		await load(engine, dataFile(RETAIL));
		const [{ day }] = await rowsOf(
			engine,
			"SELECT strftime(CAST(max(order_ts) AS DATE) + 1, '%Y-%m-%d') AS day FROM transactions WHERE amount >= 0"
		);
		nextDay = String(day);
	}, 60_000);

	const table = (text: string) => rowsOf(engine, `SELECT * FROM (${text}) ORDER BY ALL`);

	it.each([
		{},
		{ firstPurchase: 'exclude' },
		{ monetary: 'average', firstPurchase: 'exclude' },
		{ bins: 3, scoring: 'thresholds' },
		{ segmentMap: 'cn8', cn8Split: 'median' }
	])('RFM %o: the summary and the lines agree for every customer', async (input) => {
		const viaSummary = await table(rfmQuery(parseRfmConfig(input)).text);
		const viaLines = await table(
			rfmQuery(parseRfmConfig({ ...input, analysisDate: nextDay })).text
		);
		expect(viaSummary.length).toBeGreaterThan(300);
		expect(viaSummary).toEqual(viaLines);
	});

	it.each([{}, { measure: 'quantity' }, { method: 'rank' }])(
		'ABC %o: the summary and the lines agree',
		async (input) => {
			const viaSummary = await table(abcQuery(parseAbcConfig(input)).text);
			const viaLines = await table(
				abcQuery(parseAbcConfig({ ...input, windowStart: '1900-01-01' })).text
			);
			expect(viaSummary.length).toBeGreaterThan(300);
			expect(viaSummary).toEqual(viaLines);
		}
	);
});
