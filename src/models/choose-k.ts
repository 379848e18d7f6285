/** Choosing the number of clusters: silhouette on a seeded sample, with inertia for an elbow plot. */
import { checkpoint } from './checkpoint';
import { kmeans } from './kmeans';
import type { Matrix } from './matrix';
import { mulberry32, sampleIndices } from './random';

/** Options for {@link silhouette}. */
export interface SilhouetteOptions {
	/** Rows scored; the cost grows with its square (default 5000). */
	sampleSize?: number;
	seed?: number;
}

/**
 * Mean silhouette width, in [−1, 1], of a seeded sample of rows, each scored against the other
 * sampled rows. A row alone in its cluster (within the sample) scores 0, as in scikit-learn. NaN
 * when the sample holds fewer than two clusters.
 */
export function silhouette(
	matrix: Matrix,
	assignment: ArrayLike<number>,
	options: SilhouetteOptions = {}
): number {
	const { sampleSize = 5000, seed = 1 } = options;
	const { cols } = matrix;
	const rows = sampleIndices(matrix.rows, sampleSize, mulberry32(seed));
	const n = rows.length;
	// Contiguous copies: the pair loop below is the whole cost.
	const points = new Float64Array(n * cols);
	const labels = Uint32Array.from(rows, (row) => assignment[row]);
	rows.forEach((row, s) =>
		points.set(matrix.data.subarray(row * cols, (row + 1) * cols), s * cols)
	);
	const k = labels.reduce((max, label) => Math.max(max, label + 1), 0);
	const clusterSizes = new Float64Array(k);
	for (const label of labels) clusterSizes[label]++;
	if (clusterSizes.filter((size) => size > 0).length < 2) return NaN;
	// distanceSums[s * k + c]: summed distance from sampled row s to the sampled rows of cluster c.
	const distanceSums = new Float64Array(n * k);
	for (let s = 0; s < n; s++) {
		for (let t = s + 1; t < n; t++) {
			let sum = 0;
			for (let j = 0; j < cols; j++) {
				const d = points[s * cols + j] - points[t * cols + j];
				sum += d * d;
			}
			const distance = Math.sqrt(sum);
			distanceSums[s * k + labels[t]] += distance;
			distanceSums[t * k + labels[s]] += distance;
		}
	}
	let total = 0;
	for (let s = 0; s < n; s++) {
		const own = labels[s];
		if (clusterSizes[own] < 2) continue;
		const within = distanceSums[s * k + own] / (clusterSizes[own] - 1);
		let nearestOther = Infinity;
		for (let c = 0; c < k; c++) {
			if (c !== own && clusterSizes[c] > 0)
				nearestOther = Math.min(nearestOther, distanceSums[s * k + c] / clusterSizes[c]);
		}
		total += (nearestOther - within) / Math.max(within, nearestOther);
	}
	return total / n;
}

/** Options for {@link suggestK}. */
export interface SuggestKOptions {
	/** Smallest and largest k tried (defaults 2 and 8). */
	kMin?: number;
	kMax?: number;
	/** Rows clustered and scored for each k (default 5000). */
	sampleSize?: number;
	seed?: number;
	signal?: AbortSignal;
}

/** One k tried: its silhouette, and its inertia on the sample for an elbow plot. */
export interface KCandidate {
	k: number;
	silhouette: number;
	inertia: number;
}

/** The k with the highest silhouette, and every candidate. */
export interface KSuggestion {
	k: number;
	candidates: KCandidate[];
}

/** Clusters one seeded sample for each k in [kMin, kMax] and suggests the best-separated k. */
export async function suggestK(
	matrix: Matrix,
	options: SuggestKOptions = {}
): Promise<KSuggestion> {
	const { kMin = 2, kMax = 8, sampleSize = 5000, seed = 1, signal } = options;
	const rows = sampleIndices(matrix.rows, sampleSize, mulberry32(seed));
	const data = new Float64Array(rows.length * matrix.cols);
	rows.forEach((row, s) =>
		data.set(matrix.data.subarray(row * matrix.cols, (row + 1) * matrix.cols), s * matrix.cols)
	);
	const sample: Matrix = { data, rows: rows.length, cols: matrix.cols };
	const candidates: KCandidate[] = [];
	// One pause across the candidates: each fit and silhouette is shorter than the pause's
	// interval, so a pause per fit never yielded and a cancel waited for every k (~0.7 s).
	const pause = checkpoint(signal);
	for (let k = Math.max(2, kMin); k <= Math.min(kMax, sample.rows - 1); k++) {
		const result = await kmeans(sample, { k, seed, signal });
		const score = silhouette(sample, result.assignment, { sampleSize: sample.rows, seed });
		candidates.push({ k, silhouette: score, inertia: result.inertia });
		await pause();
	}
	if (candidates.length === 0) {
		throw new RangeError('No k to try: need kMin <= kMax and more rows than k');
	}
	const best = candidates.reduce((top, c) => (c.silhouette > top.silhouette ? c : top));
	return { k: best.k, candidates };
}
