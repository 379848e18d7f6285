/**
 * The segment maps as data: first-match lookup, the linter over all 125 score cells, and the
 * rule-table parser. Cell counts were worked out by hand (comments below).
 */
import { describe, expect, it } from 'vitest';
import {
	CLASSIC_RULES,
	CLASSIC_RULES_AS_DOCUMENTED,
	CN8_CLASSES,
	lintRules,
	lintSplitRules,
	parseRules,
	parseSplitRules,
	segmentOf
} from '../../src/analyses/rfm/segments';

describe('lintRules', () => {
	it('finds every classic segment reachable and no cell left as "other"', () => {
		// Cells won under first match (r × f × m):
		// champions 2×2×2 = 8; cant_lose_them 1×2×2 = 4; new_customers (R5 F1) 5; promising (R4 F1) 5;
		// loyal_customers 3×3×5 = 45 less champions' 8 = 37; potential_loyalist (R4–5 F2) 10;
		// need_attention (R3 F1–2) 10; at_risk 2×3×5 = 30 less cant_lose_them' 4 = 26;
		// about_to_sleep (R2 F1–2) 10; hibernating (R1 F2) 5; lost (R1 F1) 5. Total 125.
		const lint = lintRules(CLASSIC_RULES);
		expect(lint.unreachable).toEqual([]);
		expect(lint.otherCells).toBe(0);
		expect(lint.cells).toEqual({
			champions: 8,
			cant_lose_them: 4,
			new_customers: 5,
			promising: 5,
			loyal_customers: 37,
			potential_loyalist: 10,
			need_attention: 10,
			at_risk: 26,
			about_to_sleep: 10,
			hibernating: 5,
			lost: 5
		});
		// Only two boxes share cells, and in both the more specific rule comes first.
		expect(lint.overlaps).toEqual([
			['champions', 'loyal_customers'],
			['cant_lose_them', 'at_risk']
		]);
	});

	it('finds the rules that the documented order makes unreachable', () => {
		// potential_loyalist (R3–5 F1–3 M1–3) contains new_customers (R4–5 F1 M1) and promising
		// (R3–4 F1 M1); at_risk (R1–2 F2–5 M2–5) contains cant_lose_them (R1 F4–5 M4–5);
		// hibernating and lost are the same box (R1–2 F1–2 M1–2), so lost never wins.
		// Cells: champions 8; loyal (R2–5 F3–5 M3–5) 36 - 8 = 28; potential 27 less (F3 M3) × R3–5 = 24;
		// need_attention R2: F2M2, F2M3, F3M2 = 3; about_to_sleep R2: F1M1, F1M2, F2M1 = 3;
		// at_risk R1 16 + R2 (F2M4, F2M5, F4M2, F5M2) 4 = 20; hibernating R1: F1M1, F1M2, F2M1 = 3.
		// Other: R1 and R2 6 each (F1 M3–5, F3–5 M1), R3–5 8 each (F1–2 M4–5, F4–5 M1–2) = 36.
		const lint = lintRules(CLASSIC_RULES_AS_DOCUMENTED);
		expect(lint.unreachable).toEqual(['new_customers', 'promising', 'cant_lose_them', 'lost']);
		expect(lint.otherCells).toBe(36);
		expect(lint.cells).toEqual({
			champions: 8,
			loyal_customers: 28,
			potential_loyalist: 24,
			new_customers: 0,
			promising: 0,
			need_attention: 3,
			about_to_sleep: 3,
			at_risk: 20,
			cant_lose_them: 0,
			hibernating: 3,
			lost: 0
		});
	});

	it('counts cells a small table leaves to "other"', () => {
		const lint = lintRules([
			{ key: 'top', r: [5, 5], f: [5, 5], m: [5, 5] },
			{ key: 'shadowed', r: [5, 5], f: [5, 5], m: [5, 5] },
			{ key: 'recent', r: [4, 5], f: [1, 5], m: [1, 5] }
		]);
		// top 1 cell; recent 2×5×5 = 50 less top's 1 = 49; other 125 - 50 = 75.
		expect(lint.cells).toEqual({ top: 1, shadowed: 0, recent: 49 });
		expect(lint.unreachable).toEqual(['shadowed']);
		expect(lint.otherCells).toBe(75);
		expect(lint.overlaps).toEqual([
			['top', 'shadowed'],
			['top', 'recent'],
			['shadowed', 'recent']
		]);
	});
});

describe('segmentOf', () => {
	it.each([
		[5, 5, 5, 'champions'],
		[4, 4, 4, 'champions'],
		[4, 4, 3, 'loyal_customers'],
		[1, 5, 5, 'cant_lose_them'],
		[1, 5, 3, 'at_risk'],
		[2, 4, 5, 'at_risk'],
		[5, 1, 1, 'new_customers'],
		[4, 1, 5, 'promising'],
		[5, 2, 3, 'potential_loyalist'],
		[3, 1, 4, 'need_attention'],
		[2, 2, 2, 'about_to_sleep'],
		[1, 2, 5, 'hibernating'],
		[1, 1, 5, 'lost']
	])('classic (%i, %i, %i) is %s', (r, f, m, key) => {
		expect(segmentOf(CLASSIC_RULES, r, f, m)).toBe(key);
	});

	it.each([
		[5, 1, 1, 'potential_loyalist'],
		[1, 5, 5, 'at_risk'],
		[1, 1, 1, 'hibernating'],
		[2, 3, 3, 'loyal_customers'],
		[3, 1, 5, null],
		[1, 3, 1, null]
	])('documented (%i, %i, %i) is %s', (r, f, m, key) => {
		expect(segmentOf(CLASSIC_RULES_AS_DOCUMENTED, r, f, m)).toBe(key);
	});
});

describe('parseRules', () => {
	const ok = { key: 'ok', r: [1, 5], f: [1, 5], m: [1, 5] };

	it('accepts the classic tables unchanged', () => {
		expect(parseRules(CLASSIC_RULES)).toEqual(CLASSIC_RULES);
		expect(parseRules(CLASSIC_RULES_AS_DOCUMENTED)).toEqual(CLASSIC_RULES_AS_DOCUMENTED);
	});

	it('returns a clean copy without extra fields', () => {
		const out = parseRules([{ ...ok, label: 'OK', extra: { x: 1 } }]);
		expect(out).toEqual([{ key: 'ok', r: [1, 5], f: [1, 5], m: [1, 5] }]);
	});

	it.each([
		['not an array', { 0: ok }],
		['a string', 'champions'],
		['null', null],
		['an empty table', []],
		['more than 40 rules', Array.from({ length: 41 }, (_, i) => ({ ...ok, key: `k${i}` }))],
		['a null rule', [ok, null]],
		['a score of 0', [{ ...ok, r: [0, 5] }]],
		['a score of 6', [{ ...ok, f: [1, 6] }]],
		['a fractional score', [{ ...ok, m: [1, 2.5] }]],
		['scores written as text', [{ ...ok, r: ['1', '5'] }]],
		['a range with lo > hi', [{ ...ok, r: [4, 2] }]],
		['a range of three', [{ ...ok, f: [1, 2, 3] }]],
		['a missing range', [{ key: 'ok', r: [1, 5], f: [1, 5] }]],
		['a missing key', [{ r: [1, 5], f: [1, 5], m: [1, 5] }]],
		['an upper-case key', [{ ...ok, key: 'Champions' }]],
		['a key starting with a digit', [{ ...ok, key: '1st' }]],
		['a quote in the key', [{ ...ok, key: "x' OR 1=1" }]],
		['a key with a space', [{ ...ok, key: 'big spender' }]],
		['a key of 42 characters', [{ ...ok, key: 'a'.repeat(42) }]],
		['the reserved key other', [{ ...ok, key: 'other' }]],
		['a repeated key', [ok, { ...ok }]]
	])('rejects %s', (_, input) => {
		expect(parseRules(input)).toBeNull();
	});

	it('accepts 40 rules and a key of 41 characters', () => {
		expect(
			parseRules(Array.from({ length: 40 }, (_, i) => ({ ...ok, key: `k${i}` })))
		).toHaveLength(40);
		expect(parseRules([{ ...ok, key: 'a'.repeat(41) }])?.[0].key).toBe('a'.repeat(41));
	});
});

describe('the 8-class rule table linter', () => {
	it('finds every class reachable in the shipped table, and flags duplicates and gaps', () => {
		expect(lintSplitRules(CN8_CLASSES)).toEqual({ unreachable: [], otherCells: 0 });
		const edited = [
			{ key: 'a', r: 'high', f: 'high', m: 'high' },
			{ key: 'b', r: 'high', f: 'high', m: 'high' },
			{ key: 'c', r: 'low', f: 'low', m: 'low' }
		] as const;
		// b repeats a's combination (never wins); 8 - 2 covered combinations are "other".
		expect(lintSplitRules([...edited])).toEqual({ unreachable: ['b'], otherCells: 6 });
	});

	it('rejects malformed 8-class tables', () => {
		expect(parseSplitRules([{ key: 'a', r: 'up', f: 'high', m: 'low' }])).toBeNull();
		expect(parseSplitRules([{ key: "x' OR 1=1", r: 'high', f: 'high', m: 'low' }])).toBeNull();
		expect(parseSplitRules([])).toBeNull();
		expect(parseSplitRules([{ key: 'a', r: 'high', f: 'low', m: 'low' }])).toEqual([
			{ key: 'a', r: 'high', f: 'low', m: 'low' }
		]);
	});
});
