/** Choosing the number of clusters from two criteria on a seeded sample: silhouette and the inertia's elbow. */
import { checkpoint } from './checkpoint';
import { groupRows } from './group-rows';
import { kmeans } from './kmeans';
import type { Matrix } from './matrix';
import { mulberry32, sampleIndices } from './random';

/** Options for {@link silhouette}. */
export interface SilhouetteOptions {
	/** Rows scored; the cost grows with its square (default 5000). */
	sampleSize?: number;
	seed?: number;
}

/** Sampled rows as one contiguous matrix: the pair loop below is the whole cost. */
function sampleRows(matrix: Matrix, rows: Uint32Array): Matrix {
	const { cols } = matrix;
	const data = new Float64Array(rows.length * cols);
	rows.forEach((row, s) => data.set(matrix.data.subarray(row * cols, (row + 1) * cols), s * cols));
	return { data, rows: rows.length, cols };
}

/**
 * Silhouettes of several clusterings of the same points in one pass over the points, adding every
 * distance to every clustering: choosing k scores seven clusterings of one sample, and a pass
 * each would compute the same distances seven times.
 */
class Silhouettes {
	/** labels[s·C + c]: the cluster of point s in clustering c (C clusterings, side by side). */
	private readonly labels: Uint32Array;
	/**
	 * Points with the same cluster in every clustering share a group: a distance is added once,
	 * to its group, and the groups' sums then to each clustering (there are far fewer groups
	 * than points, as k-means for neighbouring k splits much the same way).
	 */
	private readonly group: Uint32Array;
	/** groupLabels[g·C + c]: the cluster of group g's points in clustering c. */
	private readonly groupLabels: Uint32Array;
	/** Where clustering c's per-cluster sums start in one point's row of sums. */
	private readonly offsets: Uint32Array;
	private readonly sizes: Float64Array[];
	private readonly ks: number[];
	/** Each clustering's summed silhouette over the points done. */
	private readonly totals: Float64Array;
	/** Points scored so far. */
	done = 0;

	constructor(
		private readonly points: Matrix,
		assignments: readonly ArrayLike<number>[]
	) {
		const n = points.rows;
		const count = assignments.length;
		this.ks = assignments.map((labels) => {
			let k = 0;
			for (let s = 0; s < n; s++) k = Math.max(k, labels[s] + 1);
			return k;
		});
		this.sizes = assignments.map((labels, c) => {
			const sizes = new Float64Array(this.ks[c]);
			for (let s = 0; s < n; s++) sizes[labels[s]]++;
			return sizes;
		});
		this.labels = new Uint32Array(n * count);
		assignments.forEach((labels, c) => {
			for (let s = 0; s < n; s++) this.labels[s * count + c] = labels[s];
		});
		const grouped = groupRows(assignments, n);
		this.group = grouped.groupOf;
		this.groupLabels = new Uint32Array(grouped.counts.length * count);
		grouped.columns.forEach((labels, c) =>
			labels.forEach((label, g) => (this.groupLabels[g * count + c] = label))
		);
		this.offsets = new Uint32Array(count + 1);
		this.ks.forEach((k, c) => (this.offsets[c + 1] = this.offsets[c] + k));
		this.totals = new Float64Array(count);
	}

	/** Scores the next `rows` points: their summed distances to each cluster, then s(i). */
	advance(rows: number): void {
		const { data, cols, rows: n } = this.points;
		const { labels, offsets, sizes, ks, totals } = this;
		const count = ks.length;
		const { group, groupLabels } = this;
		const groupSums = new Float64Array(groupLabels.length / count);
		// One point's sums per cluster, in a few hundred bytes that stay in cache.
		const sums = new Float64Array(offsets[count]);
		const stop = Math.min(n, this.done + rows);
		for (let s = this.done; s < stop; s++) {
			groupSums.fill(0);
			for (let t = 0; t < n; t++) {
				if (t === s) continue;
				let sum = 0;
				for (let j = 0; j < cols; j++) {
					const d = data[s * cols + j] - data[t * cols + j];
					sum += d * d;
				}
				groupSums[group[t]] += Math.sqrt(sum);
			}
			sums.fill(0);
			for (let g = 0; g < groupSums.length; g++) {
				for (let c = 0; c < count; c++)
					sums[offsets[c] + groupLabels[g * count + c]] += groupSums[g];
			}
			for (let c = 0; c < count; c++) {
				const own = labels[s * count + c];
				// A point alone in its cluster scores 0.
				if (sizes[c][own] < 2) continue;
				const within = sums[offsets[c] + own] / (sizes[c][own] - 1);
				let nearestOther = Infinity;
				for (let other = 0; other < ks[c]; other++) {
					if (other !== own && sizes[c][other] > 0)
						nearestOther = Math.min(nearestOther, sums[offsets[c] + other] / sizes[c][other]);
				}
				totals[c] += (nearestOther - within) / Math.max(within, nearestOther);
			}
		}
		this.done = stop;
	}

	/** Each clustering's mean silhouette, once every point is scored; NaN with fewer than two clusters. */
	scores(): number[] {
		return this.ks.map((_, c) =>
			this.sizes[c].filter((size) => size > 0).length < 2 ? NaN : this.totals[c] / this.points.rows
		);
	}
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
	const rows = sampleIndices(matrix.rows, sampleSize, mulberry32(seed));
	return silhouettes(sampleRows(matrix, rows), [
		Uint32Array.from(rows, (row) => assignment[row])
	])[0];
}

/** Mean silhouette width of each clustering of every row of `points`, from one pass over the pairs. */
export function silhouettes(points: Matrix, assignments: readonly ArrayLike<number>[]): number[] {
	const pass = new Silhouettes(points, assignments);
	pass.advance(points.rows);
	return pass.scores();
}

/** Points scored between pauses: a few milliseconds at 5,000 points and seven k. */
const PAIR_ROWS_PER_STEP = 64;

/** Options for {@link suggestK}. */
export interface SuggestKOptions {
	/** Smallest and largest k tried (defaults 3 and 8, the range analysts use). */
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

/** The k suggested, what each criterion said, and every candidate. */
export interface KSuggestion {
	k: number;
	/** The elbow of the inertia curve, or null when the curve has none (see {@link chooseK}). */
	elbow: number | null;
	/** The k with the highest silhouette. */
	bestSilhouette: number;
	candidates: KCandidate[];
}

/** How far below the best silhouette the elbow's may be and still be kept. */
export const SILHOUETTE_TOLERANCE = 0.05;

/**
 * The elbow of the inertia curve (the "kneedle" point): with k and inertia both scaled to
 * [0, 1] between the first and last candidates, the k furthest below the straight line joining
 * them, i.e. the largest (1 − x) − y. Null with fewer than three candidates, a flat curve, or
 * no point below the line. Ties go to the smaller k.
 */
export function elbowOf(candidates: readonly KCandidate[]): number | null {
	if (candidates.length < 3) return null;
	const [first, last] = [candidates[0], candidates[candidates.length - 1]];
	const drop = first.inertia - last.inertia;
	if (!(drop > 0)) return null;
	let best: number | null = null;
	let bestGap = 0;
	for (const c of candidates) {
		const x = (c.k - first.k) / (last.k - first.k);
		const y = (c.inertia - last.inertia) / drop;
		const gap = 1 - x - y;
		if (gap > bestGap + 1e-12) [best, bestGap] = [c.k, gap];
	}
	return best;
}

/**
 * Two criteria: the elbow of the inertia curve (where one more cluster stops paying off), kept
 * unless its silhouette is more than {@link SILHOUETTE_TOLERANCE} below the best one (its
 * clusters then overlap much more than another k's); otherwise, or without an elbow, the k with
 * the best silhouette (ties to the smaller k). Candidates are in increasing k.
 */
export function chooseK(candidates: readonly KCandidate[]): Omit<KSuggestion, 'candidates'> {
	if (candidates.length === 0) {
		throw new RangeError('No k to try: need kMin <= kMax and more rows than k');
	}
	const best = candidates.reduce((top, c) => (c.silhouette > top.silhouette ? c : top));
	const elbow = elbowOf(candidates);
	const atElbow = candidates.find((c) => c.k === elbow);
	const k =
		atElbow && atElbow.silhouette >= best.silhouette - SILHOUETTE_TOLERANCE ? atElbow.k : best.k;
	return { k, elbow, bestSilhouette: best.k };
}

/** Clusters one seeded sample for each k in [kMin, kMax] and suggests k by {@link chooseK}. */
export async function suggestK(
	matrix: Matrix,
	options: SuggestKOptions = {}
): Promise<KSuggestion> {
	const { kMin = 3, kMax = 8, sampleSize = 5000, seed = 1, signal } = options;
	const sample = sampleRows(matrix, sampleIndices(matrix.rows, sampleSize, mulberry32(seed)));
	// One pause across the candidates and the pairs: each fit is shorter than the pause's
	// interval, so a pause per fit would never yield and a cancel would wait for every k.
	const pause = checkpoint(signal);
	const fits: { k: number; assignment: Uint32Array; inertia: number }[] = [];
	for (let k = Math.max(2, kMin); k <= Math.min(kMax, sample.rows - 1); k++) {
		const result = await kmeans(sample, { k, seed, signal });
		fits.push({ k, assignment: result.assignment, inertia: result.inertia });
		await pause();
	}
	const pass = new Silhouettes(
		sample,
		fits.map((fit) => fit.assignment)
	);
	while (pass.done < sample.rows) {
		pass.advance(PAIR_ROWS_PER_STEP);
		await pause();
	}
	const scores = pass.scores();
	const candidates: KCandidate[] = fits.map((fit, c) => ({
		k: fit.k,
		silhouette: scores[c],
		inertia: fit.inertia
	}));
	return { ...chooseK(candidates), candidates };
}
