/**
 * Lifecycle stages. At a given day, from the purchases before it (refunds are not purchases):
 * churned when the last purchase is older than the churn window; at risk when older than the
 * active window; otherwise new (first purchase within the new window), reactivated (the gap
 * before the last purchase was longer than the churn window), loyal (at least K orders) or
 * active. Value tiers: top 20 % of spenders high, next 30 % medium, the rest low. With a customer
 * list loaded, listed ids without any purchase are "potential".
 */
import { dateLit, lit, raw, sql, type Sql } from '../../sql/sql';
import { IS_PURCHASE, ORDERS } from '../purchases';
import type { LifecycleConfig } from './config';

export const LIFECYCLE_COLUMNS = [
	'customer_id',
	'first_purchase',
	'last_purchase',
	'orders',
	'days_since_last',
	'spend',
	'stage',
	'value_tier',
	'stage_before'
] as const;

/** Stage keys in funnel order (stable: exports and saved notebooks use them). */
export const STAGES = [
	'potential',
	'new',
	'active',
	'loyal',
	'reactivated',
	'at_risk',
	'churned'
] as const;

/** The analysis date: the configured day, or the day after the last purchase. */
export function lifecycleDate(c: LifecycleConfig): Sql {
	return c.analysisDate
		? dateLit(c.analysisDate)
		: sql`(SELECT CAST(max(order_ts) AS DATE) + 1 FROM ${ORDERS} WHERE ${IS_PURCHASE})`;
}

function compareDate(c: LifecycleConfig): Sql {
	return c.compareDate
		? dateLit(c.compareDate)
		: sql`(${lifecycleDate(c)} - INTERVAL 90 DAY)::DATE`;
}

/**
 * Each customer's stage as of the day `at` names in `dates` (exclusive), from `per_customer`:
 * their first purchase day, and for that day the two latest purchase days before it and the
 * orders before it.
 */
function stagesAt(c: LifecycleConfig, at: 'now' | 'before'): Sql {
	const day = sql`(SELECT ${raw(at)} FROM dates)`;
	const [last, orders] = [raw(`last_${at}`), raw(`orders_${at}`)];
	return sql`(
	SELECT customer_id, first_day, ${last}[1] AS last_day, ${orders} AS orders,
		date_diff('day', ${last}[1], ${day}) AS days_since_last,
		CASE
			WHEN date_diff('day', ${last}[1], ${day}) > ${lit(c.churnDays)} THEN 'churned'
			WHEN date_diff('day', ${last}[1], ${day}) > ${lit(c.activeDays)} THEN 'at_risk'
			WHEN date_diff('day', first_day, ${day}) <= ${lit(c.newDays)} THEN 'new'
			-- The gap before the last purchase day (none with a single day).
			WHEN date_diff('day', ${last}[2], ${last}[1]) > ${lit(c.churnDays)} THEN 'reactivated'
			WHEN ${orders} >= ${lit(c.loyalOrders)} THEN 'loyal'
			ELSE 'active'
		END AS stage
	FROM per_customer WHERE ${orders} IS NOT NULL
)`;
}

/**
 * The lifecycle table: stage now, stage at the comparison date, value tier. One pass over the
 * purchase days serves both days: each customer's two latest days before each (max(d, 2)), in
 * place of a window over every day, which is far slower.
 */
export function lifecycleQuery(c: LifecycleConfig): Sql {
	const now = lifecycleDate(c);
	const before = (at: 'now' | 'before') => sql`FILTER (WHERE d < (SELECT ${raw(at)} FROM dates))`;
	// Only a date that was set cuts spend: after the default one there can be nothing but refunds
	// of no order, and they count, as in RFM and ABC.
	const spendBefore = c.analysisDate ? raw('WHERE order_ts < (SELECT now FROM dates)') : raw('');
	return sql`WITH dates AS (SELECT ${now} AS now, ${compareDate(c)} AS before),
orders AS (
	SELECT DISTINCT customer_id, order_id, CAST(order_ts AS DATE) AS d FROM ${ORDERS}
	WHERE ${IS_PURCHASE} AND order_ts < (SELECT GREATEST(now, before) FROM dates)
), days AS (
	SELECT customer_id, d, count(*) AS orders FROM orders GROUP BY 1, 2
), per_customer AS (
	-- The first day is the same for both days: whoever bought before a day bought first then.
	SELECT customer_id, min(d) AS first_day,
		max(d, 2) ${before('now')} AS last_now, sum(orders) ${before('now')} AS orders_now,
		max(d, 2) ${before('before')} AS last_before, sum(orders) ${before('before')} AS orders_before
	FROM days GROUP BY 1
), now_stages AS ${stagesAt(c, 'now')},
before_stages AS ${stagesAt(c, 'before')},
spend AS (
	SELECT customer_id, round(sum(amount), 2) AS spend FROM ${ORDERS} ${spendBefore} GROUP BY 1
), tiers AS (
	SELECT customer_id, spend,
		CASE WHEN percent_rank() OVER (ORDER BY spend DESC) < 0.2 THEN 'high'
			WHEN percent_rank() OVER (ORDER BY spend DESC) < 0.5 THEN 'medium' ELSE 'low' END AS value_tier
	FROM spend
)
SELECT * FROM (
	SELECT n.customer_id, n.first_day AS first_purchase, n.last_day AS last_purchase, n.orders,
		n.days_since_last, t.spend, n.stage, t.value_tier, COALESCE(b.stage, 'not_yet') AS stage_before
	FROM now_stages n
	JOIN tiers t USING (customer_id)
	LEFT JOIN before_stages b USING (customer_id)${c.potentialList ? potentialRows(now) : raw('')}
)
ORDER BY customer_id`;
}

/** Listed customers with no purchase before the analysis date: the "potential" stage. */
function potentialRows(now: Sql): Sql {
	return sql`
	UNION ALL
	SELECT customer_id, NULL, NULL, 0, NULL, 0, 'potential', 'none', 'potential' FROM customer_list
	WHERE customer_id NOT IN (
		SELECT customer_id FROM ${ORDERS} WHERE ${IS_PURCHASE} AND order_ts < ${now}
	)`;
}

const STEP = { month: raw('INTERVAL 1 MONTH'), week: raw('INTERVAL 7 DAY') };
const TRUNC = { month: raw("'month'"), week: raw("'week'") };

/**
 * Growth accounting per period: new (first purchase), retained (active this and the previous
 * period), resurrected (active, not in the previous period, but earlier), dormant (active in
 * the previous period, not in this one; negative for the diverging chart), and the quick ratio
 * (new + resurrected) / dormant. The last period is `incomplete` when the data (any order row,
 * refunds included) stops before its last day, as in the cohort cell: its customers who will
 * still come back that period show as dormant, so the chart fades it instead of showing a drop.
 */
export function growthQuery(c: LifecycleConfig): Sql {
	const step = STEP[c.grain];
	const before = sql`CAST(p - ${step} AS DATE)`;
	const after = sql`CAST(p + ${step} AS DATE)`;
	// Each active period with the customer's previous and next one: one sort instead of three
	// joins of the activity with itself, which take longer.
	return sql`WITH act AS (
	SELECT DISTINCT customer_id, CAST(date_trunc(${TRUNC[c.grain]}, order_ts) AS DATE) AS p
	FROM ${ORDERS} WHERE ${IS_PURCHASE}
), seq AS (
	SELECT p, lag(p) OVER w AS prev_p, lead(p) OVER w AS next_p
	FROM act WINDOW w AS (PARTITION BY customer_id ORDER BY p)
),
bounds AS (
	SELECT min(p) AS lo, max(p) AS hi, (SELECT CAST(max(order_ts) AS DATE) FROM ${ORDERS}) AS last_day
	FROM act
),
periods AS (SELECT CAST(range AS DATE) AS p FROM bounds, range(lo, hi + ${step}, ${step})),
flags AS (
	SELECT p,
		count(*) FILTER (WHERE prev_p IS NULL) AS new,
		count(*) FILTER (WHERE prev_p = ${before}) AS retained,
		count(*) FILTER (WHERE prev_p < ${before}) AS resurrected
	FROM seq GROUP BY p
), dormant AS (
	SELECT ${after} AS p, count(*) AS dormant FROM seq
	WHERE (next_p IS NULL OR next_p > ${after}) AND p < (SELECT hi FROM bounds)
	GROUP BY 1
)
SELECT pr.p AS period, COALESCE(f.new, 0) AS new, COALESCE(f.retained, 0) AS retained,
	COALESCE(f.resurrected, 0) AS resurrected, -COALESCE(d.dormant, 0) AS dormant,
	round((COALESCE(f.new, 0) + COALESCE(f.resurrected, 0)) / NULLIF(COALESCE(d.dormant, 0), 0), 2) AS quick_ratio,
	(pr.p = b.hi AND b.last_day + 1 < CAST(b.hi + ${step} AS DATE)) AS incomplete
FROM periods pr CROSS JOIN bounds b LEFT JOIN flags f USING (p) LEFT JOIN dormant d USING (p)
ORDER BY period`;
}

/**
 * Stage counts at the end of every period (the history behind the stacked area). A purchase day
 * d stays a customer's last one for the period ends E in (d, next purchase day e]; over that span
 * the stage runs new → active → at risk → churned, changing at t1 (the new window's end, from the
 * first purchase), t2 = d + active window and t3 = d + churn window, each cut short at e. Each
 * span adds one event per change, moving a customer from one stage to the next; running totals
 * read at each period end give the counts: no row per customer and period is ever built. Days are
 * integers here, and the four stages four columns rather than a row per stage and piece, which
 * was slower.
 */
export function stageHistoryQuery(c: LifecycleConfig): Sql {
	const step = STEP[c.grain];
	const [n, a, ch] = [lit(c.newDays), lit(c.activeDays), lit(c.churnDays)];
	const day = (date: Sql) => sql`CAST(${date} - DATE '1970-01-01' AS INTEGER)`;
	return sql`WITH days AS (
	SELECT customer_id, ${day(raw('CAST(order_ts AS DATE)'))} AS d FROM ${ORDERS} WHERE ${IS_PURCHASE} GROUP BY 1, 2
), spans AS MATERIALIZED (
	SELECT d AS t0, LEAST(t1, e) AS t1, LEAST(d + ${a}, e) AS t2, LEAST(d + ${ch}, e) AS t3, e FROM (
		SELECT d, LEAST(GREATEST(first_value(d) OVER w + ${n}, d), d + ${a}) AS t1, lead(d) OVER w AS e
		FROM days WINDOW w AS (PARTITION BY customer_id ORDER BY d)
	)
), events AS (
	-- Columns: the change in new, active, at risk and churned customers from day x on.
	SELECT t0 AS x, 1 AS n, 0 AS a, 0 AS r, 0 AS c FROM spans
	UNION ALL SELECT t1, -1, 1, 0, 0 FROM spans
	UNION ALL SELECT t2, 0, -1, 1, 0 FROM spans
	UNION ALL SELECT t3, 0, 0, -1, 1 FROM spans
	UNION ALL SELECT e, 0, 0, 0, -1 FROM spans WHERE e IS NOT NULL
), running AS (
	SELECT x, sum(sum(n)) OVER w AS n, sum(sum(a)) OVER w AS a, sum(sum(r)) OVER w AS r, sum(sum(c)) OVER w AS c
	FROM events GROUP BY x WINDOW w AS (ORDER BY x)
), bounds AS (
	SELECT CAST(date_trunc(${TRUNC[c.grain]}, DATE '1970-01-01' + min(d)) AS DATE) AS lo, DATE '1970-01-01' + max(d) AS hi
	FROM days
), ends AS (
	SELECT CAST(range + ${step} AS DATE) AS period_end FROM bounds, range(lo, hi, ${step})
), counts AS (
	-- Everything that happened before the period's end (a span starting on it counts from the next).
	SELECT g.period_end - INTERVAL 1 DAY AS period_end, r.n, r.a, r.r, r.c
	FROM (SELECT period_end, ${day(raw('period_end'))} AS e FROM ends) AS g ASOF JOIN running r ON g.e > r.x
)
SELECT period_end, stage, CAST(customers AS BIGINT) AS customers
FROM (UNPIVOT counts ON n AS 'new', a AS 'active', r AS 'at_risk', c AS 'churned' INTO NAME stage VALUE customers)
WHERE customers > 0
ORDER BY 1, 2`;
}
