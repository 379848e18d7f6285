/** Clustering charts: the customers on frequency × spend coloured by cluster, profiles, the k choice. */
import { lit, raw, sql } from '../../sql/sql';
import { BASE, type ChartDef } from '../chart-types';

/** Points drawn in the scatter: a fixed pseudo-random sample, the same on every run. */
const SCATTER_POINTS = 3000;

export function clusterCharts(): ChartDef[] {
	return [
		{
			id: 'scatter',
			title: `Customers by orders and spend, coloured by cluster (a fixed sample of up to ${SCATTER_POINTS.toLocaleString('en')})`,
			query: (t) => sql`SELECT customer_id, frequency, monetary, recency_days, cluster_name FROM ${t}
ORDER BY hash(customer_id) LIMIT ${lit(SCATTER_POINTS)}`,
			spec: (rows) => ({
				...BASE,
				height: 320,
				data: { values: rows },
				mark: { type: 'circle', opacity: 0.6, tooltip: true },
				encoding: {
					x: { field: 'frequency', type: 'quantitative', scale: { type: 'symlog' }, title: 'Orders (log scale)' },
					y: { field: 'monetary', type: 'quantitative', scale: { type: 'symlog' }, title: 'Spend (log scale)' },
					color: { field: 'cluster_name', type: 'nominal', title: 'Cluster' },
					tooltip: [
						{ field: 'customer_id', title: 'Customer' },
						{ field: 'cluster_name', title: 'Cluster' },
						{ field: 'recency_days', title: 'Days since last order' },
						{ field: 'frequency', title: 'Orders' },
						{ field: 'monetary', format: ',.2f', title: 'Spend' }
					]
				}
			})
		},
		{
			id: 'profiles',
			title: 'Cluster profiles: each cluster’s mean against everyone’s (1 = average)',
			query: (t) => sql`WITH everyone AS (SELECT avg(recency_days) AS r, avg(frequency) AS f, avg(monetary) AS m, sum(monetary) AS total FROM ${t})
SELECT cluster, cluster_name, count(*) AS customers, sum(monetary) / NULLIF(any_value(total), 0) AS revenue_share,
	avg(recency_days) AS recency_days, avg(frequency) AS frequency, avg(monetary) AS monetary,
	avg(recency_days) / NULLIF(any_value(r), 0) AS "Days since last order",
	avg(frequency) / NULLIF(any_value(f), 0) AS "Orders",
	avg(monetary) / NULLIF(any_value(m), 0) AS "Spend"
FROM ${t}, everyone GROUP BY 1, 2 ORDER BY 1`,
			spec: (rows) => ({
				...BASE,
				data: { values: rows },
				transform: [{ fold: ['Days since last order', 'Orders', 'Spend'], as: ['measure', 'ratio'] }],
				mark: { type: 'bar', tooltip: true },
				encoding: {
					y: { field: 'cluster_name', type: 'nominal', title: null },
					yOffset: { field: 'measure' },
					x: { field: 'ratio', type: 'quantitative', title: 'Cluster mean ÷ overall mean' },
					color: { field: 'measure', type: 'nominal', title: null },
					tooltip: [
						{ field: 'cluster_name', title: 'Cluster' },
						{ field: 'customers', format: ',' },
						{ field: 'revenue_share', format: '.1%', title: 'Share of revenue' },
						{ field: 'measure' },
						{ field: 'ratio', format: '.2f', title: '× average' }
					]
				}
			}),
			drill: (d, t) =>
				typeof d.cluster === 'number'
					? { label: String(d.cluster_name ?? `Cluster ${d.cluster}`), query: sql`SELECT * FROM ${t} WHERE cluster = ${lit(d.cluster)} ORDER BY monetary DESC` }
					: null
		},
		{
			id: 'k-choice',
			title: 'Choosing k: silhouette on a sample (higher is better) and within-cluster spread (look for the elbow)',
			query: () => raw('SELECT k, silhouette, inertia FROM cluster_k_choice ORDER BY k'),
			spec: (rows) => ({
				...BASE,
				height: 200,
				data: { values: rows },
				encoding: { x: { field: 'k', type: 'ordinal', title: 'k' } },
				layer: [
					{ mark: { type: 'line', point: true, tooltip: true }, encoding: { y: { field: 'silhouette', type: 'quantitative', title: 'Silhouette' } } },
					{
						mark: { type: 'line', strokeDash: [4, 3], color: '#9ca3af' },
						encoding: { y: { field: 'inertia', type: 'quantitative', title: 'Within-cluster spread', axis: { orient: 'right' } } }
					}
				],
				resolve: { scale: { y: 'independent' } }
			})
		}
	];
}
