/** ABC charts: the Pareto curve with its bounds, and the class summary. */
import { lit, sql } from '../../sql/sql';
import { BASE, type ChartDef } from '../chart-types';

/** The Pareto chart draws at most 100 bars: items are grouped into percentiles of the ranking. */
export function abcCharts(bounds: {
	a: number;
	b: number;
	method: 'cumulative' | 'rank';
	subject?: 'customers' | 'products';
	xyz?: boolean;
}): ChartDef[] {
	const charts: ChartDef[] = [
		{
			id: 'pareto',
			title: 'Pareto: measure by rank (grouped into 100 bins when large) and cumulative share',
			query: (t) => sql`SELECT bucket, min(rank) AS first_rank, count(*) AS items, sum(measure) AS measure,
	max(cumulative_share) AS cumulative_share, max(rank) / max(n) AS population_share, mode(class) AS class
FROM (SELECT *, count(*) OVER () AS n, CAST(ceil(100.0 * rank / count(*) OVER ()) AS INTEGER) AS bucket FROM ${t})
GROUP BY bucket ORDER BY bucket`,
			spec: (rows) => {
				const x = { field: 'population_share', type: 'quantitative', axis: { format: '.0%' }, title: 'Share of items (by rank)' } as const;
				const bound = bounds.method === 'cumulative' ? 'cumulative_share' : 'population_share';
				return {
					...BASE,
					data: { values: rows },
					layer: [
						{
							mark: { type: 'bar', tooltip: true },
							encoding: {
								x,
								y: { field: 'measure', type: 'quantitative', title: 'Measure' },
								color: { field: 'class', type: 'nominal', scale: { domain: ['A', 'B', 'C'], range: ['#2657d9', '#7f9de8', '#c9d4f2'] } }
							}
						},
						{
							layer: [
								{
									mark: { type: 'line', color: '#b42318' },
									encoding: {
										x,
										y: { field: 'cumulative_share', type: 'quantitative', axis: { format: '.0%' }, title: 'Cumulative share', scale: { domain: [0, 1] } }
									}
								},
								{
									data: { values: [{ [bound]: bounds.a }, { [bound]: bounds.b }] },
									mark: { type: 'rule', strokeDash: [4, 4], color: '#5b6475' },
									encoding: { [bound === 'cumulative_share' ? 'y' : 'x']: { field: bound, type: 'quantitative' } }
								}
							]
						}
					],
					resolve: { scale: { y: 'independent' } }
				} as never;
			}
		},
		{
			id: 'classes',
			title: 'Classes: share of items and share of the measure',
			drill: (d, t) =>
				d.class === 'A' || d.class === 'B' || d.class === 'C'
					? { label: `Class ${d.class}`, query: sql`SELECT * FROM ${t} WHERE class = ${lit(d.class)} ORDER BY rank` }
					: null,
			query: (t) => sql`SELECT class, count(*) AS items, sum(measure) AS measure,
	count(*) / sum(count(*)) OVER () AS item_share, sum(measure) / NULLIF(sum(sum(measure)) OVER (), 0) AS measure_share
FROM ${t} GROUP BY class ORDER BY class`,
			spec: (rows) => ({
				...BASE,
				height: 160,
				data: { values: rows },
				transform: [{ fold: ['item_share', 'measure_share'], as: ['what', 'share'] }],
				mark: { type: 'bar', tooltip: true },
				encoding: {
					y: { field: 'class', type: 'nominal', title: null },
					yOffset: { field: 'what' },
					x: { field: 'share', type: 'quantitative', axis: { format: '.0%' }, title: 'Share' },
					color: { field: 'what', type: 'nominal', title: null, legend: { orient: 'bottom', labelExpr: "datum.label == 'item_share' ? 'Items' : 'Measure'" } },
					tooltip: [
						{ field: 'class' },
						{ field: 'items', format: ',' },
						{ field: 'measure', format: ',.2f' },
						{ field: 'share', format: '.1%' }
					]
				}
			})
		}
	];
	if (bounds.subject === 'products' && bounds.xyz) {
		charts.push({
			id: 'abc-xyz',
			title: 'ABC × XYZ: value class against the variability of monthly quantity',
			query: (t) => sql`SELECT class, xyz, count(*) AS items, round(sum(measure), 2) AS measure FROM ${t} GROUP BY 1, 2`,
			spec: (rows) => ({
				...BASE,
				height: 200,
				data: { values: rows },
				encoding: {
					x: { field: 'xyz', type: 'ordinal', sort: ['X', 'Y', 'Z'], title: 'X steady · Y variable · Z erratic' },
					y: { field: 'class', type: 'ordinal', sort: ['A', 'B', 'C'], title: 'Class' }
				},
				layer: [
					{
						mark: { type: 'rect', tooltip: true },
						encoding: {
							color: { field: 'measure', type: 'quantitative', scale: { scheme: 'blues' }, title: 'Measure' },
							tooltip: [{ field: 'class' }, { field: 'xyz' }, { field: 'items', format: ',' }, { field: 'measure', format: ',.2f' }]
						}
					},
					{ mark: { type: 'text' }, encoding: { text: { field: 'items', format: ',' } } }
				]
			}),
			drill: (d, t) =>
				['A', 'B', 'C'].includes(String(d.class)) && ['X', 'Y', 'Z'].includes(String(d.xyz))
					? { label: `Products ${d.class}${d.xyz}`, query: sql`SELECT * FROM ${t} WHERE class = ${lit(String(d.class))} AND xyz = ${lit(String(d.xyz))} ORDER BY rank` }
					: null
		});
	}
	return charts;
}
