/**
 * Clustering charts: the customers on frequency × spend coloured by cluster, profiles, the k
 * choice. Each cluster has its number's colour (../palette), here and in the cell's name list.
 */
import { t } from '../../i18n/t';
import { lit, raw, sql } from '../../sql/sql';
import { BASE, TWO_LINES, foldLabelled, labelled, type ChartDef } from '../chart-types';
import { clusterLabel } from '../labels';
import { clusterColourScale } from '../palette';

/** Points drawn in the scatter: a fixed pseudo-random sample, the same on every run. */
const SCATTER_POINTS = 3000;

export function clusterCharts(): ChartDef[] {
	return [
		{
			id: 'scatter',
			get title() {
				return t('clusters.scatter_title', { n: SCATTER_POINTS });
			},
			query: (
				table
			) => sql`SELECT customer_id, frequency, monetary, recency_days, cluster, cluster_name FROM ${table}
ORDER BY hash(customer_id) LIMIT ${lit(SCATTER_POINTS)}`,
			spec: (rows) => {
				const values = labelled(rows, clusterLabel, 'cluster_name');
				return {
					...BASE,
					height: 320,
					data: { values },
					mark: { type: 'circle', opacity: 0.6, tooltip: true },
					encoding: {
						x: {
							field: 'frequency',
							type: 'quantitative',
							scale: { type: 'symlog' },
							title: t('clusters.orders_log')
						},
						y: {
							field: 'monetary',
							type: 'quantitative',
							scale: { type: 'symlog' },
							title: t('clusters.spend_log')
						},
						color: {
							field: 'cluster_name_label',
							type: 'nominal',
							title: t('clusters.cluster'),
							scale: clusterColourScale(values)
						},
						tooltip: [
							{ field: 'customer_id', title: t('chart.customer') },
							{ field: 'cluster_name_label', title: t('clusters.cluster') },
							{ field: 'recency_days', title: t('chart.days_since_last_order') },
							{ field: 'frequency', title: t('chart.orders') },
							{ field: 'monetary', format: ',.2f', title: t('chart.spend') }
						]
					}
				};
			}
		},
		{
			id: 'profiles',
			get title() {
				return t('clusters.profiles_title');
			},
			query: (
				table
			) => sql`WITH everyone AS (SELECT avg(recency_days) AS r, avg(frequency) AS f, avg(monetary) AS m, sum(monetary) AS total FROM ${table})
SELECT cluster, cluster_name, count(*) AS customers, sum(monetary) / NULLIF(any_value(total), 0) AS revenue_share,
	avg(recency_days) AS recency_days, avg(frequency) AS frequency, avg(monetary) AS monetary,
	avg(recency_days) / NULLIF(any_value(r), 0) AS recency_ratio,
	avg(frequency) / NULLIF(any_value(f), 0) AS frequency_ratio,
	avg(monetary) / NULLIF(any_value(m), 0) AS monetary_ratio
FROM ${table}, everyone GROUP BY 1, 2 ORDER BY 1`,
			spec: (rows) => {
				const measures = {
					recency_ratio: t('chart.days_since_last_order'),
					frequency_ratio: t('chart.orders'),
					monetary_ratio: t('chart.spend')
				};
				const values = foldLabelled(
					labelled(rows, clusterLabel, 'cluster_name'),
					measures,
					'measure',
					'ratio'
				);
				const colour = clusterColourScale(values);
				// One panel per cluster (named above it, so long names need no room beside the bars),
				// its bars in the cluster's colour, as in the scatter.
				return {
					$schema: BASE.$schema,
					config: BASE.config,
					padding: BASE.padding,
					data: { values },
					facet: {
						row: {
							field: 'cluster_name_label',
							title: null,
							sort: colour.domain,
							header: {
								labelOrient: 'top',
								labelAnchor: 'start',
								labelAngle: 0,
								labelFontWeight: 600,
								labelLimit: 0
							}
						}
					},
					// A facet cannot take the container's width: one that fits a phone.
					spec: {
						width: 200,
						// Room for a label on two lines ("Days since / last order") beside its bar.
						height: { step: 36 },
						mark: { type: 'bar', tooltip: true },
						encoding: {
							y: {
								field: 'measure',
								type: 'nominal',
								title: null,
								sort: Object.values(measures),
								axis: { labelExpr: TWO_LINES }
							},
							x: { field: 'ratio', type: 'quantitative', title: t('clusters.ratio_axis') },
							color: {
								field: 'cluster_name_label',
								type: 'nominal',
								title: t('clusters.cluster'),
								scale: colour,
								legend: null
							},
							tooltip: [
								{ field: 'cluster_name_label', title: t('clusters.cluster') },
								{ field: 'customers', title: t('chart.customers'), format: ',' },
								{ field: 'revenue_share', format: '.1%', title: t('chart.share_of_revenue') },
								{ field: 'measure', title: t('clusters.measure') },
								{ field: 'ratio', format: '.2f', title: t('clusters.times_average') }
							]
						}
					}
				} as never;
			},
			drill: (d, table) =>
				typeof d.cluster === 'number'
					? {
							label:
								typeof d.cluster_name === 'string'
									? clusterLabel(d.cluster_name)
									: t('clusters.numbered', { n: d.cluster }),
							query: sql`SELECT * FROM ${table} WHERE cluster = ${lit(d.cluster)} ORDER BY monetary DESC`
						}
					: null
		},
		{
			id: 'k-choice',
			get title() {
				return t('clusters.k_choice_title');
			},
			query: () =>
				raw('SELECT k, silhouette, inertia, chosen, elbow FROM cluster_k_choice ORDER BY k'),
			spec: (rows) => {
				const tooltip = [
					{ field: 'k', title: t('clusters.choice_k') },
					{ field: 'silhouette', title: t('clusters.silhouette'), format: '.3f' },
					{ field: 'inertia', title: t('clusters.inertia'), format: ',.0f' },
					{ field: 'marks', title: t('clusters.choice_marks') }
				];
				const best = Math.max(...rows.map((r) => Number(r.silhouette)));
				const values = rows.map((r) => ({
					...r,
					marks: [
						r.chosen ? t('clusters.choice_chosen') : '',
						r.elbow ? t('clusters.choice_elbow') : '',
						Number(r.silhouette) === best ? t('clusters.choice_best') : ''
					]
						.filter(Boolean)
						.join(' · ')
				}));
				return {
					...BASE,
					height: 200,
					data: { values },
					encoding: { x: { field: 'k', type: 'ordinal', title: 'k' } },
					layer: [
						// The k kept: a band behind both curves, named at its top.
						{
							transform: [{ filter: 'datum.chosen' }],
							layer: [
								{ mark: { type: 'bar', color: '#e5ecfb', tooltip: true }, encoding: { tooltip } },
								{
									mark: { type: 'text', baseline: 'top', dy: 2, color: '#2657d9', fontWeight: 600 },
									encoding: { text: { value: t('clusters.chosen_k') }, y: { value: 0 } }
								}
							]
						},
						{
							mark: { type: 'line', point: true, tooltip: true },
							encoding: {
								y: { field: 'silhouette', type: 'quantitative', title: t('clusters.silhouette') },
								tooltip
							}
						},
						{
							mark: {
								type: 'line',
								strokeDash: [4, 3],
								color: '#9ca3af',
								point: true,
								tooltip: true
							},
							encoding: {
								y: {
									field: 'inertia',
									type: 'quantitative',
									title: t('clusters.inertia'),
									axis: { orient: 'right' }
								},
								tooltip
							}
						}
					],
					resolve: { scale: { y: 'independent' } }
				} as never;
			}
		}
	];
}
