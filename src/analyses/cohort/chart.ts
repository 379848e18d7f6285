/** Cohort charts: the retention triangle with values, and the same as lines. */
import { t } from '../../i18n/t';
import { sql } from '../../sql/sql';
import { BASE, type ChartDef, type ChartRows } from '../chart-types';
import { cohortMembersQuery } from './query';
import type { CohortConfig } from './config';

const metricTitle = (metric: CohortConfig['metric']) => t(`cohort.metric_${metric}`);

/** The cohort charts for a config: the matrix shows the chosen metric. */
export function cohortCharts(c: CohortConfig): ChartDef[] {
	const metric = c.metric;
	const format = metric === 'retention' ? '.0%' : metric === 'active_customers' ? ',' : ',.0f';
	const ltv = metric === 'cumulative_revenue_per_customer';
	return [
		{
			id: 'retention-heatmap',
			get title() {
				return t('cohort.matrix_title', { metric: metricTitle(metric) });
			},
			query: (table) =>
				sql`SELECT CAST(cohort AS VARCHAR) AS cohort, period, cohort_size, retention, active_customers, revenue, cumulative_revenue_per_customer, incomplete, small_cohort FROM ${table}`,
			drill: (d) =>
				c.cohortBy === 'first_purchase' &&
				c.periods === 'calendar' &&
				typeof d.cohort === 'string' &&
				/^\d{4}-\d{2}-\d{2}$/.test(d.cohort) &&
				Number.isInteger(d.period)
					? {
							label: t('cohort.drill_cell', { cohort: d.cohort, period: Number(d.period) }),
							query: cohortMembersQuery(c, d.cohort, Number(d.period))
						}
					: null,
			spec: (rows) => ({
				...BASE,
				height: { step: 18 } as never,
				data: {
					values: rows.map((r) => ({
						...r,
						incomplete_label: t(r.incomplete ? 'chart.yes' : 'chart.no')
					}))
				},
				encoding: {
					x: {
						field: 'period',
						type: 'ordinal',
						// On a phone two dozen periods are narrower than their labels: some are left out.
						axis: { labelOverlap: 'greedy', labelSeparation: 4 },
						title: t('cohort.periods_since_first')
					},
					y: { field: 'cohort', type: 'ordinal', title: t('cohort.cohort') }
				},
				layer: [
					{
						mark: { type: 'rect', tooltip: true },
						encoding: {
							color: {
								field: metric,
								type: 'quantitative',
								scale:
									metric === 'retention'
										? { scheme: 'blues', domain: [0, 1] }
										: { scheme: 'blues' },
								legend: { format },
								title: metricTitle(metric)
							},
							opacity: { condition: { test: 'datum.incomplete', value: 0.45 }, value: 1 },
							tooltip: [
								{ field: 'cohort', title: t('cohort.cohort') },
								{ field: 'period', title: t('cohort.period') },
								{ field: 'cohort_size', title: t('cohort.cohort_size'), format: ',' },
								{ field: 'active_customers', title: t('cohort.active'), format: ',' },
								{ field: 'retention', title: t('cohort.metric_retention'), format: '.1%' },
								{ field: 'revenue', title: t('cohort.metric_revenue'), format: ',.2f' },
								{
									field: 'cumulative_revenue_per_customer',
									title: t('cohort.revenue_per_customer'),
									format: ',.2f'
								},
								{ field: 'incomplete_label', title: t('cohort.incomplete') }
							]
						}
					},
					// Values are written in the cells only while they fit (up to 13 periods).
					...(new Set(rows.map((r) => r.period)).size <= 13
						? [
								{
									mark: { type: 'text' as const, fontSize: 9 },
									encoding: {
										text: { field: metric, format },
										// Left out where the cells are narrower than "100%" (a phone).
										opacity: { condition: { test: "bandwidth('x') < 26", value: 0 }, value: 1 },
										color: { value: '#1d2330' }
									}
								}
							]
						: [])
				]
			})
		},
		{
			id: 'retention-lines',
			get title() {
				return t(ltv ? 'cohort.ltv_lines_title' : 'cohort.retention_lines_title');
			},
			query: (table) =>
				ltv
					? sql`SELECT CAST(cohort AS VARCHAR) AS cohort, period, cumulative_revenue_per_customer AS retention, false AS is_average FROM ${table} WHERE NOT incomplete
UNION ALL
SELECT NULL, period, sum(cumulative_revenue_per_customer * cohort_size) / sum(cohort_size), true FROM ${table} WHERE NOT incomplete GROUP BY period`
					: sql`SELECT CAST(cohort AS VARCHAR) AS cohort, period, retention, false AS is_average FROM ${table} WHERE NOT incomplete AND period > 0
UNION ALL
SELECT NULL, period, sum(active_customers) / sum(cohort_size), true FROM ${table} WHERE NOT incomplete AND period > 0 GROUP BY period`,
			spec: (rows) => ({
				...BASE,
				data: { values: withAverageNamed(rows) },
				mark: { type: 'line', tooltip: true },
				encoding: {
					x: { field: 'period', type: 'quantitative', title: t('cohort.periods_since_first') },
					y: ltv
						? {
								field: 'retention',
								type: 'quantitative',
								axis: { format: ',.0f' },
								title: t('cohort.revenue_per_customer_axis')
							}
						: {
								field: 'retention',
								type: 'quantitative',
								axis: { format: '.0%' },
								title: t('cohort.metric_retention')
							},
					detail: { field: 'cohort' },
					color: {
						condition: { test: 'datum.is_average', value: '#b42318' },
						value: '#9db4f0'
					} as never,
					strokeWidth: { condition: { test: 'datum.is_average', value: 3 }, value: 1 } as never,
					tooltip: [
						{ field: 'cohort', title: t('cohort.cohort') },
						{ field: 'period', title: t('cohort.period') },
						ltv
							? { field: 'retention', title: t('cohort.revenue_per_customer'), format: ',.2f' }
							: { field: 'retention', title: t('cohort.metric_retention'), format: '.1%' }
					]
				}
			})
		}
	];
}

/** The average line's rows are named in the language of the moment (their cohort is null). */
function withAverageNamed(rows: ChartRows): ChartRows {
	return rows.map((r) => (r.is_average ? { ...r, cohort: t('cohort.average') } : r));
}
