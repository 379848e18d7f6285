/** RFM parameters: every choice that changes a number is explicit and saved with the notebook. */
import { increasing, isoDateOrNull, oneOf, record } from '../params';
import {
	CLASSIC_RULES,
	CN8_CLASSES,
	parseRules,
	parseSplitRules,
	type SegmentRule,
	type SplitRule
} from './segments';
import { parseActions } from './actions';

export const BIN_COUNTS = [3, 4, 5] as const;
export type BinCount = (typeof BIN_COUNTS)[number];

/** The validated RFM configuration. */
export interface RfmConfig {
	/** Scores are as of this day (exclusive); null = the day after the last order. */
	analysisDate: string | null;
	windowStart: string | null;
	windowEnd: string | null;
	/** Distinct orders (default) or distinct purchase days. */
	frequency: 'orders' | 'days';
	/** Total net spend (default) or average order value. */
	monetary: 'total' | 'average';
	/** Count the first order's spend, or leave it out (to score repeat value). */
	firstPurchase: 'include' | 'exclude';
	bins: BinCount;
	/** Tie-preserving quantiles, or cut points typed by the person. */
	scoring: 'quantile' | 'thresholds';
	/** `bins - 1` increasing cut points per dimension (recency in days). */
	thresholds: { r: number[]; f: number[]; m: number[] };
	/** The 11-segment score map, or the 8 classes of high/low against the average. */
	segmentMap: 'classic' | 'cn8';
	/** What "high" is measured against in the 8-class map. */
	cn8Split: 'mean' | 'median';
	rules: SegmentRule[];
	/** The 8-class map as a rule table (first match wins; no match is "other"). */
	cn8Rules: SplitRule[];
	/** Segments at this earlier day are compared with today's (a `segment_before` column); null = none. */
	compareDate: string | null;
	/** The person's edits of the recommended actions, by segment key (see ./actions). */
	actions: Record<string, string>;
}

const DEFAULT_THRESHOLDS: Record<BinCount, RfmConfig['thresholds']> = {
	3: { r: [30, 180], f: [1, 3], m: [100, 1000] },
	4: { r: [30, 90, 365], f: [1, 2, 4], m: [50, 200, 1000] },
	5: { r: [30, 90, 180, 365], f: [1, 2, 3, 5], m: [50, 100, 500, 1000] }
};

/** The defaults: 5 quantile bins, distinct orders, total spend, the 11-segment map. */
export const RFM_DEFAULTS: RfmConfig = {
	analysisDate: null,
	windowStart: null,
	windowEnd: null,
	frequency: 'orders',
	monetary: 'total',
	firstPurchase: 'include',
	bins: 5,
	scoring: 'quantile',
	thresholds: DEFAULT_THRESHOLDS[5],
	segmentMap: 'classic',
	cn8Split: 'mean',
	rules: CLASSIC_RULES,
	cn8Rules: [...CN8_CLASSES],
	compareDate: null,
	actions: {}
};

/** The trust boundary: anything not valid falls back to its default. */
export function parseRfmConfig(input: unknown): RfmConfig {
	const o = record(input);
	const bins = (BIN_COUNTS as readonly unknown[]).includes(o.bins) ? (o.bins as BinCount) : 5;
	const t = record(o.thresholds);
	const fallback = DEFAULT_THRESHOLDS[bins];
	return {
		analysisDate: isoDateOrNull(o.analysisDate),
		windowStart: isoDateOrNull(o.windowStart),
		windowEnd: isoDateOrNull(o.windowEnd),
		frequency: oneOf(o.frequency, ['orders', 'days'], 'orders'),
		monetary: oneOf(o.monetary, ['total', 'average'], 'total'),
		firstPurchase: oneOf(o.firstPurchase, ['include', 'exclude'], 'include'),
		bins,
		scoring: oneOf(o.scoring, ['quantile', 'thresholds'], 'quantile'),
		thresholds: {
			r: increasing(t.r, bins - 1) ?? fallback.r,
			f: increasing(t.f, bins - 1) ?? fallback.f,
			m: increasing(t.m, bins - 1) ?? fallback.m
		},
		segmentMap: oneOf(o.segmentMap, ['classic', 'cn8'], 'classic'),
		cn8Split: oneOf(o.cn8Split, ['mean', 'median'], 'mean'),
		rules: parseRules(o.rules) ?? CLASSIC_RULES,
		cn8Rules: parseSplitRules(o.cn8Rules) ?? [...CN8_CLASSES],
		compareDate: isoDateOrNull(o.compareDate),
		actions: parseActions(o.actions)
	};
}

/** Default cut points for a bin count, for the form when the person changes it. */
export function defaultThresholds(bins: BinCount): RfmConfig['thresholds'] {
	return DEFAULT_THRESHOLDS[bins];
}
