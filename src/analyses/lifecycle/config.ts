/** Lifecycle parameters: the windows that decide each customer's stage. */
import { intIn, isoDateOrNull, oneOf, record } from '../params';

/** The validated lifecycle configuration. */
export interface LifecycleConfig {
	/** Stages are as of this day (exclusive); null = the day after the last purchase. */
	analysisDate: string | null;
	/** Stages at this earlier day are compared with those at the analysis date; null = 90 days before. */
	compareDate: string | null;
	/** New: first purchase within this many days. */
	newDays: number;
	/** Active: a purchase within this many days; after it, at risk. */
	activeDays: number;
	/** Churned: no purchase for longer than this; a return after such a gap is a reactivation. */
	churnDays: number;
	/** Loyal: active with at least this many orders. */
	loyalOrders: number;
	/** A customer list is loaded (`customer_list`): listed ids without orders are "potential". */
	potentialList: boolean;
	/** Period of the growth accounting and of the stage history. */
	grain: 'month' | 'week';
}

export const LIFECYCLE_DEFAULTS: LifecycleConfig = {
	analysisDate: null,
	compareDate: null,
	newDays: 30,
	activeDays: 90,
	churnDays: 180,
	loyalOrders: 3,
	potentialList: false,
	grain: 'month'
};

/** The trust boundary; windows are kept in order (new ≤ active < churn). */
export function parseLifecycleConfig(input: unknown): LifecycleConfig {
	const o = record(input);
	const activeDays = intIn(o.activeDays, 1, 3650, 90);
	return {
		analysisDate: isoDateOrNull(o.analysisDate),
		compareDate: isoDateOrNull(o.compareDate),
		newDays: Math.min(intIn(o.newDays, 1, 3650, 30), activeDays),
		activeDays,
		churnDays: Math.max(intIn(o.churnDays, 2, 7300, 180), activeDays + 1),
		loyalOrders: intIn(o.loyalOrders, 2, 1000, 3),
		potentialList: o.potentialList === true,
		grain: oneOf(o.grain, ['month', 'week'], 'month')
	};
}
