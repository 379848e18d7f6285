/** Special functions for the customer-base models: log-gamma, digamma and Gauss ₂F₁. */

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/* Lanczos approximation, g = 7, n = 9 (Godfrey's coefficients): |relative error of Γ| < 2e-15. */
const LANCZOS_G = 7;
const LANCZOS = [
	0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
	-176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
	1.5056327351493116e-7
];

/**
 * ln |Γ(x)| for real x (NaN at the poles 0, −1, −2, …). Absolute error about 1e-14 near the
 * zeros at 1 and 2, relative error about 1e-15 elsewhere.
 */
export function logGamma(x: number): number {
	if (x <= 0 && Number.isInteger(x)) return NaN;
	if (x < 0.5) {
		// Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
		return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
	}
	const z = x - 1;
	let series = LANCZOS[0];
	for (let i = 1; i < LANCZOS.length; i++) series += LANCZOS[i] / (z + i);
	const t = z + LANCZOS_G + 0.5;
	return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(series);
}

/**
 * ψ(x) = d/dx ln Γ(x), for x > 0: raised past 10 by ψ(x) = ψ(x + 1) − 1/x, then the asymptotic
 * series (Abramowitz & Stegun 6.3.18), whose first omitted term is below 1e-13 there.
 */
export function digamma(x: number): number {
	if (!(x > 0)) return NaN;
	let shift = 0;
	for (; x < 10; x++) shift -= 1 / x;
	const inverseSquare = 1 / (x * x);
	const series =
		inverseSquare *
		(1 / 12 -
			inverseSquare *
				(1 / 120 - inverseSquare * (1 / 252 - inverseSquare * (1 / 240 - inverseSquare / 132))));
	return shift + Math.log(x) - 0.5 / x - series;
}

/** Series ₂F₁ stops when a term is below this fraction of the sum. */
const SERIES_EPSILON = 1e-16;
/** Enough for z up to about 1 − 1e-5; closer to 1 the series is the wrong tool. */
const SERIES_MAX_TERMS = 2_000_000;
/** Terms past this are scaled down, and the scale carried in a logarithm. */
const RESCALE = 1e200;

/**
 * e^logScale · (₂F₁(a, b; c; z) − 1) / b by its power series, for 0 ≤ z < 1. Summed directly, it
 * stays finite as b → 0, where BG/NBD's expectations would divide 0 by 0 (b there is a − 1);
 * and with the scale applied last, sums near e^1000 times a factor near e^−1000 stay finite.
 */
export function hyp2f1MinusOneOverB(
	a: number,
	b: number,
	c: number,
	z: number,
	logScale = 0
): number {
	if (!(z >= 0 && z < 1)) throw new RangeError(`2F1 series needs 0 <= z < 1, got ${z}`);
	let term = (a * z) / c;
	let sum = term;
	let exponent = logScale;
	for (let n = 1; n < SERIES_MAX_TERMS; n++) {
		const ratio = ((a + n) * (b + n) * z) / ((c + n) * (n + 1));
		// The ratio tends to z, so the tail is at most about |term| / (1 − max(|ratio|, z)).
		const bound = Math.max(Math.abs(ratio), z);
		const tailIsNegligible =
			bound < 1 && Math.abs(term) <= SERIES_EPSILON * (1 - bound) * Math.abs(sum);
		if (term === 0 || tailIsNegligible) return sum * Math.exp(exponent);
		term *= ratio;
		sum += term;
		if (Math.abs(term) > RESCALE || Math.abs(sum) > RESCALE) {
			term /= RESCALE;
			sum /= RESCALE;
			exponent += Math.log(RESCALE);
		}
	}
	throw new RangeError(`2F1 series did not converge for z = ${z}`);
}

/** Gauss hypergeometric ₂F₁(a, b; c; z) by its power series, for 0 ≤ z < 1. */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
	return 1 + b * hyp2f1MinusOneOverB(a, b, c, z);
}

/** Terms of {@link logHyp2f1}'s series before it gives up (z up to about 1 − 1e-4). */
const LOG_SERIES_MAX_TERMS = 400_000;

/**
 * ln ₂F₁(a, b; c; z) for 0 ≤ z < 1 and a, b > 0 with c > max(a, b), where every term of the
 * series is positive. Of the series itself and of Euler's transformation ₂F₁(a, b; c; z) =
 * (1−z)^(c−a−b) ₂F₁(c−a, c−b; c; z), it sums the one whose terms start smaller (Pareto/NBD's
 * ₂F₁(r+s+x, s+1; r+s+x+1; z) becomes (1−z)^(−s) ₂F₁(1, r+x; r+s+x+1; z), whose terms only
 * shrink). NaN when the series has not converged in 400,000 terms: a fit then steps back.
 */
export function logHyp2f1(a: number, b: number, c: number, z: number): number {
	if (!(z >= 0 && z < 1 && a > 0 && b > 0 && c > a && c > b)) {
		throw new RangeError(`logHyp2f1 needs a, b > 0, c > max(a, b), 0 <= z < 1`);
	}
	const euler = (c - a) * (c - b) < a * b;
	const [p, q] = euler ? [c - a, c - b] : [a, b];
	const prefactor = euler ? (c - a - b) * Math.log1p(-z) : 0;
	let term = 1;
	let sum = 1;
	let exponent = 0;
	for (let n = 0; n < LOG_SERIES_MAX_TERMS; n++) {
		const ratio = ((p + n) * (q + n) * z) / ((c + n) * (n + 1));
		// As in hyp2f1MinusOneOverB: the ratios tend to z, so the tail is below term·bound/(1−bound).
		const bound = Math.max(ratio, z);
		if (term === 0 || (bound < 1 && term * bound <= SERIES_EPSILON * (1 - bound) * sum)) {
			return prefactor + exponent + Math.log(sum);
		}
		term *= ratio;
		sum += term;
		if (sum > RESCALE) {
			term /= RESCALE;
			sum /= RESCALE;
			exponent += Math.log(RESCALE);
		}
	}
	return NaN;
}
