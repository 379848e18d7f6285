/** Clustering parameters: k (or a suggestion), the seed, and the names people gave clusters. */
import { intIn, record } from '../params';

export interface ClustersConfig {
	/** Number of clusters; null = suggested from silhouette and inertia on a sample (k = 3 … kMax). */
	k: number | null;
	/** Largest k the suggestion tries (3 … 8). */
	kMax: number;
	/** Seed of the k-means++ start: the same seed and data give the same clusters. */
	seed: number;
	/** Names typed by the person, by cluster number ("1", "2", …); others are named from their profile. */
	names: Record<string, string>;
}

/** The largest k: clusters are numbered 1 … k. */
export const MAX_CLUSTERS = 12;
/** The largest k a suggestion tries: analysts use 3 to 8 segments. */
export const MAX_SUGGESTED = 8;

export const CLUSTERS_DEFAULTS: ClustersConfig = { k: null, kMax: 8, seed: 1, names: {} };

/** The trust boundary: anything not valid falls back to its default. */
export function parseClustersConfig(input: unknown): ClustersConfig {
	const o = record(input);
	const names = Object.fromEntries(
		Object.entries(record(o.names))
			.filter(
				([key, v]) =>
					/^\d{1,2}$/.test(key) && typeof v === 'string' && v.trim() !== '' && v.length <= 80
			)
			.map(([key, v]) => [key, (v as string).trim()])
	);
	return {
		k: o.k === null || o.k === undefined || o.k === '' ? null : intIn(o.k, 2, MAX_CLUSTERS, 4),
		kMax: intIn(o.kMax, 3, MAX_SUGGESTED, 8),
		seed: intIn(o.seed, 1, 1_000_000, 1),
		names
	};
}
