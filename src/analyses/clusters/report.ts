/** What the clusters cell shows about a k-means run (made in the worker). */
export interface ClustersReport {
	k: number;
	suggested: boolean;
	features: string[];
	clusters: { cluster: number; name: string; customers: number; profile: Record<string, number> }[];
	iterations: number;
	ms: number;
}
