/**
 * The page's Content-Security-Policy holds inside its workers too, with no header from the host
 * (the static server here sends none): in the engine worker and in the service worker, a request
 * to another origin is refused before it leaves, and so are `eval` and `new Function`. Checked on
 * a first visit and on a return visit, when the service worker serves the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'playwright-core';
import { waitForEngine } from '../helpers/browser';
import { useBuiltSite } from '../helpers/site';
import { evaluateInServiceWorker } from '../helpers/service-worker';
import { serveWitness, type Witness } from '../helpers/witness';

/** What a worker let through. */
interface Attempts {
	fetch: string;
	eval: string;
	function: string;
}

/** Runs inside a worker: tries each thing the policy forbids, and says what happened. */
async function probe(url: string): Promise<Attempts> {
	// Out of the debugger's own evaluation first: while it runs, Chromium lets it compile strings
	// whatever the policy (as DevTools' console may), so only later code shows the worker's rules.
	await new Promise((resolve) => setTimeout(resolve, 0));
	const attempt = async (act: () => unknown) => {
		try {
			await act();
			return 'allowed';
		} catch (error) {
			return `refused (${(error as Error).name})`;
		}
	};
	return {
		fetch: await attempt(() => fetch(`${url}?from=${encodeURIComponent(self.location.href)}`)),
		eval: await attempt(() => eval('1+1')),
		function: await attempt(() => new Function('return 1')())
	};
}

/**
 * Runs inside the service worker: the other ways out that its stand-in for the policy closes
 * (src/offline/service-worker.ts), and attempts to get around it.
 */
async function probeOtherWays(url: string): Promise<Record<string, string>> {
	await new Promise((resolve) => setTimeout(resolve, 0));
	const attempt = async (act: () => unknown) => {
		try {
			await act();
			return 'allowed';
		} catch (error) {
			return `refused (${(error as Error).name})`;
		}
	};
	type Maker = new (url: string) => unknown;
	const worker = self as unknown as {
		importScripts(url: string): void;
		WebSocket: Maker;
		EventSource: Maker;
		setTimeout(code: string): void;
	};
	let asked = 0;
	const turncoat = { toString: () => (asked++ ? url : './') };
	const cache = await caches.open('worker-policy-probe');
	const workerScope = Object.getPrototypeOf(Object.getPrototypeOf(self)) as object;
	const results = {
		'cache.add': await attempt(() => cache.add(url)),
		'cache.addAll': await attempt(() => cache.addAll([url])),
		importScripts: await attempt(() => worker.importScripts(url)),
		WebSocket: await attempt(() => new worker.WebSocket(url.replace(/^http/, 'ws'))),
		EventSource: await attempt(() => new worker.EventSource(url)),
		'a function’s constructor': await attempt(() => function () {}.constructor('return 1')()),
		'an async one’s': await attempt(() => (async () => {}).constructor('return 1')()),
		'a timer given a string': await attempt(() => worker.setTimeout('1+1')),
		// Its own origin when checked, the other one if asked again: only the checked URL is asked.
		'a URL that changes once checked': (await fetch(turncoat as unknown as URL)).url,
		'putting a fetch back': await attempt(() =>
			Object.defineProperty(workerScope, 'fetch', { value: () => null })
		)
	};
	await caches.delete('worker-policy-probe');
	return results;
}

const REFUSED: Attempts = {
	fetch: 'refused (TypeError)',
	eval: 'refused (EvalError)',
	function: 'refused (EvalError)'
};

const spec = useBuiltSite();
let witness: Witness;

beforeAll(async () => {
	witness = await serveWitness();
});

afterAll(async () => {
	await witness?.close();
});

/** The page's one engine worker, once DuckDB has started in it. */
async function engineWorker(): Promise<Worker> {
	const { page } = spec.browser;
	await waitForEngine(page);
	const workers = page.workers().filter((w) => w.url().includes('engine.worker'));
	expect(workers).toHaveLength(1);
	return workers[0];
}

/** The probe's result inside the service worker that controls the page. */
async function inServiceWorker(): Promise<Attempts> {
	const { context } = spec.browser;
	const scriptURL = `${spec.site.url}sw.js`;
	expect(context.serviceWorkers().map((w) => w.url())).toContain(scriptURL);
	const expression = `(${probe.toString()})(${JSON.stringify(witness.url)})`;
	return evaluateInServiceWorker<Attempts>(context, scriptURL, expression);
}

describe('the policy inside the workers, with no header from the host', () => {
	it('first visit: the engine worker refuses other origins, eval and new Function', async () => {
		await spec.browser.page.goto(spec.site.url);
		const worker = await engineWorker();
		expect(await worker.evaluate(probe, witness.url)).toEqual(REFUSED);
		expect(witness.hits).toEqual([]);
	});

	it('first visit: the service worker refuses them too', async () => {
		expect(await inServiceWorker()).toEqual(REFUSED);
		expect(witness.hits).toEqual([]);
	});

	it('return visit, served by the service worker: the engine worker refuses them', async () => {
		const { page } = spec.browser;
		await page.goto(spec.site.url);
		const worker = await engineWorker();
		expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(
			`${spec.site.url}sw.js`
		);
		expect(await worker.evaluate(probe, witness.url)).toEqual(REFUSED);
		expect(witness.hits).toEqual([]);
	});

	it('return visit: the service worker refuses them', async () => {
		expect(await inServiceWorker()).toEqual(REFUSED);
	});

	it('the service worker refuses the other ways out it closes, and they stay shut', async () => {
		const expression = `(${probeOtherWays.toString()})(${JSON.stringify(witness.url)})`;
		const scriptURL = `${spec.site.url}sw.js`;
		const results = await evaluateInServiceWorker(spec.browser.context, scriptURL, expression);
		expect(results).toEqual({
			'cache.add': 'refused (TypeError)',
			'cache.addAll': 'refused (TypeError)',
			importScripts: 'refused (NetworkError)',
			WebSocket: 'refused (SecurityError)',
			EventSource: 'refused (SecurityError)',
			'a function’s constructor': 'refused (EvalError)',
			'an async one’s': 'refused (EvalError)',
			'a timer given a string': 'refused (EvalError)',
			'a URL that changes once checked': spec.site.url,
			'putting a fetch back': 'refused (TypeError)'
		});
		expect(await inServiceWorker()).toEqual(REFUSED);
	});

	it('the other origin received no request at all, and the page raised no error', () => {
		expect(witness.hits).toEqual([]);
		expect(spec.pageErrors).toEqual([]);
	});
});
