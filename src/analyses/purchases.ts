/**
 * The definitions every analysis shares, in one place: a refund row (negative amount) lowers the
 * customer's spend but is not an order, adds nothing to frequency and does not move the
 * last-order date. An order is an order id with at least one row of zero or more. A refund
 * counts at the first purchase of the order it refunds (same order id, same customer), or on its
 * own date when it refunds none: `ORDERS` already carries that date (`customerOrdersStatement`),
 * so every date filter on it treats a refund as its order.
 */
import { dateLit, join, raw, sql, type Sql } from '../sql/sql';

/** True for rows that are purchases (not refunds). */
export const IS_PURCHASE: Sql = raw('amount >= 0');

/**
 * What analyses read (`TABLES` in src/ingest/normalise-sql.ts builds them). `LINES`, every line at
 * its own time, for analyses that need products or attributes; otherwise `ORDERS`: one row per
 * customer, order, timestamp and kind (purchase or refund), amount and quantity summed, each
 * refund at the time it counts: a customer's spend from fewer rows.
 */
export const LINES: Sql = raw('transactions');
export const ORDERS: Sql = raw('customer_orders');
/**
 * One row per customer over the whole history (last purchase, orders, net spend, first order's
 * spend, quantity): for cells whose config asks nothing narrower, so a changed score or class
 * does not re-read every order.
 */
export const CUSTOMERS: Sql = raw('customer_summary');

/** A source relation, optionally limited to a date window (inclusive days). */
export function windowed(start: string | null, end: string | null, from: Sql = ORDERS): Sql {
	const conditions: Sql[] = [];
	if (start) conditions.push(sql`order_ts >= ${dateLit(start)}`);
	if (end) conditions.push(sql`order_ts < ${dateLit(end)} + INTERVAL 1 DAY`);
	return conditions.length
		? sql`(SELECT * FROM ${from} WHERE ${join(conditions, raw(' AND '))})`
		: from;
}
