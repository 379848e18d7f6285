/**
 * The public data sets the tests read. Compact copies live in `test/data/` (one folder per data
 * set, each with a `SOURCE.md`), the large text files gzipped: these functions hand them out
 * uncompressed, so the engine sees the same bytes, under the same name, as the original file.
 *
 * The full UCI Online Retail file (541,909 lines) is too big to keep here. Its tests run only
 * where `fullRetail()` finds it: in the folder `SEGMENTA_DATA` names, or else in the
 * `../shared/data` folder beside the repository; elsewhere they are `describe.skipIf`'d with one
 * line saying why (`noteFullRetailSkipped`), so the suite passes from the repository alone.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { threadId } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';

/** The repository's root folder. */
const ROOT = resolve(import.meta.dirname, '../..');

/** The folder of the copies, `test/data`. */
export const DATA_DIR = resolve(ROOT, 'test/data');

/** Where the full file sits inside a data folder (`SEGMENTA_DATA` or `../shared/data`). */
export const FULL_RETAIL = 'online-retail-uci-full/online_retail.csv.gz';

/** The path of a file in `test/data`, as stored (a `.gz` stays compressed). */
export function dataPath(rel: string): string {
	return resolve(DATA_DIR, rel);
}

/** The original name of a data file: its own name without `.gz`. */
export function originalName(rel: string): string {
	return basename(rel).replace(/\.gz$/, '');
}

/** The bytes of a file in `test/data`; a `.gz` is uncompressed, so these are the original's. */
export function readData(rel: string): Buffer {
	const bytes = readFileSync(dataPath(rel));
	return rel.endsWith('.gz') ? gunzipSync(bytes) : bytes;
}

/** The text of a file in `test/data` (UTF-8), uncompressed. */
export function dataText(rel: string): string {
	return readData(rel).toString('utf8');
}

/** A `File` holding the original bytes of a file in `test/data`, named like the original. */
export function dataFile(rel: string, name = originalName(rel)): File {
	return new File([new Uint8Array(readData(rel))], name);
}

/**
 * The path of an uncompressed copy of a file in `test/data`, for what must read a file on disk
 * under its original name (native DuckDB, a browser's file input). Any other file is given as it
 * is. A `.gz` is uncompressed once into the system's temporary folder, under a name made from a
 * hash of its bytes: runs and parallel workers share the copy, and a changed file gets a new one.
 */
export function dataOnDisk(rel: string): string {
	if (!rel.endsWith('.gz')) return dataPath(rel);
	const stored = readFileSync(dataPath(rel));
	const hash = createHash('sha256').update(stored).digest('hex').slice(0, 16);
	const path = join(tmpdir(), 'segmenta-test-data', hash, originalName(rel));
	if (!existsSync(path)) {
		mkdirSync(dirname(path), { recursive: true });
		// Written aside and renamed, so a reader never sees half a file.
		const partial = `${path}.${process.pid}-${threadId}.partial`;
		writeFileSync(partial, gunzipSync(stored));
		renameSync(partial, path);
	}
	return path;
}

/** The folder searched for the full file: `SEGMENTA_DATA` when set, else `../shared/data`. */
function fullRetailDir(): string {
	const chosen = process.env.SEGMENTA_DATA;
	return chosen ? resolve(chosen) : resolve(ROOT, '../shared/data');
}

/**
 * The path of the full UCI Online Retail file (`online_retail.csv.gz`, gzipped as published,
 * 541,909 lines), or `undefined` when it is not there: see the module comment.
 */
export function fullRetail(): string | undefined {
	const path = resolve(fullRetailDir(), FULL_RETAIL);
	return existsSync(path) ? path : undefined;
}

/**
 * Says, in one line, that this file's tests of the full file are skipped and how to run them;
 * says nothing when the file is there. Call it at a test file's top level.
 */
export function noteFullRetailSkipped(what: string): void {
	if (fullRetail()) return;
	const where = process.env.SEGMENTA_DATA
		? `not in SEGMENTA_DATA=${process.env.SEGMENTA_DATA}`
		: 'SEGMENTA_DATA is not set and ../shared/data beside the repository does not hold it';
	console.info(
		`Skipped ${what}: no full UCI Online Retail file ${FULL_RETAIL} (${where}). ` +
			'To run: SEGMENTA_DATA=/path/to/data npm test, with the file in that folder.'
	);
}
