/**
 * The overview's numbers as plain objects, read from the rows of ./query.ts (Arrow rows as
 * `toJSON()` gives them: counts arrive as doubles, empty sums as null).
 */

/** The headline figures of the whole file (see `headlineQuery`). */
export interface Headline {
	/** Customers with at least one purchase (the RFM cell's customers). */
	customers: number;
	/** Every customer of the file, those with refunds only too (the quality report's count). */
	allCustomers: number;
	/** Net revenue of every row, refunds taken off (the quality report's total). */
	revenue: number;
	orders: number;
	/** First and last order, epoch milliseconds; null for a file without orders. */
	firstOrder: number | null;
	lastOrder: number | null;
	/** Net revenue of the customers with a purchase. */
	buyersRevenue: number;
	repeatCustomers: number;
	repeatRevenue: number;
	/** Net revenue of the top `TOP_SHARE` of customers; null without customers. */
	topRevenue: number | null;
	/** The fewest customers, biggest first, bringing `PARETO_REVENUE` of the revenue. */
	paretoCustomers: number | null;
	lapsedLoyal: number;
	lapsedLoyalRevenue: number;
}

/** One monthly cohort's month-1 retention (see `retentionQuery`). */
export interface CohortRetention {
	/** The cohort's first day, yyyy-mm-dd. */
	cohort: string;
	size: number;
	retained: number;
}

/** One segment of the RFM table (see `segmentsQuery`). */
export interface SegmentRow {
	/** The segment's key, never shown: the page shows its label. */
	segment: string;
	customers: number;
	customerShare: number;
	revenue: number;
	revenueShare: number;
	avgRecency: number;
	avgFrequency: number;
	avgSpend: number;
}

type Row = Record<string, unknown>;

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));
const maybe = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The headline from the one row of `headlineQuery`. */
export function readHeadline(r: Row): Headline {
	return {
		customers: num(r.customers),
		allCustomers: num(r.all_customers),
		revenue: num(r.revenue),
		orders: num(r.orders),
		firstOrder: maybe(r.first_order),
		lastOrder: maybe(r.last_order),
		buyersRevenue: num(r.buyers_revenue),
		repeatCustomers: num(r.repeat_customers),
		repeatRevenue: num(r.repeat_revenue),
		topRevenue: maybe(r.top_revenue),
		paretoCustomers: maybe(r.pareto_customers),
		lapsedLoyal: num(r.lapsed_loyal),
		lapsedLoyalRevenue: num(r.lapsed_loyal_revenue)
	};
}

/** The cohorts of `retentionQuery`, newest first. */
export function readRetention(rows: Row[]): CohortRetention[] {
	return rows.map((r) => ({
		cohort: String(r.cohort),
		size: num(r.cohort_size),
		retained: num(r.retained)
	}));
}

/** The segments of `segmentsQuery`, biggest revenue first. */
export function readSegments(rows: Row[]): SegmentRow[] {
	return rows.map((r) => ({
		segment: String(r.segment),
		customers: num(r.customers),
		customerShare: num(r.customer_share),
		revenue: num(r.revenue),
		revenueShare: num(r.revenue_share),
		avgRecency: num(r.avg_recency),
		avgFrequency: num(r.avg_frequency),
		avgSpend: num(r.avg_spend)
	}));
}
