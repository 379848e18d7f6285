/** Why rows are set aside, and the accounting of one load. (Their words: `reason-labels.ts`.) */

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
