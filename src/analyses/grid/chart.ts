/**
 * Grid charts: the 3 × 3 of present value against potential with customers and revenue in each
 * tier, the tiers' shares of customers and revenue, and, with a comparison date, the movement
 * between tiers. Every label is a word in the language of the moment.
 */
import { t } from '../../i18n/t';
import { lit, sql, type Sql } from '../../sql/sql';
import { BASE, foldLabelled, labelled, type ChartDef, type Drill } from '../chart-types';
import { gridLevelLabel, gridTierLabel } from '../labels';
import { GRID_TIERS, LEVELS, type Level } from './tiers';

/** The grid charts; with a comparison date, also the tier transition matrix. */
export function gridCharts(c: { compareDate: string | null }): ChartDef[] {
	return c.compareDate ? [HEATMAP, TIERS, TRANSITIONS] : [HEATMAP, TIERS];
}

const isLevel = (v: unknown): v is Level => typeof v === 'string' && LEVELS.includes(v as Level);

/** The customers of one tier, best first. */
function tierDrill(tier: string, where: Sql, table: Sql): Drill {
	return {
		label: t('grid.drill_tier', { tier: gridTierLabel(tier) }),
		query: sql`SELECT * FROM ${table} WHERE ${where} ORDER BY net_spend DESC, customer_id`
	};
}

/** The three levels with their order, so the nine cells come high-high first, empty ones included. */
const LEVEL_VALUES = sql`(VALUES (${lit('high')}, 1), (${lit('medium')}, 2), (${lit('low')}, 3))`;

const HEATMAP: ChartDef = {
	id: 'grid',
	get title() {
		return t('grid.heatmap_title');
	},
	query: (table) => sql`SELECT v.value_tier, p.potential_tier,
	count(g.customer_id) AS customers, COALESCE(sum(g.net_spend), 0) AS revenue
FROM ${LEVEL_VALUES} AS v(value_tier, value_order)
	CROSS JOIN ${LEVEL_VALUES} AS p(potential_tier, potential_order)
	LEFT JOIN ${table} g USING (value_tier, potential_tier)
GROUP BY v.value_tier, p.potential_tier, value_order, potential_order
ORDER BY value_order, potential_order`,
	spec: (rows) => {
		const values = rows.map((r) => ({
			...r,
			tier:
				isLevel(r.value_tier) && isLevel(r.potential_tier)
					? GRID_TIERS[r.value_tier][r.potential_tier]
					: null
		}));
		// A long English name takes two lines (split at its first space), a short one the second.
		const named = labelled(
			labelled(values, gridLevelLabel, 'value_tier', 'potential_tier'),
			gridTierLabel,
			'tier'
		).map((r) => {
			const name = String(r.tier_label ?? '');
			const space = name.indexOf(' ');
			return space < 0
				? { ...r, name_1: '', name_2: name }
				: { ...r, name_1: name.slice(0, space), name_2: name.slice(space + 1) };
		});
		// White on the darker half of the colour scale, dark ink on the lighter half.
		const dark = Math.max(0, ...rows.map((r) => Number(r.customers) || 0)) / 2;
		const ink = {
			condition: { test: `datum.customers > ${dark}`, value: '#ffffff' },
			value: '#1d2330'
		};
		const text = (field: string, dy: number, format?: string) => ({
			mark: {
				type: 'text' as const,
				baseline: 'middle' as const,
				dy,
				// A phone's cells are narrower than the words: smaller type, and cut to the cell.
				fontSize: { expr: "bandwidth('x') < 100 ? 9 : 11" },
				limit: { expr: "bandwidth('x') - 6" },
				fontWeight: field.startsWith('name') ? ('bold' as const) : ('normal' as const)
			},
			encoding: { text: { field, ...(format ? { format } : {}) }, color: ink }
		});
		return {
			...BASE,
			height: 300,
			data: { values: named },
			encoding: {
				x: {
					field: 'potential_tier_label',
					type: 'ordinal',
					sort: [...LEVELS].reverse().map(gridLevelLabel),
					title: t('grid.potential'),
					axis: { labelAngle: 0 }
				},
				y: {
					field: 'value_tier_label',
					type: 'ordinal',
					sort: LEVELS.map(gridLevelLabel),
					title: t('grid.value')
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
						},
						tooltip: [
							{ field: 'tier_label', title: t('grid.tier') },
							{ field: 'value_tier_label', title: t('grid.value') },
							{ field: 'potential_tier_label', title: t('grid.potential') },
							{ field: 'customers', title: t('chart.customers'), format: ',' },
							{ field: 'revenue', title: t('chart.revenue'), format: ',.2f' }
						]
					}
				},
				text('name_1', -20),
				text('name_2', -7),
				text('customers', 7, ','),
				text('revenue', 20, ',.0f')
			]
		};
	},
	drill: (d, table) =>
		isLevel(d.value_tier) && isLevel(d.potential_tier)
			? tierDrill(
					GRID_TIERS[d.value_tier][d.potential_tier],
					sql`value_tier = ${lit(d.value_tier)} AND potential_tier = ${lit(d.potential_tier)}`,
					table
				)
			: null
};

const TIERS: ChartDef = {
	id: 'tiers',
	get title() {
		return t('grid.tiers_title');
	},
	query: (table) => sql`SELECT tier, count(*) AS customers, sum(net_spend) AS revenue,
	sum(net_spend) / NULLIF(sum(sum(net_spend)) OVER (), 0) AS revenue_share,
	count(*) / sum(count(*)) OVER () AS customer_share,
	avg(potential) AS avg_potential
FROM ${table} GROUP BY tier ORDER BY customers DESC`,
	spec: (rows) => {
		const measures = { customer_share: t('chart.customers'), revenue_share: t('chart.revenue') };
		return {
			...BASE,
			// Nine tiers, two bars each: room for a two-line name beside each pair.
			height: 380,
			data: {
				values: foldLabelled(labelled(rows, gridTierLabel, 'tier'), measures, 'measure', 'share')
			},
			mark: { type: 'bar', tooltip: true },
			encoding: {
				y: { field: 'tier_label', type: 'nominal', sort: '-x', title: null },
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
					{ field: 'tier_label', title: t('grid.tier') },
					{ field: 'customers', title: t('chart.customers'), format: ',' },
					{ field: 'revenue', title: t('chart.revenue'), format: ',.2f' },
					{ field: 'avg_potential', title: t('grid.avg_potential'), format: ',.2f' },
					{ field: 'share', title: t('chart.share'), format: '.1%' }
				]
			}
		};
	},
	drill: (d, table) =>
		typeof d.tier === 'string' ? tierDrill(d.tier, sql`tier = ${lit(d.tier)}`, table) : null
};

const TRANSITIONS: ChartDef = {
	id: 'transitions',
	get title() {
		return t('grid.transitions_title');
	},
	query: (table) =>
		sql`SELECT tier_before, tier, count(*) AS customers FROM ${table} GROUP BY 1, 2`,
	spec: (rows) => {
		const values = labelled(rows, gridTierLabel, 'tier', 'tier_before');
		return {
			...BASE,
			height: 320,
			data: { values },
			encoding: {
				x: { field: 'tier_label', type: 'nominal', title: t('chart.now') },
				y: { field: 'tier_before_label', type: 'nominal', title: t('chart.before') }
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
		};
	},
	drill: (d, table) =>
		typeof d.tier === 'string' && typeof d.tier_before === 'string'
			? {
					label: `${gridTierLabel(d.tier_before)} → ${gridTierLabel(d.tier)}`,
					query: sql`SELECT * FROM ${table} WHERE tier_before = ${lit(d.tier_before)} AND tier = ${lit(d.tier)} ORDER BY net_spend DESC, customer_id`
				}
			: null
};
