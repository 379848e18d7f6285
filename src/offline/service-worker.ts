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

/**
 * Holds this worker to the page's Content-Security-Policy: it connects to its own origin only
 * (`connect-src 'self'`) and compiles no code from strings (no `'unsafe-eval'`). A service worker
 * takes a policy only from the header its own script is served with, which a static host may not
 * send, so it applies these limits itself, before any other line of it runs. The originals stay
 * in this closure, and what replaces them cannot be replaced again. What this does and does not
 * give compared with the header: docs/self-hosting.md. Checked by test/e2e/worker-policy.spec.ts.
 */
function holdToThePagePolicy(): void {
	type Method = (...args: unknown[]) => unknown;
	const scope = self as unknown as Record<string, { prototype: object } | undefined>;
	// Captured first, so that code changing the built-ins later cannot steer the checks.
	const { apply } = Reflect;
	const { defineProperty, getOwnPropertyDescriptor, getPrototypeOf } = Object;
	const NativeURL = URL;
	const getter = (of: object, name: string) => getOwnPropertyDescriptor(of, name)!.get!;
	const urlHref = getter(URL.prototype, 'href');
	const urlOrigin = getter(URL.prototype, 'origin');
	const requestUrl = getter(Request.prototype, 'url');
	const { href: base, origin } = self.location;

	/** Replaces a property wherever `owner` or its prototypes hold it, for good. */
	const replace = (owner: object | undefined, name: PropertyKey, by: (was: Method) => unknown) => {
		for (let at = owner; at; at = getPrototypeOf(at)) {
			const found = getOwnPropertyDescriptor(at, name);
			if (!found) continue;
			const value = by(found.value);
			defineProperty(at, name, { value, writable: false, configurable: false });
			return;
		}
	};
	/** What the original gets: a Request (its URL cannot change) or the URL parsed once here. */
	const ownOrigin = (input: unknown): unknown => {
		let url: string;
		let target: unknown;
		try {
			// Only a real Request passes this getter: an object dressed as one is parsed instead.
			url = apply(requestUrl, input, []);
			target = input;
		} catch {
			url = target = apply(urlHref, new NativeURL(String(input), base), []);
		}
		if (apply(urlOrigin, new NativeURL(url), []) === origin) return target;
		throw new TypeError(`Refused to connect to ${url}: this service worker stays on ${origin}`);
	};
	const rejected = (call: () => unknown) => {
		try {
			return call();
		} catch (error) {
			return Promise.reject(error);
		}
	};
	/** A method that reaches only this origin: its first argument is checked. */
	const checked = (was: Method) =>
		function (this: unknown, input: unknown, ...rest: unknown[]) {
			return rejected(() => apply(was, this ?? self, [ownOrigin(input), ...rest]));
		};
	const noCode = () => {
		throw new EvalError('Refused to compile code from a string: no unsafe-eval here');
	};
	const refused = (what: string, name = 'SecurityError') =>
		function () {
			throw new DOMException(`Refused: this service worker does not use ${what}`, name);
		};

	// Code from strings: eval, the four kinds of function constructor, timers given a string.
	replace(self, 'eval', () => noCode);
	const kinds = [function () {}, async function () {}, function* () {}, async function* () {}];
	for (const kind of kinds) {
		const prototype = getPrototypeOf(kind) as { constructor: unknown };
		const stand = function () {
			noCode();
		};
		// So that `instanceof Function` still holds.
		stand.prototype = prototype;
		if (scope.Function === prototype.constructor) replace(self, 'Function', () => stand);
		replace(prototype, 'constructor', () => stand);
	}
	for (const timer of ['setTimeout', 'setInterval']) {
		replace(
			self,
			timer,
			(was) =>
				(handler: unknown, ...rest: unknown[]) =>
					typeof handler === 'function' ? apply(was, self, [handler, ...rest]) : noCode()
		);
	}

	// Connections: fetch, the cache's fetches and windows opened or moved, to this origin only.
	replace(self, 'fetch', checked);
	replace(Cache.prototype, 'add', checked);
	replace(Clients.prototype, 'openWindow', checked);
	replace(WindowClient.prototype, 'navigate', checked);
	// Its list is checked into an array of ours, read by the built-in array iterator, kept as is.
	replace(Array.prototype, Symbol.iterator, (was) => was);
	replace(getPrototypeOf([][Symbol.iterator]()), 'next', (was) => was);
	replace(
		Cache.prototype,
		'addAll',
		(was) =>
			function (this: Cache, inputs: Iterable<unknown>) {
				return rejected(() => {
					const list: unknown[] = [];
					// Defined, not assigned: a setter put on Array.prototype cannot catch it.
					for (const input of inputs) {
						defineProperty(list, list.length, { value: ownOrigin(input) });
					}
					return apply(was, this, [list]);
				});
			}
	);
	// Everything else that reaches the network is unused here, and refused outright: notifications
	// fetch their icons, a background fetch takes any URL.
	replace(self, 'importScripts', () => refused('importScripts', 'NetworkError'));
	const makers = ['WebSocket', 'WebSocketStream', 'WebTransport', 'EventSource', 'FontFace'];
	for (const name of makers) replace(self, name, () => refused(name));
	const unused = (what: string) => () => rejected(refused(what));
	replace(ServiceWorkerRegistration.prototype, 'showNotification', () => unused('notifications'));
	replace(scope.BackgroundFetchManager?.prototype, 'fetch', () => unused('background fetch'));
}

holdToThePagePolicy();

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
const INFLATED = new Set(
	BUILD_FILES.filter((file) => file.endsWith('.wasm')).map((file) => cacheKey(file))
);

sw.addEventListener('install', (event) => {
	// The page fetched these before this worker existed; everything later passes through `fetch`.
	// Hashed files never change under their name: those the page has just downloaded come from the
	// browser's HTTP cache instead of a second download (about 190 kB of a first visit).
	const shell = SERVICE_WORKER_BUILD.shell.map(cacheKey);
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			await Promise.all(
				shell.map(async (url) => {
					const cached: RequestCache = url.startsWith(HASHED) ? 'force-cache' : 'default';
					const response = await fetch(url, { cache: cached });
					// As `cache.addAll` does: a file that cannot be had fails the install.
					if (!response.ok) throw new Error(`${url}: ${response.status}`);
					await cache.put(url, response);
				})
			);
		})()
	);
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
