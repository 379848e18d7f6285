/**
 * The built site on a plain static host, under a sub-path: no file too large for a host, a
 * first visit that downloads at most 10 MB, a return visit from cache, and an offline reload
 * that still opens and analyses the sample. Charts' code loads only once a chart is drawn.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { waitForEngine } from '../helpers/browser';
import { useBuiltSite } from '../helpers/site';
import { applyMapping, waitForMapping } from '../helpers/app';
import { servedBytes } from '../helpers/served';

const MiB = 1024 * 1024;
const dist = resolve('dist');

const spec = useBuiltSite();
const sitePath = () => new URL(spec.site.url).pathname;
/** Vega and vega-embed, split into their own chunk. */
const isChartCode = (path: string) => /\/embed-[\w-]+\.js$/.test(path);

/** Milliseconds from navigation to the page's `segmenta:engine-ready` mark. */
async function engineReadyMs() {
	const { page } = spec.browser;
	await waitForEngine(page);
	const mark = () => performance.getEntriesByName('segmenta:engine-ready')[0]?.startTime ?? NaN;
	return Math.round(await page.evaluate(mark));
}

async function rfmChartDrawn() {
	const cell = spec.browser.page.getByTestId('cell-rfm');
	await cell.scrollIntoViewIfNeeded();
	const charts = cell.getByTestId('chart').locator('svg');
	await expect.poll(() => charts.count(), { timeout: 60_000 }).toBeGreaterThan(0);
}

function filesIn(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name));
}

describe('hosting the built site', () => {
	it('has no file above 25 MiB, and DuckDB’s wasm only gzipped', () => {
		const files = filesIn(dist);
		const large = files.filter((file) => statSync(file).size > 25 * MiB);
		expect(large).toEqual([]);
		expect(files.filter((file) => file.endsWith('.wasm'))).toEqual([]);
		expect(files.filter((file) => file.endsWith('.wasm.gz'))).toHaveLength(2);
		expect(files.map((file) => file.slice(dist.length + 1))).toContain('sw.js');
	});

	it('downloads at most 10 MB on a first visit up to a ready engine, no chart code', async () => {
		const { page } = spec.browser;
		await page.goto(spec.site.url);
		const readyMs = await engineReadyMs();
		const bytes = servedBytes(spec.site, spec.site.requests);
		console.info(
			`first visit: engine ready at ${readyMs} ms, ${(bytes / 1e6).toFixed(2)} MB served`
		);
		expect(bytes).toBeLessThanOrEqual(10_000_000);
		expect(spec.site.requests.some((path) => path.endsWith('.wasm.gz'))).toBe(true);
		expect(spec.site.requests.filter(isChartCode)).toEqual([]);
	});

	it('registers its service worker for the sub-path it is served from', async () => {
		const { page } = spec.browser;
		const worker = await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.ready;
			const controller = navigator.serviceWorker.controller?.scriptURL;
			return { scope: registration.scope, controller };
		});
		expect(worker).toEqual({ scope: spec.site.url, controller: `${spec.site.url}sw.js` });
	});

	it('loads the chart code when the first chart is drawn', async () => {
		const { page } = spec.browser;
		await page.getByRole('button', { name: 'Try the sample data' }).click();
		await waitForMapping(page);
		await applyMapping(page);
		await rfmChartDrawn();
		expect(spec.site.requests.filter(isChartCode)).toHaveLength(1);
	});

	it('starts a return visit from cache: only the page itself comes from the network', async () => {
		const { page } = spec.browser;
		spec.site.requests.length = 0;
		const asked = spec.browser.requests.length;
		// V8's own trace says where the engine's compiled code came from.
		const cdp = await page.context().newCDPSession(page);
		const wasmEvents = new Set<string>();
		cdp.on('Tracing.dataCollected', ({ value }) =>
			value.forEach((e) => wasmEvents.add(String(e.name)))
		);
		await cdp.send('Tracing.start', {
			traceConfig: { includedCategories: ['disabled-by-default-v8.wasm.detailed'] },
			transferMode: 'ReportEvents'
		});
		await page.goto(spec.site.url);
		const readyMs = await engineReadyMs();
		const traced = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
		await cdp.send('Tracing.end');
		await traced;
		await cdp.detach();
		const bytes = servedBytes(spec.site, spec.site.requests);
		console.info(`return visit: engine ready at ${readyMs} ms, ${bytes} bytes served`);
		const fetched = spec.site.requests.map((path) => path.slice(sitePath().length));
		// The browser also checks sw.js for a new version, on its own schedule.
		expect(fetched.filter((path) => path !== 'sw.js')).toEqual(['']);
		// The engine asked the service worker for the inflated module, kept in its cache with the
		// code compiled on the first visit beside it (src/offline/service-worker.ts).
		const wasm = spec.browser.requests
			.slice(asked)
			.filter((url) => /duckdb-\w+-[\w-]+\.wasm/.test(url));
		expect(wasm).toHaveLength(1);
		expect(wasm[0]).toMatch(/\.wasm$/);
		const kept = await page.evaluate(async () => {
			const entries: [string, string | null][] = [];
			for (const name of await caches.keys()) {
				const cache = await caches.open(name);
				for (const request of await cache.keys()) {
					const response = await cache.match(request);
					if (request.url.includes('duckdb-'))
						entries.push([
							request.url.replace(/^.*\//, ''),
							response?.headers.get('content-type') ?? null
						]);
				}
			}
			return entries;
		});
		expect(kept).toEqual([[expect.stringMatching(/^duckdb-eh-[\w-]+\.wasm$/), 'application/wasm']]);
		expect(wasmEvents).toContain('wasm.Deserialize');
	});

	it('works offline after a first visit: the engine starts and analyses the sample', async () => {
		const { page, context } = spec.browser;
		spec.site.requests.length = 0;
		await context.setOffline(true);
		try {
			await page.goto(`${spec.site.url}?sample`);
			await waitForEngine(page);
			await waitForMapping(page);
			await applyMapping(page);
			await rfmChartDrawn();
			const status = page.getByTestId('cell-rfm').getByTestId('cell-status');
			await expect.poll(() => status.textContent(), { timeout: 60_000 }).toMatch(/^2,999 rows/);
		} finally {
			await context.setOffline(false);
		}
		expect(spec.site.requests.filter((path) => !path.endsWith('/sw.js'))).toEqual([]);
	});

	it('stayed on its own origin and raised no script errors', () => {
		expect(spec.outsideRequests()).toEqual([]);
		expect(spec.pageErrors).toEqual([]);
	});
});
