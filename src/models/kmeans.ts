/**
 * k-means on a dense matrix: Lloyd's iterations from greedy k-means++ seeds, with Hamerly's
 * bounds (2010) so that rows far from any cluster boundary skip the distance computations.
 * Deterministic for a given seed. Sized for 10⁶ rows of a few columns.
 */
import { checkpoint } from './checkpoint';
import { seedCentres } from './kmeans-seeding';
import { squaredDistance, type Matrix } from './matrix';
import { mulberry32 } from './random';

export type { Matrix } from './matrix';

/** Options for {@link kmeans}. */
export interface KMeansOptions {
	k: number;
	/** PRNG seed: the same seed, data and k give the same clusters (default 1). */
	seed?: number;
	/** Lloyd iterations (default 300). */
	maxIterations?: number;
	/**
	 * Stop when the summed squared shift of the centres is at most this times the mean column
	 * variance (default 1e-4, scikit-learn's), or when no row changes cluster.
	 */
	tolerance?: number;
	signal?: AbortSignal;
	/** After each iteration, with the number of rows that changed cluster in it. */
	onProgress?: (progress: { iteration: number; changed: number }) => void;
}

/** Clusters and how well they fit. */
export interface KMeansResult {
	/** k × cols, in the units of the input. */
	centroids: Matrix;
	/** Cluster of each row, 0..k−1. */
	assignment: Uint32Array;
	sizes: Uint32Array;
	/** Sum of squared distances from rows to their centres. */
	inertia: number;
	iterations: number;
	converged: boolean;
}

/**
 * Hamerly's per-row state: the assigned cluster, an upper bound on the distance to its centre
 * and a lower bound on the distance to every other centre (plain distances, not squared).
 */
interface Rows {
	assignment: Uint32Array;
	upper: Float64Array;
	lower: Float64Array;
}

/** Nearest and second-nearest centre of row i, written into `state`; true if it moved. */
function scan({ data, cols }: Matrix, centres: Float64Array, k: number, state: Rows, i: number) {
	let best = Infinity;
	let second = Infinity;
	let bestCentre = 0;
	for (let c = 0; c < k; c++) {
		const d = squaredDistance(data, i, centres, c, cols);
		if (d < best) {
			second = best;
			best = d;
			bestCentre = c;
		} else if (d < second) second = d;
	}
	const moved = state.assignment[i] !== bestCentre;
	state.assignment[i] = bestCentre;
	state.upper[i] = Math.sqrt(best);
	state.lower[i] = Math.sqrt(second);
	return moved;
}

/** Reassigns rows whose bounds cannot rule out a closer centre; returns how many moved. */
function assign(matrix: Matrix, centres: Float64Array, k: number, state: Rows): number {
	const { data, rows, cols } = matrix;
	// halfGap[c]: half the distance from centre c to its nearest other centre.
	const halfGap = new Float64Array(k).fill(Infinity);
	for (let c = 0; c < k; c++) {
		for (let other = 0; other < k; other++) {
			if (other === c) continue;
			const gap = 0.5 * Math.sqrt(squaredDistance(centres, c, centres, other, cols));
			halfGap[c] = Math.min(halfGap[c], gap);
		}
	}
	let changed = 0;
	for (let i = 0; i < rows; i++) {
		const own = state.assignment[i];
		const limit = Math.max(halfGap[own], state.lower[i]);
		if (state.upper[i] <= limit) continue;
		state.upper[i] = Math.sqrt(squaredDistance(data, i, centres, own, cols));
		if (state.upper[i] <= limit) continue;
		if (scan(matrix, centres, k, state, i)) changed++;
	}
	return changed;
}

/**
 * Moves each centre to the mean of its rows, loosens the bounds by how far the centres moved,
 * and returns the summed squared shift. A centre left without rows takes the row with the
 * largest upper bound (the farthest from its centre, as far as the bounds know).
 */
function update(
	{ data, rows, cols }: Matrix,
	centres: Float64Array,
	k: number,
	state: Rows
): number {
	const sums = new Float64Array(centres.length);
	const sizes = new Uint32Array(k);
	for (let i = 0; i < rows; i++) {
		const c = state.assignment[i];
		sizes[c]++;
		for (let j = 0; j < cols; j++) sums[c * cols + j] += data[i * cols + j];
	}
	const shifts = new Float64Array(k);
	for (let c = 0; c < k; c++) {
		let row = -1;
		if (sizes[c] === 0) {
			row = state.upper.reduce((far, u, i) => (u > state.upper[far] ? i : far), 0);
			// It sits on its new centre; lower = 0 makes the next assignment re-check it fully.
			state.assignment[row] = c;
			state.upper[row] = 0;
			state.lower[row] = 0;
		}
		let shift = 0;
		for (let j = 0; j < cols; j++) {
			const moved = row >= 0 ? data[row * cols + j] : sums[c * cols + j] / sizes[c];
			shift += (moved - centres[c * cols + j]) ** 2;
			centres[c * cols + j] = moved;
		}
		shifts[c] = Math.sqrt(shift);
	}
	// Another centre came at most maxShift closer: the largest shift, or the second largest
	// for rows of the cluster that moved most.
	const largest = shifts.indexOf(Math.max(...shifts));
	const secondLargest = Math.max(0, ...shifts.filter((_, c) => c !== largest));
	for (let i = 0; i < rows; i++) {
		const own = state.assignment[i];
		state.upper[i] += shifts[own];
		state.lower[i] -= own === largest ? secondLargest : shifts[largest];
	}
	return shifts.reduce((sum, s) => sum + s * s, 0);
}

function meanColumnVariance({ data, rows, cols }: Matrix): number {
	let total = 0;
	for (let j = 0; j < cols; j++) {
		let mean = 0;
		for (let i = 0; i < rows; i++) mean += data[i * cols + j] / rows;
		for (let i = 0; i < rows; i++) total += (data[i * cols + j] - mean) ** 2 / rows;
	}
	return total / cols;
}

/** k-means clustering of the rows of `matrix` (standardise them first: see standardise.ts). */
export async function kmeans(matrix: Matrix, options: KMeansOptions): Promise<KMeansResult> {
	const { k, seed = 1, maxIterations = 300, tolerance = 1e-4 } = options;
	const { data, rows, cols } = matrix;
	if (!(Number.isInteger(k) && k >= 1 && k <= rows)) {
		throw new RangeError(`k must be an integer from 1 to the number of rows (${rows}), got ${k}`);
	}
	if (data.some((v) => !Number.isFinite(v))) throw new RangeError('k-means needs finite values');
	const pause = checkpoint(options.signal);
	const shiftTolerance = tolerance * meanColumnVariance(matrix);
	const centres = seedCentres(matrix, k, mulberry32(seed));
	const state: Rows = {
		assignment: new Uint32Array(rows),
		upper: new Float64Array(rows),
		lower: new Float64Array(rows)
	};
	for (let i = 0; i < rows; i++) scan(matrix, centres, k, state, i);
	let iterations = 0;
	let converged = false;
	while (iterations < maxIterations && !converged) {
		const shift = update(matrix, centres, k, state);
		const changed = assign(matrix, centres, k, state);
		iterations++;
		converged = changed === 0 || shift <= shiftTolerance;
		options.onProgress?.({ iteration: iterations, changed });
		await pause();
	}
	const sizes = new Uint32Array(k);
	let inertia = 0;
	for (let i = 0; i < rows; i++) {
		sizes[state.assignment[i]]++;
		inertia += squaredDistance(data, i, centres, state.assignment[i], cols);
	}
	return {
		centroids: { data: centres, rows: k, cols },
		assignment: state.assignment,
		sizes,
		inertia,
		iterations,
		converged
	};
}
