/** Cohort retention parameters. */
import { intIn, isoDateOrNull, oneOf, record } from '../params';

/** The validated cohort configuration. */
export interface CohortConfig {
	/** Group customers by the period of their first purchase, an attribute of it, or its product. */
	cohortBy: 'first_purchase' | 'attribute' | 'first_product';
	/** The attribute column when cohorts are by attribute (its value on the first purchase). */
	attribute: string | null;
	grain: 'month' | 'week' | 'quarter';
	/** Calendar periods of the grain, or windows of N days from each customer's first order. */
	periods: 'calendar' | 'days';
	windowDays: number;
	weekStart: 'monday' | 'sunday';
	/** Active in period k (bracket), or in k or any later period (unbounded). */
	retention: 'bracket' | 'unbounded';
	/** What the matrix shows: share retained, customers, revenue, or cumulative revenue per customer. */
	metric: 'retention' | 'active_customers' | 'revenue' | 'cumulative_revenue_per_customer';
	/** Cohorts smaller than this are flagged: their percentages swing on a few customers. */
	minCohortSize: number;
	windowStart: string | null;
	windowEnd: string | null;
}

export const COHORT_DEFAULTS: CohortConfig = {
	cohortBy: 'first_purchase',
	attribute: null,
	grain: 'month',
	periods: 'calendar',
	windowDays: 30,
	weekStart: 'monday',
	retention: 'bracket',
	metric: 'retention',
	minCohortSize: 20,
	windowStart: null,
	windowEnd: null
};

/** The trust boundary. */
export function parseCohortConfig(input: unknown): CohortConfig {
	const o = record(input);
	const attribute =
		typeof o.attribute === 'string' && o.attribute.length > 0 && o.attribute.length <= 128
			? o.attribute
			: null;
	const cohortBy = oneOf(
		o.cohortBy,
		['first_purchase', 'attribute', 'first_product'],
		'first_purchase'
	);
	return {
		cohortBy: cohortBy === 'attribute' && !attribute ? 'first_purchase' : cohortBy,
		attribute,
		grain: oneOf(o.grain, ['month', 'week', 'quarter'], 'month'),
		periods: oneOf(o.periods, ['calendar', 'days'], 'calendar'),
		windowDays: intIn(o.windowDays, 1, 3650, 30),
		weekStart: oneOf(o.weekStart, ['monday', 'sunday'], 'monday'),
		retention: oneOf(o.retention, ['bracket', 'unbounded'], 'bracket'),
		metric: oneOf(
			o.metric,
			['retention', 'active_customers', 'revenue', 'cumulative_revenue_per_customer'],
			'retention'
		),
		minCohortSize: intIn(o.minCohortSize, 1, 100_000, 20),
		windowStart: isoDateOrNull(o.windowStart),
		windowEnd: isoDateOrNull(o.windowEnd)
	};
}
