/**
 * Gamma-Gamma and CLV against the literature on CDNOW: Fader & Hardie's note 025 spreadsheet as
 * reproduced in lifetimes (tests/test_estimation.py and docs/Quickstart.md; see
 * test/data/cdnow-lifetimes/SOURCE.md), plus hand-computed limits.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { conditionalExpectedPurchases, fitBgNbd, type BgNbdParams } from '../../src/models/bgnbd';
import {
	clv,
	conditionalExpectedValue,
	fitGammaGamma,
	frequencySpendCorrelation,
	type GammaGammaFit
} from '../../src/models/gamma-gamma';
import { dataText } from '../helpers/data';

const CDNOW = 'cdnow-lifetimes/cdnow_customers_summary_with_transactions.csv';

/** ID,x,t_x,T,zbar (weeks; zbar is the mean repeat spend, 0 when x = 0). */
function readCdnow() {
	const rows = dataText(CDNOW)
		.trim()
		.split('\n')
		.slice(1)
		.map((line) => line.split(',').map(Number));
	return {
		x: rows.map((r) => r[1]),
		tx: rows.map((r) => r[2]),
		T: rows.map((r) => r[3]),
		meanSpend: rows.map((r) => r[4])
	};
}

const customers = readCdnow();
/** The parameters lifetimes' tests take from Hardie's spreadsheet. */
const PUBLISHED = { p: 6.25, q: 3.74, gamma: 15.44 };

describe('Gamma-Gamma on CDNOW', () => {
	let fit: GammaGammaFit;
	beforeAll(async () => {
		fit = await fitGammaGamma(customers.x, customers.meanSpend);
	});

	it('fits on the 946 repeat customers and recovers p = 6.25, q = 3.74, γ = 15.44', () => {
		expect(fit.customers).toBe(946);
		expect(fit.skipped).toBe(2357 - 946);
		expect(Math.abs(fit.p - 6.25)).toBeLessThan(0.01);
		expect(Math.abs(fit.q - 3.74)).toBeLessThan(0.01);
		expect(Math.abs(fit.gamma - 15.44)).toBeLessThan(0.01);
		expect(fit.converged).toBe(true);
	});

	it('gives the published E[M | x, z̄] for the first ten customers', () => {
		const published = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
		// With the fitted parameters, Quickstart.md prints them to 6 decimals.
		const quickstart = [
			24.658619, 18.911489, 35.170981, 35.170981, 35.170981, 71.462843, 18.911489, 35.170981,
			27.282408, 35.170981
		];
		published.forEach((value, i) => {
			expect(
				Math.abs(
					conditionalExpectedValue(PUBLISHED, customers.x[i], customers.meanSpend[i]) - value
				)
			).toBeLessThan(0.1);
			expect(
				Math.abs(
					conditionalExpectedValue(fit, customers.x[i], customers.meanSpend[i]) - quickstart[i]
				)
			).toBeLessThan(0.01);
		});
	});

	it('averages E[M | x, z̄] over all customers to the published 35.2530', () => {
		const values = customers.x.map((x, i) =>
			conditionalExpectedValue(fit, x, customers.meanSpend[i])
		);
		expect(values.reduce((sum, v) => sum + v, 0) / values.length).toBeCloseTo(35.252959, 2);
	});

	it('gives the population mean pγ/(q − 1) without repeat purchases, whatever z̄ says', () => {
		expect(conditionalExpectedValue(PUBLISHED, 0, 0)).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
		expect(conditionalExpectedValue(PUBLISHED, 0, 999)).toBeCloseTo((6.25 * 15.44) / 2.74, 12);
		expect(conditionalExpectedValue({ p: 1, q: 0.5, gamma: 10 }, 0, 0)).toBeNaN();
	});

	it('measures the published frequency–spend correlation, 0.113884', () => {
		expect(frequencySpendCorrelation(customers.x, customers.meanSpend)).toBeCloseTo(0.113884, 6);
	});

	it('refuses to fit without repeat customers', async () => {
		await expect(fitGammaGamma([0, 0], [0, 0])).rejects.toThrow(RangeError);
	});
});

describe('CLV', () => {
	let bgNbd: BgNbdParams;
	let gammaGamma: GammaGammaFit;
	beforeAll(async () => {
		bgNbd = await fitBgNbd(customers);
		gammaGamma = await fitGammaGamma(customers.x, customers.meanSpend);
	});

	it('reproduces the Quickstart 12-month CLV of the first ten customers', async () => {
		// lifetimes' default freq='D' reads months as 30 periods, and the CDNOW periods are weeks:
		// the published numbers are what daysPerPeriod = 1 gives.
		const published = [
			140.096211, 18.943467, 38.180574, 38.180574, 38.180574, 1003.868107, 28.109683, 38.180574,
			167.418216, 38.180574
		];
		const values = await clv(bgNbd, gammaGamma, customers, {
			daysPerPeriod: 1,
			months: 12,
			monthlyDiscountRate: 0.01
		});
		published.forEach((value, i) => expect(values[i] / value).toBeCloseTo(1, 4));
	});

	it('without discounting, telescopes to E[Y(horizon)] · E[M]', async () => {
		const one = { x: [3], tx: [20], T: [30], meanSpend: [40] };
		const [value] = await clv(bgNbd, gammaGamma, one, {
			daysPerPeriod: 7,
			months: 6,
			monthlyDiscountRate: 0
		});
		const horizonInWeeks = (6 * 30) / 7;
		const expected =
			conditionalExpectedPurchases(bgNbd, horizonInWeeks, 3, 20, 30) *
			conditionalExpectedValue(gammaGamma, 3, 40);
		expect(value).toBeCloseTo(expected, 10);
	});

	it('is 0 over 0 months and refuses a period of 0 days', async () => {
		expect(
			Array.from(await clv(bgNbd, gammaGamma, customers, { daysPerPeriod: 7, months: 0 }))
		).toEqual(customers.x.map(() => 0));
		await expect(clv(bgNbd, gammaGamma, customers, { daysPerPeriod: 0 })).rejects.toThrow(
			RangeError
		);
	});
});
