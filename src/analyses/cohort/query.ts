/**
 * Acquisition cohorts: customers grouped by the period of their first purchase, and for every
 * later period k the share still buying, the revenue, and the cumulative revenue per customer.
 * Every (cohort, period) pair up to the end of the data is present, so an empty period shows
 * as 0, not as a gap; the period holding the last day of data is flagged as incomplete.
 */
import { dateLit, ident, lit, raw, sql, type Sql } from '../../sql/sql';
import { IS_PURCHASE, LINES, ORDERS, windowed } from '../purchases';
import type { CohortConfig } from './config';

export const COHORT_COLUMNS = [
	'cohort',
	'period',
	'cohort_size',
	'active_customers',
	'retention',
	'revenue',
	'cumulative_revenue_per_customer',
	'incomplete',
	'small_cohort'
] as const;

const GRAINS = { month: raw("'month'"), week: raw("'week'"), quarter: raw("'quarter'") };
const STEPS = {
	month: raw('INTERVAL 1 MONTH'),
	week: raw('INTERVAL 7 DAY'),
	quarter: raw('INTERVAL 3 MONTH')
};

/** Start of the period holding `ts`; DuckDB's weeks start on Monday, so Sunday shifts by a day. */
function periodStart(c: CohortConfig, ts: Sql): Sql {
	if (c.grain === 'week' && c.weekStart === 'sunday') {
		return sql`CAST(date_trunc('week', ${ts} + INTERVAL 1 DAY) - INTERVAL 1 DAY AS DATE)`;
	}
	return sql`CAST(date_trunc(${GRAINS[c.grain]}, ${ts}) AS DATE)`;
}

function periodsBetween(c: CohortConfig, from: Sql, to: Sql): Sql {
	return c.grain === 'week'
		? sql`CAST(date_diff('day', ${from}, ${to}) // 7 AS INTEGER)`
		: sql`CAST(date_diff(${GRAINS[c.grain]}, ${from}, ${to}) AS INTEGER)`;
}

/**
 * Activity per customer and period first, then per cohort and period: plain aggregations where
 * count(DISTINCT customer) per cell would be several times slower. Needs `activity`.
 */
const ROLLUPS = raw(`customer_periods AS (
	SELECT customer_id, cohort, period, bool_or(purchase) AS bought, sum(amount) AS revenue
	FROM activity GROUP BY 1, 2, 3
), per_period AS (
	SELECT cohort, period, count(*) FILTER (WHERE bought) AS active_customers, sum(revenue) AS revenue
	FROM customer_periods GROUP BY 1, 2
), last_counts AS (
	SELECT cohort, last_period, count(*) AS customers FROM (
		SELECT cohort, max(period) FILTER (WHERE bought) AS last_period FROM customer_periods GROUP BY customer_id, cohort
	) WHERE last_period IS NOT NULL GROUP BY 1, 2
)`);

/** Members still buying in period k or later: those whose last purchase period is k or more. */
function later(cells: Sql): Sql {
	return sql`later AS (
	SELECT g.cohort, g.period, COALESCE(sum(lc.customers), 0) AS still_active
	FROM ${cells} g LEFT JOIN last_counts lc ON lc.cohort = g.cohort AND lc.last_period >= g.period
	GROUP BY 1, 2
)`;
}

/** The customers of one cohort who bought in period k (the rows behind a matrix cell). */
export function cohortMembersQuery(c: CohortConfig, cohort: string, period: number): Sql {
	return sql`WITH tx AS (
	SELECT * FROM ${windowed(c.windowStart, c.windowEnd)}
), firsts AS (
	SELECT customer_id, ${periodStart(c, raw('min(order_ts)'))} AS cohort
	FROM tx WHERE ${IS_PURCHASE} GROUP BY 1
)
SELECT t.customer_id, count(DISTINCT t.order_id) AS orders_in_period, round(sum(t.amount), 2) AS spend_in_period,
	min(t.order_ts) AS first_order_in_period
FROM tx t JOIN firsts f USING (customer_id)
WHERE f.cohort = ${dateLit(cohort)} AND t.${IS_PURCHASE}
	AND ${periodsBetween(c, raw('f.cohort'), periodStart(c, raw('t.order_ts')))} = ${lit(period)}
GROUP BY 1 ORDER BY spend_in_period DESC`;
}

/**
 * Cohorts whose members start at different times: by an attribute of the first purchase, by its
 * product, or with periods of N days counted from each customer's own first order. Period k
 * counts only the members already k periods in (the "eligible" ones): cohort_size is that number
 * at each k, retention is active / eligible, and a period is incomplete when, for any member,
 * it runs past the last day of data.
 */
function memberCohortQuery(c: CohortConfig): Sql {
	const key =
		c.cohortBy === 'first_product'
			? raw('arg_min(product_id, order_ts)')
			: c.cohortBy === 'attribute'
				? sql`arg_min(CAST(${ident(c.attribute ?? '')} AS VARCHAR), order_ts)`
				: sql`CAST(${periodStart(c, raw('min(order_ts)'))} AS VARCHAR)`;
	const days = c.periods === 'days';
	const n = lit(c.windowDays);
	// Where each member's periods start, how many lie between two points, and where period k ends.
	const start = days ? raw('CAST(min(order_ts) AS DATE)') : periodStart(c, raw('min(order_ts)'));
	const between = (from: Sql, to: Sql) =>
		days
			? sql`CAST(date_diff('day', ${from}, ${to}) // ${n} AS INTEGER)`
			: periodsBetween(c, from, to);
	const periodEnd = (k: Sql) =>
		days
			? sql`CAST(m.start + CAST((${k} + 1) * ${n} AS INTEGER) AS DATE)`
			: sql`CAST(m.start + (${k} + 1) * ${STEPS[c.grain]} AS DATE)`;
	const active =
		c.retention === 'bracket'
			? raw('COALESCE(p.active_customers, 0)')
			: raw('COALESCE(l.still_active, 0)');
	// Products and attributes are on the lines; periods of days need only the orders.
	const from = c.cohortBy === 'first_purchase' ? ORDERS : LINES;
	return sql`WITH tx AS (
	SELECT * FROM ${windowed(c.windowStart, c.windowEnd, from)}
), members AS (
	SELECT customer_id, COALESCE(${key}, '(none)') AS cohort, ${start} AS start
	FROM tx WHERE ${IS_PURCHASE} GROUP BY 1
), bounds AS (
	SELECT CAST(max(order_ts) AS DATE) AS last_day FROM tx
), activity AS (
	SELECT m.customer_id, m.cohort, ${between(raw('m.start'), days ? raw('CAST(t.order_ts AS DATE)') : periodStart(c, raw('t.order_ts')))} AS period,
		t.amount, t.${IS_PURCHASE} AS purchase
	FROM tx t JOIN members m USING (customer_id)
), eligible AS (
	SELECT m.cohort, CAST(k.range AS INTEGER) AS period, count(*) AS cohort_size,
		bool_or(${periodEnd(raw('k.range'))} > b.last_day + 1) AS incomplete
	FROM members m, bounds b,
		range(0, ${between(raw('m.start'), days ? raw('b.last_day') : periodStart(c, raw('b.last_day')))} + 1) k
	GROUP BY 1, 2
), ${ROLLUPS}, last_purchase AS (
	SELECT customer_id, cohort, max(period) FILTER (WHERE purchase) AS last_period FROM activity GROUP BY 1, 2
), ${later(raw('eligible'))}, sizes AS (
	SELECT cohort, count(*) AS members FROM members GROUP BY 1
)
SELECT e.cohort, e.period, e.cohort_size,
	${active} AS active_customers,
	round(${active} / e.cohort_size, 4) AS retention,
	round(COALESCE(p.revenue, 0), 2) AS revenue,
	round(sum(COALESCE(p.revenue, 0)) OVER (PARTITION BY e.cohort ORDER BY e.period) / e.cohort_size, 2)
		AS cumulative_revenue_per_customer,
	e.incomplete,
	s.members < ${lit(c.minCohortSize)} AS small_cohort
FROM eligible e
JOIN sizes s USING (cohort)
LEFT JOIN per_period p ON p.cohort = e.cohort AND p.period = e.period
LEFT JOIN later l ON l.cohort = e.cohort AND l.period = e.period
ORDER BY e.cohort, e.period`;
}

/** The SQL that builds the cohort table (one row per cohort and period). */
export function cohortQuery(c: CohortConfig): Sql {
	if (c.cohortBy !== 'first_purchase' || c.periods === 'days') return memberCohortQuery(c);
	const active =
		c.retention === 'bracket'
			? raw('COALESCE(p.active_customers, 0)')
			: raw('COALESCE(l.still_active, 0)');
	return sql`WITH tx AS (
	SELECT * FROM ${windowed(c.windowStart, c.windowEnd)}
), firsts AS (
	SELECT customer_id, ${periodStart(c, raw('min(order_ts)'))} AS cohort
	FROM tx WHERE ${IS_PURCHASE} GROUP BY 1
), activity AS (
	SELECT t.customer_id, f.cohort, ${periodsBetween(c, raw('f.cohort'), periodStart(c, raw('t.order_ts')))} AS period,
		t.amount, t.${IS_PURCHASE} AS purchase
	FROM tx t JOIN firsts f USING (customer_id)
), ${ROLLUPS}, last_purchase AS (
	SELECT customer_id, cohort, max(period) FILTER (WHERE purchase) AS last_period FROM activity GROUP BY 1, 2
), sizes AS (
	SELECT cohort, count(*) AS cohort_size FROM firsts GROUP BY 1
), bounds AS (
	SELECT ${periodStart(c, raw('max(order_ts)'))} AS last_start, CAST(max(order_ts) AS DATE) AS last_day FROM tx
), grid AS (
	SELECT s.cohort, s.cohort_size, CAST(k.range AS INTEGER) AS period
	FROM sizes s, bounds b, range(0, ${periodsBetween(c, raw('s.cohort'), raw('b.last_start'))} + 1) k
), ${later(raw('grid'))}
SELECT g.cohort, g.period, g.cohort_size,
	${active} AS active_customers,
	round(${active} / g.cohort_size, 4) AS retention,
	round(COALESCE(p.revenue, 0), 2) AS revenue,
	round(sum(COALESCE(p.revenue, 0)) OVER (PARTITION BY g.cohort ORDER BY g.period) / g.cohort_size, 2)
		AS cumulative_revenue_per_customer,
	(g.cohort + g.period * ${STEPS[c.grain]} = b.last_start
		AND b.last_day + 1 < CAST(b.last_start + ${STEPS[c.grain]} AS DATE)) AS incomplete,
	g.cohort_size < ${lit(c.minCohortSize)} AS small_cohort
FROM grid g
CROSS JOIN bounds b
LEFT JOIN per_period p ON p.cohort = g.cohort AND p.period = g.period
LEFT JOIN later l ON l.cohort = g.cohort AND l.period = g.period
ORDER BY g.cohort, g.period`;
}
