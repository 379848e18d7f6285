/**
 * Lifetime-value charts over the `clv` table: P(alive) and expected purchases across frequency
 * and recency, calibration against hold-out, the CLV distribution and the top customers. Every
 * axis names its time unit.
 */
import { lit, sql } from '../../sql/sql';
import { BASE, type ChartDef } from '../chart-types';
import type { ClvConfig } from './config';

/** Frequencies above this share one column of the matrices. */
const MAX_X = 20;

function matrix(c: ClvConfig, id: string, field: 'p_alive' | 'expected', title: string, legend: string): ChartDef {
	const unit = c.period === 'weeks' ? 'weeks' : 'days';
	// About 20 recency bins whatever the unit.
	const bin = c.period === 'weeks' ? 4 : 30;
	return {
		id,
		title,
		query: (t) => sql`SELECT least(x, ${lit(MAX_X)}) AS x, CAST(floor(t_x / ${lit(bin)}) * ${lit(bin)} AS DOUBLE) AS recency,
	avg(p_alive) AS p_alive, avg(expected_purchases) AS expected, count(*) AS customers
FROM ${t} GROUP BY 1, 2`,
		spec: (rows) => ({
			...BASE,
			data: { values: rows },
			mark: { type: 'rect', tooltip: true },
			encoding: {
				x: { field: 'recency', type: 'ordinal', title: `Recency t_x: ${unit} from first to last purchase (bins of ${bin})` },
				y: { field: 'x', type: 'ordinal', sort: 'descending', title: `Repeat purchases x (${MAX_X} = ${MAX_X} or more)` },
				color: { field, type: 'quantitative', scale: { scheme: field === 'p_alive' ? 'greens' : 'blues' }, title: legend },
				tooltip: [
					{ field: 'x', title: 'Repeat purchases' },
					{ field: 'recency', title: `Recency from (${unit})` },
					{ field, title: legend, format: field === 'p_alive' ? '.1%' : '.2f' },
					{ field: 'customers', format: ',' }
				]
			}
		}),
		drill: (d, t) =>
			typeof d.x === 'number' && typeof d.recency === 'number'
				? {
						label: `x = ${d.x}${d.x === MAX_X ? '+' : ''}, recency ${d.recency}–${d.recency + bin} ${unit}`,
						query: sql`SELECT * FROM ${t} WHERE least(x, ${lit(MAX_X)}) = ${lit(d.x)} AND t_x >= ${lit(d.recency)} AND t_x < ${lit(d.recency + bin)} ORDER BY clv DESC NULLS LAST`
					}
				: null
	};
}

/** The lifetime-value cell's charts. */
export function clvCharts(c: ClvConfig): ChartDef[] {
	const unit = c.period === 'weeks' ? 'weeks' : 'days';
	const charts: ChartDef[] = [
		matrix(c, 'p-alive', 'p_alive', 'Probability a customer is still active, by frequency and recency', 'P(alive)'),
		matrix(c, 'expected', 'expected', `Expected purchases in the next ${c.horizon} ${unit}, by frequency and recency`, `Purchases in ${c.horizon} ${unit}`)
	];
	if (c.holdoutEnd) {
		charts.push({
			id: 'holdout',
			title: `Hold-out check: purchases actually made after ${c.calibrationEnd} against the model's prediction, by repeat purchases in calibration`,
			query: (t) => sql`SELECT least(x, 7) AS x, avg(x_holdout) AS actual, avg(expected_holdout) AS predicted, count(*) AS customers
FROM ${t} GROUP BY 1 ORDER BY 1`,
			spec: (rows) => ({
				...BASE,
				data: { values: rows },
				transform: [{ fold: ['actual', 'predicted'], as: ['series', 'purchases'] }],
				mark: { type: 'line', point: true, tooltip: true },
				encoding: {
					x: { field: 'x', type: 'ordinal', title: 'Repeat purchases in calibration (7 = 7 or more)' },
					y: { field: 'purchases', type: 'quantitative', title: 'Mean purchases per customer in the hold-out' },
					color: { field: 'series', type: 'nominal', scale: { domain: ['actual', 'predicted'], range: ['#1f2937', '#2657d9'] }, title: null },
					tooltip: [{ field: 'x' }, { field: 'series' }, { field: 'purchases', format: '.3f' }, { field: 'customers', format: ',' }]
				}
			})
		});
	}
	charts.push(
		{
			id: 'tracking',
			title: `Cumulative repeat purchases per ${c.period === 'weeks' ? 'week' : 'day'}: actual against the model (the line marks the calibration end)`,
			query: () => sql`SELECT period_end, actual, expected, calibration_end FROM clv_tracking ORDER BY period_end`,
			spec: (rows) => ({
				...BASE,
				data: { values: rows },
				layer: [
					{
						transform: [{ fold: ['actual', 'expected'], as: ['series', 'purchases'] }],
						mark: { type: 'line', tooltip: true },
						encoding: {
							x: { field: 'period_end', type: 'temporal', title: null },
							y: { field: 'purchases', type: 'quantitative', title: 'Repeat purchases so far (purchase days)' },
							color: { field: 'series', type: 'nominal', scale: { domain: ['actual', 'expected'], range: ['#1f2937', '#2657d9'] }, title: null },
							strokeDash: { field: 'series', type: 'nominal', scale: { domain: ['actual', 'expected'], range: [[1, 0], [5, 3]] }, legend: null }
						}
					},
					{ mark: { type: 'rule', color: '#9ca3af' }, encoding: { x: { aggregate: 'max', field: 'calibration_end', type: 'temporal' } } }
				]
			})
		},
		{
			id: 'distribution',
			title: `CLV over the next ${c.clvMonths} months (${c.daysPerMonth}-day months, ${(c.monthlyDiscount * 100).toFixed(1)} % a month discount): customers per value band`,
			// Bands of equal width up to the 99th percentile; the long tail shares the last band.
			query: (t) => sql`WITH cap AS (SELECT quantile_cont(clv, 0.99) AS hi FROM ${t} WHERE clv IS NOT NULL),
banded AS (SELECT least(floor(clv / (SELECT greatest(hi, 0.01) / 20 FROM cap)), 20) AS band FROM ${t} WHERE clv IS NOT NULL)
SELECT band * (SELECT greatest(hi, 0.01) / 20 FROM cap) AS clv_from, count(*) AS customers FROM banded GROUP BY 1 ORDER BY 1`,
			spec: (rows) => ({
				...BASE,
				data: { values: rows },
				mark: { type: 'bar', tooltip: true },
				encoding: {
					x: { field: 'clv_from', type: 'quantitative', title: 'CLV from (currency of the file; the last bar holds the top 1 %)' },
					y: { field: 'customers', type: 'quantitative', title: 'Customers' },
					tooltip: [{ field: 'clv_from', format: ',.2f', title: 'CLV from' }, { field: 'customers', format: ',' }]
				}
			})
		},
		{
			id: 'top',
			title: `Top 20 customers by CLV (${c.clvMonths} months)`,
			query: (t) => sql`SELECT customer_id, clv, p_alive, expected_purchases FROM ${t} WHERE clv IS NOT NULL ORDER BY clv DESC LIMIT 20`,
			spec: (rows) => ({
				...BASE,
				height: 360,
				data: { values: rows },
				mark: { type: 'bar', tooltip: true },
				encoding: {
					y: { field: 'customer_id', type: 'nominal', sort: '-x', title: null },
					x: { field: 'clv', type: 'quantitative', title: 'CLV' },
					tooltip: [
						{ field: 'customer_id', title: 'Customer' },
						{ field: 'clv', format: ',.2f', title: 'CLV' },
						{ field: 'p_alive', format: '.1%', title: 'P(alive)' },
						{ field: 'expected_purchases', format: '.2f', title: `Purchases in ${c.horizon} ${unit}` }
					]
				}
			}),
			drill: (d, t) =>
				typeof d.customer_id === 'string'
					? { label: `Customer ${d.customer_id}`, query: sql`SELECT * FROM ${t} WHERE customer_id = ${lit(d.customer_id)}` }
					: null
		}
	);
	return charts;
}
