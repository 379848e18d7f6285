/** Persona charts: revenue vs customer share per group, and the attribute lift heatmap. */
import { lit, sql } from '../../sql/sql';
import { BASE, type ChartDef } from '../chart-types';
import { SEGMENT_LABELS } from '../rfm/chart';
import { STAGE_LABELS } from '../lifecycle/chart';
import { attributeLiftQuery } from './query';
import type { PersonasConfig } from './config';

const labelOf = (key: unknown) => SEGMENT_LABELS[String(key)] ?? STAGE_LABELS[String(key)] ?? String(key);

export function personaCharts(c: PersonasConfig): ChartDef[] {
	const charts: ChartDef[] = [
		{
			id: 'value',
			title: 'Share of customers vs share of revenue',
			query: (t) => sql`SELECT segment, customers, customer_share, revenue_share, avg_order_value FROM ${t}`,
			spec: (rows) => ({
				...BASE,
				data: { values: rows.map((r) => ({ ...r, label: labelOf(r.segment) })) },
				layer: [
					{
						mark: { type: 'rule', strokeDash: [4, 4], color: '#b8bfcc' },
						data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] },
						encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, x2: { value: 0 } } as never
					},
					{
						mark: { type: 'circle', tooltip: true, size: 120 },
						encoding: {
							x: { field: 'customer_share', type: 'quantitative', axis: { format: '.0%' }, title: 'Share of customers' },
							y: { field: 'revenue_share', type: 'quantitative', axis: { format: '.0%' }, title: 'Share of revenue' },
							color: { field: 'label', type: 'nominal', title: null },
							tooltip: [
								{ field: 'label', title: 'Group' },
								{ field: 'customers', format: ',' },
								{ field: 'avg_order_value', title: 'Avg order value', format: ',.2f' }
							]
						}
					}
				]
			}),
			drill: (d) =>
				typeof d.segment === 'string'
					? {
							label: labelOf(d.segment),
							query:
								c.source === 'rfm'
									? sql`SELECT * FROM rfm WHERE segment = ${lit(d.segment)} ORDER BY monetary DESC`
									: sql`SELECT * FROM lifecycle WHERE stage = ${lit(d.segment)} ORDER BY spend DESC`
						}
					: null
		}
	];
	if (c.attribute) {
		const attribute = c.attribute;
		charts.push({
			id: 'lift',
			title: `Mix of ${attribute} in each group compared with all customers (lift: 1 = same as everyone)`,
			query: () => attributeLiftQuery(c, attribute),
			spec: (rows) => ({
				...BASE,
				data: { values: rows.map((r) => ({ ...r, label: labelOf(r.segment) })) },
				encoding: {
					x: { field: 'value', type: 'nominal', title: attribute },
					y: { field: 'label', type: 'nominal', title: null }
				},
				layer: [
					{
						mark: { type: 'rect', tooltip: true },
						encoding: {
							color: { field: 'lift', type: 'quantitative', scale: { scheme: 'redblue', domainMid: 1 }, title: 'Lift' },
							tooltip: [
								{ field: 'label', title: 'Group' },
								{ field: 'value' },
								{ field: 'share', format: '.1%' },
								{ field: 'overall_share', title: 'All customers', format: '.1%' },
								{ field: 'lift' }
							]
						}
					},
					{ mark: { type: 'text', fontSize: 10 }, encoding: { text: { field: 'lift', format: '.2f' } } }
				]
			})
		});
	}
	return charts;
}
