/**
 * A name for each cluster from its profile: how recent, how frequent and how big its customers
 * are compared with everyone. Recency is in days, so fewer days is "recent". The name is a
 * stable key (`recent-frequent-high_spend`) kept in the data; `clusterLabel` in ../labels words
 * it in the language of the moment.
 */
export interface Profile {
	recency_days: number;
	frequency: number;
	monetary: number;
}

/** The words of a name for recency in days, from below to above average (fewer days: recent). */
export const RECENCY_LEVELS = ['recent', 'mid_recency', 'lapsed'] as const;
/** The words for orders, from below to above average. */
export const FREQUENCY_LEVELS = ['rare', 'regular', 'frequent'] as const;
/** The words for spend, from below to above average. */
export const SPEND_LEVELS = ['low_spend', 'mid_spend', 'high_spend'] as const;

function level<T>(value: number, overall: number, words: readonly [T, T, T]): T {
	if (value > overall * 1.25) return words[2];
	if (value < overall * 0.8) return words[0];
	return words[1];
}

/** The name key of a cluster, e.g. `recent-frequent-high_spend`. */
export function clusterName(profile: Profile, overall: Profile): string {
	return [
		level(profile.recency_days, overall.recency_days, RECENCY_LEVELS),
		level(profile.frequency, overall.frequency, FREQUENCY_LEVELS),
		level(profile.monetary, overall.monetary, SPEND_LEVELS)
	].join('-');
}

/** The name key of cluster `n` when its profile lacks recency, frequency or spend. */
export function numberedClusterName(n: number): string {
	return `cluster_${n}`;
}
