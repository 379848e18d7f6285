/** Reads JSON (an array of objects) and NDJSON (one object per line) with the JS parser. */
import { LocalisedError } from '../../i18n/errors';
import { cellText, uniqueNames, type TextTable } from './text-table';

/** A line of an NDJSON file that is not a JSON object. */
export interface BadLine {
	line: number;
	text: string;
	error: string;
}

function toTable(records: Record<string, unknown>[]): TextTable {
	const keys: string[] = [];
	const seen = new Set<string>();
	for (const r of records) {
		for (const k of Object.keys(r)) {
			if (!seen.has(k)) {
				seen.add(k);
				keys.push(k);
			}
		}
	}
	return { columns: uniqueNames(keys), rows: records.map((r) => keys.map((k) => cellText(r[k]))) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An array of objects, or an object holding exactly one such array (a typical API export). */
export function readJsonText(text: string): TextTable {
	let data: unknown;
	try {
		data = JSON.parse(quoteBigIntegers(text));
	} catch (e) {
		throw new LocalisedError('reader.json_invalid', { detail: (e as Error).message });
	}
	if (isRecord(data)) {
		const arrays = Object.values(data).filter(Array.isArray);
		if (arrays.length === 1) data = arrays[0];
	}
	if (!Array.isArray(data) || !data.every(isRecord)) {
		throw new LocalisedError('reader.json_not_records');
	}
	if (data.length === 0) throw new LocalisedError('reader.json_empty');
	return toTable(data);
}

/**
 * Writes integers of 16 digits or more as strings, so ids above 2^53 stay exact (JSON.parse
 * would round 12345678901234567891 to 12345678901234567000). Text inside strings is left alone.
 */
export function quoteBigIntegers(text: string): string {
	let out = '';
	let from = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (inString) {
			if (ch === '\\') i++;
			else if (ch === '"') inString = false;
		} else if (ch === '"') inString = true;
		else if (ch === '-' || (ch >= '0' && ch <= '9')) {
			const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
			const token = m ? m[0] : ch;
			if (/^-?\d{16,}$/.test(token)) {
				out += `${text.slice(from, i)}"${token}"`;
				from = i + token.length;
			}
			i += token.length - 1;
		}
	}
	return out + text.slice(from);
}

/** One object per line; lines that are not objects are returned as bad lines, not dropped. */
export function readNdjsonText(text: string): { table: TextTable; bad: BadLine[] } {
	const records: Record<string, unknown>[] = [];
	const bad: BadLine[] = [];
	text.split(/\r?\n/).forEach((line, i) => {
		if (line.trim() === '') return;
		try {
			const v = JSON.parse(quoteBigIntegers(line));
			if (isRecord(v)) records.push(v);
			else bad.push({ line: i + 1, text: line, error: 'not a JSON object' });
		} catch (e) {
			bad.push({ line: i + 1, text: line.slice(0, 10_000), error: (e as Error).message });
		}
	});
	return { table: toTable(records), bad };
}
