/**
 * A whole session, watched for anything that leaves the machine: every request of the pages,
 * the engine worker and the service worker, and any WebSocket. The session opens the sample,
 * runs every cell, shares a link, opens it in a second page with a real data set, and exports
 * and prints. Only the site's own origin, `data:` and `blob:` are allowed.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { waitForEngine } from '../helpers/browser';
import { useBuiltSite } from '../helpers/site';
import { applyMapping, chooseFile, openMenu, waitForMapping } from '../helpers/app';
import { dataOnDisk } from '../helpers/data';

// Uncompressed from test/data to a temporary file, chosen under its own name.
const onlineRetail = dataOnDisk('online-retail-uci-sample/online_retail_sample.csv.gz');
const sockets: string[] = [];
let link = '';
let second: Page;

const spec = useBuiltSite();

/** Waits until every notebook cell has run and drawn its charts; fails if one did not. */
async function everyCellDone(page: Page) {
	const cells = page.locator('section.cell');
	await expect.poll(() => cells.count(), { timeout: 60_000 }).toBeGreaterThan(3);
	for (const cell of await cells.all()) {
		const status = cell.getByTestId('cell-status');
		await expect
			.poll(async () => (await status.textContent()) ?? '', { timeout: 120_000 })
			.toMatch(/rows|Failed/);
		expect(await status.textContent()).toMatch(/rows/);
		// A chart is drawn once it comes into view.
		for (const chart of await cell.getByTestId('chart').all()) {
			await chart.scrollIntoViewIfNeeded();
			await expect.poll(() => chart.locator('svg').count(), { timeout: 60_000 }).toBeGreaterThan(0);
		}
	}
}

/** Clicks, and returns the bytes of the file it downloads. */
async function download(page: Page, click: () => Promise<void>): Promise<Buffer> {
	const [file]: [Download, void] = await Promise.all([page.waitForEvent('download'), click()]);
	return readFileSync((await file.path())!);
}

describe('privacy over a whole session', () => {
	it('opens the sample and runs every cell', async () => {
		const { page, context } = spec.browser;
		context.on('page', (p) => p.on('websocket', (socket) => sockets.push(socket.url())));
		page.on('websocket', (socket) => sockets.push(socket.url()));
		await page.goto(`${spec.site.url}?sample`);
		await waitForEngine(page);
		await waitForMapping(page);
		await applyMapping(page);
		await everyCellDone(page);
	});

	it('shares a link to the settings', async () => {
		const { page } = spec.browser;
		await page.getByTestId('share').click();
		link = await page.getByTestId('share-link').inputValue();
		expect(link.startsWith(spec.site.url)).toBe(true);
	});

	it('opens the link in a new page and analyses a real data set there', async () => {
		second = await spec.browser.context.newPage();
		await second.goto(link);
		await waitForEngine(second);
		await chooseFile(second, onlineRetail);
		await waitForMapping(second);
		await applyMapping(second);
		await everyCellDone(second);
	});

	it('exports results, charts, the DuckDB script and the settings, and prints', async () => {
		const rfm = second.getByTestId('cell-rfm');
		const csv = await download(second, () => rfm.getByTestId('export-csv').click());
		expect(csv.toString()).toContain('customer_id');
		const parquet = await download(second, () => rfm.getByTestId('export-parquet').click());
		expect(parquet.subarray(0, 4).toString()).toBe('PAR1');
		const chart = rfm.getByTestId('chart').first();
		for (const name of ['Save as SVG', 'Save as PNG']) {
			const menu = chart.locator('details').first();
			if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
			const image = await download(second, () => chart.getByText(name).click());
			expect(image.length).toBeGreaterThan(100);
		}
		await openMenu(second);
		const script = await download(second, () => second.getByTestId('duckdb-script').click());
		expect(script.toString()).toMatch(/SELECT/i);
		const saveSettings = second.getByRole('button', { name: 'Save settings' });
		await openMenu(second);
		const settings = await download(second, () => saveSettings.click());
		expect(JSON.parse(settings.toString())).toBeTypeOf('object');
		// The browser's print dialog would hold headless Chromium: the button's work runs, the dialog
		// is stubbed, and the PDF is what printing renders, print styles and all.
		await second.evaluate(() => {
			window.print = () => document.body.setAttribute('data-printed', 'yes');
		});
		await openMenu(second);
		await second.getByTestId('print').click();
		await second.locator('body[data-printed="yes"]').waitFor();
		await second.emulateMedia({ media: 'print' });
		expect((await second.pdf({ format: 'A4' })).subarray(0, 5).toString()).toBe('%PDF-');
		await second.emulateMedia({ media: 'screen' });
	});

	it('sent nothing anywhere but its own origin', () => {
		const origin = new URL(spec.site.url).origin;
		const outside = spec.browser.requests.filter((url) => {
			const { protocol, origin: from } = new URL(url);
			return !(protocol === 'blob:' || protocol === 'data:' || from === origin);
		});
		expect(outside).toEqual([]);
		expect(sockets).toEqual([]);
		// The engine worker's and the service worker's requests are in the log too.
		expect(spec.browser.requests.some((url) => url.endsWith('.wasm.gz'))).toBe(true);
		expect(spec.browser.requests.some((url) => url.endsWith('/sw.js'))).toBe(true);
		expect(spec.pageErrors).toEqual([]);
	});
});
