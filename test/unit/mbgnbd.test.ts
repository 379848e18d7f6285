/**
 * MBG/NBD against lifetimes' CDNOW fit, and the closed forms (likelihood, P(alive), E[Y(t)])
 * against brute-force integration over the purchase rate λ and the dropout probability p.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
	fitMbgNbd,
	mbgNbdConditionalExpected,
	mbgNbdExpected,
	mbgNbdLogLikelihood,
	mbgNbdPAlive,
	mbgNbdTotalLogLikelihood,
	type MbgNbdFit
} from '../../src/models/mbgnbd';
import { pAlive, type BgNbdParams } from '../../src/models/bgnbd';
import { groupSummary } from '../../src/models/bgnbd-likelihood';
import { dataText } from '../helpers/data';

function readCdnowSummary() {
	const rows = dataText('cdnow-lifetimes/cdnow_customers_summary.csv')
		.trim()
		.split('\n')
		.slice(1)
		.map((line) => line.split(',').map(Number));
	return { x: rows.map((r) => r[1]), tx: rows.map((r) => r[2]), T: rows.map((r) => r[3]) };
}

/** λ ~ Gamma(r, α) on a grid of y = ln λ, with the density of y: λ^r e^(−αλ), unnormalised. */
function rateGrid(r: number, alpha: number, step = 0.05) {
	const points: [number, number][] = [];
	for (let y = -70; y <= 5; y += step)
		points.push([Math.exp(y), Math.exp(r * y - alpha * Math.exp(y))]);
	return points;
}

/** p ~ Beta(a, b) on a grid of y = logit p, with the density of y: p^a (1−p)^b, unnormalised. */
function probabilityGrid(a: number, b: number, step = 0.05) {
	const points: [number, number][] = [];
	for (let y = -60; y <= 60; y += step) {
		const p = 1 / (1 + Math.exp(-y));
		points.push([p, p ** a * (1 - p) ** b]);
	}
	return points;
}

/**
 * Given λ and p, L = λ^x (1−p)^(x+1) e^(−λT) (still there after the first purchase and each
 * repeat) + p (1−p)^x λ^x e^(−λ t_x) (gone right after the last one); an alive customer buys
 * (1 − e^(−λpt))/p in the next t.
 */
function bruteForce({ r, alpha, a, b }: BgNbdParams, x: number, tx: number, T: number, t: number) {
	const rates = rateGrid(r, alpha);
	const probabilities = probabilityGrid(a, b);
	let total = 0;
	let aliveMass = 0;
	let future = 0;
	for (const [l, wl] of rates) {
		if (wl === 0) continue;
		for (const [p, wp] of probabilities) {
			const w = wl * wp;
			if (w === 0) continue;
			const alive = l ** x * (1 - p) ** (x + 1) * Math.exp(-l * T);
			const gone = p * (1 - p) ** x * l ** x * Math.exp(-l * tx);
			total += w * (alive + gone);
			aliveMass += w * alive;
			future += (w * alive * -Math.expm1(-l * p * t)) / p;
		}
	}
	const norm =
		rates.reduce((sum, [, w]) => sum + w, 0) * probabilities.reduce((sum, [, w]) => sum + w, 0);
	return { likelihood: total / norm, pAlive: aliveMass / total, expected: future / total };
}

describe('MBG/NBD on CDNOW', () => {
	let fit: MbgNbdFit;
	beforeAll(async () => {
		fit = await fitMbgNbd(readCdnowSummary());
	});

	it("reproduces lifetimes' fit: r 0.525, α 6.183, a 0.891, b 1.614", () => {
		// lifetimes tests/test_estimation.py, ModifiedBetaGeoFitter, to 3 decimals.
		expect([fit.r, fit.alpha, fit.a, fit.b].map((v) => Number(v.toFixed(3)))).toEqual([
			0.525, 6.183, 0.891, 1.614
		]);
		expect(fit.converged).toBe(true);
		// BG/NBD reaches −9582.43 on the same data; MBG/NBD a little higher.
		expect(fit.logLikelihood).toBeGreaterThan(-9582.43);
		expect(fit.logLikelihood).toBeLessThan(-9570);
	});

	it("sums, grouped and tabulated, to the per-customer likelihood's total", () => {
		const summary = readCdnowSummary();
		const total = mbgNbdTotalLogLikelihood(groupSummary(summary));
		for (const p of [fit, { r: 2, alpha: 20, a: 3, b: 900 }]) {
			let expected = 0;
			summary.x.forEach(
				(x, i) => (expected += mbgNbdLogLikelihood(p, x, summary.tx[i], summary.T[i]))
			);
			expect(Math.abs(total([p.r, p.alpha, p.a, p.b]) - expected)).toBeLessThan(1e-7);
		}
	});

	it('does not call a one-time buyer of long ago surely alive, as BG/NBD does', () => {
		expect(pAlive(fit, 0, 0, 78)).toBe(1);
		const mbg = mbgNbdPAlive(fit, 0, 0, 78);
		expect(mbg).toBeLessThan(0.5);
		expect(mbg).toBeGreaterThan(0);
		// A one-time buyer of yesterday is likelier to be there than one of 78 weeks ago.
		expect(mbgNbdPAlive(fit, 0, 0, 1)).toBeGreaterThan(mbg);
	});

	it("predicts the published E[X(t)] within lifetimes' 5 %", () => {
		const times = [0.1429, 1, 3, 31.8571, 32, 78];
		const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
		times.forEach((t, i) =>
			expect(Math.abs(mbgNbdExpected(fit, t) / expected[i] - 1)).toBeLessThan(0.05)
		);
	});
});

describe('MBG/NBD closed forms against brute-force integration', () => {
	const CUSTOMERS: [number, number, number][] = [
		[0, 0, 38],
		[2, 30.43, 38.86],
		[1, 5, 70],
		[7, 29, 32],
		[3, 12, 12]
	];
	const PARAMS: BgNbdParams[] = [
		{ r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 },
		{ r: 2, alpha: 20, a: 3, b: 9 }
	];
	const cases = PARAMS.flatMap((p) => CUSTOMERS.map((c) => [p, ...c] as const));

	it.each(cases)('%o at x=%d, t_x=%d, T=%d', (params, x, tx, T) => {
		const brute = bruteForce(params, x, tx, T, 39);
		expect(
			Math.abs(mbgNbdLogLikelihood(params, x, tx, T) - Math.log(brute.likelihood))
		).toBeLessThan(1e-6);
		expect(mbgNbdPAlive(params, x, tx, T)).toBeCloseTo(brute.pAlive, 6);
		const expected = mbgNbdConditionalExpected(params, 39, x, tx, T);
		expect(Math.abs(expected / brute.expected - 1)).toBeLessThan(1e-6);
	});
});
