/**
 * DuckDB's wasm files, emitted by our own build (imported with `?url`), never fetched from a CDN.
 * The blocking build runs the wasm inside our worker, so no DuckDB worker script is needed.
 * The build ships them gzipped as `*.wasm.gz` (scripts/vite/gzip-duckdb-wasm.ts); the dev server
 * and the engine-suite page serve them raw.
 */
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import type { DuckDBBundles } from '@duckdb/duckdb-wasm/blocking';
import { LocalisedError } from '../i18n/errors';

type Bytes = Uint8Array<ArrayBuffer>;

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Absolute URLs of the wasm modules, resolved against this module's URL: the worker's own location
 * is the `blob:` URL it started from (src/engine/client.ts), which resolves nothing.
 */
export function localBundles(): DuckDBBundles {
	const url = (path: string) => new URL(path, import.meta.url).href;
	return {
		mvp: { mainModule: url(mvpWasm), mainWorker: '' },
		eh: { mainModule: url(ehWasm), mainWorker: '' }
	};
}

/**
 * Fetches and compiles a wasm module, inflating it on the way in when it is gzipped. Download,
 * inflation and compilation overlap. The bytes decide, not the name: a host that labels `.gz`
 * files `Content-Encoding: gzip` has the browser inflate them before we see them.
 *
 * With `viaServiceWorker`, a gzipped module is asked for by its inflated name, which only the
 * service worker answers (src/offline/service-worker.ts), from its cache: the browser keeps the
 * code it compiles from such a response, so a return visit starts with the code optimised on
 * earlier visits. Compiled from our own inflated stream, everything was compiled and optimised
 * again on every visit.
 */
export async function compileWasm(
	url: string,
	viaServiceWorker = false
): Promise<WebAssembly.Module> {
	if (viaServiceWorker && url.endsWith('.wasm.gz')) {
		const inflated = await fetch(url.slice(0, -'.gz'.length)).catch(() => null);
		if (inflated?.ok && inflated.headers.get('content-type') === 'application/wasm') {
			return WebAssembly.compileStreaming(inflated);
		}
	}
	const response = await fetch(url);
	if (!response.ok || !response.body) {
		throw new LocalisedError('engine.wasm_failed', { status: String(response.status), url });
	}
	const [head, body] = await peek(response.body);
	const wasm = GZIP_MAGIC.every((byte, i) => head[i] === byte)
		? body.pipeThrough(new DecompressionStream('gzip'))
		: body;
	// Our own response, so the host's Content-Type for the file does not matter.
	return WebAssembly.compileStreaming(
		new Response(wasm, { headers: { 'content-type': 'application/wasm' } })
	);
}

/** The first chunk of a stream, and the whole stream again (that chunk included). */
async function peek(stream: ReadableStream<Bytes>): Promise<[Bytes, ReadableStream<Bytes>]> {
	const reader = stream.getReader();
	const first = await reader.read();
	const head = first.value ?? new Uint8Array();
	const replay = new ReadableStream<Bytes>({
		start(controller) {
			if (head.length) controller.enqueue(head);
		},
		async pull(controller) {
			const next = await reader.read();
			if (next.done) controller.close();
			else controller.enqueue(next.value);
		},
		cancel: (reason) => reader.cancel(reason)
	});
	return [head, replay];
}
