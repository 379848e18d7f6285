/**
 * E[Y(t) | alive, x, T]: expected BG/NBD purchases in the next t periods of a customer who is
 * still active. Two evaluations: the closed form's ₂F₁ series, and for a narrow Beta(a, b+x),
 * where that series needs about a·z/(1−z) terms, quadrature over the dropout probability.
 */
import type { BgNbdParams } from './bgnbd-likelihood';
import { hyp2f1MinusOneOverB } from './special';

/** Above this a (with b + x > 1), quadrature is cheaper than the series. */
const QUADRATURE_FROM_A = 50;

/** E[Y(t) | alive, x, T], by whichever method suits the parameters. */
export function expectedPurchasesIfAlive(
	params: BgNbdParams,
	t: number,
	x: number,
	T: number
): number {
	const useQuadrature = params.a > QUADRATURE_FROM_A && params.b + x > 1;
	return useQuadrature ? byQuadrature(params, t, x, T) : bySeries(params, t, x, T);
}

/**
 * FHL 2005 eq. 10 without its P(alive) factor. Euler's transformation turns
 * (1−z)^(r+x) ₂F₁(r+x, b+x; a+b+x−1; z) into (1−z)^(a−1) ₂F₁(a+b−1−r, a−1; a+b+x−1; z):
 * parameters that do not grow with x, a series that converges fast for heavy buyers, and no
 * 0/0 at a = 1.
 */
export function bySeries({ r, alpha, a, b }: BgNbdParams, t: number, x: number, T: number): number {
	const c = a + b + x - 1;
	const z = t / (alpha + T + t);
	const logOneMinusZ = -Math.log1p(t / (alpha + T));
	const aMinusOne = a - 1;
	// [1 − (1−z)^(a−1) ₂F₁] / (a−1) = [1 − (1−z)^(a−1)] / (a−1) − (1−z)^(a−1) (₂F₁ − 1) / (a−1),
	// with the first part's a → 1 limit −ln(1−z).
	const leading =
		aMinusOne === 0 ? -logOneMinusZ : -Math.expm1(aMinusOne * logOneMinusZ) / aMinusOne;
	const scaledSeries = hyp2f1MinusOneOverB(
		a + b - 1 - r,
		aMinusOne,
		c,
		z,
		aMinusOne * logOneMinusZ
	);
	return c * (leading - scaledSeries);
}

/**
 * Given alive, λ ~ Gamma(r+x, α+T) and p ~ Beta(a, b+x) independently, and E[Y(t) | λ, p] =
 * (1 − e^(−λpt))/p, so E[Y(t) | alive] = E_p[(1 − (1 + pt/(α+T))^−(r+x)) / p]. Integrated in
 * y = logit p, where the density is smooth, log-concave and near-Gaussian, by the trapezoid rule
 * at σ/2 steps (error about e^(−8π²) for a Gaussian) until the density is 1e-17 of its mode's.
 */
export function byQuadrature(
	{ r, alpha, a, b }: BgNbdParams,
	t: number,
	x: number,
	T: number
): number {
	const shape2 = b + x;
	const scale = t / (alpha + T);
	// ln of the density of y, up to a constant: a ln p + (b+x) ln(1 − p), with ln(1 − p) = ln p − y.
	const logP = (y: number) => -Math.log1p(Math.exp(-y));
	const logDensity = (y: number) => (a + shape2) * logP(y) - shape2 * y;
	const mode = Math.log(a / shape2);
	const step = Math.sqrt(1 / a + 1 / shape2) / 2;
	const atMode = logDensity(mode);
	let weighted = 0;
	let total = 0;
	for (const direction of [1, -1]) {
		for (let j = direction === 1 ? 0 : 1; ; j++) {
			const y = mode + direction * j * step;
			const weight = Math.exp(logDensity(y) - atMode);
			if (weight < 1e-17) break;
			const p = Math.exp(logP(y));
			weighted += (weight * -Math.expm1(-(r + x) * Math.log1p(p * scale))) / p;
			total += weight;
		}
	}
	return weighted / total;
}
