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

/** What each reason means, for the quality report. */
export const REASON_LABELS: Record<Reason, string> = {
	malformed_line: 'Line the CSV reader could not split into the header’s columns',
	missing_customer: 'No customer id',
	bad_date: 'Order date could not be read',
	bad_amount: 'Amount could not be read',
	future_date: 'Order date is in the future',
	refund: 'Refund or cancellation (negative amount), set aside by your choice',
	duplicate: 'Exact duplicate of an earlier row'
};

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
