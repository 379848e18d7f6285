/**
 * The whole lifetime-value path as the app runs it: our SQL summary of the raw CDNOW sample,
 * the fit inside the engine, and the `clv` table, checked against the published results
 * (Fader, Hardie & Lee 2005; lifetimes' tests; Hardie's note 025 for Gamma-Gamma).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeEngine } from '../helpers/node-engine';
import { dataFile } from '../helpers/data';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import { parseMapping } from '../../src/ingest/mapping';
import { createResultTable } from '../../src/analyses/cell-sql';
import { parseClvConfig } from '../../src/analyses/clv/config';
import { summaryQuery } from '../../src/analyses/clv/summary';
import type { ClvFitReport } from '../../src/analyses/clv/predict';
import { rfmWithClvQuery } from '../../src/analyses/clv/export';
import { rfmQuery } from '../../src/analyses/rfm/query';
import { parseRfmConfig } from '../../src/analyses/rfm/config';
import { show, type Message } from '../../src/i18n/t';

const CONFIG = {
	calibrationEnd: '1997-09-30',
	holdoutEnd: '1998-06-30',
	period: 'weeks',
	horizon: 39,
	// The published figures checked below are BG/NBD's; 'auto' is checked on its own.
	model: 'bgnbd'
};

let engine: EngineApi;
let report: ClvFitReport;
const details: (Message | string)[] = [];

beforeAll(async () => {
	engine = await startNodeEngine();
	const opened = await engine.openFile(dataFile('cdnow-lifetimes/CDNOW_sample.txt.gz'), {});
	await engine.normalise(
		parseMapping(
			{ ...opened.guess.draft, customerId: 'column1', today: '2025-01-01' },
			opened.columns
		)
	);
	await engine.query(createResultTable('clv_summary', summaryQuery(parseClvConfig(CONFIG))).text);
	report = (await engine.fitModel('clv', CONFIG, (p) =>
		details.push(p.detail ?? '')
	)) as ClvFitReport;
}, 120_000);

describe('lifetime value on CDNOW, end to end', () => {
	it('fits BG/NBD to the published parameters and log-likelihood', () => {
		const bg = report.models.find((m) => m.id === 'bgnbd')!;
		const { r, alpha, a, b } = bg.params;
		expect([r, alpha, a, b].map((v) => Number(v.toFixed(3)))).toEqual([0.243, 4.414, 0.793, 2.426]);
		expect(bg.logLikelihood).toBeCloseTo(-9582.4, 1);
		expect(report.customers).toBe(2357);
		expect(report.repeatCustomers).toBe(946);
		expect(details.some((d) => show(d).startsWith('BG/NBD, iteration'))).toBe(true);
		expect([report.chosen, report.chosenBy]).toEqual(['bgnbd', 'setting']);
	});

	it('fits MBG/NBD and Pareto/NBD beside it, to the published parameters', () => {
		const [mbg, pnbd] = ['mbgnbd', 'pnbd'].map((id) => report.models.find((m) => m.id === id)!);
		// lifetimes' ModifiedBetaGeoFitter test; BTYD's Pareto/NBD walkthrough (LL −9594.98).
		const rounded = (o: Record<string, number>) =>
			Object.values(o).map((v) => Number(v.toFixed(3)));
		expect(rounded(mbg.params)).toEqual([0.525, 6.183, 0.891, 1.614]);
		expect(Math.abs(pnbd.params.r - 0.553)).toBeLessThan(0.002);
		expect(Math.abs(pnbd.params.s - 0.606)).toBeLessThan(0.002);
		expect(Math.abs(pnbd.logLikelihood - -9594.98)).toBeLessThan(0.05);
		// Four parameters each: BIC = −2 ln L + 4 ln 2357.
		for (const m of report.models) {
			expect(m.bic).toBeCloseTo(-2 * m.logLikelihood + 4 * Math.log(2357), 6);
		}
	});

	it("scores each model on the hold-out: the error agrees with the table's own columns", async () => {
		const rows = await rowsOf(engine, 'SELECT expected_holdout, x_holdout FROM clv');
		let error = 0;
		let predicted = 0;
		for (const r of rows) {
			error += Math.abs(Number(r.expected_holdout) - Number(r.x_holdout));
			predicted += Number(r.expected_holdout);
		}
		const bg = report.models.find((m) => m.id === 'bgnbd')!.holdout!;
		// The table rounds to 4 decimals: at most 5e-5 per customer.
		expect(Math.abs(bg.mae - error / rows.length)).toBeLessThan(5e-5);
		expect(Math.abs(bg.predicted - predicted)).toBeLessThan(2357 * 5e-5);
		for (const m of report.models) expect(m.holdout!.actual).toBe(1882);
	});

	it('says the result in one sentence: customers, purchases, their worth and those gone', async () => {
		const rows = await rowsOf(
			engine,
			'SELECT p_alive, expected_purchases, expected_value FROM clv'
		);
		let purchases = 0;
		let value = 0;
		for (const r of rows) {
			purchases += Number(r.expected_purchases);
			value += Number(r.expected_purchases) * Number(r.expected_value);
		}
		const outlook = report.outlook!;
		expect(outlook.customers).toBe(2357);
		expect(outlook.purchases).toBeCloseTo(purchases, 6);
		expect(outlook.value).toBeCloseTo(value, 4);
		expect(outlook.gone).toBe(rows.filter((r) => Number(r.p_alive) < 0.5).length);
	});

	it('fits Gamma-Gamma on the 946 repeat customers to the published parameters', () => {
		const gg = report.gammaGamma!;
		expect(gg.p).toBeCloseTo(6.25, 2);
		expect(gg.q).toBeCloseTo(3.74, 2);
		expect(gg.gamma).toBeCloseTo(15.44, 2);
	});

	it('predicts per customer: E[Y(39)] for customer 1 and E[M] for the first ten', async () => {
		const rows = await rowsOf(
			engine,
			'SELECT customer_id, x, expected_purchases, expected_value, p_alive, clv FROM clv ORDER BY customer_id LIMIT 10'
		);
		// Customer 1: x = 2, t_x = 30.43, T = 38.86 weeks → E[Y(39)] = 1.226 (lifetimes' test).
		expect(rows[0].x).toBe(2);
		expect(Number(rows[0].expected_purchases)).toBeCloseTo(1.226, 2);
		const published = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
		rows.forEach((r, i) =>
			expect(Math.abs(Number(r.expected_value) - published[i])).toBeLessThan(0.1)
		);
		for (const r of rows) {
			expect(Number(r.p_alive)).toBeGreaterThan(0);
			expect(Number(r.p_alive)).toBeLessThanOrEqual(1);
			expect(Number(r.clv)).toBeGreaterThan(0);
		}
	});

	it('predicts the hold-out (39 weeks) next to what customers actually bought in it', async () => {
		expect(report.holdoutPeriods).toBeCloseTo(273 / 7, 6);
		const [first] = await rowsOf(
			engine,
			"SELECT expected_holdout, x_holdout FROM clv WHERE customer_id = '0001'"
		);
		// The hold-out is exactly 39 weeks, so customer 1's prediction is lifetimes' 1.226.
		expect(Number(first.expected_holdout)).toBeCloseTo(1.226, 2);
		const [sums] = await rowsOf(
			engine,
			'SELECT sum(x_holdout) AS actual, sum(expected_holdout) AS predicted FROM clv'
		);
		// 1,882 purchase days in the hold-out, counted from the raw log in clv-summary.test.ts.
		expect(Number(sums.actual)).toBe(1882);
		expect(Number(sums.predicted)).toBeGreaterThan(0);
	});

	it('tracks cumulative repeat purchases week by week, actual against the model', async () => {
		const rows = await rowsOf(
			engine,
			'SELECT period_end, actual, expected, calibration_end FROM clv_tracking ORDER BY period_end'
		);
		const [totals] = await rowsOf(
			engine,
			'SELECT sum(x) AS calibration, sum(x_holdout) AS holdout FROM clv'
		);
		// The last week ends with the hold-out: every repeat purchase day of both periods is counted.
		expect(Number(rows.at(-1)!.actual)).toBe(Number(totals.calibration) + Number(totals.holdout));
		// 78 weeks from 1997-01-01 to the hold-out end; at the calibration end the model's curve is
		// within a few percent of the 2,457 repeat days actually seen (FHL 2005, fig. 2).
		expect(rows).toHaveLength(78);
		const atCalibrationEnd = rows.find((r) => Number(r.period_end) >= Number(r.calibration_end))!;
		expect(Number(atCalibrationEnd.actual)).toBe(Number(totals.calibration));
		expect(
			Math.abs(Number(atCalibrationEnd.expected) / Number(atCalibrationEnd.actual) - 1)
		).toBeLessThan(0.05);
		for (let i = 1; i < rows.length; i++) {
			expect(Number(rows[i].actual)).toBeGreaterThanOrEqual(Number(rows[i - 1].actual));
			expect(Number(rows[i].expected)).toBeGreaterThanOrEqual(Number(rows[i - 1].expected));
		}
	});

	it('puts the CLV columns beside every customer in the RFM export', async () => {
		await engine.query(createResultTable('rfm', rfmQuery(parseRfmConfig({}))).text);
		const rows = await rowsOf(engine, rfmWithClvQuery().text);
		const [rfm] = await rowsOf(engine, 'SELECT count(*) AS n FROM rfm');
		expect(rows).toHaveLength(Number(rfm.n));
		expect(Object.keys(rows[0]).slice(-4)).toEqual([
			'p_alive',
			'expected_purchases',
			'expected_value',
			'clv'
		]);
		// Every customer bought in the calibration period (all first purchases are in Q1 1997).
		expect(rows.filter((r) => r.clv === null)).toEqual([]);
	});

	it('picks, on auto, the model with the lowest hold-out error, and says so', async () => {
		const auto = (await engine.fitModel('clv', { ...CONFIG, model: 'auto' })) as ClvFitReport;
		const best = report.models.reduce((a, b) => (b.holdout!.mae < a.holdout!.mae ? b : a));
		expect([auto.chosen, auto.chosenBy]).toEqual([best.id, 'holdout']);
		const noHoldout = (await engine.fitModel('clv', {
			...CONFIG,
			holdoutEnd: null,
			model: 'auto'
		})) as ClvFitReport;
		const lowest = noHoldout.models.reduce((a, b) => (b.bic < a.bic ? b : a));
		expect([noHoldout.chosen, noHoldout.chosenBy]).toEqual([lowest.id, 'bic']);
		expect(noHoldout.models.every((m) => m.holdout === null)).toBe(true);
	}, 60_000);

	it('stops a running fit on cancel, and the engine answers afterwards', async () => {
		// 300,000 made-up customers: a fit of a second or more, cut short after 50 ms.
		await engine.query(`CREATE OR REPLACE TABLE clv_summary AS
			SELECT 'c' || i AS customer_id, CAST(i % 17 AS DOUBLE) AS x, (i % 17) * 1.5 + (i % 5) AS t_x,
				(i % 17) * 1.5 + (i % 5) + (i % 23) AS "T", 10.0 + i % 31 AS mbar
			FROM range(300000) t(i)`);
		const fit = engine.fitModel('clv', CONFIG);
		await new Promise((resolve) => setTimeout(resolve, 50));
		await engine.cancel();
		await expect(fit).rejects.toMatchObject({ name: 'CancelledError' });
		expect((await rowsOf(engine, 'SELECT 1 AS ok'))[0].ok).toBe(1);
	});

	it('says what is missing when edited SQL drops a column', async () => {
		await engine.query('CREATE OR REPLACE TABLE clv_summary AS SELECT customer_id, x FROM clv');
		await expect(engine.fitModel('clv', CONFIG)).rejects.toThrow(
			/must give the columns .* lacks t_x, T, mbar/
		);
		expect((await rowsOf(engine, 'SELECT 1 AS ok'))[0].ok).toBe(1);
	});
});
