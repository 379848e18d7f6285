/** The RFM export with each customer's lifetime-value columns beside it, once the CLV cell ran. */
import { ident, sql, type Sql } from '../../sql/sql';

export const CLV_EXPORT_COLUMNS = [
	'p_alive',
	'expected_purchases',
	'expected_value',
	'clv'
] as const;

/** `rfm` left-joined with `clv` (customers without a CLV row keep NULLs). */
export function rfmWithClvQuery(rfm = 'rfm', clv = 'clv'): Sql {
	return sql`SELECT r.*, ${CLV_EXPORT_COLUMNS.map((c) => sql`c.${ident(c)}`)}
FROM ${ident(rfm)} r LEFT JOIN ${ident(clv)} c USING (customer_id)
ORDER BY r.customer_id`;
}
