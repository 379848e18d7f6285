/**
 * Reads text files that DuckDB cannot read itself (GB18030, UTF-16, whitespace-aligned columns,
 * or those inside gzip) and re-encodes them as UTF-8 CSV bytes for DuckDB.
 */
import type { TextEncoding } from '../protocol';

/** The byte stream of a file, decompressed when it is gzip. */
export function byteStream(file: Blob, gzip: boolean): ReadableStream<Uint8Array> {
	const stream = file.stream() as ReadableStream<Uint8Array>;
	return gzip ? stream.pipeThrough(new DecompressionStream('gzip') as never) : stream;
}

/** Up to `limit` bytes from the start of a (possibly gzip) file. */
export async function readHead(file: Blob, gzip: boolean, limit = 65536): Promise<Uint8Array> {
	if (!gzip) return new Uint8Array(await file.slice(0, limit).arrayBuffer());
	const reader = byteStream(file.slice(0, Math.min(file.size, limit * 8)), true).getReader();
	const parts: Uint8Array[] = [];
	let size = 0;
	try {
		while (size < limit) {
			const { done, value } = await reader.read();
			if (done) break;
			parts.push(value);
			size += value.length;
		}
	} catch {
		// A head cut from the middle of a gzip stream ends with an error; what came before is good.
	} finally {
		reader.cancel().catch(() => {});
	}
	return concat(parts).subarray(0, limit);
}

/** Joins byte chunks. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

/**
 * Turns whitespace-aligned lines (ending in LF, CRLF or CR) into tab-separated ones; `rest`
 * carries a partial line, and a CR that may be followed by its LF in the next chunk.
 */
function alignedToTabs(text: string, final: boolean): { out: string; rest: string } {
	let cut = final ? text.length : Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1;
	if (!final && cut === text.length && text.endsWith('\r')) cut--;
	const body = text.slice(0, cut);
	const out = body
		.split(/\r\n|\r|\n/)
		.map((l) => l.trim().split(/\s+/).join('\t'))
		.join('\n');
	return { out, rest: text.slice(cut) };
}

/**
 * Evens out line endings: CRLF becomes LF, a lone CR becomes `cr`. A CR at the end of a chunk
 * waits in `rest` for the chunk that tells whether an LF follows.
 */
export function evenLineEnds(
	text: string,
	final: boolean,
	cr: ' ' | '\n'
): { out: string; rest: string } {
	const cut = !final && text.endsWith('\r') ? text.length - 1 : text.length;
	return {
		out: text.slice(0, cut).replace(/\r\n/g, '\n').replace(/\r/g, cr),
		rest: text.slice(cut)
	};
}

/**
 * Decodes a whole file to UTF-8, optionally turning aligned columns into tabs, or evening out
 * mixed line endings (`loneCr`: what a CR that does not end a CRLF line becomes).
 * `onProgress` gets the share of compressed bytes read.
 */
export async function decodeToUtf8(
	file: Blob,
	options: { encoding: TextEncoding; gzip: boolean; aligned: boolean; loneCr?: ' ' | '\n' | null },
	onProgress: (fraction: number) => void
): Promise<Uint8Array> {
	let read = 0;
	const counted = (file.stream() as ReadableStream<Uint8Array>).pipeThrough(
		new TransformStream<Uint8Array, Uint8Array>({
			transform(chunk, controller) {
				read += chunk.length;
				onProgress(read / Math.max(1, file.size));
				controller.enqueue(chunk);
			}
		})
	);
	const bytes = options.gzip
		? counted.pipeThrough(
				new DecompressionStream('gzip') as never as TransformStream<Uint8Array, Uint8Array>
			)
		: counted;
	const decoder = new TextDecoder(options.encoding);
	const encoder = new TextEncoder();
	const parts: Uint8Array[] = [];
	let rest = '';
	const reader = bytes.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		const text = rest + decoder.decode(value, { stream: !done });
		if (options.aligned || options.loneCr) {
			const step = options.loneCr
				? evenLineEnds(text, done, options.loneCr)
				: alignedToTabs(text, done);
			rest = step.rest;
			if (step.out) parts.push(encoder.encode(step.out));
		} else {
			rest = '';
			parts.push(encoder.encode(text));
		}
		if (done) break;
	}
	return concat(parts);
}
