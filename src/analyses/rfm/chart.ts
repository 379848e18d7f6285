/** RFM charts: segment sizes and revenue, the R × F heatmap, distributions, and a scatter. */
import { t } from '../../i18n/t';
import { lit, sql } from '../../sql/sql';
import { BASE, foldLabelled, labelled, type ChartDef } from '../chart-types';
import { segmentLabel } from '../labels';
import { keyedColourScale } from '../palette';

/** The RFM charts; with a comparison date, also the segment transition matrix. */
export function rfmCharts(c: { compareDate: string | null }): ChartDef[] {
	return c.compareDate ? [...RFM_CHARTS, TRANSITIONS] : RFM_CHARTS;
}

const TRANSITIONS: ChartDef = {
	id: 'transitions',
	get title() {
		return t('rfm.transitions_title');
	},
	query: (table) =>
		sql`SELECT segment_before, segment, count(*) AS customers FROM ${table} GROUP BY 1, 2`,
	spec: (rows) => ({
		...BASE,
		height: 320,
		data: { values: labelled(rows, segmentLabel, 'segment', 'segment_before') },
		encoding: {
			x: { field: 'segment_label', type: 'nominal', title: t('chart.now') },
			y: { field: 'segment_before_label', type: 'nominal', title: t('chart.before') }
		},
		layer: [
			{
				mark: { type: 'rect', tooltip: true },
				encoding: {
					color: {
						field: 'customers',
						type: 'quantitative',
						scale: { scheme: 'blues' },
						title: t('chart.customers')
					}
				}
			},
			{
				mark: { type: 'text', fontSize: 9 },
				encoding: { text: { field: 'customers', format: ',' } }
			}
		]
	}),
	drill: (d, table) =>
		typeof d.segment === 'string' && typeof d.segment_before === 'string'
			? {
					label: `${segmentLabel(d.segment_before)} → ${segmentLabel(d.segment)}`,
					query: sql`SELECT * FROM ${table} WHERE segment_before = ${lit(d.segment_before)} AND segment = ${lit(d.segment)} ORDER BY monetary DESC`
				}
			: null
};

const DIMENSIONS = ['recency', 'frequency', 'monetary'] as const;

/** Customers drawn in the scatter: a repeatable sample. */
const SCATTER_POINTS = 2000;

const RFM_CHARTS: ChartDef[] = [
	{
		id: 'segments',
		get title() {
			return t('rfm.segments_title');
		},
		drill: (d, table) =>
			typeof d.segment === 'string'
				? {
						label: t('rfm.drill_segment', { segment: segmentLabel(d.segment) }),
						query: sql`SELECT * FROM ${table} WHERE segment = ${lit(d.segment)} ORDER BY monetary DESC`
					}
				: null,
		query: (table) => sql`SELECT segment, count(*) AS customers, sum(monetary) AS revenue,
	sum(monetary) / NULLIF(sum(sum(monetary)) OVER (), 0) AS revenue_share,
	count(*) / sum(count(*)) OVER () AS customer_share
FROM ${table} GROUP BY segment ORDER BY customers DESC`,
		spec: (rows) => {
			const measures = { customer_share: t('chart.customers'), revenue_share: t('chart.revenue') };
			return {
				...BASE,
				data: {
					values: foldLabelled(
						labelled(rows, segmentLabel, 'segment'),
						measures,
						'measure',
						'share'
					)
				},
				mark: { type: 'bar', tooltip: true },
				encoding: {
					y: { field: 'segment_label', type: 'nominal', sort: '-x', title: null },
					x: {
						field: 'share',
						type: 'quantitative',
						axis: { format: '.0%' },
						title: t('chart.share')
					},
					yOffset: { field: 'measure' },
					color: {
						field: 'measure',
						type: 'nominal',
						scale: { domain: Object.values(measures), range: ['#9db4f0', '#2657d9'] },
						legend: { orient: 'bottom', title: null }
					},
					tooltip: [
						{ field: 'segment_label', title: t('chart.segment') },
						{ field: 'customers', title: t('chart.customers'), format: ',' },
						{ field: 'revenue', title: t('chart.revenue'), format: ',.2f' },
						{ field: 'share', title: t('chart.share'), format: '.1%' }
					]
				}
			};
		}
	},
	{
		id: 'rf-heatmap',
		get title() {
			return t('rfm.heatmap_title');
		},
		drill: (d, table) =>
			Number.isInteger(d.r_score) && Number.isInteger(d.f_score)
				? {
						label: t('rfm.drill_scores', { r: Number(d.r_score), f: Number(d.f_score) }),
						query: sql`SELECT * FROM ${table} WHERE r_score = ${lit(Number(d.r_score))} AND f_score = ${lit(Number(d.f_score))} ORDER BY monetary DESC`
					}
				: null,
		query: (
			table
		) => sql`SELECT r_score, f_score, count(*) AS customers, round(avg(monetary), 2) AS avg_monetary
FROM ${table} GROUP BY 1, 2`,
		spec: (rows) => ({
			...BASE,
			data: { values: rows },
			encoding: {
				x: { field: 'r_score', type: 'ordinal', title: t('rfm.recency_score') },
				y: {
					field: 'f_score',
					type: 'ordinal',
					sort: 'descending',
					title: t('rfm.frequency_score')
				}
			},
			layer: [
				{
					mark: { type: 'rect', tooltip: true },
					encoding: {
						color: {
							field: 'avg_monetary',
							type: 'quantitative',
							title: t('rfm.avg_monetary'),
							scale: { scheme: 'blues' }
						},
						tooltip: [
							{ field: 'r_score', title: 'R' },
							{ field: 'f_score', title: 'F' },
							{ field: 'customers', title: t('chart.customers'), format: ',' },
							{ field: 'avg_monetary', title: t('rfm.avg_monetary'), format: ',.2f' }
						]
					}
				},
				{
					mark: { type: 'text', fontSize: 11 },
					encoding: { text: { field: 'customers', format: ',' }, color: { value: '#1d2330' } }
				}
			]
		})
	},
	{
		id: 'distributions',
		get title() {
			return t('rfm.distributions_title');
		},
		query: (
			table
		) => sql`SELECT 'recency' AS dimension, CAST(floor(recency_days / 30) * 30 AS DOUBLE) AS bin, count(*) AS customers FROM ${table} GROUP BY 2
UNION ALL
SELECT 'frequency', CAST(least(frequency, 20) AS DOUBLE), count(*) FROM ${table} GROUP BY 2
UNION ALL
SELECT 'monetary', floor(log10(greatest(monetary, 1)) * 4) / 4, count(*) FROM ${table} GROUP BY 2
ORDER BY 1, 2`,
		spec: (rows) => {
			const names = {
				recency: t('rfm.dimension_recency'),
				frequency: t('rfm.dimension_frequency'),
				monetary: t('rfm.dimension_monetary')
			};
			const name = (key: string) => names[key as (typeof DIMENSIONS)[number]] ?? key;
			return {
				$schema: BASE.$schema,
				config: BASE.config,
				data: { values: labelled(rows, name, 'dimension') },
				// Names above each panel and a width that fits a phone: a facet cannot take the container's width.
				facet: {
					row: {
						field: 'dimension_label',
						title: null,
						sort: DIMENSIONS.map(name),
						header: {
							labelOrient: 'top',
							labelAnchor: 'start',
							labelAngle: 0,
							labelFontWeight: 600
						}
					}
				},
				resolve: { scale: { x: 'independent', y: 'independent' } },
				spec: {
					width: 260,
					height: 110,
					mark: { type: 'bar', tooltip: true },
					encoding: {
						x: { field: 'bin', type: 'quantitative', title: null },
						y: { field: 'customers', type: 'quantitative', title: t('chart.customers') },
						tooltip: [
							{ field: 'dimension_label', title: t('rfm.dimension') },
							{ field: 'bin', title: t('chart.from') },
							{ field: 'customers', title: t('chart.customers'), format: ',' }
						]
					}
				}
			} as never;
		}
	},
	{
		id: 'scatter',
		get title() {
			return t('rfm.scatter_title', { n: SCATTER_POINTS });
		},
		query: (table) =>
			sql`SELECT recency_days, frequency, monetary, segment FROM ${table} USING SAMPLE reservoir(${lit(SCATTER_POINTS)} ROWS) REPEATABLE (42)`,
		spec: (rows) => {
			const values = labelled(rows, segmentLabel, 'segment');
			return {
				...BASE,
				data: { values },
				mark: { type: 'circle', opacity: 0.6, tooltip: true },
				encoding: {
					x: {
						field: 'recency_days',
						type: 'quantitative',
						title: t('chart.days_since_last_order')
					},
					y: {
						field: 'frequency',
						type: 'quantitative',
						scale: { type: 'log' },
						title: t('rfm.orders_log')
					},
					size: { field: 'monetary', type: 'quantitative', legend: null, title: t('rfm.monetary') },
					color: {
						field: 'segment_label',
						type: 'nominal',
						title: t('chart.segment'),
						scale: keyedColourScale(values, 'segment')
					}
				}
			};
		}
	}
];
