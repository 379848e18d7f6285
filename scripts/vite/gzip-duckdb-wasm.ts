/**
 * Vite plugin: ships DuckDB's wasm modules gzipped, as `assets/duckdb-<bundle>-<hash>.wasm.gz`.
 * Raw they are 34 and 39 MB, above what some static hosts accept per file (Cloudflare Pages:
 * 25 MiB), and a host that does not compress on the fly would send all of it. Gzipped they are
 * 7.7 and 8.7 MB; the engine worker inflates them with `DecompressionStream` (see
 * src/engine/bundles.ts).
 * Only the build is changed: the dev server keeps serving the raw files.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import { constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const DUCKDB_WASM_URL = /\/duckdb-(eh|mvp)\.wasm\?url$/;
const gzipped = promisify(gzip);

/** Turns the `?url` import of `duckdb-eh.wasm` / `duckdb-mvp.wasm` into a gzipped asset's URL. */
export function gzipDuckdbWasm(): Plugin {
	let assetsDir = 'assets';
	return {
		name: 'segmenta:gzip-duckdb-wasm',
		apply: 'build',
		// Before Vite's own asset plugin, which would emit the raw file.
		enforce: 'pre',
		configResolved(config) {
			assetsDir = config.build.assetsDir;
		},
		load: {
			filter: { id: DUCKDB_WASM_URL },
			async handler(id) {
				const path = id.slice(0, id.indexOf('?'));
				const raw = await readFile(path);
				const hash = createHash('sha256').update(raw).digest('base64url').slice(0, 8);
				const ref = this.emitFile({
					type: 'asset',
					fileName: `${assetsDir}/${basename(path, '.wasm')}-${hash}.wasm.gz`,
					source: await gzipped(raw, { level: constants.Z_BEST_COMPRESSION })
				});
				return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
			}
		}
	};
}
