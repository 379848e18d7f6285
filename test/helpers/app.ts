/** Steps a person takes in the app, for the end-to-end tests. */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** Drops a file in through the file input, as the "Choose a file…" button does. */
export async function chooseFile(page: Page, path: string) {
	await page.getByTestId('file-input').setInputFiles(path);
}

/** Waits for the mapping form or an error, whichever comes first; fails with the error's text. */
export async function waitForMapping(page: Page) {
	const mapping = page.getByTestId('mapping');
	const error = page.getByTestId('error');
	await mapping.or(error).first().waitFor({ timeout: 120_000 });
	if (await error.isVisible()) throw new Error(`page error: ${await error.textContent()}`);
}

/** Confirms the mapping and waits for the quality report. */
export async function applyMapping(page: Page) {
	await page.getByTestId('apply-mapping').click();
	const report = page.getByTestId('quality-report');
	const error = page.getByTestId('error');
	await report.or(error).first().waitFor({ timeout: 180_000 });
	if (await error.isVisible()) throw new Error(`page error: ${await error.textContent()}`);
	await page.getByTestId('progress').waitFor({ state: 'detached', timeout: 180_000 });
}

/** A number shown in the page, with thousands separators removed. */
export async function numberIn(page: Page, testId: string): Promise<number> {
	const text = (await page.getByTestId(testId).textContent()) ?? '';
	return Number(text.replace(/[^0-9.-]/g, ''));
}

/** The report's three totals, checked to add up. */
export async function reportTotals(page: Page) {
	const read = await numberIn(page, 'rows-read');
	const used = await numberIn(page, 'rows-used');
	const setAside = await numberIn(page, 'rows-set-aside');
	expect(read).toBe(used + setAside);
	expect(await page.getByTestId('adds-up').textContent()).toContain('adds up');
	return { read, used, setAside };
}

/** The selected column of a role in the mapping form. */
export async function roleOf(page: Page, role: string): Promise<string> {
	return page.getByTestId(`role-${role}`).inputValue();
}

/** The analysis cells of the notebook, in order. */
export const ANALYSIS_CELLS = [
	'rfm',
	'abc',
	'cohort',
	'lifecycle',
	'personas',
	'clv',
	'grid',
	'clusters'
];

/** Scrolls every analysis chart into view and waits until each is drawn (charts draw when first visible). */
export async function drawEveryChart(page: Page) {
	for (const kind of ANALYSIS_CELLS) {
		const charts = page.getByTestId(`cell-${kind}`).getByTestId('chart');
		for (let i = 0; i < (await charts.count()); i++) {
			await charts.nth(i).scrollIntoViewIfNeeded();
			// Drawn with the current spec, language and width (a chart redraws when one changes).
			await expect
				.poll(() => charts.nth(i).getAttribute('data-drawn'), { timeout: 30_000 })
				.toBe('true');
		}
	}
	await page.evaluate(() => window.scrollTo(0, 0));
}

/** Unfolds a cell's parameters from its settings line (they are folded after Apply). */
export async function openSettings(page: Page, kind: string) {
	const line = page.getByTestId(`cell-${kind}`).getByTestId('settings-line');
	if ((await line.getAttribute('aria-expanded')) !== 'true') await line.click();
}

/** Opens the header's file and settings menu, if it is closed. */
export async function openMenu(page: Page) {
	const menu = page.getByTestId('file-menu');
	if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
}

/** Unfolds the column mapping from its line (it folds after each Apply). */
export async function editMapping(page: Page) {
	const line = page.getByTestId('mapping-summary');
	if ((await line.getAttribute('aria-expanded')) === 'false') await line.click();
}

/** Switches the RFM cell to the 8 classes of Chinese practice and waits until its table shows them. */
export async function useEightClasses(page: Page) {
	const rfm = page.getByTestId('cell-rfm');
	await openSettings(page, 'rfm');
	await rfm.getByTestId('rfm-map').selectOption('cn8');
	await expect
		.poll(async () => (await rfm.getByTestId('result-table').textContent()) ?? '', {
			timeout: 30_000
		})
		.toMatch(/(important|general)_(value|develop|keep|retain)/);
}
