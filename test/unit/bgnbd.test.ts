/**
 * BG/NBD against the literature on CDNOW (Fader, Hardie & Lee 2005, as reproduced by lifetimes:
 * see test/data/cdnow-lifetimes/SOURCE.md), against the paper's likelihood written out
 * naively, against direct numerical integration, and on a simulated million customers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
	conditionalExpectedPurchases,
	expectedPurchases,
	fitBgNbd,
	pAlive,
	type BgNbdFit,
	type BgNbdParams
} from '../../src/models/bgnbd';
import { bgNbdLogLikelihood, groupSummary } from '../../src/models/bgnbd-likelihood';
import { byQuadrature, bySeries } from '../../src/models/bgnbd-expectation';
import { mulberry32 } from '../../src/models/random';
import { dataText } from '../helpers/data';

const CDNOW = 'cdnow-lifetimes/cdnow_customers_summary.csv';

/** ID,frequency,recency,T (weeks) → the model's x, t_x, T. */
function readCdnowSummary() {
	const rows = dataText(CDNOW)
		.trim()
		.split('\n')
		.slice(1)
		.map((line) => line.split(',').map(Number));
	return { x: rows.map((r) => r[1]), tx: rows.map((r) => r[2]), T: rows.map((r) => r[3]) };
}

/**
 * Paper eq. 6 computed naively (plain products, no logs), for small x only:
 * L = B(a,b+x)/B(a,b) · Γ(r+x)α^r / (Γ(r)(α+T)^(r+x)) + [x>0] B(a+1,b+x−1)/B(a,b) · Γ(r+x)α^r / (Γ(r)(α+t_x)^(r+x)).
 */
function naiveLikelihood(
	{ r, alpha, a, b }: BgNbdParams,
	x: number,
	tx: number,
	T: number
): number {
	let gammaRatio = alpha ** r; // Γ(r+x)/Γ(r) · α^r
	let betaAlive = 1; // B(a, b+x)/B(a, b)
	for (let j = 0; j < x; j++) {
		gammaRatio *= r + j;
		betaAlive *= (b + j) / (a + b + j);
	}
	// B(a+1, b+x−1)/B(a, b) = a Γ(b+x−1)/Γ(b) · Γ(a+b)/Γ(a+b+x)
	let betaDropped = a;
	for (let j = 0; j < x - 1; j++) betaDropped *= b + j;
	for (let j = 0; j < x; j++) betaDropped /= a + b + j;
	const alive = (betaAlive * gammaRatio) / (alpha + T) ** (r + x);
	return alive + (x > 0 ? (betaDropped * gammaRatio) / (alpha + tx) ** (r + x) : 0);
}

/**
 * E[Y(t) | x, t_x, T] by direct numerical integration: given alive, λ and p are independent
 * a posteriori, λ ~ Gamma(r+x, α+T) and p ~ Beta(a, b+x), and E[Y(t) | λ, p, alive] = (1 − e^(−λpt))/p,
 * so E[Y | alive] = E_p[(1 − (1 + pt/(α+T))^−(r+x)) / p]. Midpoint rule; for a < 1 in v = p^a,
 * which removes the density's singularity at 0. The density is normalised numerically.
 */
function integratedExpectation(
	params: BgNbdParams,
	t: number,
	x: number,
	tx: number,
	T: number
): number {
	const { r, alpha, a, b } = params;
	const logDensity = (p: number) =>
		(a < 1 ? 0 : (a - 1) * Math.log(p)) + (b + x - 1) * Math.log1p(-p);
	// Relative to the mode, so that a Beta(2000, 10000) density does not underflow.
	const mode = a < 1 ? 0 : (a - 1) / (a + b + x - 2);
	const steps = 1_000_000;
	let weighted = 0;
	let total = 0;
	for (let i = 0; i < steps; i++) {
		const u = (i + 0.5) / steps;
		const p = a < 1 ? u ** (1 / a) : u;
		const density = Math.exp(logDensity(p) - logDensity(mode));
		weighted += (density * -Math.expm1(-(r + x) * Math.log1p((p * t) / (alpha + T)))) / p;
		total += density;
	}
	return (weighted / total) * pAlive(params, x, tx, T);
}

describe('BG/NBD on CDNOW', () => {
	let fit: BgNbdFit;
	beforeAll(async () => {
		fit = await fitBgNbd(readCdnowSummary());
	});

	it('recovers the published parameters and log-likelihood', () => {
		// FHL 2005 / lifetimes test_estimation.py: (r, α, a, b) = (0.243, 4.414, 0.793, 2.426).
		expect(fit.r).toBeCloseTo(0.243, 3);
		expect(fit.alpha).toBeCloseTo(4.414, 3);
		expect(fit.a).toBeCloseTo(0.793, 3);
		expect(fit.b).toBeCloseTo(2.426, 3);
		// lifetimes docs/Quickstart.md, to the 6 decimals it prints.
		expect(fit.r).toBeCloseTo(0.242593, 5);
		expect(fit.alpha).toBeCloseTo(4.413532, 5);
		expect(fit.a).toBeCloseTo(0.792886, 5);
		expect(fit.b).toBeCloseTo(2.425752, 5);
		expect(Math.abs(fit.logLikelihood - -9582.4)).toBeLessThan(0.1);
		expect(fit.converged).toBe(true);
		expect(fit.customers).toBe(2357);
	});

	it('predicts E[Y(39) | x = 2, t_x = 30.43, T = 38.86] = 1.226', () => {
		expect(Math.abs(conditionalExpectedPurchases(fit, 39, 2, 30.43, 38.86) - 1.226)).toBeLessThan(
			0.001
		);
	});

	it('predicts the published E[X(t)]', () => {
		const times = [0.1429, 1, 3, 31.8571, 32, 78];
		const expected = [0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576];
		times.forEach((t, i) =>
			expect(Math.abs(expectedPurchases(fit, t) - expected[i])).toBeLessThan(0.0005)
		);
	});

	it('agrees with direct integration to 1e-6', () => {
		// E[X(78)] integrates to 1.857972 here, hence the 4e-4 gap to the 4-decimal 1.8576 above.
		const cases = [
			[78, 0, 0, 0],
			[39, 2, 30.43, 38.86],
			[52, 20, 30, 38],
			[200, 0, 0, 12]
		];
		for (const [t, x, tx, T] of cases) {
			expect(conditionalExpectedPurchases(fit, t, x, tx, T)).toBeCloseTo(
				integratedExpectation(fit, t, x, tx, T),
				6
			);
		}
	});

	it('sums to the likelihood of the paper written out naively', () => {
		const summary = readCdnowSummary();
		const naive = summary.x.reduce(
			(sum, x, i) => sum + Math.log(naiveLikelihood(fit, x, summary.tx[i], summary.T[i])),
			0
		);
		expect(fit.logLikelihood).toBeCloseTo(naive, 6);
	});
});

describe('BG/NBD likelihood and predictions', () => {
	const weekly: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
	// The same customer base in days: the rate scale α stretches by 7.
	const daily: BgNbdParams = { ...weekly, alpha: weekly.alpha * 7 };

	it('stays finite for 500 purchases over 3100 days', () => {
		const logLikelihood = bgNbdLogLikelihood(groupSummary({ x: [500], tx: [3000], T: [3100] }))(
			daily
		);
		expect(Number.isFinite(logLikelihood)).toBe(true);
		const alive = pAlive(daily, 500, 3000, 3100);
		expect(alive).toBeGreaterThanOrEqual(0);
		expect(alive).toBeLessThanOrEqual(1);
		const expected = conditionalExpectedPurchases(daily, 365, 500, 3000, 3100);
		expect(Number.isFinite(expected) && expected >= 0).toBe(true);
	});

	it('handles a narrow Beta(a, b): a ≈ 2000, b at the fit’s bound of 10⁴', () => {
		const narrow: BgNbdParams = { r: 0.107, alpha: 1.56, a: 1969, b: 10000 };
		for (const [t, x, tx, T] of [
			[365, 3, 100, 200],
			[30, 3, 100, 200],
			[3000, 50, 150, 200]
		]) {
			const expected = integratedExpectation(narrow, t, x, tx, T);
			expect(conditionalExpectedPurchases(narrow, t, x, tx, T) / expected).toBeCloseTo(1, 8);
		}
	});

	it('gets the same E[Y | alive] from the ₂F₁ series and from quadrature', () => {
		// The fit switches to quadrature above a = 50; both must agree wherever both work.
		for (const a of [20, 60, 300, 3000]) {
			for (const b of [2, 40, 9000]) {
				for (const [t, x, T] of [
					[1, 0, 0],
					[30, 3, 200],
					[365, 3, 200],
					[52, 200, 300]
				]) {
					const params = { r: 0.3, alpha: 5, a, b };
					expect(byQuadrature(params, t, x, T) / bySeries(params, t, x, T)).toBeCloseTo(1, 10);
				}
			}
		}
	});

	it('stops at the bound of 10⁴ when the data show no spread in dropout', async () => {
		// Not BG/NBD data: 40 % repeat buyers with geometric x and uniform recency. The likelihood
		// keeps rising towards a, b → ∞ with a/(a+b) fixed.
		const random = mulberry32(1);
		const n = 20_000;
		const [x, tx, T] = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
		for (let i = 0; i < n; i++) {
			T[i] = 1 + Math.floor(random() * 365);
			x[i] = random() < 0.6 ? 0 : 1 + Math.floor(-Math.log(1 - random()) * 3);
			tx[i] = x[i] > 0 ? Math.floor(random() * T[i]) : 0;
		}
		const fit = await fitBgNbd({ x, tx, T });
		expect(fit.converged).toBe(true);
		expect(fit.b).toBeGreaterThan(9000);
		expect(fit.b).toBeLessThan(1e4);
		expect(Number.isFinite(conditionalExpectedPurchases(fit, 365, 3, 100, 200))).toBe(true);
	});

	it('gives P(alive) = 1 without repeat purchases, and less the longer the silence', () => {
		expect(pAlive(weekly, 0, 0, 30)).toBe(1);
		const [recent, silent] = [pAlive(weekly, 4, 30, 32), pAlive(weekly, 4, 10, 32)];
		expect(recent).toBeGreaterThan(silent);
		// By hand from FHL 2005 eq. 13: 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)).
		expect(silent).toBeCloseTo(
			1 / (1 + (0.793 / 5.426) * ((4.414 + 32) / (4.414 + 10)) ** 4.243),
			12
		);
	});

	it('has the gradient of its value (central differences)', () => {
		const logLikelihood = bgNbdLogLikelihood(groupSummary(readCdnowSummary()));
		const params = { r: 0.3, alpha: 5, a: 0.9, b: 2 };
		const gradient = new Float64Array(4);
		logLikelihood(params, gradient);
		(['r', 'alpha', 'a', 'b'] as const).forEach((name, j) => {
			const h = 1e-6 * params[name];
			const numeric =
				(logLikelihood({ ...params, [name]: params[name] + h }) -
					logLikelihood({ ...params, [name]: params[name] - h })) /
				(2 * h);
			expect(gradient[j] / numeric).toBeCloseTo(1, 5);
		});
	});

	it('rejects impossible summaries, naming the row', () => {
		expect(() => groupSummary({ x: [1, 2], tx: [3, 5], T: [4, 4] })).toThrow(/row 1/);
		expect(() => groupSummary({ x: [1.5], tx: [1], T: [2] })).toThrow(RangeError);
		expect(() => groupSummary({ x: [1], tx: [NaN], T: [2] })).toThrow(RangeError);
	});

	it('stops with an AbortError when aborted', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(fitBgNbd(readCdnowSummary(), { signal: controller.signal })).rejects.toMatchObject(
			{ name: 'AbortError' }
		);
	});
});

/** Gamma(shape, 1) draws: Marsaglia & Tsang (2000), boosted by U^(1/shape) below shape 1. */
function gammaSampler(random: () => number): (shape: number) => number {
	const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
	const gamma = (shape: number): number => {
		if (shape < 1) return gamma(shape + 1) * random() ** (1 / shape);
		const d = shape - 1 / 3;
		const c = 1 / Math.sqrt(9 * d);
		for (;;) {
			const z = normal();
			const v = (1 + c * z) ** 3;
			if (v > 0 && Math.log(1 - random()) < 0.5 * z * z + d * (1 - v + Math.log(v))) return d * v;
		}
	};
	return gamma;
}

/**
 * The BG/NBD story, customer by customer: λ ~ Gamma(r, α), p ~ Beta(a, b); purchases arrive at
 * rate λ and after each repeat purchase the customer leaves with probability p. Ages are whole
 * days in 1..365 and recency is rounded to whole days, as a daily summary would be.
 */
function simulate(params: BgNbdParams, customers: number, seed: number) {
	const random = mulberry32(seed);
	const gamma = gammaSampler(random);
	const [x, tx, T] = [
		new Float64Array(customers),
		new Float64Array(customers),
		new Float64Array(customers)
	];
	for (let i = 0; i < customers; i++) {
		const rate = gamma(params.r) / params.alpha;
		const [g1, g2] = [gamma(params.a), gamma(params.b)];
		const dropout = g1 / (g1 + g2);
		T[i] = 1 + Math.floor(random() * 365);
		for (let time = 0; ;) {
			time -= Math.log(1 - random()) / rate;
			if (time > T[i]) break;
			x[i]++;
			tx[i] = Math.round(time);
			if (random() < dropout) break;
		}
	}
	return { x, tx, T };
}

describe('BG/NBD at scale', () => {
	it('recovers the parameters of 1,000,000 simulated customers in seconds', async () => {
		const truth: BgNbdParams = { r: 0.5, alpha: 20, a: 0.8, b: 2.5 };
		const summary = simulate(truth, 1_000_000, 42);
		const fit = await fitBgNbd(summary);
		console.log(
			`BG/NBD fit of ${fit.customers} customers (${fit.distinctTriples} distinct triples): ` +
				`${fit.ms.toFixed(0)} ms, ${fit.iterations} iterations`
		);
		for (const name of ['r', 'alpha', 'a', 'b'] as const) {
			expect(Math.abs(fit[name] / truth[name] - 1)).toBeLessThan(0.1);
		}
		expect(fit.converged).toBe(true);
		expect(fit.ms).toBeLessThan(20_000);
	});
});
