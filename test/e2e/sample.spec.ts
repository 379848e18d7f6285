import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, waitForEngine, type TestBrowser } from '../helpers/browser';
import { serveStatic, type StaticSite } from '../helpers/static-server';

let site: StaticSite;
let browser: TestBrowser;

beforeAll(async () => {
	site = await serveStatic();
	browser = await launch();
});
afterAll(async () => {
	await browser?.close();
	await site?.close();
});

describe('the sample data, end to end in Chromium', () => {
	it('starts the engine, loads the sample, maps it and reports quality', async () => {
		const { page } = browser;
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
		await page.goto(site.url);
		await waitForEngine(page);
		await page.getByRole('button', { name: 'Try the sample data' }).click();
		await page.getByTestId('mapping').waitFor();
		await page.getByTestId('apply-mapping').click();
		await page.getByTestId('quality-report').waitFor();
		const read = await page.getByTestId('rows-read').textContent();
		console.log('rows read', read, await page.getByTestId('rows-used').textContent());
		expect(await page.getByTestId('adds-up').textContent()).toContain('adds up');
		expect(errors).toEqual([]);
	});
});
