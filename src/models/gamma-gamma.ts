/**
 * Gamma-Gamma spend model (Fader & Hardie, note 025): each customer's mean spend per purchase
 * varies around their own ν ~ Gamma(q, γ), purchases ~ Gamma(p, ν). Also the discounted customer
 * lifetime value that combines it with BG/NBD, as the `lifetimes` package computes it.
 */
import { conditionalExpectedPurchases } from './bgnbd';
import type { BgNbdParams, FitOptions, PurchaseSummary } from './bgnbd';
import { checkpoint } from './checkpoint';
import { groupRows } from './group-rows';
import { minimiseWithGradient } from './quasi-newton';
import { digamma, logGamma } from './special';

/** Gamma-Gamma parameters; `gamma` (γ, "v" in lifetimes) is in currency units. */
export interface GammaGammaParams {
	p: number;
	q: number;
	gamma: number;
}

/** Fitted parameters, the total log-likelihood and which customers it used. */
export interface GammaGammaFit extends GammaGammaParams {
	logLikelihood: number;
	iterations: number;
	converged: boolean;
	/** Customers with x > 0 and a positive mean spend: the only ones the model describes. */
	customers: number;
	/** The others, left out of the fit. */
	skipped: number;
	ms: number;
}

/**
 * Maximum-likelihood Gamma-Gamma parameters (BFGS with the analytic gradient, on log scale). `x`
 * is repeat purchases and `meanSpend` the mean value of those repeat purchases (z̄), per customer.
 */
export async function fitGammaGamma(
	x: ArrayLike<number>,
	meanSpend: ArrayLike<number>,
	options: FitOptions = {}
): Promise<GammaGammaFit> {
	const started = performance.now();
	if (x.length !== meanSpend.length) {
		throw new RangeError('x and meanSpend must have the same length');
	}
	const kept = Array.from({ length: x.length }, (_, i) => i).filter(
		(i) => x[i] > 0 && meanSpend[i] > 0
	);
	if (kept.length === 0) {
		throw new RangeError('No repeat customers with a positive mean spend to fit');
	}
	const grouped = groupRows([kept.map((i) => x[i]), kept.map((i) => meanSpend[i])], kept.length);
	const logLikelihood = gammaGammaLogLikelihood(
		grouped.columns[0],
		grouped.columns[1],
		grouped.counts
	);
	const fromLog = (u: Float64Array): GammaGammaParams => ({
		p: Math.exp(u[0]),
		q: Math.exp(u[1]),
		gamma: Math.exp(u[2])
	});
	// Per-customer mean, so that the tolerances mean the same for 100 and 10⁶ customers.
	const scale = -1 / kept.length;
	const averageSpend = kept.reduce((sum, i) => sum + meanSpend[i], 0) / kept.length;
	const objective = (u: Float64Array, gradient: Float64Array) => {
		const value = scale * logLikelihood(fromLog(u), gradient);
		// Chain rule on log scale: dθ/du = θ.
		for (let j = 0; j < 3; j++) gradient[j] *= scale * Math.exp(u[j]);
		return value;
	};
	const onProgress = options.onProgress;
	// Start at p = 1, q = 2 and the γ that makes the population mean pγ/(q−1) the average spend.
	const result = await minimiseWithGradient(objective, [0, Math.log(2), Math.log(averageSpend)], {
		maxIterations: options.maxIterations,
		signal: options.signal,
		onProgress:
			onProgress &&
			(({ iteration, value }) => onProgress({ iteration, logLikelihood: value / scale }))
	});
	return {
		...fromLog(result.point),
		logLikelihood: result.value / scale,
		iterations: result.iterations,
		converged: result.converged,
		customers: kept.length,
		skipped: x.length - kept.length,
		ms: performance.now() - started
	};
}

/**
 * ℓ(params) over distinct (x, z̄) rows with counts, writing ∂ℓ/∂(p, q, γ) into `gradient`; the
 * terms in x alone (ln Γ, ψ) once per distinct x.
 */
function gammaGammaLogLikelihood(x: Float64Array, meanSpend: Float64Array, counts: Float64Array) {
	const byX = groupRows([x], x.length);
	const distinctX = byX.columns[0];
	const xTerm = new Float64Array(distinctX.length);
	const psiSum = new Float64Array(distinctX.length);
	const psiDifference = new Float64Array(distinctX.length);
	let customers = 0;
	let sumLogSpend = 0;
	let sumXLogXSpend = 0;
	counts.forEach((count, i) => {
		customers += count;
		sumLogSpend += count * Math.log(meanSpend[i]);
		sumXLogXSpend += count * x[i] * Math.log(x[i] * meanSpend[i]);
	});
	return ({ p, q, gamma }: GammaGammaParams, gradient: Float64Array): number => {
		distinctX.forEach((xk, k) => {
			xTerm[k] = logGamma(p * xk + q) - logGamma(p * xk);
			psiSum[k] = digamma(p * xk + q);
			psiDifference[k] = psiSum[k] - digamma(p * xk);
		});
		// Σ [q ln γ − ln Γ(q) + (px−1) ln z̄ + px ln x]: sums fixed by the data, precomputed.
		let sum = customers * (q * Math.log(gamma) - logGamma(q)) + p * sumXLogXSpend - sumLogSpend;
		let dp = sumXLogXSpend;
		let dq = customers * (Math.log(gamma) - digamma(q));
		let dGamma = (customers * q) / gamma;
		for (let i = 0; i < counts.length; i++) {
			const k = byX.groupOf[i];
			const pxq = p * x[i] + q;
			const spendPlus = gamma + x[i] * meanSpend[i];
			const logSpendPlus = Math.log(spendPlus);
			sum += counts[i] * (xTerm[k] - pxq * logSpendPlus);
			dp += counts[i] * x[i] * (psiDifference[k] - logSpendPlus);
			dq += counts[i] * (psiSum[k] - logSpendPlus);
			dGamma -= (counts[i] * pxq) / spendPlus;
		}
		gradient[0] = dp;
		gradient[1] = dq;
		gradient[2] = dGamma;
		return sum;
	};
}

/**
 * E[M | x, z̄]: expected spend per future purchase, a weighted mean of the customer's own z̄ and
 * the population mean pγ/(q−1). For x = 0 it is the population mean; NaN when px + q ≤ 1 (the
 * mean is then infinite).
 */
export function conditionalExpectedValue(
	{ p, q, gamma }: GammaGammaParams,
	x: number,
	meanSpend: number
): number {
	const denominator = p * x + q - 1;
	return denominator > 0 ? (p * (gamma + x * meanSpend)) / denominator : NaN;
}

/**
 * Pearson correlation between x and z̄ among repeat customers (x > 0). Gamma-Gamma assumes spend
 * does not depend on frequency: a value far from 0 means its predictions are suspect.
 */
export function frequencySpendCorrelation(
	x: ArrayLike<number>,
	meanSpend: ArrayLike<number>
): number {
	const repeat = Array.from({ length: x.length }, (_, i) => i).filter((i) => x[i] > 0);
	const mean = (values: (i: number) => number) =>
		repeat.reduce((sum, i) => sum + values(i), 0) / repeat.length;
	const [meanX, meanM] = [mean((i) => x[i]), mean((i) => meanSpend[i])];
	const covariance = mean((i) => (x[i] - meanX) * (meanSpend[i] - meanM));
	const varianceX = mean((i) => (x[i] - meanX) ** 2);
	const varianceM = mean((i) => (meanSpend[i] - meanM) ** 2);
	return covariance / Math.sqrt(varianceX * varianceM);
}

/** Per-customer inputs of {@link clv}: the BG/NBD summary plus the mean repeat spend z̄. */
export interface ClvCustomers extends PurchaseSummary {
	meanSpend: ArrayLike<number>;
}

/** E[Y(t) | x, t_x, T] of any purchase model (BG/NBD's when {@link clv} is given its parameters). */
export type ExpectedPurchases = (t: number, x: number, tx: number, T: number) => number;

/** Horizon, discounting and time units of {@link clv}. */
export interface ClvOptions {
	/** Length of one summary period in days: 1 when x, t_x and T are in days, 7 for weeks. */
	daysPerPeriod: number;
	/** Months ahead (default 12). */
	months?: number;
	/** Discount rate per month (default 0.01, about 12.7 % a year). */
	monthlyDiscountRate?: number;
	/** Days in a month (default 30, as in lifetimes). */
	daysPerMonth?: number;
	signal?: AbortSignal;
}

/**
 * Expected discounted value of each customer over the next `months`, as lifetimes'
 * customer_lifetime_value: Σᵢ (E[Y(i months)] − E[Y(i−1 months)]) · E[M] / (1 + d)ⁱ. The
 * purchase part is computed once per distinct (x, t_x, T).
 */
export async function clv(
	bgNbd: BgNbdParams | ExpectedPurchases,
	gammaGamma: GammaGammaParams,
	customers: ClvCustomers,
	options: ClvOptions
): Promise<Float64Array> {
	const { daysPerPeriod, months = 12, monthlyDiscountRate = 0.01, daysPerMonth = 30 } = options;
	if (!(daysPerPeriod > 0 && daysPerMonth > 0)) {
		throw new RangeError('daysPerPeriod and daysPerMonth must be > 0');
	}
	const periodsPerMonth = daysPerMonth / daysPerPeriod;
	const expected: ExpectedPurchases =
		typeof bgNbd === 'function'
			? bgNbd
			: (t, x, tx, T) => conditionalExpectedPurchases(bgNbd, t, x, tx, T);
	const n = customers.x.length;
	const grouped = groupRows([customers.x, customers.tx, customers.T], n);
	const [x, tx, T] = grouped.columns;
	const discountedPurchases = new Float64Array(grouped.counts.length);
	const pause = checkpoint(options.signal);
	for (let g = 0; g < discountedPurchases.length; g++) {
		let previous = 0;
		for (let month = 1; month <= months; month++) {
			const cumulative = expected(month * periodsPerMonth, x[g], tx[g], T[g]);
			discountedPurchases[g] += (cumulative - previous) / (1 + monthlyDiscountRate) ** month;
			previous = cumulative;
		}
		if (g % 1024 === 0) await pause();
	}
	return Float64Array.from(
		{ length: n },
		(_, i) =>
			discountedPurchases[grouped.groupOf[i]] *
			conditionalExpectedValue(gammaGamma, customers.x[i], customers.meanSpend[i])
	);
}
