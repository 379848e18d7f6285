/** Reads JSON (an array of objects) and NDJSON (one object per line) with the JS parser. */
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
		data = JSON.parse(text);
	} catch (e) {
		throw new Error(`This JSON file is not valid JSON (${(e as Error).message}).`);
	}
	if (isRecord(data)) {
		const arrays = Object.values(data).filter(Array.isArray);
		if (arrays.length === 1) data = arrays[0];
	}
	if (!Array.isArray(data) || !data.every(isRecord)) {
		throw new Error(
			'This JSON file is not a list of records. Segmenta reads an array of objects, one per transaction line, e.g. [{"customer": "A1", "date": "2024-01-05", "amount": 12.5}].'
		);
	}
	return toTable(data);
}

/** One object per line; lines that are not objects are returned as bad lines, not dropped. */
export function readNdjsonText(text: string): { table: TextTable; bad: BadLine[] } {
	const records: Record<string, unknown>[] = [];
	const bad: BadLine[] = [];
	text.split(/\r?\n/).forEach((line, i) => {
		if (line.trim() === '') return;
		try {
			const v = JSON.parse(line);
			if (isRecord(v)) records.push(v);
			else bad.push({ line: i + 1, text: line, error: 'not a JSON object' });
		} catch (e) {
			bad.push({ line: i + 1, text: line.slice(0, 10_000), error: (e as Error).message });
		}
	});
	return { table: toTable(records), bad };
}
