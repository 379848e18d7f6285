/** Decides a file's format from its first bytes, then its name. */
import type { FileFormat } from './protocol';

/** The format and whether the bytes are gzip-compressed. */
export interface FormatGuess {
	format: FileFormat;
	gzip: boolean;
}

/** `magic` holds at least the first 4 bytes of the file. */
export function detectFormat(name: string, magic: Uint8Array): FormatGuess {
	const lower = name.toLowerCase();
	const starts = (...bytes: number[]) => bytes.every((b, i) => magic[i] === b);
	if (starts(0x50, 0x41, 0x52, 0x31)) return { format: 'parquet', gzip: false };
	if (starts(0x50, 0x4b, 0x03, 0x04)) return { format: 'xlsx', gzip: false };
	const gzip = starts(0x1f, 0x8b);
	const base = gzip ? lower.replace(/\.gz$/, '') : lower;
	if (base.endsWith('.parquet')) return { format: 'parquet', gzip: false };
	if (base.endsWith('.xlsx')) return { format: 'xlsx', gzip: false };
	if (base.endsWith('.ndjson') || base.endsWith('.jsonl')) return { format: 'ndjson', gzip };
	if (base.endsWith('.json')) return { format: 'json', gzip };
	return { format: 'csv', gzip };
}
