/** Persona charts: revenue vs customer share per group, and the attribute lift heatmap. */
import { t } from '../../i18n/t';
import { lit, sql } from '../../sql/sql';
import { BASE, labelled, type ChartDef } from '../chart-types';
import { groupLabel } from '../labels';
import { attributeLiftQuery } from './query';
import type { PersonasConfig } from './config';
import { keyedColourScale } from '../palette';

export function personaCharts(c: PersonasConfig): ChartDef[] {
	const name = (key: string) => groupLabel(c.source, key);
	const charts: ChartDef[] = [
		{
			id: 'value',
			get title() {
				return t('personas.value_title');
			},
			query: (table) =>
				sql`SELECT segment, customers, customer_share, revenue_share, avg_order_value FROM ${table}`,
			spec: (rows) => {
				const values = labelled(rows, name, 'segment');
				return {
					...BASE,
					data: { values },
					layer: [
						{
							mark: { type: 'rule', strokeDash: [4, 4], color: '#b8bfcc' },
							data: {
								values: [
									{ x: 0, y: 0 },
									{ x: 1, y: 1 }
								]
							},
							// The same axis format as the points' layer: an axis without one would get the app's number format.
							encoding: {
								x: { field: 'x', type: 'quantitative', axis: { format: '.0%' } },
								y: { field: 'y', type: 'quantitative', axis: { format: '.0%' } },
								x2: { value: 0 }
							} as never
						},
						{
							mark: { type: 'circle', tooltip: true, size: 120 },
							encoding: {
								x: {
									field: 'customer_share',
									type: 'quantitative',
									axis: { format: '.0%' },
									title: t('chart.share_of_customers')
								},
								y: {
									field: 'revenue_share',
									type: 'quantitative',
									axis: { format: '.0%' },
									title: t('chart.share_of_revenue')
								},
								color: {
									field: 'segment_label',
									type: 'nominal',
									title: null,
									scale: keyedColourScale(values, 'segment')
								},
								tooltip: [
									{ field: 'segment_label', title: t('personas.group') },
									{ field: 'customers', title: t('chart.customers'), format: ',' },
									{ field: 'customer_share', title: t('chart.share_of_customers'), format: '.1%' },
									{ field: 'revenue_share', title: t('chart.share_of_revenue'), format: '.1%' },
									{ field: 'avg_order_value', title: t('personas.avg_order_value'), format: ',.2f' }
								]
							}
						}
					]
				};
			},
			drill: (d) =>
				typeof d.segment === 'string'
					? {
							label: name(d.segment),
							query: {
								rfm: sql`SELECT * FROM rfm WHERE segment = ${lit(d.segment)} ORDER BY monetary DESC`,
								lifecycle: sql`SELECT * FROM lifecycle WHERE stage = ${lit(d.segment)} ORDER BY spend DESC`,
								clusters: sql`SELECT * FROM clusters WHERE cluster_name = ${lit(d.segment)} ORDER BY monetary DESC`
							}[c.source]
						}
					: null
		}
	];
	if (c.attribute) {
		const attribute = c.attribute;
		charts.push({
			id: 'lift',
			get title() {
				return t('personas.lift_title', { attribute });
			},
			query: () => attributeLiftQuery(c, attribute),
			spec: (rows) => ({
				...BASE,
				data: { values: labelled(rows, name, 'segment') },
				encoding: {
					x: { field: 'value', type: 'nominal', title: attribute },
					y: { field: 'segment_label', type: 'nominal', title: null }
				},
				layer: [
					{
						mark: { type: 'rect', tooltip: true },
						encoding: {
							color: {
								field: 'lift',
								type: 'quantitative',
								scale: { scheme: 'redblue', domainMid: 1 },
								title: t('personas.lift')
							},
							tooltip: [
								{ field: 'segment_label', title: t('personas.group') },
								{ field: 'value', title: attribute },
								{ field: 'share', title: t('personas.share_in_group'), format: '.1%' },
								{ field: 'overall_share', title: t('personas.all_customers'), format: '.1%' },
								{ field: 'lift', title: t('personas.lift') }
							]
						}
					},
					{
						mark: { type: 'text', fontSize: 10 },
						encoding: { text: { field: 'lift', format: '.2f' } }
					}
				]
			})
		});
	}
	return charts;
}
