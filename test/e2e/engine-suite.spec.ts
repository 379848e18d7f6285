import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';
import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import { engineCases } from '../engine-suite';
import { launch, type TestBrowser } from '../helpers/browser';
import { serveStatic, type StaticSite } from '../helpers/static-server';

const out = resolve('test-results/engine-suite');
let site: StaticSite;
let browser: TestBrowser;
let results: Record<string, string> = {};

beforeAll(async () => {
	await build({ configFile: resolve('test/browser/vite.config.ts') });
	cpSync(resolve('test/fixtures'), resolve(out, 'fixtures'), { recursive: true });
	site = await serveStatic(out, '/suite/');
	browser = await launch();
	await browser.page.goto(site.url);
	await browser.page.waitForFunction(() => window.engineSuiteResults !== undefined, null, {
		timeout: 120_000
	});
	results = await browser.page.evaluate(() => window.engineSuiteResults!);
});
afterAll(async () => {
	await browser?.close();
	await site?.close();
});

describe('EngineApi in Chromium (the app worker: blocking DuckDB-WASM, browser runtime)', () => {
	it.each(engineCases.map((c) => c.name))('%s', (name) => {
		expect(results[name]).toBe('ok');
	});

	it('made no request outside its own origin', () => {
		const origin = new URL(site.url).origin;
		expect(
			browser.requests.filter(
				(u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:')
			)
		).toEqual([]);
	});
});
