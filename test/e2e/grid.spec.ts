/**
 * The value × potential grid in Chromium on the sample: it runs with the other cells, draws its
 * 3 × 3 with tier names (words, never keys), lists the customers behind a clicked cell, exports
 * its table with label columns, and with potential from the lifetime-value cell shows tier
 * movement since a comparison date.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { waitForEngine } from '../helpers/browser';
import { useBuiltSite } from '../helpers/site';
import { applyMapping, openSettings, waitForMapping } from '../helpers/app';
import { GRID_COLUMNS } from '../../src/analyses/grid/query';

const LABELLED = new Set(['value_tier', 'potential_tier', 'tier', 'tier_before']);

async function cellDone(page: Page, kind: string) {
	const status = page.getByTestId(`cell-${kind}`).getByTestId('cell-status');
	await expect.poll(async () => status.textContent(), { timeout: 90_000 }).toMatch(/rows/);
	return (await status.textContent()) ?? '';
}

/** Clicks a chart mark until the drill panel opens: a chart may be redrawing when first clicked. */
async function clickUntilDrill(page: Page, mark: Locator) {
	await expect
		.poll(
			async () => {
				await mark.dispatchEvent('click', undefined, { timeout: 1000 }).catch(() => {});
				return page.getByTestId('drill').count();
			},
			{ timeout: 30_000 }
		)
		.toBeGreaterThan(0);
}

const spec = useBuiltSite();

beforeAll(async () => {
	await spec.browser.page.setViewportSize({ width: 1280, height: 1000 });
	await spec.browser.page.goto(`${spec.site.url}?sample`);
	await waitForEngine(spec.browser.page);
	await waitForMapping(spec.browser.page);
	await applyMapping(spec.browser.page);
});

describe('the value × potential grid on the sample', () => {
	it('draws the nine tiers by name and drills into the core customers', async () => {
		const { page } = spec.browser;
		// Every customer with a purchase, as in RFM and CLV.
		expect(await cellDone(page, 'clv')).toMatch(/^2,999 rows/);
		expect(await cellDone(page, 'grid')).toMatch(/^2,999 rows/);
		const cell = page.getByTestId('cell-grid');
		const heatmap = cell.getByTestId('chart').first();
		await heatmap.scrollIntoViewIfNeeded();
		// Long names are drawn on two lines, a text each: "Win-back" above "customers".
		const texts = () => heatmap.locator('svg text').allTextContents();
		await expect.poll(texts, { timeout: 30_000 }).toContain('Core');
		const words = await texts();
		for (const word of ['Win-back', 'Potential', 'Low-value', 'Key', 'accounts', 'customers'])
			expect(words).toContain(word);
		expect(words.join(' ')).not.toMatch(/\b(win_back|low_value|core)\b/);
		// The first cell drawn is high value, high potential.
		await clickUntilDrill(page, heatmap.locator('g.mark-rect path').first());
		expect(await page.locator('#drill-title').textContent()).toBe('Customers: Core customers');
		const count = Number(
			((await page.getByTestId('drill-count').textContent()) ?? '').replace(/\D/g, '')
		);
		// Tertiles on both sides: the top-right cell holds some, never all, of the customers.
		expect(count).toBeGreaterThan(0);
		expect(count).toBeLessThan(2999);
		expect(await page.getByTestId('drill-table').textContent()).toContain('core');
		await page.getByRole('button', { name: 'Close' }).click();
		await page.getByTestId('drill').waitFor({ state: 'detached' });
	});

	it('exports its table with a label beside each tier column', async () => {
		const { page } = spec.browser;
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('cell-grid').getByTestId('export-csv').click()
		]);
		const csv = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
		const lines = csv.trim().split('\r\n');
		expect(lines[0]).toBe(
			GRID_COLUMNS.flatMap((c) => (LABELLED.has(c) ? [c, `${c}_label`] : [c])).join(',')
		);
		expect(lines).toHaveLength(2999 + 1);
		expect(csv).toContain(',core,Core customers,');
	});

	it('cuts present value at the points the person types', async () => {
		const { page } = spec.browser;
		const cell = page.getByTestId('cell-grid');
		// The parameters fold behind the cell's settings line.
		await openSettings(page, 'grid');
		await cell.getByRole('group', { name: 'Value cut points' }).getByRole('checkbox').uncheck();
		await cell.getByLabel('Value cut points 1').fill('500');
		await cell.getByLabel('Value cut points 2').fill('2000');
		await cell.getByLabel('Value cut points 2').dispatchEvent('change');
		// Each exported row's value tier follows the typed cuts: ≤ 500 low, ≤ 2000 medium, above high.
		await expect
			.poll(
				async () => {
					const [download] = await Promise.all([
						page.waitForEvent('download'),
						cell.getByTestId('export-csv').click()
					]);
					const rows = readFileSync((await download.path())!, 'utf8')
						.replace(/^\ufeff/, '')
						.trim()
						.split('\r\n')
						.slice(1)
						.map((line) => line.split(','));
					if (rows.length !== 2999) return -1;
					return rows.filter(([, spend, , tier]) => {
						const v = Number(spend);
						return tier !== (v <= 500 ? 'low' : v <= 2000 ? 'medium' : 'high');
					}).length;
				},
				{ timeout: 30_000 }
			)
			.toBe(0);
	});

	it('takes potential from the lifetime-value cell and shows moves since a comparison date', async () => {
		const { page } = spec.browser;
		const cell = page.getByTestId('cell-grid');
		await openSettings(page, 'grid');
		await cell.getByTestId('grid-potential').selectOption('clv');
		await cell.getByTestId('grid-compare').fill('2024-07-01');
		await cell.getByTestId('grid-compare').dispatchEvent('change');
		const transitions = cell.getByTestId('chart').nth(2);
		await expect.poll(async () => cell.getByTestId('chart').count(), { timeout: 60_000 }).toBe(3);
		await transitions.scrollIntoViewIfNeeded();
		await expect
			.poll(async () => (await transitions.locator('svg text').allTextContents()).join('|'), {
				timeout: 30_000
			})
			.toMatch(/No\s*purchase\s*yet/);
		await clickUntilDrill(page, transitions.locator('g.mark-rect path').first());
		expect(await page.locator('#drill-title').textContent()).toMatch(/ → /);
		expect(await page.getByTestId('drill-table').textContent()).toMatch(/tier_before/);
		await page.getByRole('button', { name: 'Close' }).click();
		await page.getByTestId('drill').waitFor({ state: 'detached' });
	});
});
