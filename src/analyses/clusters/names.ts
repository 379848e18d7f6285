/**
 * A name for each cluster from where its centre (its median member) sits among all customers:
 * its recency, orders and spend against the terciles of the whole population (the customers clustered), not against
 * the other clusters or a mean that a few big spenders pull up. Recency is in days, so fewer
 * days is "recent". The name is a stable key (`recent-frequent-high_spend`) kept in the data;
 * `clusterLabel` in ../labels words it in the language of the moment.
 */
export interface Profile {
	recency_days: number;
	frequency: number;
	monetary: number;
}

/** The words of a name for recency in days, from the lowest third to the highest (fewer days: recent). */
export const RECENCY_LEVELS = ['recent', 'mid_recency', 'lapsed'] as const;
/** The words for orders, from the lowest third of customers to the highest. */
export const FREQUENCY_LEVELS = ['rare', 'regular', 'frequent'] as const;
/** The words for spend, from the lowest third of customers to the highest. */
export const SPEND_LEVELS = ['low_spend', 'mid_spend', 'high_spend'] as const;

/** The 1/3 and 2/3 quantiles of each feature over the whole population. */
export type Terciles = Record<keyof Profile, readonly [number, number]>;

/**
 * The p-quantile of ascending `sorted` values by linear interpolation between order statistics
 * (Hyndman & Fan type 7: numpy's default and DuckDB's quantile_cont).
 */
export function quantile(sorted: ArrayLike<number>, p: number): number {
	if (sorted.length === 0) return NaN;
	const h = (sorted.length - 1) * p;
	const lo = Math.floor(h);
	const hi = Math.min(sorted.length - 1, lo + 1);
	return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The terciles of a feature's values (any order; the array is not changed). */
export function terciles(values: ArrayLike<number>): [number, number] {
	const sorted = Float64Array.from(values).sort();
	return [quantile(sorted, 1 / 3), quantile(sorted, 2 / 3)];
}

/**
 * Lowest third: at or below the first tercile; highest: above the second; else the middle. A
 * centre on a cut up to rounding (a median halfway between two values) counts as on it.
 */
function level<T>(
	value: number,
	[low, high]: readonly [number, number],
	words: readonly [T, T, T]
): T {
	const onOrBelow = (cut: number) => value <= cut + 1e-9 * Math.max(1, Math.abs(cut));
	if (onOrBelow(low)) return words[0];
	if (!onOrBelow(high)) return words[2];
	return words[1];
}

/** The name key of a cluster whose centre is `centre`, e.g. `recent-frequent-high_spend`. */
export function clusterName(centre: Profile, cuts: Terciles): string {
	return [
		level(centre.recency_days, cuts.recency_days, RECENCY_LEVELS),
		level(centre.frequency, cuts.frequency, FREQUENCY_LEVELS),
		level(centre.monetary, cuts.monetary, SPEND_LEVELS)
	].join('-');
}

/** The name key of cluster `n` when its profile lacks recency, frequency or spend. */
export function numberedClusterName(n: number): string {
	return `cluster_${n}`;
}
