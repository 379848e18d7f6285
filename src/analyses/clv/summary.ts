/**
 * The per-customer summary the buy-till-you-die models fit on, as in Fader, Hardie & Lee: a
 * customer's purchases on one day count as one transaction (their values summed); x = repeat
 * transactions, t_x = time of the last one and T = time to the calibration end, both from the
 * first, in periods; mbar = mean value of the repeat transactions (the first one excluded).
 * Refund rows are not transactions, but their amounts count where every cell counts them (see
 * `customerOrdersStatement`): a day's value is its purchases less the refunds counted on it, and
 * mbar = (net spend to the calibration end − the first day's value) / x, so the spend it derives
 * from is the customer's net spend, as in RFM. A pure function of the config.
 */
import { dateLit, lit, raw, sql, type Sql } from '../../sql/sql';
import { IS_PURCHASE, ORDERS } from '../purchases';
import { PERIODS, type ClvConfig } from './config';

export const SUMMARY_COLUMNS = [
	'customer_id',
	'x',
	't_x',
	'T',
	'mbar',
	'first_purchase',
	'x_holdout'
] as const;

/** The calibration end as a date (inclusive): the configured day, or the last purchase day. */
function calibrationEnd(c: ClvConfig): Sql {
	return c.calibrationEnd
		? dateLit(c.calibrationEnd)
		: sql`(SELECT CAST(max(order_ts) AS DATE) FROM ${ORDERS} WHERE ${IS_PURCHASE})`;
}

/** One row per customer with a purchase in the calibration period. */
export function summaryQuery(c: ClvConfig): Sql {
	const days = lit(PERIODS[c.period]);
	const inCalibration = raw('d <= (SELECT day FROM cal)');
	const holdout = c.holdoutEnd
		? sql`count(*) FILTER (WHERE purchase AND d > (SELECT day FROM cal) AND d <= ${dateLit(c.holdoutEnd)})`
		: raw('CAST(NULL AS BIGINT)');
	// As in RFM, only a date that was set cuts spend: after the default one there can be nothing
	// but refunds of no order.
	const spendFilter = c.calibrationEnd ? sql` FILTER (WHERE ${inCalibration})` : raw('');
	return sql`WITH cal AS (SELECT ${calibrationEnd(c)} AS day),
days AS (
	SELECT customer_id, CAST(order_ts AS DATE) AS d, sum(amount) AS value, bool_or(${IS_PURCHASE}) AS purchase
	FROM ${ORDERS} GROUP BY 1, 2
), per_customer AS (
	SELECT customer_id,
		count(*) FILTER (WHERE purchase AND ${inCalibration}) AS n,
		min(d) FILTER (WHERE purchase) AS first_d,
		max(d) FILTER (WHERE purchase AND ${inCalibration}) AS last_d,
		sum(value)${spendFilter} AS total,
		arg_min(value, d) FILTER (WHERE purchase) AS first_value,
		${holdout} AS x_holdout
	FROM days GROUP BY 1
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
