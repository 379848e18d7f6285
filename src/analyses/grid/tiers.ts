/**
 * The nine tiers of the value × potential grid: present value (high, medium, low) against
 * potential (high, medium, low). Keys stay in the data and exports; people read them through
 * `gridTierLabel` (../labels) and the suggested action from the catalogue.
 */

/** A dimension's level, from the top. */
export const LEVELS = ['high', 'medium', 'low'] as const;
export type Level = (typeof LEVELS)[number];

/** The tier of each value level (outer) and potential level (inner). */
export const GRID_TIERS = {
	high: { high: 'core', medium: 'maintain', low: 'win_back' },
	medium: { high: 'rising', medium: 'steady', low: 'cooling' },
	low: { high: 'emerging', medium: 'developing', low: 'low_value' }
} as const satisfies Record<Level, Record<Level, string>>;

/** A tier key. */
export type GridTier = (typeof GRID_TIERS)[Level][Level];

/** The nine tier keys, best first (row by row of the grid). */
export const GRID_TIER_KEYS: readonly GridTier[] = LEVELS.flatMap((v) =>
	LEVELS.map((p) => GRID_TIERS[v][p])
);

/** A customer with no purchase yet at the comparison date. */
export const NOT_YET = 'not_yet';
