/** What the clusters cell shows about a k-means run (made in the worker). */
import type { KCandidate } from '../../models/choose-k';
import type { Terciles } from './names';

export interface ClustersReport {
	k: number;
	suggested: boolean;
	/** When suggested: the inertia's elbow (null if none) and the k with the best silhouette. */
	elbow: number | null;
	bestSilhouette: number | null;
	/** Every k tried (empty when the person chose k). */
	candidates: KCandidate[];
	/** The population's terciles the names come from (null without recency, orders and spend). */
	terciles: Terciles | null;
	features: string[];
	clusters: {
		cluster: number;
		name: string;
		customers: number;
		/** The members' means. */
		profile: Record<string, number>;
		/** The members' median on each feature: the typical customer the name describes. */
		centre: Record<string, number>;
	}[];
	iterations: number;
	ms: number;
}
