/**
 * Result tables scroll over every row while the page holds only a screenful of them: the RFM
 * table of the sample, checked against customers counted here from the CSV, and a million-row
 * SQL result, whose rows are checked by their own values, reached by key and by scrollbar.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Locator } from 'playwright-core';
import { waitForEngine } from '../helpers/browser';
import { useBuiltSite } from '../helpers/site';
import { applyMapping, openSettings, waitForMapping } from '../helpers/app';
import { clusterColour } from '../../src/analyses/palette';

const spec = useBuiltSite();
const SHOTS = 'test/screenshots';

/** The sample's customers with a usable order: an id, a real date before 2030, a numeric amount. */
function sampleCustomers(): string[] {
	const lines = readFileSync('public/sample/orders.csv', 'utf8').trim().split('\n').slice(1);
	const customers = new Set<string>();
	for (const line of lines) {
		const [, customer, date, , , , , amount] = line.split(',');
		const year = /^(\d{4})-\d\d-\d\d \d\d:\d\d:\d\d$/.exec(date)?.[1];
		if (
			!customer ||
			!year ||
			+year < 1900 ||
			+year >= 2030 ||
			amount === '' ||
			!Number.isFinite(Number(amount))
		)
			continue;
		customers.add(customer);
	}
	return [...customers].sort();
}

/** The texts of the drawn row at `rowIndex` (aria-rowindex: the header is 1), once it has loaded. */
async function loadedRow(table: Locator, rowIndex: number): Promise<string[]> {
	const row = table.locator(`tbody tr[aria-rowindex="${rowIndex}"]`);
	await expect
		.poll(
			async () => (await row.count()) > 0 && (await row.locator('td.placeholder').count()) === 0,
			{ timeout: 30_000 }
		)
		.toBe(true);
	return (await row.locator('td').allTextContents()).map((s) => s.trim());
}

/** `rgb(0, 119, 187)` as `#0077bb`. */
const hex = (rgb: string) =>
	'#' +
	(rgb.match(/\d+/g) ?? [])
		.slice(0, 3)
		.map((n) => Number(n).toString(16).padStart(2, '0'))
		.join('');

/** The rows the page holds for a table. */
const drawnRows = (table: Locator) => table.locator('tbody tr').count();

async function statusOf(locator: Locator) {
	await expect
		.poll(async () => locator.getByTestId('cell-status').textContent(), { timeout: 90_000 })
		.toMatch(/rows/);
	return (await locator.getByTestId('cell-status').textContent()) ?? '';
}

beforeAll(async () => {
	mkdirSync(SHOTS, { recursive: true });
	const { page } = spec.browser;
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto(`${spec.site.url}?sample`);
	await waitForEngine(page);
	await waitForMapping(page);
	await applyMapping(page);
});

describe('virtual result tables', () => {
	it('scrolls the RFM table to its last customer by key, holding a screenful of rows', async () => {
		const { page } = spec.browser;
		const customers = sampleCustomers();
		const rfm = page.getByTestId('cell-rfm');
		expect(await statusOf(rfm)).toMatch(
			new RegExp(`^${customers.length.toLocaleString('en-US')} rows`)
		);
		const table = rfm.getByTestId('result-table');
		expect(Number(await table.getAttribute('aria-rowcount'))).toBe(customers.length + 1);
		// Sorted by id, largest first: the first row is the largest id, the last the smallest.
		const idHeader = table.getByRole('button', { name: /^customer_id/ });
		await idHeader.click();
		await expect
			.poll(async () => table.locator('th').first().getAttribute('aria-sort'))
			.toBe('descending');
		expect((await loadedRow(table, 2))[0]).toBe(customers.at(-1));
		const region = rfm.getByTestId('result-scroll');
		await region.focus();
		await page.keyboard.press('End');
		expect((await loadedRow(table, customers.length + 1))[0]).toBe(customers[0]);
		expect(await rfm.getByTestId('result-range').textContent()).toMatch(
			new RegExp(
				`–${customers.length.toLocaleString('en-US')} of ${customers.length.toLocaleString('en-US')}$`
			)
		);
		expect(await drawnRows(table)).toBeLessThan(60);
		// The header stays in view at the end.
		const [head, view] = await Promise.all([
			table.locator('th').first().boundingBox(),
			region.boundingBox()
		]);
		expect(Math.abs(head!.y - view!.y)).toBeLessThan(3);
		// PageUp moves a screen less one row; Home goes back to the largest id.
		const before = (await rfm.getByTestId('result-range').textContent()) ?? '';
		await page.keyboard.press('PageUp');
		await expect.poll(async () => rfm.getByTestId('result-range').textContent()).not.toBe(before);
		await page.keyboard.press('Home');
		expect((await loadedRow(table, 2))[0]).toBe(customers.at(-1));
		// Again: smallest first.
		await idHeader.click();
		await expect
			.poll(async () => table.locator('th').first().getAttribute('aria-sort'))
			.toBe('ascending');
		expect((await loadedRow(table, 2))[0]).toBe(customers[0]);
		await rfm.getByTestId('result-range').scrollIntoViewIfNeeded();
		await page.screenshot({ path: `${SHOTS}/table-en-desktop.png` });
	});

	it('scrolls sideways on a phone instead of widening the page', async () => {
		const { page } = spec.browser;
		await page.setViewportSize({ width: 390, height: 844 });
		const region = page.getByTestId('cell-rfm').getByTestId('result-scroll');
		await region.scrollIntoViewIfNeeded();
		const sizes = await region.evaluate((el) => ({
			scroll: el.scrollWidth,
			client: el.clientWidth
		}));
		expect(sizes.scroll).toBeGreaterThan(sizes.client);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			390
		);
		// Headers are never cut off, whatever their length.
		const cut = await page
			.getByTestId('cell-cohort')
			.getByTestId('result-table')
			.locator('th, th button')
			.evaluateAll((els) =>
				els.filter((el) => el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent)
			);
		expect(cut).toEqual([]);
		await page.screenshot({ path: `${SHOTS}/table-en-phone.png` });
		// The cluster profiles (one panel per measure) fit the phone too.
		const profiles = page.getByTestId('cell-clusters').getByTestId('chart').nth(1);
		await profiles.scrollIntoViewIfNeeded();
		await expect.poll(() => profiles.getAttribute('data-drawn'), { timeout: 30_000 }).toBe('true');
		const right = await profiles
			.locator('svg.marks')
			.evaluate((svg) => svg.getBoundingClientRect().right);
		expect(right).toBeLessThanOrEqual(390);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			390
		);
		await profiles.screenshot({ path: `${SHOTS}/cluster-profiles-en-phone.png` });
		// In Chinese too, every text of the chart inside it.
		await page.getByTestId('language').selectOption('zh');
		await expect
			.poll(() => profiles.locator('svg.marks text').allTextContents(), { timeout: 30_000 })
			.toContainEqual(expect.stringMatching(/[\u4e00-\u9fff]/));
		await expect.poll(() => profiles.getAttribute('data-drawn'), { timeout: 30_000 }).toBe('true');
		const outside = await profiles.locator('svg.marks').evaluate((svg) => {
			const box = svg.getBoundingClientRect();
			return [...svg.querySelectorAll('text')]
				.filter((t) => {
					const r = t.getBoundingClientRect();
					return r.width > 0 && (r.left < box.left - 3 || r.right > box.right + 3);
				})
				.map((t) => t.textContent);
		});
		expect(outside).toEqual([]);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			390
		);
		await profiles.screenshot({ path: `${SHOTS}/cluster-profiles-zh-phone.png` });
		await page.getByTestId('language').selectOption('en');
		await page.setViewportSize({ width: 1280, height: 900 });
	});

	it('gives each cluster one colour: in its name list, both charts and the result table', async () => {
		const { page } = spec.browser;
		const clusters = page.getByTestId('cell-clusters');
		await statusOf(clusters);
		await openSettings(page, 'clusters');
		const names = clusters.getByTestId('cluster-names');
		const k = await names.getByRole('textbox').count();
		expect(k).toBeGreaterThanOrEqual(2);
		const expected = Array.from({ length: k }, (_, i) => clusterColour(i + 1).toLowerCase());
		const chips = await names
			.locator('.chip')
			.evaluateAll((els) => els.map((e) => getComputedStyle(e).backgroundColor));
		expect(chips.map(hex)).toEqual(expected);
		const charts = clusters.getByTestId('chart');
		for (const i of [0, 1]) {
			await charts.nth(i).scrollIntoViewIfNeeded();
			await expect
				.poll(() => charts.nth(i).getAttribute('data-drawn'), { timeout: 30_000 })
				.toBe('true');
			const fills = await charts
				.nth(i)
				.locator('g.mark-symbol path, g.mark-rect path')
				.evaluateAll((els) => els.map((e) => e.getAttribute('fill') ?? ''));
			expect([...new Set(fills.map((f) => f.toLowerCase()))].sort(), `chart ${i}`).toEqual(
				[...expected].sort()
			);
		}
		// The table: each row's chip is its cluster number's colour.
		const table = clusters.getByTestId('result-table');
		const cluster = (await table.locator('th').allTextContents()).findIndex(
			(h) => h.trim() === 'cluster'
		);
		expect(cluster).toBeGreaterThanOrEqual(0);
		await loadedRow(table, 2);
		const rows = await table.locator('tbody tr').evaluateAll(
			(trs, c) =>
				trs.map((tr) => {
					const td = tr.querySelectorAll('td')[c];
					return [
						td?.textContent?.trim() ?? '',
						td?.classList.contains('chip') ? getComputedStyle(td, '::before').backgroundColor : ''
					];
				}),
			cluster
		);
		expect(rows.length).toBeGreaterThan(5);
		for (const [n, colour] of rows)
			expect(hex(colour)).toBe(clusterColour(Number(n)).toLowerCase());
		await clusters.screenshot({ path: `${SHOTS}/clusters-en-desktop.png` });
	});

	it('keeps working when a sorted column is gone after a parameter change', async () => {
		const { page } = spec.browser;
		const abc = page.getByTestId('cell-abc');
		await openSettings(page, 'abc');
		await abc.getByTestId('abc-subject').selectOption('products');
		await expect.poll(() => abc.getByTestId('chart').count(), { timeout: 30_000 }).toBe(3);
		const table = abc.getByTestId('result-table');
		await table.getByRole('button', { name: /^xyz/ }).click();
		await expect
			.poll(() => table.locator('th[aria-sort="descending"]').textContent())
			.toMatch(/xyz/);
		await abc.getByTestId('abc-subject').selectOption('customers');
		await expect.poll(() => abc.getByTestId('chart').count(), { timeout: 30_000 }).toBe(2);
		expect(await statusOf(abc)).toMatch(/rows/);
		expect(await abc.getByTestId('cell-error').count()).toBe(0);
		expect(
			await table.locator('th[aria-sort="descending"], th[aria-sort="ascending"]').count()
		).toBe(0);
		expect((await loadedRow(table, 2)).length).toBeGreaterThan(2);
	});

	it('scrolls a million rows by scrollbar and by key, every drawn row the right one', async () => {
		const { page } = spec.browser;
		const total = 1_000_000;
		await page.getByTestId('add-sql-cell').click();
		const cell = page.getByTestId('sql-cell').last();
		await cell
			.getByTestId('sql-cell-text')
			.fill(`SELECT i, i * 3 AS triple FROM range(${total}) t(i)`);
		await cell.getByTestId('sql-cell-run').click();
		expect(await statusOf(cell)).toMatch(/^1,000,000 rows/);
		const table = cell.getByTestId('result-table');
		const region = cell.getByTestId('result-scroll');
		await region.scrollIntoViewIfNeeded();
		const asNumbers = (texts: string[]) => texts.map((s) => Number(s.replace(/,/g, '')));
		// The scrollbar's end is the last row.
		await region.evaluate((el) => el.scrollTo(0, el.scrollHeight));
		expect(asNumbers(await loadedRow(table, total + 1))).toEqual([total - 1, 3 * (total - 1)]);
		expect(await drawnRows(table)).toBeLessThan(60);
		// Half-way down by scrollbar: every row drawn holds its own index and triple.
		await region.evaluate((el) => el.scrollTo(0, el.scrollHeight / 2));
		const drawn = () =>
			table
				.locator('tbody tr')
				.evaluateAll((trs) =>
					trs.map((tr) => [
						Number(tr.getAttribute('aria-rowindex')),
						...[...tr.querySelectorAll('td')].map((td) => Number(td.textContent!.replace(/,/g, '')))
					])
				);
		// The scroll event and the rows' windows arrive over a few tasks: take the first look (one
		// read of the page) at rows drawn from the middle, none of them loading; every one of them
		// must hold its own index and triple.
		let rows: number[][] = [];
		await expect
			.poll(
				async () => {
					const now = await drawn();
					const settled =
						now.length > 5 &&
						now.every((row) => row.length === 3) &&
						now[0][0] > total * 0.4 &&
						now[0][0] < total * 0.6;
					if (settled) rows = now;
					return settled;
				},
				{ timeout: 30_000 }
			)
			.toBe(true);
		for (const [rowIndex, i, triple] of rows)
			expect([i, triple]).toEqual([rowIndex - 2, 3 * (rowIndex - 2)]);
		// A row at a time, even where one pixel of scrollbar is dozens of rows.
		await region.focus();
		const range = async () => (await cell.getByTestId('result-range').textContent()) ?? '';
		const firstShown = async () => Number((await range()).replace(/,/g, '').match(/(\d+)–/)![1]);
		const start = await firstShown();
		await page.keyboard.press('ArrowDown');
		await expect.poll(firstShown).toBe(start + 1);
		await page.keyboard.press('ArrowDown');
		await expect.poll(firstShown).toBe(start + 2);
		await page.keyboard.press('ArrowUp');
		await expect.poll(firstShown).toBe(start + 1);
		const topRow = await loadedRow(table, start + 2);
		expect(asNumbers(topRow)).toEqual([start, 3 * start]);
		await page.keyboard.press('End');
		expect(asNumbers(await loadedRow(table, total + 1))).toEqual([total - 1, 3 * (total - 1)]);
		await page.keyboard.press('Home');
		expect(asNumbers(await loadedRow(table, 2))).toEqual([0, 0]);
	});

	it('points a first-time visitor at the first chart, in either language, until dismissed', async () => {
		const { page } = spec.browser;
		const hint = page.getByTestId('first-look');
		expect(await page.getByTestId('cell-rfm').getByTestId('first-look').count()).toBe(1);
		expect(await hint.count()).toBe(1);
		expect(await hint.textContent()).toMatch(/What to look at first/);
		await page.getByTestId('language').selectOption('zh');
		await expect.poll(async () => hint.textContent()).toMatch(/先看这里/);
		await page.getByTestId('language').selectOption('en');
		// Dismissed from the keyboard, and not shown again in this browser.
		await hint.getByRole('button', { name: 'Got it, hide this hint' }).focus();
		await page.keyboard.press('Enter');
		await hint.waitFor({ state: 'detached' });
		expect(await page.evaluate(() => localStorage.getItem('segmenta:hints-dismissed'))).toBe(
			'["first-look"]'
		);
		// The million-row SQL cell was never saved: leave anyway when the browser asks.
		page.once('dialog', (dialog) => void dialog.accept());
		await page.goto(`${spec.site.url}?sample`);
		await waitForEngine(page);
		await waitForMapping(page);
		await applyMapping(page);
		await statusOf(page.getByTestId('cell-rfm'));
		await page.getByTestId('cell-rfm').getByTestId('chart').first().waitFor();
		expect(await hint.count()).toBe(0);
	});
});
