/** Cohort charts: the retention triangle with values, and the same as lines. */
import { sql } from '../../sql/sql';
import { BASE, type ChartDef } from '../chart-types';

export const COHORT_CHARTS: ChartDef[] = [
	{
		id: 'retention-heatmap',
		title: 'Retention by acquisition cohort and period since first purchase',
		query: (t) => sql`SELECT strftime(cohort, '%Y-%m-%d') AS cohort, period, cohort_size, retention, active_customers, incomplete, small_cohort FROM ${t}`,
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
						color: { field: 'retention', type: 'quantitative', scale: { scheme: 'blues', domain: [0, 1] }, legend: { format: '.0%' } },
						opacity: { condition: { test: 'datum.incomplete', value: 0.45 }, value: 1 },
						tooltip: [
							{ field: 'cohort' },
							{ field: 'period' },
							{ field: 'cohort_size', title: 'Cohort size', format: ',' },
							{ field: 'active_customers', title: 'Active', format: ',' },
							{ field: 'retention', format: '.1%' },
							{ field: 'incomplete', title: 'Incomplete period' }
						]
					}
				},
				// Values are written in the cells only while they fit (up to 13 periods).
				...(new Set(rows.map((r) => r.period)).size <= 13 ? [{
					mark: { type: 'text' as const, fontSize: 9 },
					encoding: {
						text: { field: 'retention', format: '.0%' },
						color: { condition: { test: 'datum.retention > 0.5', value: 'white' }, value: '#1d2330' }
					}
				}] : [])
			]
		})
	},
	{
		id: 'retention-lines',
		title: 'Retention curves (incomplete last periods left out)',
		query: (t) => sql`SELECT strftime(cohort, '%Y-%m-%d') AS cohort, period, retention FROM ${t} WHERE NOT incomplete AND period > 0
UNION ALL
SELECT 'Average (weighted)', period, sum(active_customers) / sum(cohort_size) FROM ${t} WHERE NOT incomplete AND period > 0 GROUP BY period`,
		spec: (rows) => ({
			...BASE,
			data: { values: rows },
			mark: { type: 'line', tooltip: true },
			encoding: {
				x: { field: 'period', type: 'quantitative', title: 'Periods since first purchase' },
				y: { field: 'retention', type: 'quantitative', axis: { format: '.0%' }, title: 'Retention' },
				detail: { field: 'cohort' },
				color: { condition: { test: "datum.cohort == 'Average (weighted)'", value: '#b42318' }, value: '#9db4f0' } as never,
				strokeWidth: { condition: { test: "datum.cohort == 'Average (weighted)'", value: 3 }, value: 1 } as never
			}
		})
	}
];
