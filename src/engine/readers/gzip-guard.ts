/** Measures a gzip file's text and refuses one that would not fit in memory, before DuckDB reads it. */
import { LocalisedError } from '../../i18n/errors';
import { CancelledError } from '../errors';

/** Expanding beyond this many bytes a CSV cannot be loaded in DuckDB-WASM's memory anyway. */
const MAX_EXPANDED = 4 * 2 ** 30;
/** Text compresses about 5-15 : 1; deflate cannot pass about 1,000 : 1, which only filler reaches. */
const MAX_RATIO = 200;
/** Compressed bytes handed to the decompressor at a time (at most about 64 MB expanded). */
const SLICE_BYTES = 65536;

/**
 * The size of a gzip file's text, counted by expanding it before DuckDB reads it, so the page
 * can judge whether its rows fit (a 20 MB file can hold 3 GB of repetitive lines). Refuses a
 * file that expands far more than text does (a zip bomb) or beyond what fits in memory, at the
 * first sign, and stops when `cancelled()` says so. A damaged stream counts what came before
 * the damage; DuckDB reports the damage when it reads the file.
 */
export async function measureGzip(file: Blob, cancelled: () => boolean): Promise<number> {
	let read = 0;
	let expanded = 0;
	const gunzip = new DecompressionStream('gzip') as never as TransformStream<
		Uint8Array,
		Uint8Array
	>;
	// Slices handed over one at a time, each once the last was taken in: `read` is then what the
	// decompressor has had. Piping `file.stream()` reads ahead, in Node the whole file as one chunk,
	// and the ratio would only be judged after expanding 200 times the whole file.
	const writer = gunzip.writable.getWriter();
	const feed = async () => {
		for (let at = 0; at < file.size; at += SLICE_BYTES) {
			const slice = new Uint8Array(await file.slice(at, at + SLICE_BYTES).arrayBuffer());
			read = at + slice.length;
			await writer.write(slice);
		}
		await writer.close();
	};
	// A failure shows on the reading side too.
	feed().catch(() => {});
	const reader = gunzip.readable.getReader();
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) return expanded;
			if (cancelled()) throw new CancelledError();
			expanded += value.length;
			if (expanded > MAX_EXPANDED || (expanded > 64 * 2 ** 20 && expanded > MAX_RATIO * read)) {
				throw expanded > MAX_EXPANDED
					? new LocalisedError('engine.gzip_too_big', { gb: MAX_EXPANDED / 2 ** 30 })
					: new LocalisedError('engine.gzip_ratio', { ratio: MAX_RATIO });
			}
		}
	} catch (e) {
		if (e instanceof LocalisedError || e instanceof CancelledError) throw e;
		return expanded;
	} finally {
		reader.cancel().catch(() => {});
	}
}
