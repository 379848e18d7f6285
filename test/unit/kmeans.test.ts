/**
 * k-means, silhouette and k selection on data whose answer is known by construction: far-apart
 * Gaussian blobs, and a four-point line whose silhouette is worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { kmeans, type Matrix } from '../../src/models/kmeans';
import { silhouette, silhouettes, suggestK } from '../../src/models/choose-k';
import { standardise, toOriginalUnits } from '../../src/models/standardise';
import { mulberry32, sampleIndices } from '../../src/models/random';

/** `perBlob` rows around each centre (sd 1), interleaved so that row i is in blob i mod k. */
function blobs(
	centres: number[][],
	perBlob: number,
	seed: number
): { matrix: Matrix; blob: Uint32Array } {
	const random = mulberry32(seed);
	const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
	const [k, cols] = [centres.length, centres[0].length];
	const rows = k * perBlob;
	const data = new Float64Array(rows * cols);
	const blob = new Uint32Array(rows);
	for (let i = 0; i < rows; i++) {
		blob[i] = i % k;
		for (let j = 0; j < cols; j++) data[i * cols + j] = centres[i % k][j] + normal();
	}
	return { matrix: { data, rows, cols }, blob };
}

/** True when the two labelings split the rows the same way, whatever the label names. */
function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
	const [aToB, bToA] = [new Map<number, number>(), new Map<number, number>()];
	for (let i = 0; i < a.length; i++) {
		if ((aToB.get(a[i]) ?? b[i]) !== b[i] || (bToA.get(b[i]) ?? a[i]) !== a[i]) return false;
		aToB.set(a[i], b[i]);
		bToA.set(b[i], a[i]);
	}
	return true;
}

const THREE = [
	[0, 0, 0],
	[20, 0, 0],
	[0, 20, 20]
];
const FOUR = [
	[0, 0, 0],
	[12, 12, 0],
	[0, 12, 12],
	[12, 0, 12]
];

describe('mulberry32 and sampleIndices', () => {
	it('repeat for a seed and differ across seeds', () => {
		const draw = (seed: number) => Array.from({ length: 5 }, mulberry32(seed));
		expect(draw(7)).toEqual(draw(7));
		expect(draw(7)).not.toEqual(draw(8));
		draw(7).forEach((u) => expect(u >= 0 && u < 1).toBe(true));
	});

	it('sample distinct indices, all of them when asked for more', () => {
		const sample = sampleIndices(1000, 100, mulberry32(1));
		expect(new Set(sample).size).toBe(100);
		expect(Array.from(sampleIndices(5, 10, mulberry32(1))).sort()).toEqual([0, 1, 2, 3, 4]);
	});
});

describe('kmeans', () => {
	it('recovers three well-separated blobs exactly', async () => {
		const { matrix, blob } = blobs(THREE, 300, 1);
		const result = await kmeans(matrix, { k: 3, seed: 5 });
		expect(samePartition(result.assignment, blob)).toBe(true);
		expect(Array.from(result.sizes)).toEqual([300, 300, 300]);
		expect(result.converged).toBe(true);
	});

	it('gives identical results for the same seed', async () => {
		const { matrix } = blobs(FOUR, 200, 2);
		const [first, second] = [
			await kmeans(matrix, { k: 6, seed: 11 }),
			await kmeans(matrix, { k: 6, seed: 11 })
		];
		expect(second.assignment).toEqual(first.assignment);
		expect(second.centroids.data).toEqual(first.centroids.data);
		expect(second.inertia).toBe(first.inertia);
	});

	it('puts every row in its own cluster when k = rows (inertia 0)', async () => {
		const matrix = { data: Float64Array.from([0, 0, 1, 0, 0, 1, 1, 1]), rows: 4, cols: 2 };
		const result = await kmeans(matrix, { k: 4 });
		expect(result.inertia).toBe(0);
		expect(new Set(result.assignment).size).toBe(4);
	});

	it('keeps every cluster when there are fewer distinct rows than clusters', async () => {
		// Two distinct values, three clusters: one centre must take over a duplicate row.
		const matrix = {
			data: Float64Array.from([0, 0, 0, 0, 0, 10, 10, 10, 10, 10]),
			rows: 10,
			cols: 1
		};
		const result = await kmeans(matrix, { k: 3, seed: 4 });
		expect(result.converged).toBe(true);
		expect(result.inertia).toBe(0);
		result.sizes.forEach((size) => expect(size).toBeGreaterThan(0));
	});

	it('refuses k outside 1..rows and non-finite values', async () => {
		const matrix = { data: Float64Array.from([0, 1, 2]), rows: 3, cols: 1 };
		await expect(kmeans(matrix, { k: 4 })).rejects.toThrow(RangeError);
		await expect(kmeans(matrix, { k: 0 })).rejects.toThrow(RangeError);
		await expect(
			kmeans({ ...matrix, data: Float64Array.from([0, NaN, 2]) }, { k: 2 })
		).rejects.toThrow(RangeError);
	});

	it('stops with an AbortError when aborted', async () => {
		const controller = new AbortController();
		controller.abort();
		const { matrix } = blobs(THREE, 10, 1);
		await expect(kmeans(matrix, { k: 3, signal: controller.signal })).rejects.toMatchObject({
			name: 'AbortError'
		});
	});

	it('clusters 1,000,000 rows of 3 columns in seconds', async () => {
		const { matrix, blob } = blobs(FOUR, 250_000, 3);
		const started = performance.now();
		const { matrix: scaled } = standardise(matrix, [false, false, false]);
		const result = await kmeans(scaled, { k: 4, seed: 1 });
		const clustered = performance.now() - started;
		const suggestion = await suggestK(scaled, { kMin: 2, kMax: 8, sampleSize: 5000 });
		const suggested = performance.now() - started - clustered;
		console.log(
			`k-means of 1,000,000 × 3 (k = 4, ${result.iterations} iterations): ${clustered.toFixed(0)} ms; ` +
				`suggestK 2..8 on 5,000 rows: ${suggested.toFixed(0)} ms`
		);
		expect(samePartition(result.assignment, blob)).toBe(true);
		expect(suggestion.k).toBe(4);
		expect(clustered).toBeLessThan(20_000);
	});
});

describe('kmeans at scale', () => {
	it('clusters 1,000,000 skewed RFM-like rows into 8 in seconds', async () => {
		// Recency uniform in days, frequency geometric, spend log-normal: no clusters to find, so
		// Lloyd's iterations run long; log-transformed and standardised as the app would.
		const random = mulberry32(9);
		const rows = 1_000_000;
		const data = new Float64Array(rows * 3);
		for (let i = 0; i < rows; i++) {
			const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
			data[i * 3] = random() * 365;
			data[i * 3 + 1] = Math.floor(-Math.log(1 - random()) * 3);
			data[i * 3 + 2] = Math.exp(3 + normal);
		}
		const started = performance.now();
		const { matrix } = standardise({ data, rows, cols: 3 }, [false, true, true]);
		const result = await kmeans(matrix, { k: 8, seed: 1 });
		const ms = performance.now() - started;
		console.log(
			`k-means of 1,000,000 × 3 RFM-like rows (k = 8, ${result.iterations} iterations): ${ms.toFixed(0)} ms`
		);
		expect(result.converged).toBe(true);
		expect(ms).toBeLessThan(20_000);
	});
});

describe('silhouette', () => {
	it('matches the hand computation on two pairs of points on a line', () => {
		// Rows 0, 1 | 10, 11. Row 0: a = 1, b = (10 + 11)/2 = 10.5, s = 9.5/10.5 = 19/21.
		// Row 1: a = 1, b = (9 + 10)/2 = 9.5, s = 8.5/9.5 = 17/19. Rows 10 and 11 mirror them.
		const matrix = { data: Float64Array.from([0, 1, 10, 11]), rows: 4, cols: 1 };
		expect(silhouette(matrix, [0, 0, 1, 1])).toBeCloseTo((19 / 21 + 17 / 19) / 2, 12);
	});

	it('scores a row alone in its cluster 0, and is NaN with one cluster', () => {
		// Rows 0, 1 | 10. Rows 0 and 1 as above with b = 10 and 9: s = 9/10 and 8/9; row 10: 0.
		const matrix = { data: Float64Array.from([0, 1, 10]), rows: 3, cols: 1 };
		expect(silhouette(matrix, [0, 0, 1])).toBeCloseTo((9 / 10 + 8 / 9) / 3, 12);
		expect(silhouette(matrix, [0, 0, 0])).toBeNaN();
	});

	it('scores several clusterings in one pass as each would be scored alone, by the definition', () => {
		// The textbook silhouette, row by row: a = mean distance to the rest of its own cluster,
		// b = the smallest mean distance to another cluster, s = (b − a) / max(a, b); 0 when alone.
		const plain = ({ data, rows, cols }: Matrix, labels: number[]) => {
			const distance = (i: number, j: number) =>
				Math.hypot(
					...Array.from({ length: cols }, (_, c) => data[i * cols + c] - data[j * cols + c])
				);
			let total = 0;
			for (let i = 0; i < rows; i++) {
				const mean = (label: number) => {
					const others = [...Array(rows).keys()].filter((j) => j !== i && labels[j] === label);
					return others.reduce((sum, j) => sum + distance(i, j), 0) / others.length;
				};
				if (!labels.some((label, j) => j !== i && label === labels[i])) continue;
				const a = mean(labels[i]);
				const b = Math.min(
					...[...new Set(labels)].filter((label) => label !== labels[i]).map(mean)
				);
				total += (b - a) / Math.max(a, b);
			}
			return total / rows;
		};
		const { matrix } = blobs(THREE, 40, 9);
		const random = mulberry32(3);
		const clusterings = [2, 3, 5].map((k) =>
			Array.from({ length: matrix.rows }, (_, i) => (i < k ? i : Math.floor(random() * k)))
		);
		const scores = silhouettes(matrix, clusterings);
		clusterings.forEach((labels, c) => expect(scores[c]).toBeCloseTo(plain(matrix, labels), 12));
	});
});

describe('suggestK', () => {
	it('suggests k = 4 on four blobs, with inertia falling as k grows', async () => {
		const { matrix } = blobs(FOUR, 500, 4);
		const suggestion = await suggestK(matrix, { kMin: 2, kMax: 7, sampleSize: 1000 });
		expect(suggestion.k).toBe(4);
		expect(suggestion.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7]);
		const inertia = suggestion.candidates.map((c) => c.inertia);
		inertia.slice(1).forEach((value, i) => expect(value).toBeLessThan(inertia[i]));
	});

	it('lets an abort sent while it runs stop it before every k is tried', async () => {
		// A worker hears the abort message only when the fit yields: a timer stands in for it.
		const { matrix } = blobs(FOUR, 1250, 5);
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 0);
		await expect(
			suggestK(matrix, { kMin: 2, kMax: 8, sampleSize: 5000, signal: controller.signal })
		).rejects.toMatchObject({ name: 'AbortError' });
	});
});

describe('standardise', () => {
	it('centres and scales each column, after ln(1 + v) where asked', () => {
		// Column 0: 1, 2, 3 → mean 2, sd √(2/3). Column 1: e − 1, e² − 1, e³ − 1 → ln(1 + v) = 1, 2, 3.
		const e = Math.E;
		const matrix = {
			data: Float64Array.from([1, e - 1, 2, e * e - 1, 3, e ** 3 - 1]),
			rows: 3,
			cols: 2
		};
		const { matrix: scaled, scaling } = standardise(matrix, [false, true]);
		const z = 1 / Math.sqrt(2 / 3);
		[-z, -z, 0, 0, z, z].forEach((v, i) => expect(scaled.data[i]).toBeCloseTo(v, 12));
		expect(scaling.means[0]).toBeCloseTo(2, 12);
		expect(scaling.means[1]).toBeCloseTo(2, 12);
		const back = toOriginalUnits(scaled, scaling);
		matrix.data.forEach((v, i) => expect(back.data[i]).toBeCloseTo(v, 10));
	});

	it('only centres a constant column, and refuses ln of v ≤ −1', () => {
		const { matrix } = standardise({ data: Float64Array.from([5, 5, 5]), rows: 3, cols: 1 }, [
			false
		]);
		expect(Array.from(matrix.data)).toEqual([0, 0, 0]);
		expect(() =>
			standardise({ data: Float64Array.from([-1, 2]), rows: 2, cols: 1 }, [true])
		).toThrow(RangeError);
	});
});
