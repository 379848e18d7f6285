/**
 * Special functions against closed forms and exact values: factorials, Γ(1/2) = √π, Stirling's
 * series, and hypergeometric functions that reduce to elementary ones.
 */
import { describe, expect, it } from 'vitest';
import {
	digamma,
	hyp2f1,
	hyp2f1MinusOneOverB,
	logGamma,
	logHyp2f1
} from '../../src/models/special';

/** (n − 1)! exactly, then its logarithm. */
function logFactorialOf(n: number): number {
	let product = 1n;
	for (let k = 2n; k < BigInt(n); k++) product *= k;
	return Math.log(Number(product));
}

describe('digamma', () => {
	const EULER = 0.5772156649015329;
	it('is −γ at 1, −γ − 2 ln 2 at ½, and H(n) − γ at n + 1', () => {
		expect(digamma(1)).toBeCloseTo(-EULER, 13);
		expect(digamma(0.5)).toBeCloseTo(-EULER - 2 * Math.log(2), 13);
		for (const n of [1, 5, 9, 10, 30, 1000]) {
			let harmonic = 0;
			for (let k = 1; k <= n; k++) harmonic += 1 / k;
			expect(digamma(n + 1)).toBeCloseTo(harmonic - EULER, 12);
		}
	});

	it('is the slope of ln Γ, from tiny to large x, and NaN at x ≤ 0', () => {
		for (const x of [0.003, 0.2, 2.5, 7.3, 11, 420.5]) {
			const h = 1e-5 * x;
			const slope = (logGamma(x + h) - logGamma(x - h)) / (2 * h);
			expect(Math.abs(digamma(x) - slope) / Math.max(1, Math.abs(slope))).toBeLessThan(1e-6);
		}
		expect(digamma(0)).toBeNaN();
		expect(digamma(-2.5)).toBeNaN();
	});
});

describe('logGamma', () => {
	it.each(Array.from({ length: 25 }, (_, i) => i + 3))('ln Γ(%i) = ln((n − 1)!)', (n) => {
		expect(Math.abs(logGamma(n) / logFactorialOf(n) - 1)).toBeLessThan(1e-14);
	});

	it('is 0 at 1 and 2 up to rounding', () => {
		expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
		expect(Math.abs(logGamma(2))).toBeLessThan(1e-14);
	});

	it('matches Γ(1/2) = √π, Γ(3/2) = √π / 2 and Γ(−1/2) = −2√π', () => {
		expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
		expect(logGamma(1.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI) / 2), 14);
		expect(logGamma(-0.5)).toBeCloseTo(Math.log(2 * Math.sqrt(Math.PI)), 14);
	});

	it('matches ln Γ(x) ≈ −ln x − γx + (π²/12)x² near 0', () => {
		const eulerGamma = 0.5772156649015329;
		for (const x of [1e-8, 1e-5]) {
			const expected = -Math.log(x) - eulerGamma * x + ((Math.PI * Math.PI) / 12) * x * x;
			expect(Math.abs(logGamma(x) / expected - 1)).toBeLessThan(1e-12);
		}
	});

	it("matches Stirling's series for large x", () => {
		for (const x of [50.5, 1234.25, 1e6]) {
			const stirling =
				(x - 0.5) * Math.log(x) -
				x +
				0.5 * Math.log(2 * Math.PI) +
				1 / (12 * x) -
				1 / (360 * x ** 3) +
				1 / (1260 * x ** 5);
			expect(Math.abs(logGamma(x) / stirling - 1)).toBeLessThan(1e-13);
		}
	});

	it('satisfies ln Γ(x + 1) − ln Γ(x) = ln x', () => {
		for (const x of [0.003, 0.2, 0.77, 1.5, 3.3, 17.9, 250.1]) {
			expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 12);
		}
	});

	it('is NaN at the poles', () => {
		expect(logGamma(0)).toBeNaN();
		expect(logGamma(-3)).toBeNaN();
	});
});

describe('hyp2f1', () => {
	it.each([0, 0.1, 0.5, 0.9, 0.99])('₂F₁(1, 1; 2; z) = −ln(1 − z)/z at z = %f', (z) => {
		const expected = z === 0 ? 1 : -Math.log1p(-z) / z;
		expect(hyp2f1(1, 1, 2, z)).toBeCloseTo(expected, 12);
	});

	it('₂F₁(a, b; b; z) = (1 − z)^−a', () => {
		for (const [a, b, z] of [
			[0.3, 2.5, 0.4],
			[2.7, 0.8, 0.95],
			[-1.5, 4, 0.7]
		]) {
			expect(hyp2f1(a, b, b, z) / (1 - z) ** -a).toBeCloseTo(1, 12);
		}
	});

	it('₂F₁(1/2, 1/2; 3/2; z²) = arcsin(z)/z', () => {
		for (const z of [0.2, 0.6, 0.9])
			expect(hyp2f1(0.5, 0.5, 1.5, z * z)).toBeCloseTo(Math.asin(z) / z, 12);
	});

	it('terminates when a is a negative integer', () => {
		const [b, c, z] = [1.3, 2.2, 0.6];
		const polynomial =
			1 -
			(3 * b * z) / c +
			(3 * b * (b + 1) * z ** 2) / (c * (c + 1)) -
			(b * (b + 1) * (b + 2) * z ** 3) / (c * (c + 1) * (c + 2));
		expect(hyp2f1(-3, b, c, z)).toBeCloseTo(polynomial, 14);
	});

	it('gives the b → 0 limit of (₂F₁ − 1)/b: Σ zⁿ/n = −ln(1 − z) when a = c', () => {
		expect(hyp2f1MinusOneOverB(2.5, 0, 2.5, 0.7)).toBeCloseTo(-Math.log(0.3), 13);
	});

	it('applies a log scale without overflowing on the way', () => {
		// (₂F₁(a, b; b; z) − 1)/b = ((1 − z)^−a − 1)/b, here about e^4605, times (1 − z)^a.
		const [a, b, z] = [2000, 3, 0.9];
		expect(hyp2f1MinusOneOverB(a, b, b, z, a * Math.log1p(-z))).toBeCloseTo(1 / b, 12);
	});

	it('refuses z outside [0, 1)', () => {
		expect(() => hyp2f1(1, 1, 2, 1)).toThrow(RangeError);
		expect(() => hyp2f1(1, 1, 2, -0.5)).toThrow(RangeError);
	});
});

describe('logHyp2f1', () => {
	it('is ln[−ln(1−z)/z] for ₂F₁(1, 1; 2; z), up to z = 0.9999', () => {
		// At 0.9999 the sum runs over some 10⁵ terms, and rounding adds up to about 1e-12.
		for (const z of [0.001, 0.3, 0.9, 0.99, 0.9999]) {
			expect(logHyp2f1(1, 1, 2, z)).toBeCloseTo(Math.log(-Math.log1p(-z) / z), 11);
		}
	});

	it('is ln[atanh(w)/w] for ₂F₁(½, 1; 3/2; w²), the c = a + 1 shape of Pareto/NBD', () => {
		for (const w of [0.1, 0.5, 0.95, 0.999]) {
			expect(logHyp2f1(0.5, 1, 1.5, w * w)).toBeCloseTo(Math.log(Math.atanh(w) / w), 12);
		}
	});

	it('is 0 at z = 0 and agrees with the plain series where both apply, in either form', () => {
		expect(logHyp2f1(3.2, 1.6, 4.2, 0)).toBe(0);
		// (c−a)(c−b) < ab picks Euler's form for the first, the plain series for the second.
		for (const [a, b, c, z] of [
			[20.5, 1.6, 21.5, 0.3],
			[0.7, 0.4, 1.7, 0.8],
			[5.2, 12, 13, 0.6]
		]) {
			expect(logHyp2f1(a, b, c, z)).toBeCloseTo(Math.log(hyp2f1(a, b, c, z)), 11);
		}
	});

	it('is NaN where the series would need too many terms, and rejects bad arguments', () => {
		expect(logHyp2f1(1, 1, 2, 1 - 1e-9)).toBeNaN();
		expect(() => logHyp2f1(1, 1, 2, 1)).toThrow(RangeError);
		expect(() => logHyp2f1(2, 1, 1.5, 0.5)).toThrow(RangeError);
	});
});
