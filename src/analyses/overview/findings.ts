/**
 * The overview's findings: rules that turn its numbers into a few sentences, each kept only when
 * its data is there and its number clears a threshold worth a reader's attention. A finding is
 * data (which sentence, which cell shows it, its values with their kinds), worded and formatted
 * by the page in the language of the moment.
 */
import type { RfmConfig } from '../rfm/config';
import { LAPSED_DAYS, LOYAL_ORDERS, PARETO_REVENUE } from './query';
import type { Headline, SegmentRow } from './numbers';
import { atRisk, type RetentionSummary } from './summary';

/** Below this many customers one customer moves a share by 5 points or more: no share findings. */
export const MIN_CUSTOMERS = 20;
/** The concentration finding: at most this share of customers brings `PARETO_REVENUE`. */
export const CONCENTRATED = 0.5;
/** The retention finding: both runs of cohorts have this many customers… */
export const MIN_COHORT_CUSTOMERS = 30;
/** …and their month-1 retention differs by this much (5 percentage points). */
export const RETENTION_CHANGE = 0.05;
/** The top-segment finding: its share of revenue is at least this… */
export const TOP_SEGMENT_REVENUE = 0.2;
/** …and this many times its share of customers. */
export const TOP_SEGMENT_LIFT = 2;
/** The at-risk finding: the at-risk segments brought at least this share of revenue. */
export const AT_RISK_REVENUE = 0.1;
/** The repeat finding: repeat customers' share of revenue exceeds their share of customers by this. */
export const REPEAT_LIFT = 0.15;
/** At most this many findings: the overview is read at a glance. */
export const MAX_FINDINGS = 5;

/** A value in a finding, by kind, so the page formats it for the language. */
export type Value =
	| { count: number }
	| { percent: number }
	| { money: number }
	| { month: string }
	| { segment: string }
	| { segments: string[] };

/** The sentences the rules can say (each a catalogue message `overview.finding_<id>`). */
export type FindingId =
	| 'concentration'
	| 'lapsed_loyal'
	| 'retention_fell'
	| 'retention_rose'
	| 'top_segment'
	| 'at_risk'
	| 'repeat';

/** One finding: its sentence, the cell that shows it, its values. */
export interface Finding {
	id: FindingId;
	cell: 'rfm' | 'abc' | 'cohort';
	values: Record<string, Value>;
}

/** What the rules read; `retention` and `segments` are null until known (or when absent). */
export interface FindingsInput {
	headline: Headline;
	retention: RetentionSummary | null;
	segments: readonly SegmentRow[] | null;
	segmentMap: RfmConfig['segmentMap'];
}

function concentration({ headline: h }: FindingsInput): Finding | null {
	if (h.customers < MIN_CUSTOMERS || h.buyersRevenue <= 0 || h.paretoCustomers === null)
		return null;
	const share = h.paretoCustomers / h.customers;
	if (share > CONCENTRATED) return null;
	return {
		id: 'concentration',
		cell: 'abc',
		values: { customers: { percent: share }, revenue: { percent: PARETO_REVENUE } }
	};
}

function lapsedLoyal({ headline: h }: FindingsInput): Finding | null {
	if (h.customers < MIN_CUSTOMERS || h.lapsedLoyal === 0) return null;
	return {
		id: 'lapsed_loyal',
		cell: 'rfm',
		values: {
			n: { count: h.lapsedLoyal },
			orders: { count: LOYAL_ORDERS },
			days: { count: LAPSED_DAYS },
			spent: { money: h.lapsedLoyalRevenue }
		}
	};
}

function retentionChange({ retention: r }: FindingsInput): Finding | null {
	if (!r?.earlier || r.recent.size < MIN_COHORT_CUSTOMERS || r.earlier.size < MIN_COHORT_CUSTOMERS)
		return null;
	const change = r.recent.rate - r.earlier.rate;
	if (Math.abs(change) < RETENTION_CHANGE) return null;
	return {
		id: change < 0 ? 'retention_fell' : 'retention_rose',
		cell: 'cohort',
		values: {
			before: { percent: r.earlier.rate },
			after: { percent: r.recent.rate },
			from: { month: r.recent.from },
			to: { month: r.recent.to }
		}
	};
}

function topSegment({ headline: h, segments }: FindingsInput): Finding | null {
	if (!segments || h.customers < MIN_CUSTOMERS) return null;
	const top = segments
		.filter((s) => s.segment !== 'other')
		.sort((a, b) => b.revenueShare - a.revenueShare)[0];
	if (
		!top ||
		top.revenueShare < TOP_SEGMENT_REVENUE ||
		top.revenueShare < TOP_SEGMENT_LIFT * top.customerShare
	)
		return null;
	return {
		id: 'top_segment',
		cell: 'rfm',
		values: {
			segment: { segment: top.segment },
			customers: { percent: top.customerShare },
			revenue: { percent: top.revenueShare }
		}
	};
}

function atRiskFinding({ headline: h, segments, segmentMap }: FindingsInput): Finding | null {
	if (!segments || h.customers < MIN_CUSTOMERS) return null;
	const risk = atRisk(segments, segmentMap);
	if (risk.customers === 0 || risk.revenueShare < AT_RISK_REVENUE) return null;
	return {
		id: 'at_risk',
		cell: 'rfm',
		values: {
			n: { count: risk.customers },
			segments: { segments: risk.segments },
			share: { percent: risk.revenueShare },
			spent: { money: risk.revenue }
		}
	};
}

function repeat({ headline: h }: FindingsInput): Finding | null {
	if (h.customers < MIN_CUSTOMERS || h.buyersRevenue <= 0 || h.repeatCustomers === 0) return null;
	const share = h.repeatCustomers / h.customers;
	const revenue = h.repeatRevenue / h.buyersRevenue;
	if (share >= 1 || revenue - share < REPEAT_LIFT) return null;
	return {
		id: 'repeat',
		cell: 'rfm',
		values: { customers: { percent: share }, revenue: { percent: revenue } }
	};
}

/** The rules, most telling first. */
const RULES = [concentration, lapsedLoyal, retentionChange, topSegment, atRiskFinding, repeat];

/** The findings the numbers support, at most `MAX_FINDINGS`, most telling first. */
export function findings(input: FindingsInput): Finding[] {
	return RULES.map((rule) => rule(input))
		.filter((f): f is Finding => f !== null)
		.slice(0, MAX_FINDINGS);
}
