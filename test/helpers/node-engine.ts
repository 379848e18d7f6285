/**
 * The real engine in Node: DuckDB-WASM's blocking build with the Node runtime, behind the same
 * `createEngine` the browser worker uses. Files are registered as buffers.
 */
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { createEngine } from '../../src/engine/core';
import { MODEL_FITS } from '../../src/analyses/fits';
import type { EngineApi, EngineOptions } from '../../src/engine/protocol';

const require = createRequire(import.meta.url);
// The vite alias for `/blocking` points at the browser build, so load the Node build by path.
const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));

/** Starts a fresh engine (a new DuckDB instance) and runs `init(options)`. */
export async function startNodeEngine(options: EngineOptions = {}): Promise<EngineApi> {
	const started = performance.now();
	const bindings = await duckdb.createDuckDB(
		{
			mvp: {
				mainModule: resolve(dist, 'duckdb-mvp.wasm'),
				mainWorker: resolve(dist, 'duckdb-node-mvp.worker.cjs')
			},
			eh: {
				mainModule: resolve(dist, 'duckdb-eh.wasm'),
				mainWorker: resolve(dist, 'duckdb-node-eh.worker.cjs')
			}
		},
		new duckdb.VoidLogger(),
		duckdb.NODE_RUNTIME
	);
	await bindings.instantiate(() => {});
	const engine = createEngine({
		bindings,
		bundle: 'node-eh',
		startMs: performance.now() - started,
		registerFile: async (name, file) => {
			bindings.registerFileBuffer(name, new Uint8Array(await file.arrayBuffer()));
		},
		onFileRead: () => {},
		fits: MODEL_FITS
	});
	await engine.init(options);
	return engine;
}

/** A `File` with the bytes of a file on disk. */
export function fileFrom(path: string, name = path.split('/').pop()!): File {
	return new File([readFileSync(path)], name);
}

/** A `File` with the given text (UTF-8). */
export function textFile(name: string, text: string): File {
	return new File([new TextEncoder().encode(text)], name);
}
