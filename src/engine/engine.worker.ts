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
	VoidLogger,
	type DuckDBBindings
} from '@duckdb/duckdb-wasm/blocking';
import { createEngine } from './core';
import { MODEL_FITS } from '../analyses/fits';
import { compileWasm, localBundles } from './bundles';
import { keepErrorsAcrossWorker } from './error-transfer';
import { ENGINE_WITH_SERVICE_WORKER, type EngineApi } from './protocol';

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

type InstantiateWasm = (
	imports: WebAssembly.Imports,
	done: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void
) => object;

/**
 * Starts DuckDB on a module we compiled ourselves. DuckDB's own loader fetches `mainModule` and
 * can only take raw wasm; ours is gzipped, so we replace the Emscripten `instantiateWasm` hook
 * its bindings pass in (the hook is looked up on the bindings object when `instantiate` runs).
 */
async function instantiateWith(bindings: DuckDBBindings, module: WebAssembly.Module) {
	let failed: (reason: unknown) => void = () => {};
	const failure = new Promise<never>((_, reject) => (failed = reject));
	const hooked = bindings as unknown as { instantiateWasm: InstantiateWasm };
	hooked.instantiateWasm = (imports, done) => {
		// As DuckDB's own hook does: the module's imports call back into this runtime.
		(globalThis as { DUCKDB_RUNTIME?: unknown }).DUCKDB_RUNTIME = BROWSER_RUNTIME;
		WebAssembly.instantiate(module, imports).then((instance) => done(instance, module), failed);
		return {};
	};
	// Emscripten never hears of a failed instantiation, so without the race this would hang.
	await Promise.race([bindings.instantiate(() => {}), failure]);
}

async function start(): Promise<EngineApi> {
	const started = performance.now();
	const features = await getPlatformFeatures();
	// The same choice createDuckDB makes.
	const bundle = features.wasmExceptions ? 'eh' : 'mvp';
	const bundles = localBundles();
	const [module, bindings] = await Promise.all([
		compileWasm(bundles[bundle]!.mainModule, self.name === ENGINE_WITH_SERVICE_WORKER),
		createDuckDB(bundles, new VoidLogger(), BROWSER_RUNTIME)
	]);
	await instantiateWith(bindings, module);
	return createEngine({
		bindings,
		bundle,
		startMs: performance.now() - started,
		registerFile: async (name, file) => {
			// A handle, not a copy: DuckDB reads the File lazily, so a 1 GB CSV never sits in JS memory.
			bindings.registerFileHandle(name, file, DuckDBDataProtocol.BROWSER_FILEREADER, true);
		},
		onFileRead: (listener) => {
			readListener = listener;
		},
		fits: MODEL_FITS
	});
}

const engine = start();

/**
 * Takes the page's Web Lock and holds it while this worker lives: when the worker ends in any
 * way (closed, crashed, killed by the browser), the lock is freed and the page restarts it.
 */
function holdLifeLock(name: string): Promise<void> {
	return new Promise((held) => {
		void navigator.locks.request(name, () => {
			held();
			return new Promise<never>(() => {});
		});
	});
}

const api: EngineApi = {
	init: async (options) => {
		if (options?.lifeLock && 'locks' in navigator) await holdLifeLock(options.lifeLock);
		return (await engine).init(options);
	},
	openFile: async (file, options, onProgress) => (await engine).openFile(file, options, onProgress),
	openPractice: async (rows) => (await engine).openPractice(rows),
	normalise: async (mapping, onProgress) => (await engine).normalise(mapping, onProgress),
	fitModel: async (model, config, onProgress) => (await engine).fitModel(model, config, onProgress),
	loadCustomerList: async (file) => (await engine).loadCustomerList(file),
	query: async (text) => {
		let bytes = await (await engine).query(text);
		// Transfer only a buffer that holds exactly the result, never a view into wasm memory.
		if (bytes.byteOffset !== 0 || bytes.byteLength !== bytes.buffer.byteLength)
			bytes = bytes.slice();
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

keepErrorsAcrossWorker();
Comlink.expose(api);
