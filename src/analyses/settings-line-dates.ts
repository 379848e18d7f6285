/**
 * The days the data gives the cells' empty date fields: its first and last purchase, and the
 * RFM cell's analysis date as its SQL works it out (the day after the last purchase in its
 * window), so the header and the settings lines say the date actually in use.
 */
import { raw, sql, type Sql } from '../sql/sql';
import { IS_PURCHASE, ORDERS } from './purchases';
import type { RfmConfig } from './rfm/config';
import { analysisDateSql } from './rfm/query';

/** yyyy-mm-dd days; null for a file without purchases. */
export interface DataDates {
	firstPurchase: string | null;
	lastPurchase: string | null;
	/** The RFM cell's analysis date with its config: the set day, or the computed one. */
	rfmAsOf: string | null;
}

const day = (expression: Sql) => sql`strftime(${expression}, '%Y-%m-%d')`;

/** One row: `first_purchase`, `last_purchase`, `rfm_as_of` (text days), for the RFM config `c`. */
export function dataDatesQuery(c: RfmConfig): Sql {
	return sql`SELECT ${day(raw('CAST(min(order_ts) AS DATE)'))} AS first_purchase,
	${day(raw('CAST(max(order_ts) AS DATE)'))} AS last_purchase,
	${day(sql`CAST(${analysisDateSql(c)} AS DATE)`)} AS rfm_as_of
FROM ${ORDERS} WHERE ${IS_PURCHASE}`;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

/** Reads `dataDatesQuery`'s row. */
export function readDataDates(row: Record<string, unknown>): DataDates {
	return {
		firstPurchase: text(row.first_purchase),
		lastPurchase: text(row.last_purchase),
		rfmAsOf: text(row.rfm_as_of)
	};
}
