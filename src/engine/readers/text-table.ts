/**
 * Files DuckDB cannot read offline (Parquet, JSON, Excel) arrive as rows of JS values; they
 * become an Arrow table whose columns are all text, so one normaliser reads every format.
 */
import { Table, Utf8, vectorFromArray, tableToIPC } from 'apache-arrow';

/** A table of text cells (null for empty), with unique column names. */
export interface TextTable {
	columns: string[];
	rows: (string | null)[][];
}

/** One cell as text: dates as ISO without zone, big integers exact, objects as JSON. */
export function cellText(value: unknown): string | null {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
		return String(value);
	}
	if (value instanceof Date) {
		return Number.isNaN(value.getTime())
			? null
			: value.toISOString().replace('T', ' ').replace('Z', '');
	}
	return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

/** Makes header names unique and non-empty, the way DuckDB's CSV reader does. */
export function uniqueNames(names: readonly unknown[]): string[] {
	const seen = new Set<string>();
	return names.map((raw, i) => {
		const base = cellText(raw)?.trim() || `column${i}`;
		let name = base;
		for (let n = 1; seen.has(name.toLowerCase()); n++) name = `${base}_${n}`;
		seen.add(name.toLowerCase());
		return name;
	});
}

/** Arrow IPC stream bytes of a text table. */
export function textTableToIPC(table: TextTable): Uint8Array {
	const vectors = Object.fromEntries(
		table.columns.map((name, c) => [
			name,
			vectorFromArray(
				table.rows.map((r) => r[c] ?? null),
				new Utf8()
			)
		])
	);
	return tableToIPC(new Table(vectors), 'stream');
}
