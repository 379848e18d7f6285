/** The dense matrix that clustering works on. */

/** A dense row-major matrix: row i, column j at data[i * cols + j]. */
export interface Matrix {
	data: Float64Array;
	rows: number;
	cols: number;
}

/** Squared Euclidean distance from row i of `data` to row c of `centres` (both `cols` wide). */
export function squaredDistance(
	data: Float64Array,
	i: number,
	centres: Float64Array,
	c: number,
	cols: number
): number {
	let sum = 0;
	for (let j = 0; j < cols; j++) {
		const d = data[i * cols + j] - centres[c * cols + j];
		sum += d * d;
	}
	return sum;
}
