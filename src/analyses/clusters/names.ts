/**
 * A plain-language name for each cluster from its profile: how recent, how frequent and how big
 * its customers are compared with everyone. Recency is in days, so fewer days is "recent".
 */
export interface Profile {
	recency_days: number;
	frequency: number;
	monetary: number;
}

function level(value: number, overall: number, words: [string, string, string]): string {
	if (value > overall * 1.25) return words[2];
	if (value < overall * 0.8) return words[0];
	return words[1];
}

export function clusterName(profile: Profile, overall: Profile): string {
	const recency = level(profile.recency_days, overall.recency_days, ['recent', 'mid-recency', 'lapsed']);
	const frequency = level(profile.frequency, overall.frequency, ['rare', 'regular', 'frequent']);
	const spend = level(profile.monetary, overall.monetary, ['low-spend', 'mid-spend', 'high-spend']);
	const name = `${recency}, ${frequency}, ${spend}`;
	return name[0].toUpperCase() + name.slice(1);
}
