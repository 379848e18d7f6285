/**
 * Pareto/NBD against BTYD's walkthrough on CDNOW, and the closed forms (likelihood, P(alive),
 * E[Y(t)]) against brute-force integration over the purchase rate λ and the dropout rate μ.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
	fitParetoNbd,
	paretoNbdConditionalExpected,
	paretoNbdExpected,
	paretoNbdLogLikelihood,
	paretoNbdPAlive,
	type ParetoNbdFit,
	type ParetoNbdParams
} from '../../src/models/pareto-nbd';
import { dataText } from '../helpers/data';

/** ID,frequency,recency,T (weeks) → the model's x, t_x, T. */
function readCdnowSummary() {
	const rows = dataText('cdnow-lifetimes/cdnow_customers_summary.csv')
		.trim()
		.split('\n')
		.slice(1)
		.map((line) => line.split(',').map(Number));
	return { x: rows.map((r) => r[1]), tx: rows.map((r) => r[2]), T: rows.map((r) => r[3]) };
}

/**
 * Gamma(shape, rate) on a grid of y = ln v: the points v and unnormalised weights of the density
 * of y, v^shape e^(−rate v). The integrands are smooth in y, so the trapezoid rule converges fast;
 * from y = −70 the left tail weighs below e^(−70·shape).
 */
function logGrid(shape: number, rate: number, step = 0.05) {
	const values: number[] = [];
	const weights: number[] = [];
	for (let y = -70; y <= 5; y += step) {
		values.push(Math.exp(y));
		weights.push(Math.exp(shape * y - rate * Math.exp(y)));
	}
	return { values, weights };
}

/**
 * Likelihood, P(alive) and E[Y(t)] by integrating over λ ~ Gamma(r, α) and μ ~ Gamma(s, β):
 * given λ and μ, L = λ^x e^(−(λ+μ)T) + λ^x μ/(λ+μ) (e^(−(λ+μ)t_x) − e^(−(λ+μ)T)) (alive at T, or
 * died in between), and an alive customer buys λ/μ (1 − e^(−μt)) in the next t.
 */
function bruteForce(
	{ r, alpha, s, beta }: ParetoNbdParams,
	x: number,
	tx: number,
	T: number,
	t: number
) {
	const lambda = logGrid(r, alpha);
	const mu = logGrid(s, beta);
	let total = 0;
	let aliveMass = 0;
	let future = 0;
	for (let i = 0; i < lambda.values.length; i++) {
		const l = lambda.values[i];
		const wl = lambda.weights[i];
		if (wl === 0) continue;
		for (let j = 0; j < mu.values.length; j++) {
			const m = mu.values[j];
			const w = wl * mu.weights[j];
			if (w === 0) continue;
			const alive = l ** x * Math.exp(-(l + m) * T);
			const died = ((l ** x * m) / (l + m)) * (Math.exp(-(l + m) * tx) - Math.exp(-(l + m) * T));
			total += w * (alive + died);
			aliveMass += w * alive;
			future += w * alive * (l / m) * -Math.expm1(-m * t);
		}
	}
	const norm = lambda.weights.reduce((a, b) => a + b) * mu.weights.reduce((a, b) => a + b);
	return { likelihood: total / norm, pAlive: aliveMass / total, expected: future / total };
}

describe('Pareto/NBD on CDNOW', () => {
	let fit: ParetoNbdFit;
	beforeAll(async () => {
		fit = await fitParetoNbd(readCdnowSummary());
	});

	it("reproduces BTYD's walkthrough: r 0.553, α 10.58, s 0.606, β 11.66, LL −9595", () => {
		// BTYD vignette: r = 0.5534, α = 10.5802, s = 0.6061, β = 11.6562, LL = −9594.976. The
		// likelihood is flat along β, so β gets a looser tolerance; our maximum is at least as high.
		expect(Math.abs(fit.r - 0.5534)).toBeLessThan(0.002);
		expect(Math.abs(fit.alpha - 10.5802)).toBeLessThan(0.02);
		expect(Math.abs(fit.s - 0.6061)).toBeLessThan(0.002);
		expect(Math.abs(fit.beta - 11.6562)).toBeLessThan(0.05);
		expect(Math.abs(fit.logLikelihood - -9594.976)).toBeLessThan(0.01);
		expect(fit.converged).toBe(true);
		expect(fit.customers).toBe(2357);
	});

	it('gives an alive P below 1 to a one-time buyer of long ago, and E[X(t)] growing with t', () => {
		const oneTimer = paretoNbdPAlive(fit, 0, 0, 78);
		expect(oneTimer).toBeGreaterThan(0);
		expect(oneTimer).toBeLessThan(0.6);
		expect(paretoNbdPAlive(fit, 0, 0, 1)).toBeGreaterThan(oneTimer);
		const curve = [1, 10, 39, 78].map((t) => paretoNbdExpected(fit, t));
		curve.slice(1).forEach((v, i) => expect(v).toBeGreaterThan(curve[i]));
	});
});

describe('Pareto/NBD closed forms against brute-force integration', () => {
	const CUSTOMERS: [number, number, number][] = [
		[0, 0, 38],
		[2, 30.43, 38.86],
		[1, 5, 70],
		[7, 29, 32],
		[3, 12, 12]
	];
	// BTYD's CDNOW estimate (α < β), and a set with α > β for the other branch of A₀.
	const PARAMS: ParetoNbdParams[] = [
		{ r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 },
		{ r: 1.3, alpha: 14, s: 0.4, beta: 2.5 }
	];
	const cases = PARAMS.flatMap((p) => CUSTOMERS.map((c) => [p, ...c] as const));

	it.each(cases)('%o at x=%d, t_x=%d, T=%d', (params, x, tx, T) => {
		const brute = bruteForce(params, x, tx, T, 39);
		const logL = paretoNbdLogLikelihood(params, x, tx, T);
		expect(Math.abs(logL - Math.log(brute.likelihood))).toBeLessThan(1e-6);
		expect(paretoNbdPAlive(params, x, tx, T)).toBeCloseTo(brute.pAlive, 6);
		const expected = paretoNbdConditionalExpected(params, 39, x, tx, T);
		expect(Math.abs(expected / brute.expected - 1)).toBeLessThan(1e-6);
	});
});
