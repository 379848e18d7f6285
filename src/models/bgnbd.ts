/**
 * BG/NBD ("Counting your customers the easy way", Fader, Hardie & Lee 2005): fitting and the
 * per-customer predictions. Times are in the periods of the summary (days, weeks, …).
 */
import { bgNbdLogLikelihood, groupSummary } from './bgnbd-likelihood';
import type { BgNbdParams, GroupedSummary, PurchaseSummary } from './bgnbd-likelihood';
import { minimiseWithGradient } from './quasi-newton';
import { expectedPurchasesIfAlive } from './bgnbd-expectation';

export type { BgNbdParams, PurchaseSummary } from './bgnbd-likelihood';

/** Where a running fit is: optimiser iteration and the best total log-likelihood so far. */
export interface FitProgress {
	iteration: number;
	logLikelihood: number;
}

/** Options shared by the model fits. */
export interface FitOptions {
	/** Aborting makes the fit reject with the signal's reason (an 'AbortError' by default). */
	signal?: AbortSignal;
	onProgress?: (progress: FitProgress) => void;
	/** BFGS iterations (default 500). */
	maxIterations?: number;
}

/** Fitted BG/NBD parameters with the total log-likelihood and what the fit cost. */
export interface BgNbdFit extends BgNbdParams {
	logLikelihood: number;
	iterations: number;
	converged: boolean;
	customers: number;
	/** Distinct (x, t_x, T) triples: the likelihood loop runs over these, not over customers. */
	distinctTriples: number;
	ms: number;
}

/**
 * Bounds on |ln θ| for (r, α, a, b). Past 10⁴, a and b change no prediction visibly (Beta(a, b)
 * is then all but a point mass). When the data show no spread in dropout, the likelihood keeps
 * rising towards a, b → ∞, and the fit stops at the bound instead of running off towards overflow.
 */
const LOG_BOUNDS = [Math.log(1e6), Math.log(1e6), Math.log(1e4), Math.log(1e4)];

/** The fit searches u with ln θ = B tanh(u / B): unconstrained, smooth, and |ln θ| < B. */
function fromSearchPoint(u: Float64Array): BgNbdParams {
	const [r, alpha, a, b] = LOG_BOUNDS.map((bound, j) => Math.exp(bound * Math.tanh(u[j] / bound)));
	return { r, alpha, a, b };
}

function toSearchPoint(logParams: number[]): number[] {
	return logParams.map((v, j) => LOG_BOUNDS[j] * Math.atanh(v / LOG_BOUNDS[j]));
}

/** Maximum-likelihood BG/NBD parameters (BFGS with the analytic gradient). */
export async function fitBgNbd(
	summary: PurchaseSummary,
	options: FitOptions = {}
): Promise<BgNbdFit> {
	const started = performance.now();
	const data = groupSummary(summary);
	if (data.customers === 0) throw new RangeError('No customers to fit');
	const logLikelihood = bgNbdLogLikelihood(data);
	// Per-customer means, so that the tolerances mean the same for 100 and 10⁶ customers.
	const scale = -1 / data.customers;
	const objective = (u: Float64Array, gradient: Float64Array) => {
		const params = fromSearchPoint(u);
		const value = scale * logLikelihood(params, gradient);
		const theta = [params.r, params.alpha, params.a, params.b];
		// Chain rule: dθ/du = θ · sech²(u / B).
		gradient.forEach(
			(g, j) => (gradient[j] = (scale * g * theta[j]) / Math.cosh(u[j] / LOG_BOUNDS[j]) ** 2)
		);
		return value;
	};
	const onProgress = options.onProgress;
	const result = await minimiseWithGradient(objective, toSearchPoint(startingLogParams(data)), {
		maxIterations: options.maxIterations,
		signal: options.signal,
		onProgress:
			onProgress &&
			(({ iteration, value }) => onProgress({ iteration, logLikelihood: value / scale }))
	});
	return {
		...fromSearchPoint(result.point),
		logLikelihood: result.value / scale,
		iterations: result.iterations,
		converged: result.converged,
		customers: data.customers,
		distinctTriples: data.counts.length,
		ms: performance.now() - started
	};
}

/** r = a = b = 1, and α such that the mean rate r/α matches repeat purchases per period of age. */
function startingLogParams(data: GroupedSummary): number[] {
	let purchases = 0;
	let age = 0;
	data.counts.forEach((count, i) => {
		purchases += count * data.x[i];
		age += count * data.T[i];
	});
	const logAlpha = purchases > 0 && age > 0 ? Math.log(age / purchases) : 0;
	const limit = 0.9 * LOG_BOUNDS[1];
	return [0, Math.max(-limit, Math.min(logAlpha, limit)), 0, 0];
}

/** P(alive | x, t_x, T): the probability that the customer has not dropped out by T. */
export function pAlive({ r, alpha, a, b }: BgNbdParams, x: number, tx: number, T: number): number {
	if (x === 0) return 1;
	// Odds of having dropped out: a/(b+x−1) · ((α+T)/(α+t_x))^(r+x), kept in logs until the end.
	const logOdds = Math.log(a / (b + x - 1)) + (r + x) * Math.log1p((T - tx) / (alpha + tx));
	return 1 / (1 + Math.exp(logOdds));
}

/** E[Y(t) | x, t_x, T]: expected purchases in the next t periods (FHL 2005, eq. 10), t ≥ 0. */
export function conditionalExpectedPurchases(
	params: BgNbdParams,
	t: number,
	x: number,
	tx: number,
	T: number
): number {
	return expectedPurchasesIfAlive(params, t, x, T) * pAlive(params, x, tx, T);
}

/** E[X(t)]: expected repeat purchases of a new customer in their first t periods (FHL 2005, eq. 9). */
export function expectedPurchases(params: BgNbdParams, t: number): number {
	// A customer just acquired is one with x = t_x = T = 0.
	return conditionalExpectedPurchases(params, t, 0, 0, 0);
}
