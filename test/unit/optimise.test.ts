/**
 * The minimiser and row grouping behind the model fits, on functions whose minima are known:
 * Rosenbrock's at (1, 1), a shifted quadratic at its shift.
 */
import { describe, expect, it } from 'vitest';
import { minimiseWithGradient } from '../../src/models/quasi-newton';
import { groupRows } from '../../src/models/group-rows';

const rosenbrockWithGradient = (p: Float64Array, gradient: Float64Array) => {
	gradient[0] = -2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] ** 2);
	gradient[1] = 200 * (p[1] - p[0] ** 2);
	return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2;
};
const centre = [3, -1, 0.5, 10];
const quadraticWithGradient = (p: Float64Array, gradient: Float64Array) => {
	p.forEach((v, j) => (gradient[j] = 2 * (j + 1) * (v - centre[j])));
	return p.reduce((sum, v, j) => sum + (j + 1) * (v - centre[j]) ** 2, 0);
};

describe('minimiseWithGradient (BFGS)', () => {
	it("finds Rosenbrock's minimum", async () => {
		const result = await minimiseWithGradient(rosenbrockWithGradient, [-1.2, 1]);
		expect(result.converged).toBe(true);
		expect(result.point[0]).toBeCloseTo(1, 7);
		expect(result.point[1]).toBeCloseTo(1, 7);
		expect(result.iterations).toBeLessThan(100);
	});

	it('finds a 4-D quadratic minimum, reporting non-increasing values on the way', async () => {
		const values: number[] = [];
		const result = await minimiseWithGradient(quadraticWithGradient, [0, 0, 0, 0], {
			onProgress: ({ value }) => values.push(value)
		});
		expect(result.converged).toBe(true);
		result.point.forEach((v, j) => expect(v).toBeCloseTo(centre[j], 8));
		expect(values.length).toBe(result.iterations);
		values.slice(1).forEach((v, i) => expect(v).toBeLessThanOrEqual(values[i]));
	});

	it('refuses a start where the objective is not finite', async () => {
		await expect(minimiseWithGradient((_point, g) => ((g[0] = NaN), NaN), [1])).rejects.toThrow(
			RangeError
		);
	});

	it('steps back from where the objective is not finite', async () => {
		// ln-barrier at 0: steps that cross it give NaN and must be shortened.
		const result = await minimiseWithGradient(
			(p, g) => {
				g[0] = 1 - 1 / p[0];
				return p[0] - Math.log(p[0]);
			},
			[20]
		);
		expect(result.point[0]).toBeCloseTo(1, 8);
	});

	it('stops with an AbortError when aborted', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(
			minimiseWithGradient(rosenbrockWithGradient, [-1.2, 1], { signal: controller.signal })
		).rejects.toMatchObject({
			name: 'AbortError'
		});
	});
});

describe('groupRows', () => {
	it('merges equal rows, counts them and maps each row to its group', () => {
		const grouped = groupRows(
			[
				[1, 2, 1, 1, 0],
				[5, 5, 5, 6, -0]
			],
			5
		);
		expect(grouped.columns.map((c) => Array.from(c))).toEqual([
			[1, 2, 1, 0],
			[5, 5, 6, 0]
		]);
		expect(Array.from(grouped.counts)).toEqual([2, 1, 1, 1]);
		expect(Array.from(grouped.groupOf)).toEqual([0, 1, 0, 2, 3]);
	});

	it('treats 0 and −0 as one value', () => {
		expect(groupRows([[0, -0]], 2).counts.length).toBe(1);
	});
});
