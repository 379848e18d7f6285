/** Derivative-free minimisation (Nelder–Mead with restarts) for the models' likelihoods. */
import { checkpoint } from './checkpoint';

/** Where a running minimisation is; `value` is the best objective value so far. */
export interface MinimiseProgress {
	iteration: number;
	value: number;
}

/** Options for {@link minimise}. */
export interface MinimiseOptions {
	/** Nelder–Mead iterations over all restarts (default 5000). */
	maxIterations?: number;
	/** Converged when the simplex's values differ by at most this (absolute; default 1e-10). */
	valueTolerance?: number;
	/** …and its points by at most this in every coordinate (default 1e-7). */
	pointTolerance?: number;
	/** Edge of the starting simplex along each axis (default 0.5). */
	initialStep?: number;
	/** Fresh simplices started from the best point after convergence (default 3). */
	restarts?: number;
	/** Aborting makes the promise reject with the signal's reason. */
	signal?: AbortSignal;
	/** Called after every iteration. */
	onProgress?: (progress: MinimiseProgress) => void;
}

/** The best point found and how the search ended. */
export interface MinimiseResult {
	point: Float64Array;
	value: number;
	iterations: number;
	evaluations: number;
	/** False when `maxIterations` ran out first. */
	converged: boolean;
}

// Standard coefficients: reflection, expansion, contraction, shrink.
const REFLECT = 1;
const EXPAND = 2;
const CONTRACT = 0.5;
const SHRINK = 0.5;

/**
 * Minimises `objective` from `start`. Non-finite values count as +∞, so an objective may
 * return NaN outside its domain; the starting value must be finite.
 */
export async function minimise(
	objective: (point: Float64Array) => number,
	start: ArrayLike<number>,
	options: MinimiseOptions = {}
): Promise<MinimiseResult> {
	const {
		maxIterations = 5000,
		valueTolerance = 1e-10,
		pointTolerance = 1e-7,
		initialStep = 0.5,
		restarts = 3
	} = options;
	const pause = checkpoint(options.signal);
	const dim = start.length;
	let evaluations = 0;
	const evaluate = (point: Float64Array) => {
		evaluations++;
		const value = objective(point);
		return Number.isFinite(value) ? value : Infinity;
	};

	let best: Float64Array = Float64Array.from(start);
	let bestValue = evaluate(best);
	if (bestValue === Infinity) {
		throw new RangeError('The objective is not finite at the starting point');
	}
	let iterations = 0;
	let converged = false;

	for (let run = 0; run <= restarts && iterations < maxIterations; run++) {
		const points = [best, ...Array.from({ length: dim }, (_, i) => withStep(best, i, initialStep))];
		const values = points.map((p, i) => (i === 0 ? bestValue : evaluate(p)));
		const centroid = new Float64Array(dim);
		converged = false;
		while (iterations < maxIterations) {
			const order = values.map((_, i) => i).sort((i, j) => values[i] - values[j]);
			const [low, worst, secondWorst] = [order[0], order[dim], order[dim - 1]];
			if (hasConverged(points, values, low, valueTolerance, pointTolerance)) {
				converged = true;
				break;
			}
			centroid.fill(0);
			for (const i of order.slice(0, dim))
				for (let j = 0; j < dim; j++) centroid[j] += points[i][j] / dim;

			const reflected = along(centroid, points[worst], -REFLECT);
			const reflectedValue = evaluate(reflected);
			if (reflectedValue < values[low]) {
				const expanded = along(centroid, points[worst], -EXPAND);
				const expandedValue = evaluate(expanded);
				const useExpanded = expandedValue < reflectedValue;
				points[worst] = useExpanded ? expanded : reflected;
				values[worst] = useExpanded ? expandedValue : reflectedValue;
			} else if (reflectedValue < values[secondWorst]) {
				points[worst] = reflected;
				values[worst] = reflectedValue;
			} else {
				const outside = reflectedValue < values[worst];
				const contracted = along(centroid, points[worst], outside ? -CONTRACT : CONTRACT);
				const contractedValue = evaluate(contracted);
				if (contractedValue < (outside ? reflectedValue : values[worst])) {
					points[worst] = contracted;
					values[worst] = contractedValue;
				} else {
					for (const i of order.slice(1)) {
						points[i] = along(points[low], points[i], SHRINK);
						values[i] = evaluate(points[i]);
					}
				}
			}
			iterations++;
			options.onProgress?.({ iteration: iterations, value: Math.min(...values) });
			await pause();
		}
		const low = values.indexOf(Math.min(...values));
		const improvement = bestValue - values[low];
		best = points[low];
		bestValue = values[low];
		// A restart that no longer moves the value means the minimum is found, not a stalled simplex.
		if (run > 0 && converged && improvement <= valueTolerance) break;
	}
	return { point: best, value: bestValue, iterations, evaluations, converged };
}

/** `from + factor · (towards − from)`, componentwise. */
function along(from: Float64Array, towards: Float64Array, factor: number): Float64Array {
	return from.map((f, j) => f + factor * (towards[j] - f));
}

function withStep(point: Float64Array, axis: number, step: number): Float64Array {
	const moved = Float64Array.from(point);
	moved[axis] += step;
	return moved;
}

function hasConverged(
	points: Float64Array[],
	values: number[],
	low: number,
	valueTolerance: number,
	pointTolerance: number
): boolean {
	for (let i = 0; i < points.length; i++) {
		if (!(values[i] - values[low] <= valueTolerance)) return false;
		for (let j = 0; j < points[i].length; j++) {
			if (Math.abs(points[i][j] - points[low][j]) > pointTolerance) return false;
		}
	}
	return true;
}
