/**
 * ABC classes: items (customers or products) sorted by the measure, largest first (ties by id,
 * so the order is stable). Cumulative method, crossing `within` (the default): an item is A
 * while the share of the measure before it is under the A bound, so the item that crosses 80 %
 * is still A and the largest item is always A. Crossing `next`: an item is A when its own
 * cumulative share (as the table shows it, 6 decimals) is at most the A bound, so the crossing
 * item is B and A holds at most 80 %. B likewise with the B bound. Rank method: by the item's
 * rank as a share of all items. Items whose measure is zero or negative are always C.
 */
import { lit, raw, sql, type Sql } from '../../sql/sql';
import { CUSTOMERS, IS_PURCHASE, LINES, ORDERS, windowed } from '../purchases';
import type { AbcConfig } from './config';

export const ABC_COLUMNS = ['id', 'measure', 'rank', 'cumulative_share', 'class'] as const;

const MEASURES: Record<AbcConfig['measure'], Sql> = {
	revenue: raw('sum(amount)'),
	orders: sql`count(DISTINCT order_id) FILTER (WHERE ${IS_PURCHASE})`,
	quantity: raw('COALESCE(sum(quantity), 0)')
};

/** Extra columns of the product table when the XYZ split is on. */
export const XYZ_COLUMNS = ['cov', 'xyz'] as const;

/**
 * XYZ: the coefficient of variation (population standard deviation / mean) of each product's
 * monthly quantity over every month of the data, months without sales counting as 0; without
 * a quantity column each line counts as one unit. X ≤ xBound < Y ≤ yBound < Z; a product whose
 * net quantity is negative (more returned than sold) has no meaningful variation and is Z.
 */
function xyzColumns(c: AbcConfig): { ctes: Sql; select: Sql; join: Sql } {
	const month = raw("CAST(date_trunc('month', order_ts) AS DATE)");
	return {
		ctes: sql`, span AS (
	SELECT min(${month}) AS lo, max(${month}) AS hi FROM ${windowed(c.windowStart, c.windowEnd, LINES)}
), months AS (
	SELECT CAST(range AS DATE) AS m FROM span, range(lo, hi + INTERVAL 1 MONTH, INTERVAL 1 MONTH)
), monthly AS (
	SELECT product_id AS id, ${month} AS m, sum(COALESCE(quantity, 1)) AS q
	FROM ${windowed(c.windowStart, c.windowEnd, LINES)} WHERE product_id IS NOT NULL GROUP BY 1, 2
), filled AS (
	SELECT i.id, ms.m, COALESCE(mo.q, 0) AS q
	FROM (SELECT DISTINCT id FROM monthly) i CROSS JOIN months ms LEFT JOIN monthly mo ON mo.id = i.id AND mo.m = ms.m
), variation AS (
	SELECT id, round(stddev_pop(q) / NULLIF(avg(q), 0), 4) AS cov FROM filled GROUP BY 1
)`,
		select: sql`, v.cov, CASE WHEN v.cov IS NULL OR v.cov < 0 THEN 'Z' WHEN v.cov <= ${lit(c.xBound)} THEN 'X' WHEN v.cov <= ${lit(c.yBound)} THEN 'Y' ELSE 'Z' END AS xyz`,
		join: raw(' LEFT JOIN variation v USING (id)')
	};
}

/** Per-customer totals the loader already summed, for customers over the whole history. */
const SUMMED: Partial<Record<AbcConfig['measure'], Sql>> = {
	revenue: raw('spend'),
	quantity: raw('COALESCE(quantity, 0)')
};

/** Each item and its measure. */
function perItem(c: AbcConfig): Sql {
	const summed = SUMMED[c.measure];
	if (c.subject === 'customers' && summed && c.windowStart === null && c.windowEnd === null) {
		return sql`
	SELECT customer_id AS id, round(${summed}, 2) AS measure FROM ${CUSTOMERS} WHERE customer_id IS NOT NULL
`;
	}
	const id = c.subject === 'products' ? raw('product_id') : raw('customer_id');
	return sql`
	SELECT ${id} AS id, round(${MEASURES[c.measure]}, 2) AS measure
	FROM ${windowed(c.windowStart, c.windowEnd, c.subject === 'products' ? LINES : ORDERS)}
	WHERE ${id} IS NOT NULL
	GROUP BY 1
`;
}

/** The SQL that builds an ABC table. */
export function abcQuery(c: AbcConfig): Sql {
	const xyz = c.subject === 'products' && c.xyz ? xyzColumns(c) : null;
	const classOf =
		c.method === 'rank'
			? sql`CASE WHEN measure <= 0 THEN 'C' WHEN rank <= ${lit(c.a)} * n THEN 'A' WHEN rank <= ${lit(c.b)} * n THEN 'B' ELSE 'C' END`
			: c.crossing === 'next'
				? sql`CASE WHEN measure <= 0 THEN 'C' WHEN round(cumulative_share, 6) <= ${lit(c.a)} THEN 'A' WHEN round(cumulative_share, 6) <= ${lit(c.b)} THEN 'B' ELSE 'C' END`
				: sql`CASE WHEN measure <= 0 THEN 'C' WHEN share_before < ${lit(c.a)} THEN 'A' WHEN share_before < ${lit(c.b)} THEN 'B' ELSE 'C' END`;
	return sql`WITH per_item AS (${perItem(c)}), ranked AS (
	SELECT id, measure,
		row_number() OVER (ORDER BY measure DESC, id) AS rank,
		count(*) OVER () AS n,
		sum(greatest(measure, 0)) OVER (ORDER BY measure DESC, id ROWS UNBOUNDED PRECEDING) AS running,
		sum(greatest(measure, 0)) OVER () AS total
	FROM per_item
), shared AS (
	SELECT *, COALESCE(running / NULLIF(total, 0), 0) AS cumulative_share,
		COALESCE((running - greatest(measure, 0)) / NULLIF(total, 0), 0) AS share_before
	FROM ranked
)${xyz ? xyz.ctes : raw('')}
SELECT id, measure, rank, round(cumulative_share, 6) AS cumulative_share, ${classOf} AS class${xyz ? xyz.select : raw('')}
FROM shared${xyz ? xyz.join : raw('')}
ORDER BY rank`;
}
