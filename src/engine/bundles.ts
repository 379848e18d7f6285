/**
 * DuckDB's wasm files, emitted by our own build (imported with `?url`), never fetched from a CDN.
 * The blocking build runs the wasm inside our worker, so no DuckDB worker script is needed.
 */
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import type { DuckDBBundles } from '@duckdb/duckdb-wasm/blocking';

/** Absolute URLs of the wasm modules, resolved against the worker script's own location. */
export function localBundles(): DuckDBBundles {
	const url = (path: string) => new URL(path, import.meta.url).href;
	return {
		mvp: { mainModule: url(mvpWasm), mainWorker: '' },
		eh: { mainModule: url(ehWasm), mainWorker: '' }
	};
}
