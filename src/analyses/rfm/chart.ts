/** RFM charts: segment sizes and revenue, the R × F heatmap, distributions, and a scatter. */
import { lit, sql } from '../../sql/sql';
import { BASE, type ChartDef } from '../chart-types';

/** Segment labels for charts; keys stay stable in data and exports. */
export const SEGMENT_LABELS: Record<string, string> = {
	champions: 'Champions',
	loyal_customers: 'Loyal Customers',
	potential_loyalist: 'Potential Loyalist',
	new_customers: 'New Customers',
	promising: 'Promising',
	need_attention: 'Need Attention',
	about_to_sleep: 'About To Sleep',
	at_risk: 'At Risk',
	cant_lose_them: "Can't Lose Them",
	hibernating: 'Hibernating',
	lost: 'Lost',
	important_value: '重要价值客户',
	important_develop: '重要发展客户',
	important_keep: '重要保持客户',
	important_retain: '重要挽留客户',
	general_value: '一般价值客户',
	general_develop: '一般发展客户',
	general_keep: '一般保持客户',
	general_retain: '一般挽留客户',
	other: 'Other',
	not_yet: 'Not yet a customer'
};

const labelled = (rows: Record<string, unknown>[]) =>
	rows.map((r) => ({ ...r, label: SEGMENT_LABELS[String(r.segment)] ?? String(r.segment) }));

/** The RFM charts; with a comparison date, also the segment transition matrix. */
export function rfmCharts(c: { compareDate: string | null }): ChartDef[] {
	return c.compareDate ? [...RFM_CHARTS, TRANSITIONS] : RFM_CHARTS;
}

const TRANSITIONS: ChartDef = {
	id: 'transitions',
	title: 'Where customers went: segment at the comparison date → segment now',
	query: (t) => sql`SELECT segment_before, segment, count(*) AS customers FROM ${t} GROUP BY 1, 2`,
	spec: (rows) => ({
		...BASE,
		height: 320,
		data: {
			values: rows.map((r) => ({
				...r,
				now: SEGMENT_LABELS[String(r.segment)] ?? r.segment,
				before: SEGMENT_LABELS[String(r.segment_before)] ?? r.segment_before
			}))
		},
		encoding: {
			x: { field: 'now', type: 'nominal', title: 'Now' },
			y: { field: 'before', type: 'nominal', title: 'Before' }
		},
		layer: [
			{
				mark: { type: 'rect', tooltip: true },
				encoding: { color: { field: 'customers', type: 'quantitative', scale: { scheme: 'blues' }, title: 'Customers' } }
			},
			{ mark: { type: 'text', fontSize: 9 }, encoding: { text: { field: 'customers', format: ',' } } }
		]
	}),
	drill: (d, t) =>
		typeof d.segment === 'string' && typeof d.segment_before === 'string'
			? {
					label: `${SEGMENT_LABELS[d.segment_before] ?? d.segment_before} → ${SEGMENT_LABELS[d.segment] ?? d.segment}`,
					query: sql`SELECT * FROM ${t} WHERE segment_before = ${lit(d.segment_before)} AND segment = ${lit(d.segment)} ORDER BY monetary DESC`
				}
			: null
};

const RFM_CHARTS: ChartDef[] = [
	{
		id: 'segments',
		title: 'Segments: customers and share of revenue',
		drill: (d, t) =>
			typeof d.segment === 'string'
				? {
						label: `Segment ${SEGMENT_LABELS[d.segment] ?? d.segment}`,
						query: sql`SELECT * FROM ${t} WHERE segment = ${lit(d.segment)} ORDER BY monetary DESC`
					}
				: null,
		query: (t) => sql`SELECT segment, count(*) AS customers, sum(monetary) AS revenue,
	sum(monetary) / NULLIF(sum(sum(monetary)) OVER (), 0) AS revenue_share,
	count(*) / sum(count(*)) OVER () AS customer_share
FROM ${t} GROUP BY segment ORDER BY customers DESC`,
		spec: (rows) => ({
			...BASE,
			data: { values: labelled(rows) },
			transform: [{ fold: ['customer_share', 'revenue_share'], as: ['measure', 'share'] }],
			mark: { type: 'bar', tooltip: true },
			encoding: {
				y: { field: 'label', type: 'nominal', sort: '-x', title: null },
				x: { field: 'share', type: 'quantitative', axis: { format: '.0%' }, title: 'Share' },
				yOffset: { field: 'measure' },
				color: {
					field: 'measure',
					type: 'nominal',
					scale: { domain: ['customer_share', 'revenue_share'], range: ['#9db4f0', '#2657d9'] },
					legend: { orient: 'bottom', title: null, labelExpr: "datum.label == 'customer_share' ? 'Customers' : 'Revenue'" }
				},
				tooltip: [
					{ field: 'label', title: 'Segment' },
					{ field: 'customers', title: 'Customers', format: ',' },
					{ field: 'revenue', title: 'Revenue', format: ',.2f' },
					{ field: 'share', title: 'Share', format: '.1%' }
				]
			}
		})
	},
	{
		id: 'rf-heatmap',
		title: 'Recency × frequency score, coloured by average monetary value',
		drill: (d, t) =>
			Number.isInteger(d.r_score) && Number.isInteger(d.f_score)
				? {
						label: `R score ${d.r_score}, F score ${d.f_score}`,
						query: sql`SELECT * FROM ${t} WHERE r_score = ${lit(Number(d.r_score))} AND f_score = ${lit(Number(d.f_score))} ORDER BY monetary DESC`
					}
				: null,
		query: (t) => sql`SELECT r_score, f_score, count(*) AS customers, round(avg(monetary), 2) AS avg_monetary
FROM ${t} GROUP BY 1, 2`,
		spec: (rows) => ({
			...BASE,
			data: { values: rows },
			encoding: {
				x: { field: 'r_score', type: 'ordinal', title: 'Recency score (5 = most recent)' },
				y: { field: 'f_score', type: 'ordinal', sort: 'descending', title: 'Frequency score' }
			},
			layer: [
				{
					mark: { type: 'rect', tooltip: true },
					encoding: {
						color: { field: 'avg_monetary', type: 'quantitative', title: 'Avg monetary', scale: { scheme: 'blues' } },
						tooltip: [
							{ field: 'r_score', title: 'R' },
							{ field: 'f_score', title: 'F' },
							{ field: 'customers', title: 'Customers', format: ',' },
							{ field: 'avg_monetary', title: 'Avg monetary', format: ',.2f' }
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
		title: 'Distributions of recency (days), frequency (orders) and monetary value (log scale)',
		query: (t) => sql`SELECT 'Recency (days)' AS dimension, CAST(floor(recency_days / 30) * 30 AS DOUBLE) AS bin, count(*) AS customers FROM ${t} GROUP BY 2
UNION ALL
SELECT 'Frequency', CAST(least(frequency, 20) AS DOUBLE), count(*) FROM ${t} GROUP BY 2
UNION ALL
SELECT 'Monetary (log10)', floor(log10(greatest(monetary, 1)) * 4) / 4, count(*) FROM ${t} GROUP BY 2
ORDER BY 1, 2`,
		spec: (rows) => ({
			$schema: BASE.$schema,
			config: BASE.config,
			data: { values: rows },
			facet: { row: { field: 'dimension', title: null } },
			resolve: { scale: { x: 'independent', y: 'independent' } },
			spec: {
				width: 380,
				height: 110,
				mark: { type: 'bar', tooltip: true },
				encoding: {
					x: { field: 'bin', type: 'quantitative', title: null },
					y: { field: 'customers', type: 'quantitative', title: 'Customers' }
				}
			}
		}) as never
	},
	{
		id: 'scatter',
		title: 'Recency vs frequency (a sample of up to 2,000 customers)',
		query: (t) => sql`SELECT recency_days, frequency, monetary, segment FROM ${t} USING SAMPLE reservoir(2000 ROWS) REPEATABLE (42)`,
		spec: (rows) => ({
			...BASE,
			data: { values: labelled(rows) },
			mark: { type: 'circle', opacity: 0.6, tooltip: true },
			encoding: {
				x: { field: 'recency_days', type: 'quantitative', title: 'Days since last order' },
				y: { field: 'frequency', type: 'quantitative', scale: { type: 'log' }, title: 'Orders (log)' },
				size: { field: 'monetary', type: 'quantitative', legend: null },
				color: { field: 'label', type: 'nominal', title: 'Segment' }
			}
		})
	}
];
