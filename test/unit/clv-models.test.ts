/**
 * The CLV cell's model choice and its one-sentence outlook: the outlook query on a hand-made
 * result table, the hold-out score and the choice on hand-made scores, and the config setting.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeEngine } from '../helpers/node-engine';
import { dataText } from '../helpers/data';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import { outlookQuery } from '../../src/analyses/clv/outlook';
import { bic, chooseModel, holdoutScore, type ModelScore } from '../../src/analyses/clv/choose';
import { parseClvConfig } from '../../src/analyses/clv/config';
import { PNBD_AUTO_MAX, predictClv, type ClvInput } from '../../src/analyses/clv/predict';

let engine: EngineApi;
beforeAll(async () => {
	engine = await startNodeEngine();
});

describe('the outlook sentence', () => {
	it('sums a hand-made result table', async () => {
		await engine.query(`CREATE OR REPLACE TABLE hand AS SELECT * FROM (VALUES
			('a', 0.9, 2.5, 10.0), ('b', 0.5, 1.0, 20.0), ('c', 0.49, 0.25, 8.0),
			('d', 0.1, 0.0, NULL), ('e', NULL, NULL, NULL)
		) t(customer_id, p_alive, expected_purchases, expected_value)`);
		const [row] = await rowsOf(engine, outlookQuery('hand').text);
		// 2.5 + 1 + 0.25 + 0 = 3.75 purchases; 2.5·10 + 1·20 + 0.25·8 = 47 worth; c and d below 0.5.
		expect(Number(row.customers)).toBe(5);
		expect(Number(row.purchases)).toBeCloseTo(3.75, 12);
		expect(Number(row.value)).toBeCloseTo(47, 12);
		expect(Number(row.gone)).toBe(2);
	});

	it('has no value without a spend model, and zeros for an empty table', async () => {
		await engine.query(`CREATE OR REPLACE TABLE hand AS SELECT * FROM (VALUES
			('a', 0.2, 1.5, CAST(NULL AS DOUBLE))) t(customer_id, p_alive, expected_purchases, expected_value)`);
		const [row] = await rowsOf(engine, outlookQuery('hand').text);
		expect([Number(row.customers), Number(row.purchases), row.value, Number(row.gone)]).toEqual([
			1,
			1.5,
			null,
			1
		]);
		await engine.query('DELETE FROM hand');
		const [empty] = await rowsOf(engine, outlookQuery('hand').text);
		expect([Number(empty.customers), Number(empty.purchases), Number(empty.gone)]).toEqual([
			0, 0, 0
		]);
	});
});

const score = (id: ModelScore['id'], ll: number, mae: number | null): ModelScore => ({
	id,
	params: {},
	logLikelihood: ll,
	bic: bic(ll, 4, 100),
	holdout: mae === null ? null : { mae, predicted: 0, actual: 0 },
	iterations: 1,
	converged: true,
	ms: 1
});

describe('choosing the model', () => {
	it('scores the hold-out customer by customer', () => {
		// |1.5−1| + |0−2| + |3−3| = 2.5 over 3 customers.
		expect(holdoutScore([1.5, 0, 3], [1, 2, 3])).toEqual({
			mae: 2.5 / 3,
			predicted: 4.5,
			actual: 6
		});
		// BIC with 4 parameters and 100 customers: −2·(−50) + 4 ln 100.
		expect(bic(-50, 4, 100)).toBeCloseTo(100 + 4 * Math.log(100), 12);
	});

	it('takes the lowest hold-out error over the best fit, and the best fit without a hold-out', () => {
		const withHoldout = [
			score('bgnbd', -100, 0.5),
			score('mbgnbd', -90, 0.6),
			score('pnbd', -95, 0.4)
		];
		expect(chooseModel(withHoldout, 'auto')).toEqual({ chosen: 'pnbd', by: 'holdout' });
		const without = [
			score('bgnbd', -100, null),
			score('mbgnbd', -90, null),
			score('pnbd', -95, null)
		];
		expect(chooseModel(without, 'auto')).toEqual({ chosen: 'mbgnbd', by: 'bic' });
	});

	it('follows the setting when that model was fitted', () => {
		const scores = [score('bgnbd', -100, 0.5), score('pnbd', -95, 0.4)];
		expect(chooseModel(scores, 'bgnbd')).toEqual({ chosen: 'bgnbd', by: 'setting' });
		expect(chooseModel(scores, 'mbgnbd')).toEqual({ chosen: 'pnbd', by: 'holdout' });
	});

	it.each([
		[undefined, 'auto'],
		['pnbd', 'pnbd'],
		['mbgnbd', 'mbgnbd'],
		['bgnbd', 'bgnbd'],
		["pnbd'; DROP TABLE clv; --", 'auto'],
		[3, 'auto']
	])('parses the model setting %o as %s', (model, expected) => {
		expect(parseClvConfig({ model }).model).toBe(expected);
	});
});

describe('which models “best of three” tries on a big file', () => {
	/** The CDNOW sample's calibration summary (2,357 customers), with made-up spend. */
	function cdnow(): ClvInput {
		const rows = dataText('cdnow-lifetimes/cdnow_customers_summary.csv')
			.trim()
			.split('\n')
			.slice(1)
			.map((line) => line.split(',').map(Number));
		const column = (j: number) => Float64Array.from(rows, (r) => r[j]);
		return { x: column(1), tx: column(2), T: column(3), mbar: Float64Array.from(rows, () => 30) };
	}

	it('leaves Pareto/NBD out above the limit and says so; a chosen model is always fitted', async () => {
		const input = cdnow();
		const histories = new Set(Array.from(input.x, (x, i) => `${x},${input.tx[i]},${input.T[i]}`))
			.size;
		expect(PNBD_AUTO_MAX).toBe(20_000);
		// The rule at a limit just under this file's number of distinct histories.
		const limit = { pnbdAutoMax: histories - 1 };
		const auto = await predictClv(input, parseClvConfig({}), limit);
		expect(auto.report.skipped).toEqual({ model: 'pnbd', histories });
		expect(auto.report.models.map((m) => m.id)).toEqual(['bgnbd', 'mbgnbd']);
		const chosen = await predictClv(input, parseClvConfig({ model: 'pnbd' }), limit);
		expect(chosen.report.skipped).toBeNull();
		expect(chosen.report.chosen).toBe('pnbd');
		const under = await predictClv(input, parseClvConfig({}), { pnbdAutoMax: histories });
		expect(under.report.skipped).toBeNull();
		expect(under.report.models.map((m) => m.id)).toEqual(['bgnbd', 'mbgnbd', 'pnbd']);
	}, 60_000);
});
