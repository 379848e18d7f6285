/** Lifecycle charts: stages by value tier, growth accounting, stage history, transitions. */
import { t } from '../../i18n/t';
import { lit, sql } from '../../sql/sql';
import { BASE, foldLabelled, labelled, type ChartDef } from '../chart-types';
import { stageLabel, tierLabel } from '../labels';
import { growthQuery, stageHistoryQuery, STAGES } from './query';
import type { LifecycleConfig } from './config';
import { keyedColourScale } from '../palette';

const TIERS = ['high', 'medium', 'low', 'none'];
const GROWTH = ['new', 'retained', 'resurrected', 'dormant'] as const;
const stageOrder = () => STAGES.map(stageLabel);

/** The lifecycle cell's charts; growth and history read `transactions` directly. */
export function lifecycleCharts(c: LifecycleConfig): ChartDef[] {
	const grain = () => t(`lifecycle.grain_${c.grain}`);
	return [
		{
			id: 'stages',
			get title() {
				return t('lifecycle.stages_title');
			},
			query: (table) =>
				sql`SELECT stage, value_tier, count(*) AS customers, round(sum(spend), 2) AS spend FROM ${table} GROUP BY 1, 2`,
			spec: (rows) => ({
				...BASE,
				data: { values: labelled(labelled(rows, stageLabel, 'stage'), tierLabel, 'value_tier') },
				mark: { type: 'bar', tooltip: true },
				encoding: {
					y: { field: 'stage_label', type: 'nominal', sort: stageOrder(), title: null },
					x: { field: 'customers', type: 'quantitative', title: t('chart.customers') },
					color: {
						field: 'value_tier_label',
						type: 'nominal',
						sort: TIERS.map(tierLabel),
						scale: {
							domain: TIERS.map(tierLabel),
							range: ['#2657d9', '#7f9de8', '#c9d4f2', '#e5e7eb']
						},
						title: t('lifecycle.value_tier')
					},
					tooltip: [
						{ field: 'stage_label', title: t('lifecycle.stage') },
						{ field: 'value_tier_label', title: t('lifecycle.tier') },
						{ field: 'customers', title: t('chart.customers'), format: ',' },
						{ field: 'spend', title: t('chart.spend'), format: ',.2f' }
					]
				}
			}),
			drill: (d, table) =>
				typeof d.stage === 'string' && typeof d.value_tier === 'string'
					? {
							label: t('lifecycle.drill_stage_tier', {
								stage: stageLabel(d.stage),
								tier: tierLabel(d.value_tier)
							}),
							query: sql`SELECT * FROM ${table} WHERE stage = ${lit(d.stage)} AND value_tier = ${lit(d.value_tier)} ORDER BY spend DESC`
						}
					: null
		},
		{
			id: 'growth',
			get title() {
				return t('lifecycle.growth_title', { grain: grain() });
			},
			query: () => growthQuery(c),
			spec: (rows) => {
				const kinds = Object.fromEntries(GROWTH.map((k) => [k, t(`lifecycle.growth_${k}`)]));
				const values = foldLabelled(
					rows.map((r) => ({ ...r, incomplete_label: t(r.incomplete ? 'chart.yes' : 'chart.no') })),
					kinds,
					'kind',
					'customers'
				);
				// The incomplete last period (as in the cohort cell): faded, outlined and named above
				// its bars, so its dormant customers, many of whom have not had the time to come back
				// yet, do not read as a real drop.
				const partial = rows
					.filter((r) => r.incomplete)
					.map((r) => ({
						period: r.period,
						top: Number(r.new) + Number(r.retained) + Number(r.resurrected),
						note: t('lifecycle.incomplete_note')
					}));
				return {
					...BASE,
					layer: [
						{
							data: { values },
							mark: { type: 'bar', tooltip: true },
							encoding: {
								x: { field: 'period', type: 'temporal', title: null },
								y: {
									field: 'customers',
									type: 'quantitative',
									title: t('lifecycle.customers_dormant_below')
								},
								color: {
									field: 'kind',
									type: 'nominal',
									scale: {
										domain: Object.values(kinds),
										range: ['#1b7f4b', '#2657d9', '#9a6200', '#b42318']
									},
									title: null
								},
								opacity: { condition: { test: 'datum.incomplete', value: 0.35 }, value: 1 },
								strokeDash: { condition: { test: 'datum.incomplete', value: [3, 2] }, value: [] },
								stroke: { condition: { test: 'datum.incomplete', value: '#5b6475' }, value: null },
								tooltip: [
									{ field: 'period', type: 'temporal', title: t('lifecycle.period') },
									{ field: 'kind', title: t('lifecycle.growth_kind') },
									{ field: 'customers', title: t('chart.customers'), format: ',' },
									{ field: 'quick_ratio', title: t('lifecycle.quick_ratio') },
									{ field: 'incomplete_label', title: t('cohort.incomplete') }
								]
							}
						},
						...(partial.length
							? [
									{
										data: { values: partial },
										mark: { type: 'text', baseline: 'bottom', dy: -4, color: '#5b6475' },
										encoding: {
											x: { field: 'period', type: 'temporal', title: null },
											y: {
												field: 'top',
												type: 'quantitative',
												title: t('lifecycle.customers_dormant_below')
											},
											text: { field: 'note' }
										}
									}
								]
							: [])
					]
				} as never;
			}
		},
		{
			id: 'history',
			get title() {
				return t('lifecycle.history_title', { grain: grain() });
			},
			query: () => stageHistoryQuery(c),
			spec: (rows) => {
				const values = labelled(rows, stageLabel, 'stage');
				return {
					...BASE,
					data: { values },
					mark: { type: 'area', tooltip: true },
					encoding: {
						x: { field: 'period_end', type: 'temporal', title: null },
						y: {
							field: 'customers',
							type: 'quantitative',
							stack: 'zero',
							title: t('chart.customers')
						},
						color: {
							field: 'stage_label',
							type: 'nominal',
							sort: stageOrder(),
							title: t('lifecycle.stage'),
							scale: keyedColourScale(values, 'stage')
						},
						order: { field: 'stage' },
						tooltip: [
							{ field: 'period_end', type: 'temporal', title: t('lifecycle.period_end') },
							{ field: 'stage_label', title: t('lifecycle.stage') },
							{ field: 'customers', title: t('chart.customers'), format: ',' }
						]
					}
				};
			}
		},
		{
			id: 'transitions',
			get title() {
				return t('lifecycle.transitions_title');
			},
			query: (table) =>
				sql`SELECT stage_before, stage, count(*) AS customers FROM ${table} GROUP BY 1, 2`,
			spec: (rows) => ({
				...BASE,
				data: { values: labelled(rows, stageLabel, 'stage_before', 'stage') },
				encoding: {
					x: { field: 'stage_label', type: 'nominal', sort: stageOrder(), title: t('chart.now') },
					y: {
						field: 'stage_before_label',
						type: 'nominal',
						sort: [...stageOrder(), stageLabel('not_yet')],
						title: t('chart.before')
					}
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
						mark: { type: 'text', fontSize: 10 },
						encoding: { text: { field: 'customers', format: ',' } }
					}
				]
			}),
			drill: (d, table) =>
				typeof d.stage === 'string' && typeof d.stage_before === 'string'
					? {
							label: `${stageLabel(d.stage_before)} → ${stageLabel(d.stage)}`,
							query: sql`SELECT * FROM ${table} WHERE stage_before = ${lit(d.stage_before)} AND stage = ${lit(d.stage)} ORDER BY spend DESC`
						}
					: null
		}
	];
}
