/**
 * A second opinion on a CSV file's shape, from its first bytes and in plain TypeScript: which
 * delimiter splits most lines into the same number of fields. DuckDB's sniffer gives up on a few
 * ragged lines (falling back to one column) or skips every line above an appended export; this
 * check is cheap, bounded by the head's size, and never reads the rest of the file. Pure: it runs
 * in Node tests too.
 */
import { uniqueNames } from './text-table';

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** What the head's lines say about the table in them. */
export type CsvShape =
	/** Most lines have `fields` fields when split at `delimiter`; the table starts `skip` lines down. */
	| {
			kind: 'table';
			delimiter: string;
			/** `"`, or null for a file that knows no quoting (aligned columns turned into tabs). */
			quote: string | null;
			fields: number;
			skip: number;
			header: boolean;
			names: string[];
			records: number;
			consistent: number;
	  }
	/** No width is shared by most lines, whatever the delimiter. */
	| { kind: 'ragged'; records: number; fewest: number; most: number }
	/** Too few lines to judge, or every line is one field. */
	| { kind: 'unknown' };

interface RecordAt {
	fields: string[];
	/** Physical line the record starts on (0-based). */
	line: number;
}

/**
 * Splits text into records (quote `"` doubled inside quotes, as RFC 4180). With `crlf`, a
 * carriage return not followed by a line feed is part of a field, as it is for DuckDB when the
 * file's lines end in CRLF. With `complete` false the text was cut: the last record is dropped.
 */
function recordsOf(
	text: string,
	delimiter: string,
	quote: string | null,
	crlf: boolean,
	complete: boolean
): RecordAt[] {
	const out: RecordAt[] = [];
	let fields: string[] = [];
	let field = '';
	let quoted = false;
	let fieldStart = true;
	let line = 0;
	let recordLine = 0;
	const endRecord = () => {
		fields.push(field);
		if (fields.length > 1 || fields[0].trim() !== '') out.push({ fields, line: recordLine });
		fields = [];
		field = '';
		fieldStart = true;
	};
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === quote && text[i + 1] === quote) {
				field += ch;
				i++;
			} else if (ch === quote) quoted = false;
			else {
				if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
				field += ch;
			}
			continue;
		}
		const lineEnd = ch === '\n' || (ch === '\r' && (text[i + 1] === '\n' || !crlf));
		if (lineEnd) {
			if (ch === '\r' && text[i + 1] === '\n') i++;
			endRecord();
			line++;
			recordLine = line;
		} else if (ch === delimiter) {
			fields.push(field);
			field = '';
			fieldStart = true;
		} else if (ch === quote && fieldStart) {
			quoted = true;
			fieldStart = false;
		} else {
			field += ch;
			fieldStart = false;
		}
	}
	if (complete && !quoted && (field !== '' || fields.length > 0)) endRecord();
	return out;
}

/**
 * How to even out line endings that differ within a file's head (outside quotes), which DuckDB
 * cannot read ("state machine reached an invalid state"): CRLF becomes LF, and a lone CR becomes
 * a line break in an old Mac file, else a space (a line break pasted into a field). Null when the
 * lines all end alike.
 */
export function loneCrAs(text: string): ' ' | '\n' | null {
	let crlf = 0;
	let cr = 0;
	let lf = 0;
	let quoted = false;
	// A CR at the very end of a cut head may be followed by its LF in the next byte.
	for (let i = 0; i < text.length - 1; i++) {
		const ch = text[i];
		if (ch === '"') quoted = !quoted;
		else if (quoted) continue;
		else if (ch === '\n') lf++;
		else if (ch === '\r' && text[i + 1] === '\n') {
			crlf++;
			i++;
		} else if (ch === '\r') cr++;
	}
	if ([crlf, cr, lf].filter((n) => n > 0).length < 2) return null;
	return cr > crlf + lf ? '\n' : ' ';
}

/** The most common width among `widths` (the wider one on a tie) and how many records have it. */
function modeOf(widths: number[]): { width: number; count: number } {
	const counts = new Map<number, number>();
	for (const w of widths) counts.set(w, (counts.get(w) ?? 0) + 1);
	let best = { width: 0, count: 0 };
	for (const [width, count] of counts) {
		if (count > best.count || (count === best.count && width > best.width)) best = { width, count };
	}
	return best;
}

const looksLikeData = (value: string) =>
	/^\s*[-+]?(\d[\d,.\s]*|\.\d+)([eE][-+]?\d+)?\s*$/.test(value) ||
	/^\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/.test(value);

/**
 * The shape of the table in a file's head (decoded text, without a byte-order mark). `complete`
 * says the head is the whole file; otherwise its last, possibly cut, line is not judged. `quote`
 * null reads quotes as part of values.
 */
export function csvShape(text: string, complete: boolean, quote: string | null = '"'): CsvShape {
	const crlf = text.includes('\r\n');
	let best: (CsvShape & { kind: 'table' }) | null = null;
	let range = { fewest: 0, most: 0 };
	for (const delimiter of DELIMITERS) {
		const records = recordsOf(text, delimiter, quote, crlf, complete);
		const widths = records.map((r) => r.fields.length);
		const mode = modeOf(widths);
		if (records.length < 3 || mode.width < 2) continue;
		if (
			best &&
			(mode.count < best.consistent ||
				(mode.count === best.consistent && mode.width <= best.fields))
		) {
			continue;
		}
		const first = records.find((r) => r.fields.length === mode.width)!;
		const header = !first.fields.some(looksLikeData);
		range = { fewest: Math.min(...widths), most: Math.max(...widths) };
		best = {
			kind: 'table',
			delimiter,
			quote,
			fields: mode.width,
			skip: first.line,
			header,
			names: header ? uniqueNames(first.fields) : first.fields.map((_, i) => `column${i}`),
			records: records.length,
			consistent: mode.count
		};
	}
	if (!best) return { kind: 'unknown' };
	if (best.consistent * 2 < best.records)
		return { kind: 'ragged', records: best.records, ...range };
	return best;
}
