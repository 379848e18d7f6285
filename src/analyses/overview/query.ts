/**
 * The overview's numbers, as three small queries over the tables the loader and the RFM cell
 * keep. Revenue is everywhere the net amount (refunds taken off), as in the quality report; the
 * customers are those with a purchase, as in the RFM cell; a month-1 cohort is counted as the
 * cohort cell counts it with its defaults (calendar months, bought in that month).
 */
import { ident, lit, sql, type Sql } from '../../sql/sql';
import { CUSTOMERS, IS_PURCHASE, ORDERS } from '../purchases';

/** "Loyal" in the lapsed-loyal finding: at least this many orders. */
export const LOYAL_ORDERS = 5;
/** "Lapsed" in the lapsed-loyal finding: no purchase for at least this many days. */
export const LAPSED_DAYS = 180;
/** The share of customers the concentration tile counts from the top. */
export const TOP_SHARE = 0.2;
/** The share of revenue the concentration finding reaches. */
export const PARETO_REVENUE = 0.8;
/** Month-1 retention of this many recent complete cohorts, and as many before them. */
export const COHORTS_COMPARED = 3;

/**
 * One row: the headline figures. `customers` bought at least once; `all_customers` also counts
 * those with refunds only (the quality report's count). `pareto_customers` is the fewest
 * customers, biggest first, whose net reaches `PARETO_REVENUE` of the buyers' net.
 */
export function headlineQuery(): Sql {
	return sql`WITH buyers AS (
	SELECT customer_id, orders, spend, last_purchase_ts FROM ${CUSTOMERS} WHERE orders > 0
), as_of AS (
	-- The RFM cell's default analysis date: the day after the last purchase.
	SELECT CAST(max(last_purchase_ts) AS DATE) + 1 AS day FROM buyers
), ranked AS (
	SELECT row_number() OVER biggest AS rank, sum(spend) OVER biggest AS running
	FROM buyers WINDOW biggest AS (ORDER BY spend DESC, customer_id ROWS UNBOUNDED PRECEDING)
), totals AS (
	SELECT count(*) AS customers,
		COALESCE(sum(spend), 0) AS buyers_revenue,
		count(*) FILTER (WHERE orders >= 2) AS repeat_customers,
		COALESCE(sum(spend) FILTER (WHERE orders >= 2), 0) AS repeat_revenue,
		count(*) FILTER (WHERE orders >= ${lit(LOYAL_ORDERS)}
			AND date_diff('day', CAST(last_purchase_ts AS DATE), (SELECT day FROM as_of)) >= ${lit(LAPSED_DAYS)}) AS lapsed_loyal,
		COALESCE(sum(spend) FILTER (WHERE orders >= ${lit(LOYAL_ORDERS)}
			AND date_diff('day', CAST(last_purchase_ts AS DATE), (SELECT day FROM as_of)) >= ${lit(LAPSED_DAYS)}), 0) AS lapsed_loyal_revenue
	FROM buyers
), orders AS (
	SELECT count(DISTINCT order_id) AS orders, epoch_ms(min(order_ts)) AS first_order,
		epoch_ms(max(order_ts)) AS last_order, COALESCE(sum(amount), 0) AS revenue
	FROM ${ORDERS}
)
SELECT t.customers, (SELECT count(*) FROM ${CUSTOMERS}) AS all_customers, o.revenue, o.orders,
	o.first_order, o.last_order, t.buyers_revenue, t.repeat_customers, t.repeat_revenue,
	(SELECT sum(running) FILTER (WHERE rank = CAST(ceil(t.customers * ${lit(TOP_SHARE)}) AS BIGINT)) FROM ranked) AS top_revenue,
	(SELECT min(rank) FILTER (WHERE running >= t.buyers_revenue * ${lit(PARETO_REVENUE)}) FROM ranked) AS pareto_customers,
	t.lapsed_loyal, t.lapsed_loyal_revenue
FROM totals t, orders o`;
}

/**
 * Month-1 retention of the latest `2 × COHORTS_COMPARED` monthly cohorts whose month 1 has
 * ended (newest first): cohort start, customers, and how many of them bought in the next
 * calendar month. Month 1 ends with the data when the data's last day is that month's last.
 */
export function retentionQuery(): Sql {
	return sql`WITH firsts AS (
	SELECT customer_id, CAST(date_trunc('month', min(order_ts)) AS DATE) AS cohort
	FROM ${ORDERS} WHERE ${IS_PURCHASE} GROUP BY 1
), bounds AS (
	SELECT CAST(date_trunc('month', max(order_ts)) AS DATE) AS last_start, CAST(max(order_ts) AS DATE) AS last_day
	FROM ${ORDERS}
), month_one AS (
	SELECT DISTINCT o.customer_id FROM ${ORDERS} o JOIN firsts f USING (customer_id)
	WHERE o.${IS_PURCHASE} AND CAST(date_trunc('month', o.order_ts) AS DATE) = f.cohort + INTERVAL 1 MONTH
)
SELECT strftime(f.cohort, '%Y-%m-%d') AS cohort, count(*) AS cohort_size, count(m.customer_id) AS retained
FROM firsts f LEFT JOIN month_one m USING (customer_id), bounds b
WHERE f.cohort + INTERVAL 1 MONTH < b.last_start
	OR (f.cohort + INTERVAL 1 MONTH = b.last_start AND b.last_day + 1 >= b.last_start + INTERVAL 1 MONTH)
GROUP BY f.cohort ORDER BY f.cohort DESC LIMIT ${lit(2 * COHORTS_COMPARED)}`;
}

/**
 * One row per segment of the RFM cell's table (`table`, `rfm`): its customers and their share, their net
 * revenue and its share, and their average recency, frequency and net spend. Biggest revenue
 * first. Shares are of the RFM table, as in the RFM cell's segment chart.
 */
export function segmentsQuery(table = 'rfm'): Sql {
	return sql`SELECT r.segment, count(*) AS customers,
	count(*) / sum(count(*)) OVER () AS customer_share,
	COALESCE(sum(s.spend), 0) AS revenue,
	COALESCE(sum(s.spend), 0) / NULLIF(sum(COALESCE(sum(s.spend), 0)) OVER (), 0) AS revenue_share,
	avg(r.recency_days) AS avg_recency, avg(r.frequency) AS avg_frequency, COALESCE(avg(s.spend), 0) AS avg_spend
FROM ${ident(table)} r LEFT JOIN ${CUSTOMERS} s USING (customer_id)
GROUP BY r.segment ORDER BY revenue DESC, r.segment`;
}
