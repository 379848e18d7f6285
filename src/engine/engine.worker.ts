/**
 * The engine worker: DuckDB-WASM's blocking build plus the file readers, behind Comlink.
 * It starts DuckDB as soon as the page creates it, before any file arrives.
 */
import * as Comlink from 'comlink';
import {
	BROWSER_RUNTIME,
	createDuckDB,
	DuckDBDataProtocol,
	getPlatformFeatures,
	VoidLogger
} from '@duckdb/duckdb-wasm/blocking';
import { createEngine } from './core';
import { localBundles } from './bundles';
import type { EngineApi } from './protocol';

let readListener: ((offset: number) => void) | null = null;
let lastReport = 0;
const originalRead = BROWSER_RUNTIME.readFile;
// DuckDB reads the person's file through this hook; watching the offsets gives a real progress bar.
BROWSER_RUNTIME.readFile = function (mod, fileId, buffer, bytes, location) {
	const now = performance.now();
	if (readListener && now - lastReport > 100) {
		lastReport = now;
		readListener(location + bytes);
	}
	return originalRead.call(this, mod, fileId, buffer, bytes, location);
};

async function start(): Promise<EngineApi> {
	const started = performance.now();
	const features = await getPlatformFeatures();
	const bindings = await createDuckDB(localBundles(), new VoidLogger(), BROWSER_RUNTIME);
	await bindings.instantiate(() => {});
	return createEngine({
		bindings,
		bundle: features.wasmExceptions ? 'eh' : 'mvp',
		startMs: performance.now() - started,
		registerFile: async (name, file) => {
			// A handle, not a copy: DuckDB reads the File lazily, so a 1 GB CSV never sits in JS memory.
			bindings.registerFileHandle(name, file, DuckDBDataProtocol.BROWSER_FILEREADER, true);
		},
		onFileRead: (listener) => {
			readListener = listener;
		}
	});
}

const engine = start();

const api: EngineApi = {
	init: async () => (await engine).init(),
	openFile: async (file, options, onProgress) => (await engine).openFile(file, options, onProgress),
	normalise: async (mapping, onProgress) => (await engine).normalise(mapping, onProgress),
	loadCustomerList: async (file) => (await engine).loadCustomerList(file),
	query: async (text) => {
		let bytes = await (await engine).query(text);
		// Transfer only a buffer that holds exactly the result, never a view into wasm memory.
		if (bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength) bytes = bytes.slice();
		return Comlink.transfer(bytes, [bytes.buffer]);
	},
	exportCsv: async (text) => {
		const bytes = await (await engine).exportCsv(text);
		return Comlink.transfer(bytes, [bytes.buffer]);
	},
	exportParquet: async (text) => {
		const bytes = await (await engine).exportParquet(text);
		return Comlink.transfer(bytes, [bytes.buffer]);
	},
	cancel: async () => (await engine).cancel(),
	reset: async () => (await engine).reset()
};

Comlink.expose(api);
