/**
 * ABC classes: items (customers or products) sorted by the measure, largest first (ties by id,
 * so the order is stable). Cumulative method: an item is A while the share of the measure
 * before it is under the A bound, so the item that crosses 80 % is still A and the largest item
 * is always A. Rank method: by the item's rank as a share of all items. Items whose measure is
 * zero or negative are always C.
 */
import { lit, raw, sql, type Sql } from '../../sql/sql';
import { IS_PURCHASE, windowed } from '../purchases';
import type { AbcConfig } from './config';

export const ABC_COLUMNS = ['id', 'measure', 'rank', 'cumulative_share', 'class'] as const;

const MEASURES: Record<AbcConfig['measure'], Sql> = {
	revenue: raw('sum(amount)'),
	orders: sql`count(DISTINCT order_id) FILTER (WHERE ${IS_PURCHASE})`,
	quantity: raw('COALESCE(sum(quantity), 0)')
};

/** The SQL that builds an ABC table. */
export function abcQuery(c: AbcConfig): Sql {
	const id = c.subject === 'products' ? raw('product_id') : raw('customer_id');
	const classOf =
		c.method === 'cumulative'
			? sql`CASE WHEN measure <= 0 THEN 'C' WHEN share_before < ${lit(c.a)} THEN 'A' WHEN share_before < ${lit(c.b)} THEN 'B' ELSE 'C' END`
			: sql`CASE WHEN measure <= 0 THEN 'C' WHEN rank <= ${lit(c.a)} * n THEN 'A' WHEN rank <= ${lit(c.b)} * n THEN 'B' ELSE 'C' END`;
	return sql`WITH per_item AS (
	SELECT ${id} AS id, round(${MEASURES[c.measure]}, 2) AS measure
	FROM ${windowed(c.windowStart, c.windowEnd)}
	WHERE ${id} IS NOT NULL
	GROUP BY 1
), ranked AS (
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
)
SELECT id, measure, rank, round(cumulative_share, 6) AS cumulative_share, ${classOf} AS class
FROM shared
ORDER BY rank`;
}
