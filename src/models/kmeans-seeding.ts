/** Initial k-means centres: greedy k-means++ (Arthur & Vassilvitskii 2007, as scikit-learn). */
import { squaredDistance, type Matrix } from './matrix';

/**
 * k rows of `matrix` as starting centres (k × cols). The first is uniform; each next one is the
 * best, by resulting inertia, of 2 + ⌊ln k⌋ rows drawn with probability ∝ squared distance to
 * the nearest centre so far.
 */
export function seedCentres(
	{ data, rows, cols }: Matrix,
	k: number,
	random: () => number
): Float64Array {
	const centres = new Float64Array(k * cols);
	const nearest = new Float64Array(rows);
	const candidateNearest = new Float64Array(rows);
	const copyRow = (row: number, c: number) =>
		centres.set(data.subarray(row * cols, row * cols + cols), c * cols);
	copyRow(Math.floor(random() * rows), 0);
	for (let i = 0; i < rows; i++) nearest[i] = squaredDistance(data, i, centres, 0, cols);
	const trials = 2 + Math.floor(Math.log(k));
	for (let c = 1; c < k; c++) {
		const total = nearest.reduce((sum, d) => sum + d, 0);
		let bestPotential = Infinity;
		let bestRow = 0;
		for (let trial = 0; trial < trials; trial++) {
			// All rows already on a centre (duplicates): any row will do.
			const row = total > 0 ? drawWeighted(nearest, random() * total) : Math.floor(random() * rows);
			copyRow(row, c);
			let potential = 0;
			for (let i = 0; i < rows; i++) {
				potential += Math.min(nearest[i], squaredDistance(data, i, centres, c, cols));
			}
			if (potential < bestPotential) {
				bestPotential = potential;
				bestRow = row;
			}
		}
		copyRow(bestRow, c);
		for (let i = 0; i < rows; i++) {
			candidateNearest[i] = Math.min(nearest[i], squaredDistance(data, i, centres, c, cols));
		}
		nearest.set(candidateNearest);
	}
	return centres;
}

/** The index where the running sum of `weights` passes `target`. */
function drawWeighted(weights: Float64Array, target: number): number {
	let sum = 0;
	for (let i = 0; i < weights.length; i++) {
		sum += weights[i];
		if (sum > target) return i;
	}
	return weights.length - 1;
}
