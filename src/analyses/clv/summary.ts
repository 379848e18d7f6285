/**
 * The per-customer summary the buy-till-you-die models fit on, as in Fader, Hardie & Lee: a
 * customer's purchases on one day count as one transaction (their values summed); x = repeat
 * transactions, t_x = time of the last one and T = time to the calibration end, both from the
 * first, in periods; mbar = mean value of the repeat transactions (the first one excluded).
 * Refund rows are not purchases and do not enter the values. A pure function of the config.
 */
import { dateLit, lit, raw, sql, type Sql } from '../../sql/sql';
import { IS_PURCHASE, ORDERS } from '../purchases';
import { PERIODS, type ClvConfig } from './config';

export const SUMMARY_COLUMNS = ['customer_id', 'x', 't_x', 'T', 'mbar', 'first_purchase', 'x_holdout'] as const;

/** The calibration end as a date (inclusive): the configured day, or the last purchase day. */
function calibrationEnd(c: ClvConfig): Sql {
	return c.calibrationEnd
		? dateLit(c.calibrationEnd)
		: sql`(SELECT CAST(max(order_ts) AS DATE) FROM ${ORDERS} WHERE ${IS_PURCHASE})`;
}

/** One row per customer with a purchase in the calibration period. */
export function summaryQuery(c: ClvConfig): Sql {
	const days = lit(PERIODS[c.period]);
	const holdout = c.holdoutEnd
		? sql`count(*) FILTER (WHERE d > (SELECT day FROM cal) AND d <= ${dateLit(c.holdoutEnd)})`
		: raw('CAST(NULL AS BIGINT)');
	return sql`WITH cal AS (SELECT ${calibrationEnd(c)} AS day),
purchase_days AS (
	SELECT customer_id, CAST(order_ts AS DATE) AS d, sum(amount) AS value
	FROM ${ORDERS} WHERE ${IS_PURCHASE} GROUP BY 1, 2
), per_customer AS (
	SELECT customer_id,
		count(*) FILTER (WHERE d <= (SELECT day FROM cal)) AS n,
		min(d) AS first_d,
		max(d) FILTER (WHERE d <= (SELECT day FROM cal)) AS last_d,
		sum(value) FILTER (WHERE d <= (SELECT day FROM cal)) AS total,
		arg_min(value, d) AS first_value,
		${holdout} AS x_holdout
	FROM purchase_days GROUP BY 1
)
SELECT customer_id,
	n - 1 AS x,
	date_diff('day', first_d, last_d) / ${days} AS t_x,
	date_diff('day', first_d, (SELECT day FROM cal)) / ${days} AS "T",
	CASE WHEN n > 1 THEN (total - first_value) / (n - 1) ELSE 0 END AS mbar,
	first_d AS first_purchase,
	x_holdout
FROM per_customer
WHERE first_d <= (SELECT day FROM cal)
ORDER BY customer_id`;
}
