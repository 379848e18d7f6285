/**
 * Personas: for every segment (or stage), its size, share of customers and of revenue, average
 * order value, median days between orders, top products and recommended action. Orders and
 * gaps count purchases only; revenue is net of refunds, as everywhere.
 */
import { ident, raw, sql, type Sql } from '../../sql/sql';
import { CUSTOMERS, IS_PURCHASE, LINES, ORDERS } from '../purchases';
import type { PersonasConfig } from './config';

export const PERSONA_COLUMNS = [
	'segment',
	'customers',
	'customer_share',
	'revenue',
	'revenue_share',
	'avg_order_value',
	'median_days_between_orders',
	'top_products',
	'action'
] as const;

function groups(c: PersonasConfig): Sql {
	if (c.source === 'rfm') return raw('SELECT customer_id, segment AS grp, action FROM rfm');
	if (c.source === 'clusters')
		return raw("SELECT customer_id, cluster_name AS grp, '' AS action FROM clusters");
	return raw("SELECT customer_id, stage AS grp, '' AS action FROM lifecycle");
}

/** Transactions of the grouped customers, each row with its group: only the columns asked for. */
function groupedTransactions(c: PersonasConfig, columns: Sql): Sql {
	return sql`SELECT ${columns}, g.grp FROM ${LINES} t JOIN (${groups(c)}) g USING (customer_id)`;
}

/**
 * The SQL of the personas table. Gaps are worked out per customer from the per-order table and
 * only then joined to the groups (joining every order to its group first made the orders, their
 * gaps and sums carry the group's name: a third of the query's time); revenue and orders come
 * summed per customer from the loader (summing the per-order table again was a quarter of the
 * query's time at 1M rows); only the top products need every line.
 */
export function personasQuery(c: PersonasConfig): Sql {
	return sql`WITH grouped AS (${groups(c)}),
orders AS (
	SELECT customer_id, order_id, min(order_ts) AS ts FROM ${ORDERS} WHERE ${IS_PURCHASE} GROUP BY 1, 2
), gaps AS (
	SELECT customer_id, date_diff('day', lag(ts) OVER (PARTITION BY customer_id ORDER BY ts), ts) AS gap FROM orders
), gap_stats AS (
	SELECT g.grp, median(x.gap) AS median_days_between_orders
	FROM gaps x JOIN grouped g USING (customer_id) WHERE x.gap IS NOT NULL GROUP BY 1
), money AS (
	-- The loader's per-customer sums: net revenue and orders with a purchase, as counted above.
	SELECT g.grp, count(*) AS customers, round(sum(s.spend), 2) AS revenue, sum(s.orders) AS orders
	FROM ${CUSTOMERS} s JOIN grouped g USING (customer_id)
	GROUP BY 1
), products AS (
	SELECT grp, array_to_string(list(product_id ORDER BY revenue DESC, product_id)[1:3], ', ') AS top_products
	FROM (
		SELECT g.grp, t.product_id, sum(t.amount) AS revenue
		FROM ${LINES} t JOIN grouped g USING (customer_id) WHERE t.product_id IS NOT NULL GROUP BY 1, 2
	)
	GROUP BY 1
), actions AS (
	SELECT grp, any_value(action) AS action FROM grouped GROUP BY 1
)
SELECT m.grp AS segment, m.customers,
	round(m.customers / sum(m.customers) OVER (), 4) AS customer_share,
	m.revenue,
	round(m.revenue / NULLIF(sum(m.revenue) OVER (), 0), 4) AS revenue_share,
	round(m.revenue / NULLIF(m.orders, 0), 2) AS avg_order_value,
	g.median_days_between_orders,
	COALESCE(p.top_products, '') AS top_products,
	COALESCE(a.action, '') AS action
FROM money m
LEFT JOIN gap_stats g USING (grp)
LEFT JOIN products p USING (grp)
LEFT JOIN actions a USING (grp)
ORDER BY m.revenue DESC`;
}

/**
 * The mix of an attribute's values (the 8 most common) in each group, against the whole base:
 * lift = share in the group / share overall, counted over customer–value pairs.
 */
export function attributeLiftQuery(c: PersonasConfig, attribute: string): Sql {
	return sql`WITH pairs AS (
	SELECT DISTINCT customer_id, grp, CAST(${ident(attribute)} AS VARCHAR) AS value
	FROM (${groupedTransactions(c, sql`customer_id, t.${ident(attribute)}`)}) WHERE ${ident(attribute)} IS NOT NULL
), overall AS (
	SELECT value, count(*) / sum(count(*)) OVER () AS overall_share FROM pairs GROUP BY 1
), top_values AS (
	SELECT value FROM overall ORDER BY overall_share DESC, value LIMIT 8
), per_group AS (
	SELECT grp, value, count(*) / sum(count(*)) OVER (PARTITION BY grp) AS share FROM pairs GROUP BY 1, 2
)
SELECT g.grp AS segment, g.value, round(g.share, 4) AS share, round(o.overall_share, 4) AS overall_share,
	round(g.share / o.overall_share, 2) AS lift
FROM per_group g JOIN overall o USING (value)
WHERE g.value IN (SELECT value FROM top_values)`;
}
