/**
 * Nobody locked out: an axe-core audit (WCAG 2.1 A and AA) of the landing page and the fully
 * loaded notebook, in the light and the dark theme, finds no serious or critical violation; the
 * theme chosen in the page wins over the system's and redraws the charts; the first steps work from
 * the keyboard alone. Saves dark-theme screenshots under test/screenshots/.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { waitForEngine } from '../helpers/browser';
import { useBuiltSite } from '../helpers/site';
import {
	ANALYSIS_CELLS as CELLS,
	applyMapping,
	drawEveryChart,
	openSettings,
	waitForMapping
} from '../helpers/app';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = 'test/screenshots';

const spec = useBuiltSite();

beforeAll(() => mkdirSync(SHOTS, { recursive: true }));

interface Violation {
	id: string;
	impact: string;
	help: string;
	nodes: { target: string[]; failureSummary: string }[];
}

/** Runs axe-core in the page (through the debugging protocol, so the page's CSP does not apply). */
async function audit(page: Page): Promise<string[]> {
	await page.evaluate(`${AXE}\n;0`);
	const violations = (await page.evaluate(() =>
		(window as unknown as { axe: { run(o: object): Promise<{ violations: unknown[] }> } }).axe
			.run({
				runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
				resultTypes: ['violations']
			})
			.then((r) => r.violations)
	)) as Violation[];
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map(
			(v) =>
				`${v.id} (${v.impact}): ${v.help} — ${v.nodes
					.slice(0, 3)
					.map((n) => n.target.join(' '))
					.join(', ')}`
		);
}

describe('accessibility', () => {
	it('the landing page passes the audit in both themes', async () => {
		const { page } = spec.browser;
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.goto(spec.site.url);
		await waitForEngine(page);
		for (const colorScheme of ['light', 'dark'] as const) {
			await page.emulateMedia({ colorScheme });
			expect(await audit(page), `landing, ${colorScheme}`).toEqual([]);
		}
		await page.screenshot({ path: `${SHOTS}/landing-en-desktop-dark.png`, fullPage: true });
		await page.setViewportSize({ width: 390, height: 844 });
		await page.screenshot({ path: `${SHOTS}/landing-en-phone-dark.png`, fullPage: true });
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.emulateMedia({ colorScheme: 'light' });
	});

	it('reaches the sample data and the mapping from the keyboard alone', async () => {
		const { page } = spec.browser;
		const sample = page.getByRole('button', { name: /Try the sample data/ });
		for (let i = 0; i < 30 && !(await sample.evaluate((el) => el === document.activeElement)); i++)
			await page.keyboard.press('Tab');
		expect(await sample.evaluate((el) => el === document.activeElement)).toBe(true);
		// Focus is visible: the focused control draws an outline.
		expect(await sample.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
		await page.keyboard.press('Enter');
		await waitForMapping(page);
		const apply = page.getByTestId('apply-mapping');
		for (let i = 0; i < 80 && !(await apply.evaluate((el) => el === document.activeElement)); i++)
			await page.keyboard.press('Tab');
		expect(await apply.evaluate((el) => el === document.activeElement)).toBe(true);
	});

	it('the loaded notebook passes the audit in both themes', async () => {
		const { page } = spec.browser;
		await applyMapping(page);
		for (const kind of CELLS) {
			const status = page.getByTestId(`cell-${kind}`).getByTestId('cell-status');
			await expect.poll(async () => status.textContent(), { timeout: 90_000 }).toMatch(/rows/);
		}
		await drawEveryChart(page);
		// Everything folded unfolded too: each cell's parameters, the mapping and the header's menu.
		const unfold = async () => {
			for (const kind of CELLS)
				await page.getByTestId(`cell-${kind}`).getByTestId('settings-line').click();
			await page.getByTestId('mapping-summary').click();
			await page.getByTestId('file-menu').click();
		};
		await unfold();
		for (const colorScheme of ['light', 'dark'] as const) {
			await page.emulateMedia({ colorScheme });
			expect(await audit(page), `notebook, ${colorScheme}`).toEqual([]);
		}
		await unfold();
		await page.screenshot({ path: `${SHOTS}/notebook-en-desktop-dark.png`, fullPage: true });
		await page.setViewportSize({ width: 390, height: 844 });
		await page.screenshot({ path: `${SHOTS}/notebook-en-phone-dark.png`, fullPage: true });
		await page.emulateMedia({ colorScheme: 'light' });
	});

	it('switches the theme in the page: kept in this browser, left out of shared links, charts redrawn', async () => {
		const { page } = spec.browser;
		await page.emulateMedia({ colorScheme: 'light' });
		const background = () =>
			page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
		const chart = page.getByTestId('cell-rfm').getByTestId('chart').first();
		await chart.scrollIntoViewIfNeeded();
		// Read where a person sees it: a chart redraws for a new theme when it is near the screen,
		// and the views that load after Apply may have moved it since.
		const axis = async () => {
			await chart.scrollIntoViewIfNeeded();
			return chart.locator('.role-axis-label text').first().getAttribute('fill');
		};
		await expect.poll(axis, { timeout: 30_000 }).not.toBeNull();
		const light = { background: await background(), axis: await axis() };
		const theme = page.getByRole('combobox', { name: 'Colour theme' });
		expect(await theme.inputValue()).toBe('system');
		// Dark on a light system: the page and the charts, in the dark tokens (--wash, axis labels).
		await theme.selectOption('dark');
		expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
		expect(await background()).toBe('rgb(18, 22, 29)');
		await expect.poll(axis, { timeout: 30_000 }).toBe('#a7afbd');
		expect(await audit(page), 'notebook, dark chosen').toEqual([]);
		expect(await page.evaluate(() => localStorage.getItem('segmenta:theme'))).toBe('"dark"');
		// Light on a dark system.
		await page.emulateMedia({ colorScheme: 'dark' });
		await theme.selectOption('light');
		expect(await background()).toBe(light.background);
		await expect.poll(axis, { timeout: 30_000 }).toBe(light.axis);
		// The system's again: it follows the system, both ways.
		await theme.selectOption('system');
		expect(await page.evaluate(() => document.documentElement.hasAttribute('data-theme'))).toBe(
			false
		);
		expect(await background()).toBe('rgb(18, 22, 29)');
		await expect.poll(axis, { timeout: 30_000 }).toBe('#a7afbd');
		await page.emulateMedia({ colorScheme: 'light' });
		await expect.poll(background).toBe(light.background);
		await expect.poll(axis, { timeout: 30_000 }).toBe(light.axis);
		// A preference of this browser, not a setting: a shared link does not carry it.
		await theme.selectOption('dark');
		await page.getByTestId('share').click();
		expect(await page.getByTestId('share-link').inputValue()).not.toMatch(/theme|dark/i);
		expect(await page.evaluate(() => localStorage.getItem('segmenta:settings'))).not.toMatch(
			/theme|dark/i
		);
		await page.getByTestId('share-panel').getByRole('button', { name: 'Close' }).click();
		await theme.selectOption('system');
	});

	it('moves between cells, folds them and runs them from the keyboard; every chart has its data as a table', async () => {
		const { page } = spec.browser;
		await page.setViewportSize({ width: 1280, height: 800 });
		// The contents list every analysis cell; Alt+↓ walks the cell headings in order.
		expect(await page.getByTestId('contents').getByRole('link').count()).toBe(CELLS.length);
		await page.getByTestId('contents').getByRole('link').first().click();
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('cell-rfm');
		await page.keyboard.press('Alt+ArrowDown');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('cell-abc');
		await page.keyboard.press('Alt+ArrowUp');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('cell-rfm');
		// Folding hides the body, unfolding brings it back with its results.
		const rfm = page.getByTestId('cell-rfm');
		await rfm.getByTestId('cell-fold').click();
		expect(await rfm.getByTestId('cell-fold').getAttribute('aria-expanded')).toBe('false');
		expect(await rfm.getByTestId('chart').first().isVisible()).toBe(false);
		await rfm.getByTestId('cell-fold').press('Enter');
		expect(await rfm.getByTestId('chart').first().isVisible()).toBe(true);
		// Ctrl+Enter from a parameter re-runs the cell.
		await openSettings(page, 'rfm');
		await rfm.locator('select').first().focus();
		await page.keyboard.press('Control+Enter');
		await expect
			.poll(async () => rfm.getByTestId('cell-status').textContent(), { timeout: 10_000 })
			.toMatch(/Running|rows/);
		await expect
			.poll(async () => rfm.getByTestId('cell-status').textContent(), { timeout: 60_000 })
			.toMatch(/rows/);
		// Text alternative: a data table under each drawn chart, with the chart's titles as headers.
		const data = rfm.getByTestId('chart-data').first();
		await data.locator('summary').click();
		expect(await data.locator('tbody tr').count()).toBeGreaterThan(0);
		expect(await data.locator('th').allTextContents()).toContain('Segment');
	});

	it('makes no request outside the page and raises no script error', () => {
		expect(spec.outsideRequests()).toEqual([]);
		expect(spec.pageErrors).toEqual([]);
	});
});
