/**
 * Lifetime-value charts over the `clv` table: P(alive) and expected purchases across frequency
 * and recency, calibration against hold-out, the CLV distribution and the top customers. Every
 * axis names its time unit.
 */
import { t } from '../../i18n/t';
import { lit, sql } from '../../sql/sql';
import { BASE, foldLabelled, type ChartDef } from '../chart-types';
import type { ClvConfig } from './config';

/** Frequencies above this share one column of the matrices. */
const MAX_X = 20;

/** The period unit in words: `weeks`, or `week` with `one`. */
const unitOf = (c: ClvConfig, one = false) => t(`clv.unit_${c.period}${one ? '_one' : ''}`);

function matrix(
	c: ClvConfig,
	id: string,
	field: 'p_alive' | 'expected',
	title: () => string,
	legend: () => string
): ChartDef {
	// About 20 recency bins whatever the unit.
	const bin = c.period === 'weeks' ? 4 : 30;
	return {
		id,
		get title() {
			return title();
		},
		query: (
			table
		) => sql`SELECT least(x, ${lit(MAX_X)}) AS x, CAST(floor(t_x / ${lit(bin)}) * ${lit(bin)} AS DOUBLE) AS recency,
	avg(p_alive) AS p_alive, avg(expected_purchases) AS expected, count(*) AS customers
FROM ${table} GROUP BY 1, 2`,
		spec: (rows) => ({
			...BASE,
			// 21 rows of frequency: a fixed height left 10 px a row for 11 px labels.
			height: { step: 15 } as never,
			data: { values: rows },
			mark: { type: 'rect', tooltip: true },
			encoding: {
				x: {
					field: 'recency',
					type: 'ordinal',
					// On a phone the bins are narrower than their labels: every other one is shown.
					axis: { labelOverlap: 'greedy', labelSeparation: 4 },
					title: t('clv.recency_axis', { unit: unitOf(c), bin })
				},
				y: {
					field: 'x',
					type: 'ordinal',
					sort: 'descending',
					title: t('clv.repeat_axis', { max: MAX_X })
				},
				color: {
					field,
					type: 'quantitative',
					scale: { scheme: field === 'p_alive' ? 'greens' : 'blues' },
					title: legend()
				},
				tooltip: [
					{ field: 'x', title: t('clv.repeat_purchases') },
					{ field: 'recency', title: t('clv.recency_from', { unit: unitOf(c) }) },
					{ field, title: legend(), format: field === 'p_alive' ? '.1%' : '.2f' },
					{ field: 'customers', title: t('chart.customers'), format: ',' }
				]
			}
		}),
		drill: (d, table) =>
			typeof d.x === 'number' && typeof d.recency === 'number'
				? {
						label: t(d.x === MAX_X ? 'clv.drill_cell_more' : 'clv.drill_cell', {
							x: d.x,
							from: d.recency,
							to: d.recency + bin,
							unit: unitOf(c)
						}),
						query: sql`SELECT * FROM ${table} WHERE least(x, ${lit(MAX_X)}) = ${lit(d.x)} AND t_x >= ${lit(d.recency)} AND t_x < ${lit(d.recency + bin)} ORDER BY clv DESC NULLS LAST`
					}
				: null
	};
}

/** The lifetime-value cell's charts. */
export function clvCharts(c: ClvConfig): ChartDef[] {
	const purchasesIn = () => t('clv.purchases_in', { horizon: c.horizon, unit: unitOf(c) });
	const charts: ChartDef[] = [
		matrix(
			c,
			'p-alive',
			'p_alive',
			() => t('clv.p_alive_title'),
			() => t('clv.p_alive')
		),
		matrix(
			c,
			'expected',
			'expected',
			() => t('clv.expected_title', { horizon: c.horizon, unit: unitOf(c) }),
			purchasesIn
		)
	];
	if (c.holdoutEnd) {
		charts.push({
			id: 'holdout',
			get title() {
				return t('clv.holdout_title', { date: c.calibrationEnd ?? '' });
			},
			query: (
				table
			) => sql`SELECT least(x, 7) AS x, avg(x_holdout) AS actual, avg(expected_holdout) AS predicted, count(*) AS customers
FROM ${table} GROUP BY 1 ORDER BY 1`,
			spec: (rows) => {
				const series = { actual: t('clv.actual'), predicted: t('clv.predicted') };
				return {
					...BASE,
					data: { values: foldLabelled(rows, series, 'series', 'purchases') },
					mark: { type: 'line', point: true, tooltip: true },
					encoding: {
						x: { field: 'x', type: 'ordinal', title: t('clv.holdout_x') },
						y: { field: 'purchases', type: 'quantitative', title: t('clv.holdout_y') },
						color: {
							field: 'series',
							type: 'nominal',
							scale: { domain: Object.values(series), range: ['#1f2937', '#2657d9'] },
							title: null
						},
						tooltip: [
							{ field: 'x', title: t('clv.repeat_purchases') },
							{ field: 'series', title: t('clv.series') },
							{ field: 'purchases', title: t('clv.mean_purchases'), format: '.3f' },
							{ field: 'customers', title: t('chart.customers'), format: ',' }
						]
					}
				};
			}
		});
	}
	charts.push(
		{
			id: 'tracking',
			get title() {
				return t('clv.tracking_title', { unit: unitOf(c, true) });
			},
			query: () =>
				sql`SELECT period_end, actual, expected, calibration_end FROM clv_tracking ORDER BY period_end`,
			spec: (rows) => {
				const series = { actual: t('clv.actual'), expected: t('clv.expected') };
				const domain = Object.values(series);
				return {
					...BASE,
					layer: [
						{
							data: { values: foldLabelled(rows, series, 'series', 'purchases') },
							mark: { type: 'line', tooltip: true },
							encoding: {
								x: { field: 'period_end', type: 'temporal', title: null },
								y: { field: 'purchases', type: 'quantitative', title: t('clv.tracking_y') },
								color: {
									field: 'series',
									type: 'nominal',
									scale: { domain, range: ['#1f2937', '#2657d9'] },
									title: null
								},
								strokeDash: {
									field: 'series',
									type: 'nominal',
									scale: {
										domain,
										range: [
											[1, 0],
											[5, 3]
										]
									},
									legend: null
								},
								tooltip: [
									{ field: 'period_end', type: 'temporal', title: t('clv.period_end') },
									{ field: 'series', title: t('clv.series') },
									{ field: 'purchases', title: t('clv.tracking_y') }
								]
							}
						},
						{
							data: { values: rows },
							mark: { type: 'rule', color: '#9ca3af' },
							encoding: { x: { aggregate: 'max', field: 'calibration_end', type: 'temporal' } }
						}
					]
				};
			}
		},
		{
			id: 'distribution',
			get title() {
				return t('clv.distribution_title', {
					months: c.clvMonths,
					days: c.daysPerMonth,
					discount: c.monthlyDiscount * 100
				});
			},
			// Bands of equal width up to the 99th percentile; the long tail shares the last band.
			query: (
				table
			) => sql`WITH cap AS (SELECT quantile_cont(clv, 0.99) AS hi FROM ${table} WHERE clv IS NOT NULL),
banded AS (SELECT least(floor(clv / (SELECT greatest(hi, 0.01) / 20 FROM cap)), 20) AS band FROM ${table} WHERE clv IS NOT NULL)
SELECT band * (SELECT greatest(hi, 0.01) / 20 FROM cap) AS clv_from, count(*) AS customers FROM banded GROUP BY 1 ORDER BY 1`,
			spec: (rows) => ({
				...BASE,
				data: { values: rows },
				mark: { type: 'bar', tooltip: true },
				encoding: {
					x: { field: 'clv_from', type: 'quantitative', title: t('clv.distribution_x') },
					y: { field: 'customers', type: 'quantitative', title: t('chart.customers') },
					tooltip: [
						{ field: 'clv_from', format: ',.2f', title: t('clv.clv_from') },
						{ field: 'customers', title: t('chart.customers'), format: ',' }
					]
				}
			})
		},
		{
			id: 'top',
			get title() {
				return t('clv.top_title', { months: c.clvMonths });
			},
			query: (table) =>
				sql`SELECT customer_id, clv, p_alive, expected_purchases FROM ${table} WHERE clv IS NOT NULL ORDER BY clv DESC LIMIT 20`,
			spec: (rows) => ({
				...BASE,
				height: 360,
				data: { values: rows },
				mark: { type: 'bar', tooltip: true },
				encoding: {
					y: { field: 'customer_id', type: 'nominal', sort: '-x', title: null },
					x: { field: 'clv', type: 'quantitative', title: 'CLV' },
					tooltip: [
						{ field: 'customer_id', title: t('chart.customer') },
						{ field: 'clv', format: ',.2f', title: 'CLV' },
						{ field: 'p_alive', format: '.1%', title: t('clv.p_alive') },
						{ field: 'expected_purchases', format: '.2f', title: purchasesIn() }
					]
				}
			}),
			drill: (d, table) =>
				typeof d.customer_id === 'string'
					? {
							label: t('chart.drill_customer', { id: d.customer_id }),
							query: sql`SELECT * FROM ${table} WHERE customer_id = ${lit(d.customer_id)}`
						}
					: null
		}
	);
	return charts;
}
