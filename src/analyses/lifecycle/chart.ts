/** Lifecycle charts: stages by value tier, growth accounting, stage history, transitions. */
import { lit, sql } from '../../sql/sql';
import { BASE, type ChartDef } from '../chart-types';
import { growthQuery, stageHistoryQuery, STAGES } from './query';
import type { LifecycleConfig } from './config';

export const STAGE_LABELS: Record<string, string> = {
	potential: 'Potential (listed, no order)',
	new: 'New',
	active: 'Active',
	loyal: 'Loyal',
	reactivated: 'Reactivated',
	at_risk: 'At risk',
	churned: 'Churned',
	not_yet: 'Not yet a customer'
};

const stageOrder = [...STAGES].map((s) => STAGE_LABELS[s]);
const label = (rows: Record<string, unknown>[], ...fields: string[]) =>
	rows.map((r) => ({ ...r, ...Object.fromEntries(fields.map((f) => [`${f}_label`, STAGE_LABELS[String(r[f])] ?? r[f]])) }));

/** The lifecycle cell's charts; growth and history read `transactions` directly. */
export function lifecycleCharts(c: LifecycleConfig): ChartDef[] {
	return [
		{
			id: 'stages',
			title: 'Customers by stage and value tier (top 20 % / next 30 % / rest by spend)',
			query: (t) => sql`SELECT stage, value_tier, count(*) AS customers, round(sum(spend), 2) AS spend FROM ${t} GROUP BY 1, 2`,
			spec: (rows) => ({
				...BASE,
				data: { values: label(rows, 'stage') },
				mark: { type: 'bar', tooltip: true },
				encoding: {
					y: { field: 'stage_label', type: 'nominal', sort: stageOrder, title: null },
					x: { field: 'customers', type: 'quantitative', title: 'Customers' },
					color: { field: 'value_tier', type: 'nominal', sort: ['high', 'medium', 'low', 'none'], scale: { domain: ['high', 'medium', 'low', 'none'], range: ['#2657d9', '#7f9de8', '#c9d4f2', '#e5e7eb'] }, title: 'Value tier' },
					tooltip: [
						{ field: 'stage_label', title: 'Stage' },
						{ field: 'value_tier', title: 'Tier' },
						{ field: 'customers', format: ',' },
						{ field: 'spend', format: ',.2f' }
					]
				}
			}),
			drill: (d, t) =>
				typeof d.stage === 'string' && typeof d.value_tier === 'string'
					? {
							label: `${STAGE_LABELS[d.stage] ?? d.stage}, ${d.value_tier} value`,
							query: sql`SELECT * FROM ${t} WHERE stage = ${lit(d.stage)} AND value_tier = ${lit(d.value_tier)} ORDER BY spend DESC`
						}
					: null
		},
		{
			id: 'growth',
			title: `Growth accounting per ${c.grain}: new, retained, resurrected and dormant customers`,
			query: () => growthQuery(c),
			spec: (rows) => ({
				...BASE,
				data: { values: rows },
				transform: [{ fold: ['new', 'retained', 'resurrected', 'dormant'], as: ['kind', 'customers'] }],
				mark: { type: 'bar', tooltip: true },
				encoding: {
					x: { field: 'period', type: 'temporal', title: null },
					y: { field: 'customers', type: 'quantitative', title: 'Customers (dormant below zero)' },
					color: {
						field: 'kind',
						type: 'nominal',
						scale: { domain: ['new', 'retained', 'resurrected', 'dormant'], range: ['#1b7f4b', '#2657d9', '#9a6200', '#b42318'] },
						title: null
					},
					tooltip: [
						{ field: 'period', type: 'temporal' },
						{ field: 'kind' },
						{ field: 'customers', format: ',' },
						{ field: 'quick_ratio', title: 'Quick ratio' }
					]
				}
			})
		},
		{
			id: 'history',
			title: `Stage of every customer at the end of each ${c.grain}`,
			query: () => stageHistoryQuery(c),
			spec: (rows) => ({
				...BASE,
				data: { values: label(rows, 'stage') },
				mark: { type: 'area', tooltip: true },
				encoding: {
					x: { field: 'period_end', type: 'temporal', title: null },
					y: { field: 'customers', type: 'quantitative', stack: 'zero', title: 'Customers' },
					color: { field: 'stage_label', type: 'nominal', sort: stageOrder, title: 'Stage' },
					order: { field: 'stage' }
				}
			})
		},
		{
			id: 'transitions',
			title: 'Where customers went: stage at the comparison date → stage now',
			query: (t) => sql`SELECT stage_before, stage, count(*) AS customers FROM ${t} GROUP BY 1, 2`,
			spec: (rows) => ({
				...BASE,
				data: { values: label(rows, 'stage_before', 'stage') },
				encoding: {
					x: { field: 'stage_label', type: 'nominal', sort: stageOrder, title: 'Now' },
					y: { field: 'stage_before_label', type: 'nominal', sort: [...stageOrder, STAGE_LABELS.not_yet], title: 'Before' }
				},
				layer: [
					{
						mark: { type: 'rect', tooltip: true },
						encoding: { color: { field: 'customers', type: 'quantitative', scale: { scheme: 'blues' }, title: 'Customers' } }
					},
					{ mark: { type: 'text', fontSize: 10 }, encoding: { text: { field: 'customers', format: ',' } } }
				]
			}),
			drill: (d, t) =>
				typeof d.stage === 'string' && typeof d.stage_before === 'string'
					? {
							label: `${STAGE_LABELS[d.stage_before] ?? d.stage_before} → ${STAGE_LABELS[d.stage] ?? d.stage}`,
							query: sql`SELECT * FROM ${t} WHERE stage_before = ${lit(d.stage_before)} AND stage = ${lit(d.stage)} ORDER BY spend DESC`
						}
					: null
		}
	];
}
