/**
 * Choosing k from two criteria: the rule on candidates worked out by hand, and on a tiny data
 * set the silhouette and inertia of each k recomputed here by their definitions, with the rule
 * applied again in plain TypeScript.
 */
import { describe, expect, it } from 'vitest';
import { chooseK, elbowOf, suggestK, type KCandidate } from '../../src/models/choose-k';
import { kmeans, type Matrix } from '../../src/models/kmeans';
import { mulberry32, sampleIndices } from '../../src/models/random';

const candidates = (inertia: number[], silhouette: number[]): KCandidate[] =>
	inertia.map((value, i) => ({ k: i + 3, inertia: value, silhouette: silhouette[i] }));

describe('chooseK', () => {
	// k = 3 … 8, inertia 100 60 40 35 32 30. Scaled: x = 0 .2 .4 .6 .8 1, y = (I − 30) / 70 =
	// 1 .4286 .1429 .0714 .0286 0; gap below the chord 1 − x − y = 0 .3714 .4571 .3286 .1714 0:
	// the elbow is k = 5.
	const inertia = [100, 60, 40, 35, 32, 30];

	it('keeps the elbow when its silhouette is within 0.05 of the best', () => {
		// Best silhouette .50 at k = 3; the elbow's .46 ≥ .45.
		expect(chooseK(candidates(inertia, [0.5, 0.48, 0.46, 0.4, 0.38, 0.37]))).toEqual({
			k: 5,
			elbow: 5,
			bestSilhouette: 3
		});
	});

	it('takes the best silhouette when the elbow is more than 0.05 below it', () => {
		// The elbow's .40 < .50 − .05.
		expect(chooseK(candidates(inertia, [0.5, 0.48, 0.4, 0.4, 0.38, 0.37]))).toEqual({
			k: 3,
			elbow: 5,
			bestSilhouette: 3
		});
	});

	it('takes the best silhouette when the inertia has no elbow', () => {
		// A straight line: every point is on the chord, none below it.
		const line = candidates([60, 50, 40, 30, 20, 10], [0.3, 0.35, 0.32, 0.31, 0.3, 0.29]);
		expect(elbowOf(line)).toBeNull();
		expect(chooseK(line)).toEqual({ k: 4, elbow: null, bestSilhouette: 4 });
		// Too few points for an elbow.
		expect(elbowOf(candidates([10, 5], [0.4, 0.5]))).toBeNull();
	});
});

/** 30 points in the plane: two tight groups of ten and a looser one (true k = 3). */
function tiny(): Matrix {
	const random = mulberry32(11);
	const centres = [
		[0, 0],
		[6, 0],
		[3, 5]
	];
	const data = new Float64Array(60);
	for (let i = 0; i < 30; i++) {
		const [cx, cy] = centres[i % 3];
		data[2 * i] = cx + (random() - 0.5) * (i % 3 === 2 ? 3 : 1.5);
		data[2 * i + 1] = cy + (random() - 0.5) * (i % 3 === 2 ? 3 : 1.5);
	}
	return { data, rows: 30, cols: 2 };
}

describe('suggestK on a tiny data set', () => {
	it('tries k = 3 … 8 only, scores each k by the definitions, and applies the rule', async () => {
		const matrix = tiny();
		const suggestion = await suggestK(matrix, { seed: 5 });
		expect(suggestion.candidates.map((c) => c.k)).toEqual([3, 4, 5, 6, 7, 8]);

		// The same sample (every row, shuffled by the seed) clustered for each k.
		const rows = sampleIndices(matrix.rows, 5000, mulberry32(5));
		const sample: Matrix = {
			data: Float64Array.from(
				{ length: rows.length * 2 },
				(_, s) => matrix.data[rows[s >> 1] * 2 + (s & 1)]
			),
			rows: rows.length,
			cols: 2
		};
		const point = (i: number) => [sample.data[2 * i], sample.data[2 * i + 1]];
		const distance = (i: number, j: number) =>
			Math.hypot(point(i)[0] - point(j)[0], point(i)[1] - point(j)[1]);
		const mine: KCandidate[] = [];
		for (let k = 3; k <= 8; k++) {
			const labels = Array.from((await kmeans(sample, { k, seed: 5 })).assignment);
			// Inertia: squared distances to each cluster's mean.
			let inertia = 0;
			for (let c = 0; c < k; c++) {
				const members = labels.flatMap((label, i) => (label === c ? [i] : []));
				const mean = [0, 1].map(
					(j) => members.reduce((sum, i) => sum + point(i)[j], 0) / members.length
				);
				for (const i of members)
					inertia += (point(i)[0] - mean[0]) ** 2 + (point(i)[1] - mean[1]) ** 2;
			}
			// Silhouette: (b − a) / max(a, b), 0 for a point alone in its cluster.
			let total = 0;
			for (let i = 0; i < sample.rows; i++) {
				const meanTo = (c: number) => {
					const others = labels.flatMap((label, j) =>
						label === c && j !== i ? [distance(i, j)] : []
					);
					return others.reduce((a, b) => a + b, 0) / others.length;
				};
				if (!labels.some((label, j) => j !== i && label === labels[i])) continue;
				const a = meanTo(labels[i]);
				const b = Math.min(...[...new Set(labels)].filter((c) => c !== labels[i]).map(meanTo));
				total += (b - a) / Math.max(a, b);
			}
			mine.push({ k, inertia, silhouette: total / sample.rows });
		}
		suggestion.candidates.forEach((c, i) => {
			expect(c.inertia).toBeCloseTo(mine[i].inertia, 9);
			expect(c.silhouette).toBeCloseTo(mine[i].silhouette, 9);
		});

		// The rule, again: the k furthest below the chord of the scaled inertia, kept unless its
		// silhouette is more than 0.05 below the best.
		const [first, last] = [mine[0], mine[mine.length - 1]];
		const gaps = mine.map(
			(c) => 1 - (c.k - 3) / 5 - (c.inertia - last.inertia) / (first.inertia - last.inertia)
		);
		const elbow = mine[gaps.indexOf(Math.max(...gaps))];
		const best = mine.reduce((top, c) => (c.silhouette > top.silhouette ? c : top));
		const k = elbow.silhouette >= best.silhouette - 0.05 ? elbow.k : best.k;
		expect(suggestion.elbow).toBe(elbow.k);
		expect(suggestion.bestSilhouette).toBe(best.k);
		expect(suggestion.k).toBe(k);
		expect(suggestion.k).toBeGreaterThanOrEqual(3);
		expect(suggestion.k).toBeLessThanOrEqual(8);
	});
});
