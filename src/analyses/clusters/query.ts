/**
 * The features k-means clusters on: one row per customer of the RFM table. Any numeric column
 * the person adds to this SQL becomes a feature too. Spend below zero (net refunds) counts as
 * zero, so every feature can go through ln(1 + v).
 */
import { sql, type Sql } from '../../sql/sql';
import type { ClustersConfig } from './config';

export function clusterInputQuery(_c: ClustersConfig): Sql {
	return sql`SELECT customer_id, recency_days, frequency, greatest(monetary, 0) AS monetary FROM rfm ORDER BY customer_id`;
}
