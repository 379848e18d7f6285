/**
 * The definitions every analysis shares, in one place: a refund row (negative amount) lowers the
 * customer's spend but is not an order, adds nothing to frequency and does not move the
 * last-order date. An order is an order id with at least one row of zero or more.
 */
import { dateLit, join, raw, sql, type Sql } from '../sql/sql';

/** True for rows that are purchases (not refunds). */
export const IS_PURCHASE: Sql = raw('amount >= 0');

/** `transactions`, optionally limited to a date window (inclusive days). */
export function windowed(start: string | null, end: string | null): Sql {
	const conditions: Sql[] = [];
	if (start) conditions.push(sql`order_ts >= ${dateLit(start)}`);
	if (end) conditions.push(sql`order_ts < ${dateLit(end)} + INTERVAL 1 DAY`);
	return conditions.length
		? sql`(SELECT * FROM transactions WHERE ${join(conditions, raw(' AND '))})`
		: raw('transactions');
}
