/** Why rows are set aside, and what each reason means in the page's language. */
import { t } from '../i18n/t';
import { ident, join, lit, raw, sql, type Sql } from '../sql/sql';
import { TABLES } from './normalise-sql';

/** Why a row was set aside. Keys are stable: they appear in exports and saved reports. */
export const REASONS = [
	'malformed_line',
	'missing_customer',
	'bad_date',
	'bad_amount',
	'future_date',
	'refund',
	'duplicate'
] as const;
export type Reason = (typeof REASONS)[number];

/** What a reason means, in the language of the moment. */
export function reasonLabel(reason: Reason): string {
	return t(`reason.${reason}`);
}

/**
 * Every row set aside for a download people read: the stable reason key, then what it means in
 * the language of the moment, then the row as it was.
 */
export function setAsideWithLabels(): Sql {
	const labels = REASONS.map((r) => sql`WHEN ${lit(r)} THEN ${lit(reasonLabel(r))}`);
	return sql`SELECT reason, CASE reason ${join(labels, raw(' '))} END AS reason_label, * EXCLUDE (reason)
FROM ${ident(TABLES.setAside)}`;
}

/** The accounting of one load: rows read = rows used + rows set aside, always. */
export interface QualityReport {
	rowsRead: number;
	rowsUsed: number;
	rowsSetAside: number;
	byReason: Record<Reason, number>;
	/** Negative-amount rows that were kept and net against the customer's spend. */
	refundsNetted: number;
	customers: number;
	orders: number;
	firstOrder: number | null;
	lastOrder: number | null;
	totalAmount: number;
	/** Column names of the `transactions` table, in order. */
	columns: string[];
	/** How long the load and normalisation took, in milliseconds. */
	elapsedMs: number;
}
