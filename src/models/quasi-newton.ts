/** BFGS with a backtracking line search, for likelihoods whose gradient is cheap to compute. */
import { checkpoint } from './checkpoint';

/** Where a running minimisation is; `value` is the objective at the current point. */
export interface MinimiseProgress {
	iteration: number;
	value: number;
}

/** The best point found and how the search ended. */
export interface MinimiseResult {
	point: Float64Array;
	value: number;
	iterations: number;
	evaluations: number;
	/** False when the iterations ran out, or no step lowered f with the gradient far from zero. */
	converged: boolean;
}

/** Options for {@link minimiseWithGradient}. */
export interface GradientMinimiseOptions {
	/** BFGS iterations (default 500). */
	maxIterations?: number;
	/** Converged when every gradient component is at most this in size (default 1e-9). */
	gradientTolerance?: number;
	signal?: AbortSignal;
	onProgress?: (progress: MinimiseProgress) => void;
}

/** Writes ∇f(point) into `gradient` and returns f(point). */
export type ValueAndGradient = (point: Float64Array, gradient: Float64Array) => number;

const ARMIJO = 1e-4;
const MAX_BACKTRACKS = 60;
/** Longest step per coordinate: on log-parameters, a factor of e⁴ ≈ 55 at a time. */
const MAX_STEP = 4;
/** A step that lowers f by less than this fraction of |f| means f has stopped decreasing… */
const STALLED_DECREASE = 1e-14;
/** …and then a gradient this small still counts as converged. */
const STALLED_GRADIENT_TOLERANCE = 1e-6;

/**
 * Minimises f from `start`. A non-finite value makes the line search step back, so f may
 * return NaN outside its domain. `converged` is false when the iterations ran out, or when no
 * step lowers f while the gradient is still far from zero.
 */
export async function minimiseWithGradient(
	f: ValueAndGradient,
	start: ArrayLike<number>,
	options: GradientMinimiseOptions = {}
): Promise<MinimiseResult> {
	const { maxIterations = 500, gradientTolerance = 1e-9 } = options;
	const pause = checkpoint(options.signal);
	const dim = start.length;
	let point = Float64Array.from(start);
	let gradient = new Float64Array(dim);
	let value = f(point, gradient);
	let evaluations = 1;
	if (!Number.isFinite(value)) {
		throw new RangeError('The objective is not finite at the starting point');
	}
	let inverseHessian = identity(dim);
	// True while the inverse Hessian is the identity: the search direction is then −gradient.
	let steepest = true;
	let iterations = 0;
	let converged = false;

	while (iterations < maxIterations) {
		if (maxAbs(gradient) <= gradientTolerance) {
			converged = true;
			break;
		}
		let direction = negate(multiply(inverseHessian, gradient));
		let slope = dot(gradient, direction);
		if (!(slope < 0)) {
			// The curvature estimate went bad: start again from steepest descent.
			inverseHessian = identity(dim);
			steepest = true;
			direction = negate(gradient);
			slope = dot(gradient, direction);
		}
		let step = Math.min(1, MAX_STEP / maxAbs(direction));
		const trialGradient = new Float64Array(dim);
		let trial = point;
		let trialValue = NaN;
		for (let backtrack = 0; backtrack < MAX_BACKTRACKS; backtrack++) {
			trial = point.map((p, j) => p + step * direction[j]);
			trialValue = f(trial, trialGradient);
			evaluations++;
			if (Number.isFinite(trialValue) && trialValue <= value + ARMIJO * step * slope) break;
			step /= 2;
		}
		if (!(Number.isFinite(trialValue) && trialValue < value)) {
			if (!steepest) {
				// Perhaps only the curvature estimate is off: try once more along −gradient.
				inverseHessian = identity(dim);
				steepest = true;
				continue;
			}
			// Not even a tiny step downhill lowers f: this is as close as floating point gets.
			converged = maxAbs(gradient) <= STALLED_GRADIENT_TOLERANCE;
			break;
		}

		const s = trial.map((t, j) => t - point[j]);
		const y = trialGradient.map((g, j) => g - gradient[j]);
		const sy = dot(s, y);
		// Skipping the update when s·y ≤ 0 keeps the inverse Hessian positive definite.
		if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
			if (iterations === 0) inverseHessian = scaled(identity(dim), sy / dot(y, y));
			inverseHessian = bfgsUpdate(inverseHessian, s, y, sy);
			steepest = false;
		}
		const decrease = value - trialValue;
		point = trial;
		gradient = trialGradient;
		value = trialValue;
		iterations++;
		options.onProgress?.({ iteration: iterations, value });
		if (decrease <= STALLED_DECREASE * Math.abs(value)) {
			// Steps now only shuffle rounding error (the gradient of a sum over 10⁶ terms is noisy).
			converged = maxAbs(gradient) <= STALLED_GRADIENT_TOLERANCE;
			break;
		}
		await pause();
	}
	return { point, value, iterations, evaluations, converged };
}

/** H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ with ρ = 1/(s·y). */
function bfgsUpdate(
	h: Float64Array[],
	s: Float64Array,
	y: Float64Array,
	sy: number
): Float64Array[] {
	const hy = multiply(h, y);
	const yhy = dot(y, hy);
	return h.map((row, i) =>
		row.map(
			(hij, j) => hij - (hy[i] * s[j] + s[i] * hy[j]) / sy + ((1 + yhy / sy) * s[i] * s[j]) / sy
		)
	);
}

function identity(dim: number): Float64Array[] {
	return Array.from({ length: dim }, (_, i) =>
		new Float64Array(dim).map((_, j) => (i === j ? 1 : 0))
	);
}

function scaled(m: Float64Array[], factor: number): Float64Array[] {
	return m.map((row) => row.map((v) => v * factor));
}

function multiply(m: Float64Array[], v: Float64Array): Float64Array {
	return Float64Array.from(m, (row) => dot(row, v));
}

function negate(v: Float64Array): Float64Array {
	return v.map((x) => -x);
}

function dot(u: Float64Array, v: Float64Array): number {
	let sum = 0;
	for (let i = 0; i < u.length; i++) sum += u[i] * v[i];
	return sum;
}

function maxAbs(v: Float64Array): number {
	let max = 0;
	for (const x of v) max = Math.max(max, Math.abs(x));
	return max;
}
