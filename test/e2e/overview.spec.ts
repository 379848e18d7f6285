/**
 * The overview answers first: after Apply, on the sample and on the fixture, its headline tiles
 * and findings are on the screen a person sees (1440 × 900 and 390 × 844), in English and in
 * Chinese; its customers and revenue are the quality report's and the RFM cell's; a segment's
 * export is the RFM drill-down's list; a finding's link reaches its cell.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { waitForEngine } from '../helpers/browser';
import { useBuiltSite } from '../helpers/site';
import { applyMapping, chooseFile, editMapping, numberIn, waitForMapping } from '../helpers/app';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const spec = useBuiltSite();

/** Waits for the tiles and the segment table (which follows the RFM cell). */
async function overviewReady(page: Page) {
	await page.getByTestId('overview-tiles').waitFor({ timeout: 120_000 });
	await page.getByTestId('overview-segments').waitFor({ timeout: 120_000 });
	await expect.poll(() => page.getByTestId('overview-at-risk').textContent()).toMatch(/\d/);
}

/** Presses Apply again and waits until the overview it made has replaced the one before. */
async function applyAgain(page: Page) {
	const before = await page.getByTestId('overview').elementHandle();
	await editMapping(page);
	await page.getByTestId('apply-mapping').click();
	await page.waitForFunction((el) => !el?.isConnected, before, { timeout: 180_000 });
	await page.getByTestId('progress').waitFor({ state: 'detached', timeout: 180_000 });
}

/** What of the tiles and findings lies outside the screen as it is (nothing, when all is in view). */
async function outOfView(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		['overview-tiles', 'overview-findings'].flatMap((id) => {
			const box = document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect();
			if (!box) return [`${id} is missing`];
			return box.top >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth
				? []
				: [
						`${id} spans ${Math.round(box.top)}–${Math.round(box.bottom)} px of ${window.innerHeight}`
					];
		})
	);
}

/** The number of rows the RFM cell says it has ("2,999 rows · 0.3 s", "2,999 行 · 0.3 秒"). */
async function rfmRows(page: Page): Promise<number> {
	const status = page.getByTestId('cell-rfm').getByTestId('cell-status');
	await expect.poll(() => status.textContent(), { timeout: 120_000 }).toMatch(/^[\d,]+ /);
	return Number(/^([\d,]+)/.exec((await status.textContent()) ?? '')![1].replace(/,/g, ''));
}

/** Every check of one file: figures against the page, then each screen in each language. */
async function checkOverview(page: Page, customers: number) {
	await overviewReady(page);
	expect(await outOfView(page), 'English, 1440 × 900').toEqual([]);

	// The same customers and revenue as the quality report and the RFM cell.
	expect(await numberIn(page, 'overview-customers')).toBe(customers);
	expect(await numberIn(page, 'customers')).toBe(customers);
	expect(await rfmRows(page)).toBe(customers);
	expect(await page.getByTestId('overview-revenue').textContent()).toBe(
		await page.getByTestId('total-amount').textContent()
	);
	const counts = await page.getByTestId('segment-customers').allTextContents();
	expect(counts.reduce((n, c) => n + Number(c.replace(/,/g, '')), 0)).toBe(customers);

	// Chinese: re-rendered in place, labels never keys, money in 万 as the report writes it.
	await page.getByTestId('language').selectOption('zh');
	await expect.poll(() => page.locator('#overview-title').textContent()).toBe('概览');
	expect(await page.getByTestId('overview-revenue').textContent()).toBe(
		await page.getByTestId('total-amount').textContent()
	);
	const labels = await page.getByTestId('overview-segments').locator('tbody th').allTextContents();
	expect(labels.filter((l) => !/[\u4e00-\u9fff]/.test(l))).toEqual([]);
	expect(await page.getByTestId('overview-findings').textContent()).toMatch(/[\u4e00-\u9fff]/);
	expect(await outOfView(page), 'Chinese, 1440 × 900').toEqual([]);

	// A phone: Apply again there, and the overview is what comes into view, in both languages.
	await page.setViewportSize(PHONE);
	await applyAgain(page);
	await overviewReady(page);
	expect(await outOfView(page), 'Chinese, 390 × 844').toEqual([]);
	await page.getByTestId('language').selectOption('en');
	await expect.poll(() => page.locator('#overview-title').textContent()).toBe('Overview');
	expect(await outOfView(page), 'English, 390 × 844').toEqual([]);
	await page.setViewportSize(DESKTOP);
}

describe('the overview', () => {
	it('answers first on the sample data', async () => {
		const { page } = spec.browser;
		await page.setViewportSize(DESKTOP);
		await page.goto(`${spec.site.url}?sample`);
		await waitForEngine(page);
		await waitForMapping(page);
		await applyMapping(page);
		// 2,999 customers have a purchase (one of the 3,000 only appears in a dirty row).
		await checkOverview(page, 2999);
		// The sample is big enough for findings, each linking to its cell.
		const findings = page.getByTestId('overview-findings').locator('li');
		expect(await findings.count()).toBeGreaterThanOrEqual(3);
		expect(await findings.count()).toBeLessThanOrEqual(5);
		const link = findings.first().getByRole('link');
		const target = ((await link.getAttribute('href')) ?? '').slice(1);
		await link.click();
		expect(await page.evaluate(() => document.activeElement?.id)).toBe(target);
	});

	it('exports a segment’s customers through the RFM drill-down', async () => {
		const { page } = spec.browser;
		await page.getByTestId('overview').scrollIntoViewIfNeeded();
		const row = page.getByTestId('overview-segments').locator('tbody tr').first();
		const customers = Number(
			((await row.getByTestId('segment-customers').textContent()) ?? '').replace(/,/g, '')
		);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			row.getByTestId('segment-export').click()
		]);
		const csv = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
		const lines = csv.trim().split('\r\n');
		expect(lines[0]).toMatch(/^customer_id,recency_days,frequency,monetary/);
		expect(lines).toHaveLength(customers + 1);
		expect(await numberIn(page, 'drill-count')).toBe(customers);
		await page.getByTestId('drill').getByRole('button', { name: 'Close' }).click();
		await page.getByTestId('drill').waitFor({ state: 'detached' });
	});

	it('answers first on the fixture, and says when nothing clears a threshold', async () => {
		const { page } = spec.browser;
		await page.evaluate(() => window.scrollTo(0, 0));
		await chooseFile(page, 'test/fixtures/orders.csv');
		await waitForMapping(page);
		await applyMapping(page);
		// test/fixtures/README.md: 5 customers, net 7,774.39.
		await checkOverview(page, 5);
		expect(await page.getByTestId('overview-revenue').textContent()).toBe('7,774.39');
		// Five customers are too few for a share to mean much: no finding, and the page says why.
		expect(await page.getByTestId('overview-findings').textContent()).toMatch(
			/at least 20 customers/
		);
	});
});
