/**
 * Whom each cell counts, as its definitions say: four customers in the file, one of whom has
 * only a refund. The quality report and ABC count all four; RFM, lifecycle and lifetime value
 * count the three with a purchase.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeEngine, textFile } from '../helpers/node-engine';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import { parseMapping } from '../../src/ingest/mapping';
import { ANALYSES } from '../../src/analyses/registry';

// P1 buys twice, P2 once, P3 buys and is refunded in part; R1 has one refund of an order that is
// not in the file (a return of an older purchase), and nothing else.
const CSV = `order_id,customer_id,order_date,amount
A1,P1,2024-01-05 10:00:00,100
A2,P1,2024-02-05 10:00:00,50
B1,P2,2024-01-20 10:00:00,80
C1,P3,2024-02-01 10:00:00,60
C1,P3,2024-02-03 10:00:00,-20
X9,R1,2024-02-10 10:00:00,-35
`;

let engine: EngineApi;
let reported = 0;
beforeAll(async () => {
	engine = await startNodeEngine();
	const opened = await engine.openFile(textFile('population.csv', CSV), {});
	const report = await engine.normalise(
		parseMapping({ ...opened.guess.draft, today: '2030-01-01' }, opened.columns)
	);
	reported = report.customers;
});

/** The customer ids of a cell's table with its default settings. */
async function idsOf(kind: 'rfm' | 'abc' | 'lifecycle' | 'clv'): Promise<string[]> {
	const analysis = ANALYSES[kind];
	const sql = analysis.query(analysis.parse({}) as never).text;
	const rows = await rowsOf(engine, `SELECT * FROM (${sql}) AS t`);
	return rows.map((r) => String(r.customer_id ?? r.id)).sort();
}

describe('one population, said aloud', () => {
	it('counts every customer in the quality report and in ABC, buyers only elsewhere', async () => {
		expect(reported).toBe(4);
		expect(await idsOf('abc')).toEqual(['P1', 'P2', 'P3', 'R1']);
		for (const kind of ['rfm', 'lifecycle', 'clv'] as const) {
			expect(await idsOf(kind)).toEqual(['P1', 'P2', 'P3']);
		}
		// R1's net revenue is −35: in ABC it is C, as the definitions say.
		const abc = await rowsOf(
			engine,
			`SELECT id, measure, class FROM (${ANALYSES.abc.query(ANALYSES.abc.parse({})).text}) WHERE id = 'R1'`
		);
		expect(abc).toEqual([{ id: 'R1', measure: -35, class: 'C' }]);
	});

	it('says so in each cell’s definitions', () => {
		expect(ANALYSES.rfm.definitions).toMatch(
			/Whom it counts: every customer with at least one purchase/
		);
		expect(ANALYSES.abc.definitions).toMatch(/those whose rows are all refunds too/);
		for (const kind of ['lifecycle', 'clv', 'clusters'] as const) {
			expect(ANALYSES[kind].definitions).toMatch(
				/Customers whose rows are all refunds.* are left out/
			);
		}
	});
});
