/**
 * Value × potential grid (客户分级) parameters: how present value and potential are measured, and
 * where their tiers are cut. Every choice that changes a number is explicit and saved.
 */
import { increasing, intIn, isoDateOrNull, numberIn, oneOf, record } from '../params';

/** The validated grid configuration. */
export interface GridConfig {
	/** Values are as of this day (exclusive); null = the day after the last purchase. */
	analysisDate: string | null;
	/** The window present value is summed over (inclusive days); null = open. */
	windowStart: string | null;
	windowEnd: string | null;
	/** Present value: net spend in the window, or its ABC class (A high, B middle, C low). */
	value: 'spend' | 'abc';
	/** ABC bounds on the cumulative share of net spend, as in the ABC cell. */
	abcA: number;
	abcB: number;
	/**
	 * Potential: expected purchases from recent frequency (orders in the last `recentDays` days,
	 * scaled to `horizonDays`), or the lifetime-value cell's discounted expected value (its `clv`
	 * column). Recent frequency is the default: it needs no other cell, so the grid also runs
	 * where the lifetime-value fit does not (too few customers, the exported DuckDB script).
	 */
	potential: 'recent' | 'clv';
	recentDays: number;
	horizonDays: number;
	/** Two increasing cut points (≤ first low, ≤ second middle, above high); null = tertiles. */
	valueCuts: number[] | null;
	potentialCuts: number[] | null;
	/** Tiers at this earlier day are compared with today's (a `tier_before` column); null = none. */
	compareDate: string | null;
}

export const GRID_DEFAULTS: GridConfig = {
	analysisDate: null,
	windowStart: null,
	windowEnd: null,
	value: 'spend',
	abcA: 0.8,
	abcB: 0.95,
	potential: 'recent',
	recentDays: 365,
	horizonDays: 365,
	valueCuts: null,
	potentialCuts: null,
	compareDate: null
};

/** The trust boundary: anything not valid falls back to its default. */
export function parseGridConfig(input: unknown): GridConfig {
	const o = record(input);
	const abcA = numberIn(o.abcA, 0.01, 0.98, GRID_DEFAULTS.abcA);
	return {
		analysisDate: isoDateOrNull(o.analysisDate),
		windowStart: isoDateOrNull(o.windowStart),
		windowEnd: isoDateOrNull(o.windowEnd),
		value: oneOf(o.value, ['spend', 'abc'], 'spend'),
		abcA,
		abcB: Math.max(numberIn(o.abcB, 0.02, 0.99, GRID_DEFAULTS.abcB), Math.min(0.99, abcA + 0.01)),
		potential: oneOf(o.potential, ['recent', 'clv'], 'recent'),
		recentDays: intIn(o.recentDays, 1, 3650, GRID_DEFAULTS.recentDays),
		horizonDays: intIn(o.horizonDays, 1, 3650, GRID_DEFAULTS.horizonDays),
		valueCuts: increasing(o.valueCuts, 2),
		potentialCuts: increasing(o.potentialCuts, 2),
		compareDate: isoDateOrNull(o.compareDate)
	};
}
