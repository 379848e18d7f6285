/**
 * Maximum likelihood for the customer-base models whose gradient is not worked out by hand
 * (MBG/NBD, Pareto/NBD): BFGS on bounded log-parameters with a central-difference gradient.
 * Four parameters make that nine evaluations of the likelihood per gradient, each a loop over the
 * distinct (x, t_x, T) triples, which stays well under a second on CDNOW-sized data.
 */
import type { FitOptions } from './bgnbd';
import { minimiseWithGradient } from './quasi-newton';

/** What {@link fitNumerically} found: parameters, total log-likelihood and what it cost. */
export interface NumericFit {
	params: number[];
	logLikelihood: number;
	iterations: number;
	converged: boolean;
}

/** Bounds on |ln θ|, as in BG/NBD's fit: past 10⁶ a parameter changes no prediction visibly. */
const LOG_BOUND = Math.log(1e6);
/** Step of the central differences on the search variables (about ln θ). */
const STEP = 1e-5;

const toParams = (u: ArrayLike<number>) =>
	Array.from(u, (v) => Math.exp(LOG_BOUND * Math.tanh(v / LOG_BOUND)));

/**
 * Maximises `logLikelihood` (a total over `customers`) from the positive `start`. The search
 * runs on u with ln θ = B tanh(u / B), unconstrained and smooth; the objective is the mean per
 * customer, so that the tolerances mean the same for 100 and 10⁶ customers.
 */
export async function fitNumerically(
	logLikelihood: (params: number[]) => number,
	start: number[],
	customers: number,
	options: FitOptions = {}
): Promise<NumericFit> {
	const scale = -1 / customers;
	const value = (u: ArrayLike<number>) => scale * logLikelihood(toParams(u));
	const objective = (u: Float64Array, gradient: Float64Array) => {
		const shifted = Float64Array.from(u);
		for (let j = 0; j < u.length; j++) {
			shifted[j] = u[j] + STEP;
			const up = value(shifted);
			shifted[j] = u[j] - STEP;
			const down = value(shifted);
			shifted[j] = u[j];
			gradient[j] = (up - down) / (2 * STEP);
		}
		return value(u);
	};
	const clamp = (v: number) => Math.max(-0.9 * LOG_BOUND, Math.min(v, 0.9 * LOG_BOUND));
	const startU = start.map((v) => LOG_BOUND * Math.atanh(clamp(Math.log(v)) / LOG_BOUND));
	const { onProgress } = options;
	const result = await minimiseWithGradient(objective, startU, {
		maxIterations: options.maxIterations,
		// Central differences carry errors near 1e-10; asking for less than that would never end.
		gradientTolerance: 1e-7,
		signal: options.signal,
		onProgress:
			onProgress &&
			(({ iteration, value }) => onProgress({ iteration, logLikelihood: value / scale }))
	});
	return {
		params: toParams(result.point),
		logLikelihood: result.value / scale,
		iterations: result.iterations,
		converged: result.converged
	};
}

/** ln(e^u + e^v) without overflow; −∞ when both are. */
export function logAddExp(u: number, v: number): number {
	const high = Math.max(u, v);
	if (high === -Infinity) return -Infinity;
	return high + Math.log1p(Math.exp(Math.min(u, v) - high));
}

/** Starting purchase-rate scale α: r/α = 1 matches repeat purchases per period of age. */
export function startingAlpha(x: ArrayLike<number>, T: ArrayLike<number>): number {
	let purchases = 0;
	let age = 0;
	for (let i = 0; i < x.length; i++) {
		purchases += x[i];
		age += T[i];
	}
	return purchases > 0 && age > 0 ? age / purchases : 1;
}
