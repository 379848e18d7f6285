/**
 * Segment maps as data: an ordered table of rules over the R, F and M scores (1–5); the first
 * rule that matches a customer's scores names the segment, and no match means "other".
 */

/** An inclusive score range. */
export type ScoreRange = [number, number];

/** One row of a segment map. `key` is stable (exports, saved configs); labels live in the UI. */
export interface SegmentRule {
	key: string;
	r: ScoreRange;
	f: ScoreRange;
	m: ScoreRange;
}

/**
 * The widely used 11-segment map (as in the R `rfm` documentation), reordered from specific to
 * general so that, under first-match, every segment can be reached: in the documented order
 * Potential Loyalist swallows New Customers and Promising, and At Risk swallows Can't Lose Them.
 */
export const CLASSIC_RULES: SegmentRule[] = [
	{ key: 'champions', r: [4, 5], f: [4, 5], m: [4, 5] },
	{ key: 'cant_lose_them', r: [1, 1], f: [4, 5], m: [4, 5] },
	{ key: 'new_customers', r: [5, 5], f: [1, 1], m: [1, 5] },
	{ key: 'promising', r: [4, 4], f: [1, 1], m: [1, 5] },
	{ key: 'loyal_customers', r: [3, 5], f: [3, 5], m: [1, 5] },
	{ key: 'potential_loyalist', r: [4, 5], f: [2, 2], m: [1, 5] },
	{ key: 'need_attention', r: [3, 3], f: [1, 2], m: [1, 5] },
	{ key: 'at_risk', r: [1, 2], f: [3, 5], m: [1, 5] },
	{ key: 'about_to_sleep', r: [2, 2], f: [1, 2], m: [1, 5] },
	{ key: 'hibernating', r: [1, 1], f: [2, 2], m: [1, 5] },
	{ key: 'lost', r: [1, 1], f: [1, 1], m: [1, 5] }
];

/** The same 11 segments in the documented (unordered) form, to show what the linter finds. */
export const CLASSIC_RULES_AS_DOCUMENTED: SegmentRule[] = [
	{ key: 'champions', r: [4, 5], f: [4, 5], m: [4, 5] },
	{ key: 'loyal_customers', r: [2, 5], f: [3, 5], m: [3, 5] },
	{ key: 'potential_loyalist', r: [3, 5], f: [1, 3], m: [1, 3] },
	{ key: 'new_customers', r: [4, 5], f: [1, 1], m: [1, 1] },
	{ key: 'promising', r: [3, 4], f: [1, 1], m: [1, 1] },
	{ key: 'need_attention', r: [2, 3], f: [2, 3], m: [2, 3] },
	{ key: 'about_to_sleep', r: [2, 3], f: [1, 2], m: [1, 2] },
	{ key: 'at_risk', r: [1, 2], f: [2, 5], m: [2, 5] },
	{ key: 'cant_lose_them', r: [1, 1], f: [4, 5], m: [4, 5] },
	{ key: 'hibernating', r: [1, 2], f: [1, 2], m: [1, 2] },
	{ key: 'lost', r: [1, 2], f: [1, 2], m: [1, 2] }
];

/** A rule of the 8-class map: whether each of R, F, M must be high or low. */
export interface SplitRule {
	key: string;
	r: 'high' | 'low';
	f: 'high' | 'low';
	m: 'high' | 'low';
}

/** The 8 classes of Chinese practice: R, F, M each high or low against the average. */
export const CN8_CLASSES: readonly SplitRule[] = [
	{ key: 'important_value', r: 'high', f: 'high', m: 'high' },
	{ key: 'important_develop', r: 'high', f: 'low', m: 'high' },
	{ key: 'important_keep', r: 'low', f: 'high', m: 'high' },
	{ key: 'important_retain', r: 'low', f: 'low', m: 'high' },
	{ key: 'general_value', r: 'high', f: 'high', m: 'low' },
	{ key: 'general_develop', r: 'high', f: 'low', m: 'low' },
	{ key: 'general_keep', r: 'low', f: 'high', m: 'low' },
	{ key: 'general_retain', r: 'low', f: 'low', m: 'low' }
];

/** What the linter says about an 8-class rule table (over the 2 × 2 × 2 high/low cells). */
export function lintSplitRules(rules: readonly SplitRule[]): {
	unreachable: string[];
	otherCells: number;
} {
	const levels = ['high', 'low'] as const;
	const won = new Set<string>();
	let otherCells = 0;
	for (const r of levels) {
		for (const f of levels) {
			for (const m of levels) {
				const rule = rules.find((x) => x.r === r && x.f === f && x.m === m);
				if (rule) won.add(rule.key);
				else otherCells++;
			}
		}
	}
	return { unreachable: rules.filter((x) => !won.has(x.key)).map((x) => x.key), otherCells };
}

/** Checks and cleans an 8-class rule table from a config. */
export function parseSplitRules(input: unknown): SplitRule[] | null {
	if (!Array.isArray(input) || input.length === 0 || input.length > 16) return null;
	const level = (v: unknown): 'high' | 'low' | null => (v === 'high' || v === 'low' ? v : null);
	const keys = new Set<string>();
	const out: SplitRule[] = [];
	for (const item of input) {
		const o = item as Record<string, unknown>;
		const [r, f, m] = [level(o?.r), level(o?.f), level(o?.m)];
		const key = typeof o?.key === 'string' && /^[a-z][a-z0-9_]{0,40}$/.test(o.key) ? o.key : null;
		if (!r || !f || !m || !key || keys.has(key) || key === 'other') return null;
		keys.add(key);
		out.push({ key, r, f, m });
	}
	return out;
}

const inRange = (score: number, [lo, hi]: ScoreRange) => score >= lo && score <= hi;

/** The segment of one score cell under first-match, or null for "other". */
export function segmentOf(
	rules: readonly SegmentRule[],
	r: number,
	f: number,
	m: number
): string | null {
	return (
		rules.find((rule) => inRange(r, rule.r) && inRange(f, rule.f) && inRange(m, rule.m))?.key ??
		null
	);
}

/** What the linter says about a rule table. */
export interface RuleLint {
	/** Rules that no score cell reaches, because earlier rules take all their cells. */
	unreachable: string[];
	/** Pairs of rules whose boxes share at least one cell (the earlier one wins there). */
	overlaps: [string, string][];
	/** Score cells (of 125) that no rule matches. */
	otherCells: number;
	/** Cells won by each rule, for the coverage view. */
	cells: Record<string, number>;
}

/** Checks a rule table over all 5 × 5 × 5 score cells. */
export function lintRules(rules: readonly SegmentRule[]): RuleLint {
	const cells: Record<string, number> = Object.fromEntries(rules.map((r) => [r.key, 0]));
	let otherCells = 0;
	for (let r = 1; r <= 5; r++) {
		for (let f = 1; f <= 5; f++) {
			for (let m = 1; m <= 5; m++) {
				const key = segmentOf(rules, r, f, m);
				if (key === null) otherCells++;
				else cells[key]++;
			}
		}
	}
	const overlaps: [string, string][] = [];
	const meets = (a: ScoreRange, b: ScoreRange) => a[0] <= b[1] && b[0] <= a[1];
	rules.forEach((a, i) => {
		for (const b of rules.slice(i + 1)) {
			if (meets(a.r, b.r) && meets(a.f, b.f) && meets(a.m, b.m)) overlaps.push([a.key, b.key]);
		}
	});
	return {
		unreachable: rules.filter((r) => cells[r.key] === 0).map((r) => r.key),
		overlaps,
		otherCells,
		cells
	};
}

/** Checks and cleans a rule table from a config: scores 1–5, lo ≤ hi, unique simple keys. */
export function parseRules(input: unknown): SegmentRule[] | null {
	if (!Array.isArray(input) || input.length === 0 || input.length > 40) return null;
	const range = (v: unknown): ScoreRange | null =>
		Array.isArray(v) &&
		v.length === 2 &&
		v.every((x) => Number.isInteger(x) && x >= 1 && x <= 5) &&
		v[0] <= v[1]
			? [v[0], v[1]]
			: null;
	const keys = new Set<string>();
	const out: SegmentRule[] = [];
	for (const item of input) {
		const o = item as Record<string, unknown>;
		const [r, f, m] = [range(o?.r), range(o?.f), range(o?.m)];
		const key = typeof o?.key === 'string' && /^[a-z][a-z0-9_]{0,40}$/.test(o.key) ? o.key : null;
		if (!r || !f || !m || !key || keys.has(key) || key === 'other') return null;
		keys.add(key);
		out.push({ key, r, f, m });
	}
	return out;
}
