/**
 * Guesses how values are written, from a sample of a column's text. Pure functions: the engine
 * feeds them the first rows of the file and, when the sample cannot decide, asks SQL for more.
 */
import type { DateFormat, DecimalSeparator, IdFormat } from './mapping';

const MISSING = new Set(['', 'na', 'n/a', 'null', 'none', '-', '#n/a', 'nan']);

/** True for the text spreadsheets and exports use for "no value". */
export function isMissing(value: string | null | undefined): boolean {
	return value === null || value === undefined || MISSING.has(value.trim().toLowerCase());
}

const time = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?`;
const datePatterns: [DateFormat, RegExp][] = [
	[
		'iso',
		new RegExp(
			String.raw`^\d{4}-\d{1,2}-\d{1,2}(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$`
		)
	],
	['ymd', new RegExp(String.raw`^\d{4}[/.]\d{1,2}[/.]\d{1,2}${time}$`)],
	['dmy', new RegExp(String.raw`^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}${time}$`)],
	[
		'cjk',
		new RegExp(String.raw`^\d{4}年\d{1,2}月\d{1,2}日(?:\s*\d{1,2}[:时]\d{2}(?:[:分]\d{2}秒?)?)?$`)
	],
	['yyyymmdd', /^(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/]
];

/** Result of looking at a column's values as dates. */
export interface DateGuess {
	format: DateFormat;
	/** Share of non-missing sample values the format reads. */
	share: number;
	/** True when day/month order could not be decided from the sample (every part ≤ 12). */
	ambiguous: boolean;
}

function numeric(values: string[]): number[] {
	return values.map((v) => Number(v.trim())).filter((n) => Number.isFinite(n));
}

/**
 * Guesses the date format of a column. Returns null when under 80 % of the sample looks like
 * dates in any one format, so a numeric id column is not mistaken for dates.
 */
export function guessDateFormat(sample: readonly string[]): DateGuess | null {
	const values = sample.filter((v) => !isMissing(v)).map((v) => v.trim());
	if (values.length === 0) return null;
	let best: DateGuess | null = null;
	for (const [format, pattern] of datePatterns) {
		const share = values.filter((v) => pattern.test(v)).length / values.length;
		if (share >= 0.8 && (!best || share > best.share)) best = { format, share, ambiguous: false };
	}
	if (best?.format === 'dmy') return { ...best, ...decideDayMonth(values) };
	if (best) return best;
	const nums = numeric(values);
	if (nums.length / values.length < 0.8) return null;
	const share = nums.length / values.length;
	const all = (lo: number, hi: number) => nums.every((n) => n >= lo && n <= hi);
	// Ranges chosen so each kind covers 1990-2100 and no two overlap.
	if (all(32874, 73051)) return { format: 'excel-serial', share, ambiguous: false };
	if (all(631152000, 4102444800)) return { format: 'unix-seconds', share, ambiguous: false };
	if (all(631152000000, 4102444800000)) return { format: 'unix-millis', share, ambiguous: false };
	return null;
}

/** Splits `a/b/yyyy` and decides which part is the day. */
export function decideDayMonth(values: readonly string[]): {
	format: DateFormat;
	ambiguous: boolean;
} {
	let firstOver12 = 0;
	let secondOver12 = 0;
	for (const v of values) {
		const m = /^(\d{1,2})[/.-](\d{1,2})[/.-]/.exec(v);
		if (!m) continue;
		if (Number(m[1]) > 12) firstOver12++;
		if (Number(m[2]) > 12) secondOver12++;
	}
	if (firstOver12 > 0 && secondOver12 === 0) return { format: 'dmy', ambiguous: false };
	if (secondOver12 > 0 && firstOver12 === 0) return { format: 'mdy', ambiguous: false };
	return { format: 'dmy', ambiguous: true };
}

/** Parses one number the way the SQL normaliser does; used to judge columns from a sample. */
export function parseNumber(text: string, decimal: DecimalSeparator): number | null {
	let v = text.trim();
	if (isMissing(v)) return null;
	const negative = /^\(.*\)$/.test(v) || /-$/.test(v);
	v = v.replace(/(rmb|cny|usd|eur|gbp|jpy|元)/gi, '').replace(/[^0-9,.+\-eE]/g, '');
	v = decimal === '.' ? v.replaceAll(',', '') : v.replaceAll('.', '').replace(',', '.');
	v = v.replace(/-$/, '');
	if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(v)) return null;
	const n = Number(v);
	return Number.isFinite(n) ? (negative ? -Math.abs(n) : n) : null;
}

/**
 * Decides the decimal separator of a numeric column: a comma is the decimal mark when values
 * look like `1.234,56` or `12,5`, and never when they look like `1,234.56`.
 */
export function guessDecimalSeparator(sample: readonly string[]): DecimalSeparator {
	let commaDecimal = 0;
	let dotDecimal = 0;
	for (const raw of sample) {
		const v = raw.replace(/[^0-9,.]/g, '');
		if (/,\d{1,2}$/.test(v) || /\.\d{3},\d+$/.test(v) || /^\d+,\d{4,}$/.test(v)) commaDecimal++;
		else if (/\.\d+$/.test(v) && !/^\d{1,3}(\.\d{3})+$/.test(v)) dotDecimal++;
		else if (/,\d{3}\.\d+$/.test(v)) dotDecimal++;
	}
	return commaDecimal > dotDecimal ? ',' : '.';
}

/** Share of non-missing values that read as numbers with the given separator. */
export function numericShare(sample: readonly string[], decimal: DecimalSeparator): number {
	const values = sample.filter((v) => !isMissing(v));
	if (values.length === 0) return 0;
	return values.filter((v) => parseNumber(v, decimal) !== null).length / values.length;
}

/** `17850.0`-style ids (a float column written out) lose the `.0`; anything else is kept. */
export function guessIdFormat(sample: readonly string[]): IdFormat {
	const values = sample.filter((v) => !isMissing(v)).map((v) => v.trim());
	return values.length > 0 && values.every((v) => /^\d+\.0+$/.test(v)) ? 'float-integer' : 'text';
}
