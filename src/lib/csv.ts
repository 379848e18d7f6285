/**
 * Writes CSV that is safe to open in a spreadsheet: text that could start a formula gets an
 * apostrophe in front, and dates are written as ISO text.
 */
import { DataType, type Table } from 'apache-arrow';

/**
 * Where a spreadsheet may start a cell inside one of our fields: Excel with `;` as its list
 * separator (most of Europe) splits our lines at every `;`, inside our quotes or not, and other
 * readers split on tab or on lines.
 */
const SEPARATORS = new Set([';', ',', '\t', '\r', '\n']);
/**
 * What starts a formula: OWASP's `=`, `+`, `-`, `@`, tab and CR, and, to be safe, their full-width
 * forms `＝＋－＠`, which Chinese and Japanese input methods type.
 */
const TRIGGERS = '=+\\-@\\t\\r\\uFF1D\\uFF0B\\uFF0D\\uFF20';
const ANY_TRIGGER = new RegExp(`[${TRIGGERS}]`);
/** A part that starts a formula, also behind double quotes that a reader may strip. */
const FORMULA_START = new RegExp(`"*[${TRIGGERS}]`, 'y');
/** A whole field that is a number, signed or not (an E.164 phone `+8613800138000` included). */
const PLAIN_NUMBER = /^[-+]?\d+(\.\d+)?$/;

/**
 * The text with an apostrophe before each part that starts a formula: the text itself, or a piece
 * after a separator.
 */
function defuse(text: string): string {
	if (PLAIN_NUMBER.test(text) || !ANY_TRIGGER.test(text)) return text;
	let out = '';
	for (let i = 0; i < text.length; i++) {
		FORMULA_START.lastIndex = i;
		if ((i === 0 || SEPARATORS.has(text[i - 1])) && FORMULA_START.test(text)) out += "'";
		out += text[i];
	}
	return out;
}

/**
 * One CSV cell: quoted when it holds a separator, a quote or outer spaces; text defused so no part
 * of it starts a formula. Typed numbers (`number`, `bigint`) and booleans are written as they are,
 * so a negative amount stays a number.
 */
export function csvCell(value: unknown): string {
	if (value === null || value === undefined) return '';
	const typed =
		typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean';
	const text = typed ? String(value) : defuse(String(value));
	return /[",;\t\r\n]/.test(text) || text !== text.trim()
		? `"${text.replaceAll('"', '""')}"`
		: text;
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
					return csvCell(v);
				})
				.join(',')
		);
	}
	return lines.join('\r\n') + '\r\n';
}

/** Rows as CSV text with a header row, every cell through `csvCell`, lines ending in CRLF. */
export function rowsToCsv(
	header: readonly string[],
	rows: readonly (readonly unknown[])[]
): string {
	const lines = [header, ...rows].map((row) => row.map(csvCell).join(','));
	return lines.join('\r\n') + '\r\n';
}

/** CSV text as the bytes of a file: UTF-8 with a byte-order mark, so Excel reads Chinese right. */
export function csvBytes(text: string): Uint8Array {
	return new TextEncoder().encode('\ufeff' + text);
}
