/** ABC charts: the Pareto curve with its bounds, and the class summary. */
import { t } from '../../i18n/t';
import { lit, sql } from '../../sql/sql';
import { BASE, foldLabelled, labelled, type ChartDef } from '../chart-types';
import { classLabel, xyzLabel } from '../labels';

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
			get title() {
				return t('abc.pareto_title');
			},
			query: (
				table
			) => sql`SELECT bucket, min(rank) AS first_rank, count(*) AS items, sum(measure) AS measure,
	max(cumulative_share) AS cumulative_share, max(rank) / max(n) AS population_share, mode(class) AS class
FROM (SELECT *, count(*) OVER () AS n, CAST(ceil(100.0 * rank / count(*) OVER ()) AS INTEGER) AS bucket FROM ${table})
GROUP BY bucket ORDER BY bucket`,
			spec: (rows) => {
				const x = {
					field: 'population_share',
					type: 'quantitative',
					axis: { format: '.0%' },
					title: t('abc.items_by_rank')
				} as const;
				const bound = bounds.method === 'cumulative' ? 'cumulative_share' : 'population_share';
				return {
					...BASE,
					data: { values: labelled(rows, classLabel, 'class') },
					layer: [
						{
							mark: { type: 'bar', tooltip: true },
							encoding: {
								x,
								y: { field: 'measure', type: 'quantitative', title: t('abc.measure') },
								color: {
									field: 'class',
									type: 'nominal',
									title: t('abc.class'),
									scale: { domain: ['A', 'B', 'C'], range: ['#2657d9', '#7f9de8', '#c9d4f2'] }
								},
								tooltip: [
									{ field: 'first_rank', title: t('abc.first_rank'), format: ',' },
									{ field: 'items', title: t('abc.items'), format: ',' },
									{ field: 'measure', title: t('abc.measure'), format: ',.2f' },
									{ field: 'cumulative_share', title: t('abc.cumulative_share'), format: '.1%' },
									{ field: 'class_label', title: t('abc.class') }
								]
							}
						},
						{
							layer: [
								{
									mark: { type: 'line', color: '#b42318' },
									encoding: {
										x,
										y: {
											field: 'cumulative_share',
											type: 'quantitative',
											axis: { format: '.0%' },
											title: t('abc.cumulative_share'),
											scale: { domain: [0, 1] }
										}
									}
								},
								{
									data: { values: [{ [bound]: bounds.a }, { [bound]: bounds.b }] },
									mark: { type: 'rule', strokeDash: [4, 4], color: '#5b6475' },
									// The axis format of the other layers: an axis without one would get the app's number format.
									encoding: {
										[bound === 'cumulative_share' ? 'y' : 'x']: {
											field: bound,
											type: 'quantitative',
											axis: { format: '.0%' }
										}
									}
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
			get title() {
				return t('abc.classes_title');
			},
			drill: (d, table) =>
				d.class === 'A' || d.class === 'B' || d.class === 'C'
					? {
							label: t('abc.drill_class', { class: d.class }),
							query: sql`SELECT * FROM ${table} WHERE class = ${lit(d.class)} ORDER BY rank`
						}
					: null,
			query: (table) => sql`SELECT class, count(*) AS items, sum(measure) AS measure,
	count(*) / sum(count(*)) OVER () AS item_share, sum(measure) / NULLIF(sum(sum(measure)) OVER (), 0) AS measure_share
FROM ${table} GROUP BY class ORDER BY class`,
			spec: (rows) => {
				const measures = { item_share: t('abc.items'), measure_share: t('abc.measure') };
				return {
					...BASE,
					height: 160,
					data: {
						values: foldLabelled(labelled(rows, classLabel, 'class'), measures, 'what', 'share')
					},
					mark: { type: 'bar', tooltip: true },
					encoding: {
						y: { field: 'class', type: 'nominal', title: null },
						yOffset: { field: 'what' },
						x: {
							field: 'share',
							type: 'quantitative',
							axis: { format: '.0%' },
							title: t('chart.share')
						},
						color: {
							field: 'what',
							type: 'nominal',
							title: null,
							scale: { domain: Object.values(measures) },
							legend: { orient: 'bottom' }
						},
						tooltip: [
							{ field: 'class_label', title: t('abc.class') },
							{ field: 'items', title: t('abc.items'), format: ',' },
							{ field: 'measure', title: t('abc.measure'), format: ',.2f' },
							{ field: 'what', title: t('abc.share_of') },
							{ field: 'share', title: t('chart.share'), format: '.1%' }
						]
					}
				};
			}
		}
	];
	if (bounds.subject === 'products' && bounds.xyz) {
		charts.push({
			id: 'abc-xyz',
			get title() {
				return t('abc.xyz_title');
			},
			query: (table) =>
				sql`SELECT class, xyz, count(*) AS items, round(sum(measure), 2) AS measure FROM ${table} GROUP BY 1, 2`,
			spec: (rows) => ({
				...BASE,
				height: 200,
				data: { values: labelled(labelled(rows, classLabel, 'class'), xyzLabel, 'xyz') },
				encoding: {
					x: { field: 'xyz', type: 'ordinal', sort: ['X', 'Y', 'Z'], title: t('abc.xyz_axis') },
					y: { field: 'class', type: 'ordinal', sort: ['A', 'B', 'C'], title: t('abc.class') }
				},
				layer: [
					{
						mark: { type: 'rect', tooltip: true },
						encoding: {
							color: {
								field: 'measure',
								type: 'quantitative',
								scale: { scheme: 'blues' },
								title: t('abc.measure')
							},
							tooltip: [
								{ field: 'class_label', title: t('abc.class') },
								{ field: 'xyz_label', title: t('abc.xyz') },
								{ field: 'items', title: t('abc.items'), format: ',' },
								{ field: 'measure', title: t('abc.measure'), format: ',.2f' }
							]
						}
					},
					{ mark: { type: 'text' }, encoding: { text: { field: 'items', format: ',' } } }
				]
			}),
			drill: (d, table) =>
				['A', 'B', 'C'].includes(String(d.class)) && ['X', 'Y', 'Z'].includes(String(d.xyz))
					? {
							label: t('abc.drill_products', { class: String(d.class), xyz: String(d.xyz) }),
							query: sql`SELECT * FROM ${table} WHERE class = ${lit(String(d.class))} AND xyz = ${lit(String(d.xyz))} ORDER BY rank`
						}
					: null
		});
	}
	return charts;
}
