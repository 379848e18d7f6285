/**
 * Writes CSV that is safe to open in a spreadsheet: cells that would start a formula are
 * prefixed with an apostrophe, and dates are written as ISO text.
 */
import { DataType, type Table } from 'apache-arrow';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: quoted when needed, formulas neutralised (a negative number stays a number). */
export function csvCell(value: unknown): string {
	if (value === null || value === undefined) return '';
	let text = typeof value === 'string' ? value : String(value);
	if (typeof value === 'string' && FORMULA_START.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) {
		text = `'${text}`;
	}
	return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** ISO text of an epoch-milliseconds timestamp, without a zone (DuckDB's TIMESTAMP is zone-less). */
export function isoDateTime(ms: number): string {
	const iso = new Date(ms).toISOString();
	return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

/** The whole table as CSV text with a header row, lines ending in CRLF (RFC 4180). */
export function tableToCsv(table: Table): string {
	const fields = table.schema.fields;
	const isTime = fields.map((f) => DataType.isTimestamp(f.type) || DataType.isDate(f.type));
	const lines = [fields.map((f) => csvCell(f.name)).join(',')];
	const columns = fields.map((_, i) => table.getChildAt(i));
	for (let r = 0; r < table.numRows; r++) {
		lines.push(
			columns
				.map((col, c) => {
					const v = col?.get(r);
					if (v === null || v === undefined) return '';
					if (isTime[c]) return isoDateTime(v instanceof Date ? v.getTime() : Number(v));
					return csvCell(typeof v === 'bigint' ? v.toString() : v);
				})
				.join(',')
		);
	}
	return lines.join('\r\n') + '\r\n';
}
