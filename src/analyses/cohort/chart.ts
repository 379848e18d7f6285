/** Cohort charts: the retention triangle with values, and the same as lines. */
import { sql } from '../../sql/sql';
import { BASE, type ChartDef } from '../chart-types';
import { cohortMembersQuery } from './query';
import type { CohortConfig } from './config';

const METRIC_TITLES: Record<CohortConfig['metric'], string> = {
	retention: 'Retention',
	active_customers: 'Active customers',
	revenue: 'Revenue',
	cumulative_revenue_per_customer: 'Cumulative revenue per customer (LTV)'
};

/** The cohort charts for a config: the matrix shows the chosen metric. */
export function cohortCharts(c: CohortConfig): ChartDef[] {
	const metric = c.metric;
	const format = metric === 'retention' ? '.0%' : metric === 'active_customers' ? ',' : ',.0f';
	return [
	{
		id: 'retention-heatmap',
		title: `${METRIC_TITLES[metric]} by acquisition cohort and period since first purchase`,
		query: (t) => sql`SELECT CAST(cohort AS VARCHAR) AS cohort, period, cohort_size, retention, active_customers, revenue, cumulative_revenue_per_customer, incomplete, small_cohort FROM ${t}`,
		drill: (d) =>
			c.cohortBy === 'first_purchase' && c.periods === 'calendar' && typeof d.cohort === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d.cohort) && Number.isInteger(d.period)
				? {
						label: `Cohort ${d.cohort}, period ${d.period}: customers who bought`,
						query: cohortMembersQuery(c, d.cohort, Number(d.period))
					}
				: null,
		spec: (rows) => ({
			...BASE,
			height: { step: 18 } as never,
			data: { values: rows },
			encoding: {
				x: { field: 'period', type: 'ordinal', title: 'Periods since first purchase' },
				y: { field: 'cohort', type: 'ordinal', title: 'Cohort' }
			},
			layer: [
				{
					mark: { type: 'rect', tooltip: true },
					encoding: {
						color: {
							field: metric,
							type: 'quantitative',
							scale: metric === 'retention' ? { scheme: 'blues', domain: [0, 1] } : { scheme: 'blues' },
							legend: { format },
							title: METRIC_TITLES[metric]
						},
						opacity: { condition: { test: 'datum.incomplete', value: 0.45 }, value: 1 },
						tooltip: [
							{ field: 'cohort' },
							{ field: 'period' },
							{ field: 'cohort_size', title: 'Cohort size', format: ',' },
							{ field: 'active_customers', title: 'Active', format: ',' },
							{ field: 'retention', format: '.1%' },
							{ field: 'revenue', format: ',.2f' },
							{ field: 'cumulative_revenue_per_customer', title: 'Cumulative revenue / customer', format: ',.2f' },
							{ field: 'incomplete', title: 'Incomplete period' }
						]
					}
				},
				// Values are written in the cells only while they fit (up to 13 periods).
				...(new Set(rows.map((r) => r.period)).size <= 13 ? [{
					mark: { type: 'text' as const, fontSize: 9 },
					encoding: {
						text: { field: metric, format },
						color: { value: '#1d2330' }
					}
				}] : [])
			]
		})
	},
	{
		id: 'retention-lines',
		title: metric === 'cumulative_revenue_per_customer' ? 'LTV curves: cumulative revenue per customer (incomplete periods left out)' : 'Retention curves (incomplete last periods left out)',
		query: (t) =>
			metric === 'cumulative_revenue_per_customer'
				? sql`SELECT CAST(cohort AS VARCHAR) AS cohort, period, cumulative_revenue_per_customer AS retention FROM ${t} WHERE NOT incomplete
UNION ALL
SELECT 'Average (weighted)', period, sum(cumulative_revenue_per_customer * cohort_size) / sum(cohort_size) FROM ${t} WHERE NOT incomplete GROUP BY period`
				: sql`SELECT CAST(cohort AS VARCHAR) AS cohort, period, retention FROM ${t} WHERE NOT incomplete AND period > 0
UNION ALL
SELECT 'Average (weighted)', period, sum(active_customers) / sum(cohort_size) FROM ${t} WHERE NOT incomplete AND period > 0 GROUP BY period`,
		spec: (rows) => ({
			...BASE,
			data: { values: rows },
			mark: { type: 'line', tooltip: true },
			encoding: {
				x: { field: 'period', type: 'quantitative', title: 'Periods since first purchase' },
				y: metric === 'cumulative_revenue_per_customer'
					? { field: 'retention', type: 'quantitative', axis: { format: ',.0f' }, title: 'Cumulative revenue per customer' }
					: { field: 'retention', type: 'quantitative', axis: { format: '.0%' }, title: 'Retention' },
				detail: { field: 'cohort' },
				color: { condition: { test: "datum.cohort == 'Average (weighted)'", value: '#b42318' }, value: '#9db4f0' } as never,
				strokeWidth: { condition: { test: "datum.cohort == 'Average (weighted)'", value: 3 }, value: 1 } as never
			}
		})
	}
];
}
