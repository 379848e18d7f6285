/**
 * The service worker (built to `sw.js` at the site root by scripts/vite/service-worker.ts): a
 * return visit starts from cache, and the app works offline once it has been used online.
 * Hashed files (`assets/`) come from the cache first; everything else, the page itself included,
 * from the network first, with the cached copy as the fallback. DuckDB's wasm is kept inflated
 * (see `inflatedWasm`). It never touches other origins.
 */

/**
 * Filled in by the build, as paths relative to the site root: every file of this build, what the
 * page loads before this worker controls it, and the folder of content-hashed files.
 */
declare const SERVICE_WORKER_BUILD: { files: string[]; shell: string[]; hashedDir: string };

const sw = self as unknown as ServiceWorkerGlobalScope;
// One cache per deployment: two copies of the app on one origin must not prune each other's.
const CACHE = `segmenta ${sw.registration.scope}`;
const HASHED = new URL(SERVICE_WORKER_BUILD.hashedDir, sw.registration.scope).href;

/** One cache entry per file: no query string, and `index.html` is the folder itself. */
function cacheKey(url: string): string {
	const { origin, pathname } = new URL(url, sw.registration.scope);
	return origin + pathname.replace(/\/index\.html$/, '/');
}

async function fetchAndKeep(event: FetchEvent, cache: Cache, key: string): Promise<Response> {
	const response = await fetch(event.request);
	// Kept in the background, so the page still receives the body as it streams in.
	if (response.status === 200 && response.type === 'basic') {
		event.waitUntil(cache.put(key, response.clone()));
	}
	return response;
}

async function cacheFirst(event: FetchEvent, key: string): Promise<Response> {
	const cache = await caches.open(CACHE);
	return (await cache.match(key)) ?? fetchAndKeep(event, cache, key);
}

async function networkFirst(event: FetchEvent, key: string): Promise<Response> {
	const cache = await caches.open(CACHE);
	try {
		return await fetchAndKeep(event, cache, key);
	} catch (offline) {
		const cached = await cache.match(key);
		if (cached) return cached;
		throw offline;
	}
}

/**
 * DuckDB's wasm, inflated from the `.wasm.gz` this build ships and kept inflated: a module
 * compiled from a response out of the cache has its compiled code kept beside it by the browser,
 * so a return visit starts with the code optimised on earlier visits instead of compiling it again.
 */
async function inflatedWasm(event: FetchEvent, key: string): Promise<Response> {
	const cache = await caches.open(CACHE);
	const kept = await cache.match(key);
	if (kept) return kept;
	// An earlier build kept the gzipped file; it is not needed once the inflated one is kept.
	const gzipped = (await cache.match(`${key}.gz`)) ?? (await fetch(`${key}.gz`));
	if (!gzipped.ok || !gzipped.body) return gzipped;
	const body = gzipped.body.pipeThrough(new DecompressionStream('gzip'));
	await cache.put(key, new Response(body, { headers: { 'content-type': 'application/wasm' } }));
	await cache.delete(`${key}.gz`);
	return (await cache.match(key)) ?? fetch(event.request);
}

/** Files of this build: the inflated wasm beside each gzipped one. */
const BUILD_FILES = SERVICE_WORKER_BUILD.files.flatMap((file) =>
	file.endsWith('.wasm.gz') ? [file, file.slice(0, -'.gz'.length)] : [file]
);
const INFLATED = new Set(BUILD_FILES.filter((file) => file.endsWith('.wasm')).map((file) => cacheKey(file)));

sw.addEventListener('install', (event) => {
	// The page fetched these before this worker existed; everything later passes through `fetch`.
	const shell = SERVICE_WORKER_BUILD.shell.map(cacheKey);
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(shell)));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			// Files of an earlier build go; files this build shares with it (DuckDB's wasm) stay.
			const current = new Set(BUILD_FILES.map(cacheKey));
			const cache = await caches.open(CACHE);
			for (const request of await cache.keys()) {
				if (!current.has(request.url)) await cache.delete(request);
			}
			// Take over the page now: it waits for this before starting the engine.
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET' || !request.url.startsWith(sw.registration.scope)) return;
	const key = cacheKey(request.url);
	event.respondWith(
		INFLATED.has(key)
			? inflatedWasm(event, key)
			: key.startsWith(HASHED)
				? cacheFirst(event, key)
				: networkFirst(event, key)
	);
});
