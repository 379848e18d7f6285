/** Putting clustering features on one scale, and mapping centres back to the original units. */
import type { Matrix } from './matrix';

/** How {@link standardise} transformed each column. */
export interface Scaling {
	/** Columns taken through ln(1 + v) before centring (for skewed counts and amounts). */
	logTransform: boolean[];
	means: Float64Array;
	/** Population standard deviations; 1 for a constant column, which is then only centred. */
	sds: Float64Array;
}

/**
 * Returns a copy with each column (after ln(1 + v) where `logTransform[j]`) centred and divided
 * by its standard deviation. Throws RangeError on a non-finite value, or on v ≤ −1 in a log column.
 */
export function standardise(
	matrix: Matrix,
	logTransform: readonly boolean[]
): { matrix: Matrix; scaling: Scaling } {
	const { rows, cols } = matrix;
	if (logTransform.length !== cols) {
		throw new RangeError(`logTransform needs one flag per column (${cols})`);
	}
	const data = new Float64Array(matrix.data.length);
	const means = new Float64Array(cols);
	const sds = new Float64Array(cols);
	for (let j = 0; j < cols; j++) {
		for (let i = 0; i < rows; i++) {
			const v = matrix.data[i * cols + j];
			const transformed = logTransform[j] ? Math.log1p(v) : v;
			if (!Number.isFinite(transformed)) {
				throw new RangeError(`Row ${i}, column ${j}: ${v} cannot be standardised`);
			}
			data[i * cols + j] = transformed;
			means[j] += transformed / rows;
		}
		let sumOfSquares = 0;
		for (let i = 0; i < rows; i++) sumOfSquares += (data[i * cols + j] - means[j]) ** 2;
		const sd = Math.sqrt(sumOfSquares / rows);
		sds[j] = sd > 0 ? sd : 1;
		for (let i = 0; i < rows; i++) data[i * cols + j] = (data[i * cols + j] - means[j]) / sds[j];
	}
	return { matrix: { data, rows, cols }, scaling: { logTransform: [...logTransform], means, sds } };
}

/**
 * Maps standardised points (such as centroids) back to the original units. For a log column this
 * gives exp(mean of ln(1 + v)) − 1, a geometric-mean-like typical value, not the arithmetic mean.
 */
export function toOriginalUnits(points: Matrix, scaling: Scaling): Matrix {
	const data = points.data.map((z, index) => {
		const j = index % points.cols;
		const v = scaling.means[j] + scaling.sds[j] * z;
		return scaling.logTransform[j] ? Math.expm1(v) : v;
	});
	return { data, rows: points.rows, cols: points.cols };
}
