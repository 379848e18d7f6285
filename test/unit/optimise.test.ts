/**
 * The minimisers and row grouping behind the model fits, on functions whose minima are known:
 * Rosenbrock's at (1, 1), a shifted quadratic at its shift.
 */
import { describe, expect, it } from 'vitest';
import { minimise } from '../../src/models/optimise';
import { minimiseWithGradient } from '../../src/models/quasi-newton';
import { groupRows } from '../../src/models/group-rows';

const rosenbrock = (p: Float64Array) => (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2;
const rosenbrockWithGradient = (p: Float64Array, gradient: Float64Array) => {
	gradient[0] = -2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] ** 2);
	gradient[1] = 200 * (p[1] - p[0] ** 2);
	return rosenbrock(p);
};
const centre = [3, -1, 0.5, 10];
const quadratic = (p: Float64Array) =>
	p.reduce((sum, v, j) => sum + (j + 1) * (v - centre[j]) ** 2, 0);

/** A 2 ms objective: with no value tolerance, minimising it would take tens of seconds. */
function slowObjective(p: Float64Array): number {
	const until = performance.now() + 2;
	while (performance.now() < until);
	return quadratic(p);
}

describe('minimise (Nelder–Mead)', () => {
	it("finds Rosenbrock's minimum from the classic start", async () => {
		const result = await minimise(rosenbrock, [-1.2, 1]);
		expect(result.converged).toBe(true);
		expect(result.point[0]).toBeCloseTo(1, 5);
		expect(result.point[1]).toBeCloseTo(1, 5);
	});

	it('finds a 4-D quadratic minimum', async () => {
		const result = await minimise(quadratic, [0, 0, 0, 0]);
		result.point.forEach((v, j) => expect(v).toBeCloseTo(centre[j], 5));
		expect(result.value).toBeLessThan(1e-9);
	});

	it('treats NaN as +∞, so an objective may be undefined outside its domain', async () => {
		const result = await minimise((p) => (p[0] < 0 ? NaN : (p[0] - 0.1) ** 2), [3]);
		expect(result.point[0]).toBeCloseTo(0.1, 5);
	});

	it('refuses a start where the objective is not finite', async () => {
		await expect(minimise(() => NaN, [1])).rejects.toThrow(RangeError);
	});

	it('reports progress with increasing iterations and non-increasing values', async () => {
		const seen: { iteration: number; value: number }[] = [];
		await minimise(rosenbrock, [-1.2, 1], { onProgress: (p) => seen.push(p) });
		expect(seen.map((p) => p.iteration)).toEqual(seen.map((_, i) => i + 1));
		seen.slice(1).forEach((p, i) => expect(p.value).toBeLessThanOrEqual(seen[i].value));
	});

	it('stops with an AbortError when the signal is aborted during the run', async () => {
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 30);
		const started = performance.now();
		const run = minimise(slowObjective, [0, 0, 0, 0], {
			signal: controller.signal,
			valueTolerance: 0
		});
		await expect(run).rejects.toMatchObject({ name: 'AbortError' });
		// It yields to the event loop, so the timer fires mid-run rather than after it.
		expect(performance.now() - started).toBeLessThan(1000);
	});
});

describe('minimiseWithGradient (BFGS)', () => {
	it("finds Rosenbrock's minimum", async () => {
		const result = await minimiseWithGradient(rosenbrockWithGradient, [-1.2, 1]);
		expect(result.converged).toBe(true);
		expect(result.point[0]).toBeCloseTo(1, 7);
		expect(result.point[1]).toBeCloseTo(1, 7);
		expect(result.iterations).toBeLessThan(100);
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
