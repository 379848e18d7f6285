/**
 * Pareto/NBD (Schmittlein, Morrison & Colombo 1987): purchases at rate λ ~ Gamma(r, α) while
 * alive, an exponential lifetime of rate μ ~ Gamma(s, β). The likelihood, P(alive) and the
 * conditional expectation follow Fader & Hardie's "A Note on Deriving the Pareto/NBD Model and
 * Related Expressions" (2005), eqs. 11, 18 and 22; BTYD's pnbd.LL computes the same. Times are
 * in the periods of the summary.
 */
import { groupSummary, type PurchaseSummary } from './bgnbd-likelihood';
import type { FitOptions } from './bgnbd';
import { fitNumerically, logAddExp, startingAlpha } from './fit-numeric';
import { logGamma, logHyp2f1 } from './special';

/** Pareto/NBD parameters: λ ~ Gamma(r, α), μ ~ Gamma(s, β) (α and β in periods). */
export interface ParetoNbdParams {
	r: number;
	alpha: number;
	s: number;
	beta: number;
}

/** Fitted Pareto/NBD parameters with the total log-likelihood and what the fit cost. */
export interface ParetoNbdFit extends ParetoNbdParams {
	logLikelihood: number;
	iterations: number;
	converged: boolean;
	customers: number;
	ms: number;
}

/** ln(1 − e^u) for u ≤ 0, accurate at both ends (Mächler 2012). */
function log1mExp(u: number): number {
	return u > -Math.LN2 ? Math.log(-Math.expm1(u)) : Math.log1p(-Math.exp(u));
}

/**
 * The two parts of ln L less the constant ln[Γ(r+x) α^r β^s / Γ(r)]: alive at T, and died in
 * (t_x, T]. The second is ln[s/(r+s+x) · A₀], with A₀ of the note's eq. 11 written with
 * max(α, β) as BTYD does, so that the ₂F₁ argument |α−β|/(max(α, β)+t) stays in [0, 1).
 */
export function logLikelihoodParts(
	{ r, alpha, s, beta }: ParetoNbdParams,
	x: number,
	tx: number,
	T: number
): { alive: number; died: number } {
	const alive = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
	if (tx >= T) return { alive, died: -Infinity };
	const a = r + s + x;
	const high = Math.max(alpha, beta);
	const gap = Math.abs(alpha - beta);
	const b = alpha >= beta ? s + 1 : r + x;
	const logFirst = logHyp2f1(a, b, a + 1, gap / (high + tx));
	const logSecond =
		logHyp2f1(a, b, a + 1, gap / (high + T)) + a * Math.log((high + tx) / (high + T));
	// A₀ = (high+t_x)^−a [F(t_x) − F(T) ((high+t_x)/(high+T))^a], both parts positive.
	const difference = logSecond < logFirst ? logFirst + log1mExp(logSecond - logFirst) : -Infinity;
	const died = Math.log(s / a) - a * Math.log(high + tx) + difference;
	return { alive, died };
}

/** ln L(r, α, s, β | x, t_x, T) of one customer (the note's eq. 11). */
export function paretoNbdLogLikelihood(
	params: ParetoNbdParams,
	x: number,
	tx: number,
	T: number
): number {
	const { r, alpha, s, beta } = params;
	const { alive, died } = logLikelihoodParts(params, x, tx, T);
	const constant = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
	return constant + logAddExp(alive, died);
}

/** Maximum-likelihood Pareto/NBD parameters (BFGS, numerical gradient). */
export async function fitParetoNbd(
	summary: PurchaseSummary,
	options: FitOptions = {}
): Promise<ParetoNbdFit> {
	const started = performance.now();
	const data = groupSummary(summary);
	if (data.customers === 0) throw new RangeError('No customers to fit');
	const total = ([r, alpha, s, beta]: number[]) => {
		let sum = 0;
		for (let i = 0; i < data.counts.length; i++) {
			const ll = paretoNbdLogLikelihood({ r, alpha, s, beta }, data.x[i], data.tx[i], data.T[i]);
			sum += data.counts[i] * ll;
		}
		return sum;
	};
	const alpha = startingAlpha(summary.x, summary.T);
	const fit = await fitNumerically(total, [1, alpha, 1, alpha], data.customers, options);
	const [r, fittedAlpha, s, beta] = fit.params;
	return {
		r,
		alpha: fittedAlpha,
		s,
		beta,
		logLikelihood: fit.logLikelihood,
		iterations: fit.iterations,
		converged: fit.converged,
		customers: data.customers,
		ms: performance.now() - started
	};
}

/** P(alive | x, t_x, T) (the note's eq. 18): 1 / (1 + s/(r+s+x) (α+T)^(r+x) (β+T)^s A₀). */
export function paretoNbdPAlive(params: ParetoNbdParams, x: number, tx: number, T: number): number {
	const { alive, died } = logLikelihoodParts(params, x, tx, T);
	return 1 / (1 + Math.exp(died - alive));
}

/**
 * E[Y(t) | x, t_x, T] (the note's eq. 22): P(alive) · E[λ | data, alive] · E[time alive in the
 * next t | alive] = P(alive) · (r+x)/(α+T) · (β+T)/(s−1) · [1 − ((β+T)/(β+T+t))^(s−1)], with
 * the s → 1 limit (β+T) ln(1 + t/(β+T)).
 */
export function paretoNbdConditionalExpected(
	params: ParetoNbdParams,
	t: number,
	x: number,
	tx: number,
	T: number
): number {
	const { r, alpha, s, beta } = params;
	const logShrink = -Math.log1p(t / (beta + T));
	const timeAlive =
		s === 1 ? -(beta + T) * logShrink : (-(beta + T) * Math.expm1((s - 1) * logShrink)) / (s - 1);
	return (paretoNbdPAlive(params, x, tx, T) * (r + x) * timeAlive) / (alpha + T);
}

/** E[X(t)]: expected purchases of a new customer in their first t periods (the note's eq. 17). */
export function paretoNbdExpected(params: ParetoNbdParams, t: number): number {
	// A customer just acquired (x = t_x = T = 0) is alive.
	return paretoNbdConditionalExpected(params, t, 0, 0, 0);
}
