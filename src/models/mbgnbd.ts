/**
 * MBG/NBD (Batislam, Denizel & Filiztekin 2007; lifetimes' ModifiedBetaGeoFitter): BG/NBD in
 * which a customer may also drop out right after the first purchase, so a one-time buyer seen
 * long ago is not alive with certainty as under BG/NBD. Times are in the periods of the summary.
 */
import {
	groupSummary,
	type BgNbdParams,
	type GroupedSummary,
	type PurchaseSummary
} from './bgnbd-likelihood';
import type { FitOptions } from './bgnbd';
import { expectedPurchasesIfAlive } from './bgnbd-expectation';
import { fitNumerically, logAddExp, startingAlpha } from './fit-numeric';
import { logGamma } from './special';

/** Fitted MBG/NBD parameters (the same four as BG/NBD) with the fit's log-likelihood and cost. */
export interface MbgNbdFit extends BgNbdParams {
	logLikelihood: number;
	iterations: number;
	converged: boolean;
	customers: number;
	ms: number;
}

/**
 * ln L of one customer: L = Γ(r+x)α^r/Γ(r) · B(a, b+x+1)/B(a, b) · [(α+T)^−(r+x) +
 * a/(b+x) · (α+t_x)^−(r+x)]: alive after x + 1 chances to drop out, or gone after the last one.
 */
export function mbgNbdLogLikelihood(
	{ r, alpha, a, b }: BgNbdParams,
	x: number,
	tx: number,
	T: number
): number {
	const constant =
		logGamma(r + x) -
		logGamma(r) +
		r * Math.log(alpha) +
		logGamma(a + b) +
		logGamma(b + x + 1) -
		logGamma(b) -
		logGamma(a + b + x + 1);
	const alive = -(r + x) * Math.log(alpha + T);
	const dropped = Math.log(a / (b + x)) - (r + x) * Math.log(alpha + tx);
	return constant + logAddExp(alive, dropped);
}

/**
 * Σ ln L over the grouped customers, as {@link mbgNbdLogLikelihood} but with the terms that depend
 * on x only, T only or t_x only computed once per value (running sums of logs over x, as in
 * BG/NBD's likelihood): one exp and one log1p per distinct (x, t_x, T).
 */
export function mbgNbdTotalLogLikelihood(data: GroupedSummary): (params: number[]) => number {
	const { x, counts, txIndex, TIndex, distinctT, distinctTx, maxX } = data;
	const xTerm = new Float64Array(maxX + 1);
	const dropTerm = new Float64Array(maxX + 1);
	const logAlphaT = new Float64Array(distinctT.length);
	const logAlphaTx = new Float64Array(distinctTx.length);
	return ([r, alpha, a, b]) => {
		// x = 0: r ln α + ln[B(a, b+1)/B(a, b)] = r ln α + ln[b/(a+b)].
		let logRising = r * Math.log(alpha) + Math.log1p(-a / (a + b));
		for (let xk = 0; xk <= maxX; xk++) {
			xTerm[xk] = logRising;
			dropTerm[xk] = Math.log(a / (b + xk));
			// Γ(r+x+1)/Γ(r+x) = r+x and B(a, b+x+2)/B(a, b+x+1) = (b+x+1)/(a+b+x+1).
			logRising += Math.log(r + xk) + Math.log1p(-a / (a + b + xk + 1));
		}
		distinctT.forEach((T, k) => (logAlphaT[k] = Math.log(alpha + T)));
		distinctTx.forEach((tx, k) => (logAlphaTx[k] = Math.log(alpha + tx)));
		let sum = 0;
		for (let i = 0; i < counts.length; i++) {
			const xi = x[i];
			const alive = -(r + xi) * logAlphaT[TIndex[i]];
			const dropped = dropTerm[xi] - (r + xi) * logAlphaTx[txIndex[i]];
			sum += counts[i] * (xTerm[xi] + logAddExp(alive, dropped));
		}
		return sum;
	};
}

/** Maximum-likelihood MBG/NBD parameters (BFGS, numerical gradient). */
export async function fitMbgNbd(
	summary: PurchaseSummary,
	options: FitOptions = {}
): Promise<MbgNbdFit> {
	const started = performance.now();
	const data = groupSummary(summary);
	if (data.customers === 0) throw new RangeError('No customers to fit');
	const total = mbgNbdTotalLogLikelihood(data);
	const start = [1, startingAlpha(summary.x, summary.T), 1, 1];
	const fit = await fitNumerically(total, start, data.customers, options);
	const [r, alpha, a, b] = fit.params;
	return {
		r,
		alpha,
		a,
		b,
		logLikelihood: fit.logLikelihood,
		iterations: fit.iterations,
		converged: fit.converged,
		customers: data.customers,
		ms: performance.now() - started
	};
}

/** P(alive | x, t_x, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^(r+x)), below 1 even at x = 0. */
export function mbgNbdPAlive(
	{ r, alpha, a, b }: BgNbdParams,
	x: number,
	tx: number,
	T: number
): number {
	const logOdds = Math.log(a / (b + x)) + (r + x) * Math.log1p((T - tx) / (alpha + tx));
	return 1 / (1 + Math.exp(logOdds));
}

/**
 * E[Y(t) | x, t_x, T]: given alive, p ~ Beta(a, b+x+1), one more (1−p) than under BG/NBD, so it
 * is BG/NBD's expectation if alive with b + 1 (lifetimes' formula, (a+b+x)/(a−1) · [1 −
 * ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))]), times P(alive).
 */
export function mbgNbdConditionalExpected(
	params: BgNbdParams,
	t: number,
	x: number,
	tx: number,
	T: number
): number {
	const ifAlive = expectedPurchasesIfAlive({ ...params, b: params.b + 1 }, t, x, T);
	return ifAlive * mbgNbdPAlive(params, x, tx, T);
}

/** E[X(t)]: a new customer (x = t_x = T = 0) is still there with probability b/(a+b). */
export function mbgNbdExpected(params: BgNbdParams, t: number): number {
	return mbgNbdConditionalExpected(params, t, 0, 0, 0);
}
