/**
 * How many rows a tab can analyse, and whether an opened file is likely past that: said before
 * the load starts, so a person with a 1 GB export hears it in a second instead of after a minute.
 */
import type { OpenedFile } from '../engine/protocol';
import { memoryLimitOf } from '../engine/memory-limit';

/**
 * Peak DuckDB memory per transaction row over the load and every template cell, on the
 * benchmark's generated logs (`npm run bench`; figures in bench/README.md): more than 333 bytes a
 * row, so 340. Files over 128 MB are stored compressed, so for them the figure is cautious.
 */
export const PEAK_BYTES_PER_ROW = 340;

/** DuckDB-WASM's default memory limit (3.1 GiB), when the engine does not say otherwise. */
export const DEFAULT_MEMORY_BYTES = 3.1 * 2 ** 30;

/** The engine's memory limit in bytes: the test-only `?memory=` value when valid, else the default. */
export function memoryBytesOf(limit: string | null): number {
	const mb = memoryLimitOf(limit);
	return mb ? Number(mb.replace('MB', '')) * 2 ** 20 : DEFAULT_MEMORY_BYTES;
}

/** The rows a tab with this memory limit can load and analyse. */
export function capacityRows(memoryBytes = DEFAULT_MEMORY_BYTES): number {
	return Math.floor(memoryBytes / PEAK_BYTES_PER_ROW);
}

type Sized = Pick<OpenedFile, 'format' | 'compressed' | 'preview'> &
	Partial<Pick<OpenedFile, 'textBytes'>>;

/**
 * Rows in a delimited text file, from the size of its text and the bytes of its first rows (the
 * preview, with one separator between fields and a line end; quotes are not counted, so the
 * estimate errs high). A gzip file's text is the size the engine counted it expands to. Null for
 * formats whose size says little about their rows (Excel, Parquet, JSON with its repeated keys),
 * a compressed file not measured, or without a preview.
 */
export function estimateRows(fileBytes: number, opened: Sized): number | null {
	if (opened.format !== 'csv' || (opened.compressed && opened.textBytes === undefined)) return null;
	const textBytes = opened.textBytes ?? fileBytes;
	const rows = opened.preview;
	if (rows.length === 0) return null;
	const encoder = new TextEncoder();
	const bytes = rows.reduce(
		(sum, row) => sum + row.reduce((n, cell) => n + encoder.encode(cell ?? '').length + 1, 0),
		0
	);
	return Math.round(textBytes / Math.max(1, bytes / rows.length));
}

/** The estimate and the capacity when the file is likely too big for the tab, else null. */
export function overCapacity(
	fileBytes: number,
	opened: Sized,
	memoryBytes = DEFAULT_MEMORY_BYTES
): { rows: number; capacity: number } | null {
	const rows = estimateRows(fileBytes, opened);
	const capacity = capacityRows(memoryBytes);
	return rows !== null && rows > capacity ? { rows, capacity } : null;
}
