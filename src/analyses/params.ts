/**
 * Small validators shared by the analyses' config parsers: each returns a clean value or the
 * default, so a half-valid config (from a link, a form or a test) never reaches SQL.
 */

/** An integer clamped to [min, max]; anything that is not a number gives `fallback`. */
export function intIn(value: unknown, min: number, max: number, fallback: number): number {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isFinite(n)) return fallback;
	return Math.min(max, Math.max(min, Math.round(n)));
}

/** A finite number clamped to [min, max], or `fallback`. */
export function numberIn(value: unknown, min: number, max: number, fallback: number): number {
	const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof n !== 'number' || !Number.isFinite(n)) return fallback;
	return Math.min(max, Math.max(min, n));
}

/** One of the allowed strings, or `fallback`. */
export function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
	return typeof value === 'string' && (allowed as readonly string[]).includes(value)
		? (value as T)
		: fallback;
}

/** A yyyy-mm-dd date that exists on the calendar, or null. */
export function isoDateOrNull(value: unknown): string | null {
	if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
	const d = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : null;
}

/** A strictly increasing list of `length` finite numbers, or null. */
export function increasing(value: unknown, length: number): number[] | null {
	if (!Array.isArray(value) || value.length !== length) return null;
	const out = value.map((v) => (typeof v === 'string' ? Number(v) : v));
	if (!out.every((v) => typeof v === 'number' && Number.isFinite(v))) return null;
	return out.every((v, i) => i === 0 || v > out[i - 1]) ? (out as number[]) : null;
}

/** A plain object (not null, not an array), else an empty one. */
export function record(value: unknown): Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: {};
}
