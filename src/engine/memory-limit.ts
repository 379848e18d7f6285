/**
 * DuckDB's memory limit chosen when the engine starts. Only the tests use it: `?memory=64MB` in
 * the page's address (or `init({ memoryLimit })` in Node) starts DuckDB with a low limit, to
 * prove what a person sees when a file does not fit. It can only lower the limit, and it is set
 * before the configuration is locked, so nothing can change it afterwards.
 */

/** The lowest limit accepted, in MB: DuckDB needs a few blocks to start at all. */
export const MIN_MEMORY_MB = 16;
/** The highest limit accepted, in MB: below DuckDB-WASM's default of 3.1 GiB. */
export const MAX_MEMORY_MB = 2048;

const UNIT_MB = { MB: 1, GB: 1024 } as const;

/** `'64MB'` or `'1GB'` as DuckDB's `memory_limit` value in MB, or null when absent or out of range. */
export function memoryLimitOf(text: string | null | undefined): string | null {
	const match = /^(\d{1,5})\s*(MB|GB)$/i.exec(text?.trim() ?? '');
	if (!match) return null;
	const mb = Number(match[1]) * UNIT_MB[match[2].toUpperCase() as keyof typeof UNIT_MB];
	return mb >= MIN_MEMORY_MB && mb <= MAX_MEMORY_MB ? `${mb}MB` : null;
}
