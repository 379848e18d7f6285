/**
 * The engine's rehearsal (src/state/rehearsal.ts): nothing runs while the page sits idle; a sign
 * that a file is coming (the pointer on "Choose a file", a drag entering the window) starts it; it
 * runs to its end when left alone, a file chosen in the middle stops it, and either way the file's
 * numbers are its own: nothing of the made-up rows is left in the engine.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { waitForEngine } from '../helpers/browser';
import { useBuiltSite } from '../helpers/site';
import { applyMapping, chooseFile, numberIn, reportTotals, waitForMapping } from '../helpers/app';

const dir = mkdtempSync(join(tmpdir(), 'segmenta-rehearsal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 137 rows, 40 customers, one purchase each day of March: every row usable. */
const ROWS = 137;
const CUSTOMERS = 40;
const small = join(dir, 'small.csv');
writeFileSync(
	small,
	[
		'client,purchased_on,total',
		...Array.from(
			{ length: ROWS },
			(_, i) => `K${i % CUSTOMERS},2024-03-${String(1 + (i % 28)).padStart(2, '0')},${i + 1}`
		)
	].join('\n') + '\n'
);

const spec = useBuiltSite();

const rehearsed = (page: Page) =>
	page.evaluate(() => performance.getEntriesByName('segmenta:engine-rehearsed').length > 0);

/** How many statements the engine worker has run so far. */
function statementsRun(page: Page): Promise<number> {
	const worker = page.workers().find((w) => w.url().includes('engine.worker'));
	return worker
		? worker.evaluate(() => performance.getEntriesByName('segmenta:sql').length)
		: Promise.resolve(0);
}

/** Loads the small file and checks the page counts its rows and customers, and nothing else. */
async function loadSmallFile(page: Page) {
	await chooseFile(page, small);
	await waitForMapping(page);
	await applyMapping(page);
	expect(await reportTotals(page)).toEqual({ read: ROWS, used: ROWS, setAside: 0 });
	expect(await numberIn(page, 'customers')).toBe(CUSTOMERS);
	const status = page.getByTestId('cell-rfm').getByTestId('cell-status');
	await expect.poll(() => status.textContent(), { timeout: 60_000 }).toMatch(/rows?\b/);
	const [, rows] = /([\d,]+)\s+rows?\b/.exec((await status.textContent()) ?? '') ?? [];
	expect(Number(rows?.replace(/,/g, ''))).toBe(CUSTOMERS);
	await expect.poll(() => page.getByTestId('error').count()).toBe(0);
}

describe('the engine rehearses once a file is coming', () => {
	it('runs nothing while the page sits idle', async () => {
		const { page } = spec.browser;
		await page.goto(spec.site.url);
		await waitForEngine(page);
		const atReady = await statementsRun(page);
		await page.waitForTimeout(4000);
		expect(await statementsRun(page)).toBe(atReady);
		expect(await rehearsed(page)).toBe(false);
	});

	it('starts with the pointer on "Choose a file", runs to its end, and leaves nothing behind', async () => {
		const { page } = spec.browser;
		await page.goto(spec.site.url);
		await waitForEngine(page);
		const started = Date.now();
		await page.getByRole('button', { name: 'Choose a file' }).hover();
		await expect.poll(() => rehearsed(page), { timeout: 120_000, interval: 250 }).toBe(true);
		console.info(
			`rehearsal: done ${Date.now() - started} ms after the pointer reached the button, ${await statementsRun(page)} statements`
		);
		await loadSmallFile(page);
	});

	it('starts when a drag enters the window, stops when the file is chosen, and the file loads alone', async () => {
		const { page } = spec.browser;
		await page.goto(spec.site.url);
		await waitForEngine(page);
		await page.evaluate(() =>
			window.dispatchEvent(new DragEvent('dragover', { cancelable: true }))
		);
		// Well under way: the made-up file read and loading.
		await expect
			.poll(() => statementsRun(page), { timeout: 30_000, interval: 50 })
			.toBeGreaterThan(12);
		expect(await rehearsed(page)).toBe(false);
		await loadSmallFile(page);
		expect(await rehearsed(page)).toBe(false);
		expect(spec.pageErrors).toEqual([]);
	});
});
