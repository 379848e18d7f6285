/**
 * Figures the overview derives from its query results in plain TypeScript: month-1 retention of
 * recent cohorts against the cohorts before them, and the customers at risk by RFM segment.
 */
import type { RfmConfig } from '../rfm/config';
import { COHORTS_COMPARED } from './query';
import type { CohortRetention, SegmentRow } from './numbers';

/** Month-1 retention of a run of consecutive cohorts, pooled (retained ÷ customers). */
export interface CohortGroup {
	/** The first and last cohorts of the run (yyyy-mm-dd), oldest first. */
	from: string;
	to: string;
	/** How many cohorts (months with new customers) the run holds. */
	cohorts: number;
	size: number;
	retained: number;
	rate: number;
}

/** The recent complete cohorts and, when there are as many before them, those. */
export interface RetentionSummary {
	recent: CohortGroup;
	earlier: CohortGroup | null;
}

function group(cohorts: CohortRetention[]): CohortGroup {
	const size = cohorts.reduce((s, c) => s + c.size, 0);
	const retained = cohorts.reduce((s, c) => s + c.retained, 0);
	return {
		from: cohorts[cohorts.length - 1].cohort,
		to: cohorts[0].cohort,
		cohorts: cohorts.length,
		size,
		retained,
		rate: size > 0 ? retained / size : 0
	};
}

/** Pools the newest `COHORTS_COMPARED` cohorts (newest first in `cohorts`) and the ones before. */
export function summariseRetention(cohorts: readonly CohortRetention[]): RetentionSummary | null {
	const recent = cohorts.slice(0, COHORTS_COMPARED);
	if (!recent.length) return null;
	const earlier = cohorts.slice(COHORTS_COMPARED, 2 * COHORTS_COMPARED);
	return {
		recent: group(recent),
		earlier: earlier.length === COHORTS_COMPARED ? group(earlier) : null
	};
}

/**
 * The segments whose customers bought well before but not lately, by key: in the 11-segment map
 * the frequent buyers gone quiet and those about to; in the 8 classes, the low-recency classes
 * that bought often or spent much.
 */
export const AT_RISK_SEGMENTS: Record<RfmConfig['segmentMap'], readonly string[]> = {
	classic: ['at_risk', 'cant_lose_them', 'about_to_sleep'],
	cn8: ['important_keep', 'important_retain', 'general_keep']
};

/** The customers at risk, their net revenue and its share, and the segments that hold them. */
export interface AtRisk {
	customers: number;
	revenue: number;
	revenueShare: number;
	/** The at-risk segments present in the table, biggest revenue first. */
	segments: string[];
}

/** Adds up the at-risk segments of the RFM table's segments. */
export function atRisk(segments: readonly SegmentRow[], map: RfmConfig['segmentMap']): AtRisk {
	const rows = segments.filter((s) => AT_RISK_SEGMENTS[map].includes(s.segment));
	return {
		customers: rows.reduce((s, r) => s + r.customers, 0),
		revenue: rows.reduce((s, r) => s + r.revenue, 0),
		revenueShare: rows.reduce((s, r) => s + r.revenueShare, 0),
		segments: rows.map((r) => r.segment)
	};
}
