/**
 * The personas table on the real engine: the groups are given (a lifecycle table written here),
 * the transactions loaded through the app, and every expected figure worked out by hand below.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeEngine, textFile } from '../helpers/node-engine';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import { parseMapping } from '../../src/ingest/mapping';
import { parsePersonasConfig } from '../../src/analyses/personas/config';
import { personasQuery } from '../../src/analyses/personas/query';

/*
 * Group A: C1 and C2. C1's O1 (P1 10 + P2 20) on 01-01, O2 (P1 40) on 01-11 and a refund on O2
 * (P1 −5) on 01-15; C2's O3 (P3 100). Group B: C3's O4 (P2 7), O5 (P2 3) and O6 (P3 1) on 02-01,
 * 02-04 and 02-10.
 * A: 2 customers, revenue 30 + 40 − 5 + 100 = 165, 3 orders (the refund is none), 55 per
 *    order, one gap of 10 days; products P3 100, P1 45, P2 20.
 * B: 1 customer, revenue 11, 3 orders, 11 / 3 = 3.67 per order, gaps 3 and 6 (median 4.5);
 *    products P2 10, P3 1.
 * Shares of 3 customers and 176 of revenue.
 */
const CSV = `order_id,customer_id,order_date,amount,product_id
O1,C1,2024-01-01 10:00:00,10.00,P1
O1,C1,2024-01-01 10:00:00,20.00,P2
O2,C1,2024-01-11 09:00:00,40.00,P1
O2,C1,2024-01-15 09:00:00,-5.00,P1
O3,C2,2024-01-05 12:00:00,100.00,P3
O4,C3,2024-02-01 08:00:00,7.00,P2
O5,C3,2024-02-04 08:00:00,3.00,P2
O6,C3,2024-02-10 08:00:00,1.00,P3
`;

let engine: EngineApi;

beforeAll(async () => {
	engine = await startNodeEngine();
	const opened = await engine.openFile(textFile('personas.csv', CSV), {});
	const report = await engine.normalise(
		parseMapping({ ...opened.guess.draft, today: '2030-01-01' }, opened.columns)
	);
	expect([report.rowsUsed, report.customers]).toEqual([8, 3]);
	await engine.query(`CREATE OR REPLACE TABLE lifecycle AS
		SELECT * FROM (VALUES ('C1', 'A'), ('C2', 'A'), ('C3', 'B')) AS g(customer_id, stage)`);
});

describe('personas', () => {
	it('sizes, revenue, orders, gaps and top products per group, as worked out by hand', async () => {
		const rows = await rowsOf(
			engine,
			personasQuery(parsePersonasConfig({ source: 'lifecycle' })).text
		);
		expect(rows).toEqual([
			{
				segment: 'A',
				customers: 2,
				customer_share: 0.6667,
				revenue: 165,
				revenue_share: 0.9375,
				avg_order_value: 55,
				median_days_between_orders: 10,
				top_products: 'P3, P1, P2',
				action: ''
			},
			{
				segment: 'B',
				customers: 1,
				customer_share: 0.3333,
				revenue: 11,
				revenue_share: 0.0625,
				avg_order_value: 3.67,
				median_days_between_orders: 4.5,
				top_products: 'P2, P3',
				action: ''
			}
		]);
	});
});
