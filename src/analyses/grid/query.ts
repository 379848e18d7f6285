/**
 * The value × potential grid: one row per customer with a purchase in the window, their net
 * spend (present value), their potential, both tiers and the grid tier with its suggested
 * action. A pure function of the config. Present value is the customer's net spend in the
 * window before the analysis date, the same figure as RFM's monetary (total); potential is the
 * lifetime-value cell's `clv` (0 for customers it has no estimate for) or, from recent
 * frequency, orders in the last `recentDays` days × `horizonDays` / `recentDays`.
 */
import { t } from '../../i18n/t';
import { dateLit, ident, join, lit, raw, sql, type Sql } from '../../sql/sql';
import { IS_PURCHASE, ORDERS, windowed } from '../purchases';
import type { GridConfig } from './config';
import { GRID_TIER_KEYS, GRID_TIERS, LEVELS, NOT_YET } from './tiers';

/** Columns of the result, in order (stable: exports and saved notebooks rely on them). */
export const GRID_COLUMNS = [
	'customer_id',
	'net_spend',
	'potential',
	'value_tier',
	'potential_tier',
	'tier',
	'action'
] as const;

/** The lifetime-value cell's result table, read when potential comes from it. */
export const CLV_TABLE = 'clv';

/** The analysis date: the configured day, or the day after the last purchase in the window. */
function asOfSql(c: GridConfig): Sql {
	return c.analysisDate
		? dateLit(c.analysisDate)
		: sql`(SELECT CAST(max(order_ts) AS DATE) + 1 FROM ${windowed(c.windowStart, c.windowEnd)} WHERE ${IS_PURCHASE})`;
}

/** Net spend and potential per customer with a purchase in the window before the analysis date. */
function measured(c: GridConfig): Sql {
	// As in RFM: only a date that was set cuts rows (after the default one there can only be
	// refunds of no order, and they count).
	const beforeAsOf = c.analysisDate ? raw('WHERE order_ts < (SELECT day FROM as_of)') : raw('');
	const potential =
		c.potential === 'clv'
			? sql`SELECT customer_id, COALESCE(v.clv, 0) AS potential FROM spent LEFT JOIN ${ident(CLV_TABLE)} v USING (customer_id)`
			: sql`SELECT s.customer_id, round(COALESCE(r.recent_orders, 0) * ${lit(c.horizonDays)} / ${lit(c.recentDays)}, 2) AS potential
	FROM spent s LEFT JOIN (
		SELECT customer_id, count(DISTINCT order_id) AS recent_orders FROM ${ORDERS}
		WHERE ${IS_PURCHASE} AND order_ts < (SELECT day FROM as_of)
			AND order_ts >= (SELECT day FROM as_of) - ${lit(c.recentDays)}
		GROUP BY 1
	) r USING (customer_id)`;
	return sql`as_of AS (SELECT ${asOfSql(c)} AS day), orders AS (
	SELECT customer_id, order_id, bool_or(${IS_PURCHASE}) AS purchase, sum(amount) AS spend
	FROM (SELECT * FROM ${windowed(c.windowStart, c.windowEnd)} ${beforeAsOf}) AS tx
	GROUP BY customer_id, order_id
), spent AS (
	SELECT customer_id, round(sum(spend), 2) AS net_spend FROM orders
	GROUP BY customer_id HAVING bool_or(purchase)
), potentials AS (
	${potential}
), measured AS (
	SELECT customer_id, s.net_spend, p.potential FROM spent s JOIN potentials p USING (customer_id)
)`;
}

/** high / medium / low from two cut points: ≤ the first is low, ≤ the second medium, above high. */
function level(value: Sql, low: Sql, high: Sql): Sql {
	return sql`CASE WHEN ${value} <= ${low} THEN 'low' WHEN ${value} <= ${high} THEN 'medium' ELSE 'high' END`;
}

/** The typed cut points, or the tertiles (continuous quantiles at 1/3 and 2/3) of the customers. */
function cuts(column: string, typed: number[] | null): [Sql, Sql] {
	if (typed) return [lit(typed[0]), lit(typed[1])];
	const q = (p: string) => sql`quantile_cont(${ident(column)}, ${raw(p)}) OVER ()`;
	return [q('1 / 3'), q('2 / 3')];
}

/**
 * The ABC class of net spend as a level: largest first (ties by id), A while the share before
 * the customer is under `abcA`, B under `abcB`, C after; net spend of zero or less is C.
 */
function abcLevel(c: GridConfig): Sql {
	const running = raw(
		'sum(greatest(net_spend, 0)) OVER (ORDER BY net_spend DESC, customer_id ROWS UNBOUNDED PRECEDING)'
	);
	const total = raw('sum(greatest(net_spend, 0)) OVER ()');
	const before = sql`COALESCE((${running} - greatest(net_spend, 0)) / NULLIF(${total}, 0), 0)`;
	return sql`CASE WHEN net_spend <= 0 THEN 'low' WHEN ${before} < ${lit(c.abcA)} THEN 'high' WHEN ${before} < ${lit(c.abcB)} THEN 'medium' ELSE 'low' END`;
}

/** The grid tier from the two levels. */
const TIER_OF: Sql = sql`CASE ${join(
	LEVELS.flatMap((v) =>
		LEVELS.map(
			(p) =>
				sql`WHEN value_tier = ${lit(v)} AND potential_tier = ${lit(p)} THEN ${lit(GRID_TIERS[v][p])}`
		)
	),
	raw(' ')
)} END`;

/** The suggested action of the tier in `column`, in the language of the moment. */
function actionOf(column: Sql): Sql {
	const whens = GRID_TIER_KEYS.map(
		(key) => sql`WHEN ${lit(key)} THEN ${lit(t(`grid.action_${key}`))}`
	);
	return sql`CASE ${column} ${join(whens, raw(' '))} ELSE '' END`;
}

function gridAt(c: GridConfig): Sql {
	const [valueLow, valueHigh] = cuts('net_spend', c.valueCuts);
	const [potentialLow, potentialHigh] = cuts('potential', c.potentialCuts);
	const valueTier = c.value === 'abc' ? abcLevel(c) : level(raw('net_spend'), valueLow, valueHigh);
	return sql`WITH ${measured(c)}, tiered AS (
	SELECT customer_id, net_spend, potential,
		${valueTier} AS value_tier,
		${level(raw('potential'), potentialLow, potentialHigh)} AS potential_tier
	FROM measured
)
SELECT customer_id, net_spend, potential, value_tier, potential_tier, ${TIER_OF} AS tier
FROM tiered`;
}

/**
 * The SQL that builds the grid table. With a comparison date, each customer also gets the tier
 * they were in then (`tier_before`, cut on the population of that day, potential from recent
 * orders since the lifetime-value fit has no earlier date; `not_yet` before a first purchase).
 */
export function gridQuery(c: GridConfig): Sql {
	const now = gridAt(c);
	if (!c.compareDate) {
		return sql`SELECT *, ${actionOf(raw('tier'))} AS action FROM (${now}) AS grid ORDER BY customer_id`;
	}
	// Cut points typed for the lifetime value would not fit counts of orders: tertiles then.
	const before = gridAt({
		...c,
		analysisDate: c.compareDate,
		potential: 'recent',
		potentialCuts: c.potential === 'recent' ? c.potentialCuts : null
	});
	return sql`WITH now AS (${now}), before AS (${before})
SELECT now.*, ${actionOf(raw('now.tier'))} AS action, COALESCE(before.tier, ${lit(NOT_YET)}) AS tier_before
FROM now LEFT JOIN before USING (customer_id)
ORDER BY customer_id`;
}
