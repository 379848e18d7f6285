/**
 * Chinese and English throughout: a browser that prefers Chinese gets the app in Chinese, the
 * language switches without a reload or lost state, charts format numbers with 万/亿, and no
 * label is clipped on a desktop or a phone screen in either language. Saves screenshots under
 * test/screenshots/ (not committed).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
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

const VIEWPORTS = {
	desktop: { width: 1280, height: 800 },
	phone: { width: 390, height: 844 }
} as const;
const SHOTS = 'test/screenshots';
/** Words that stay in Latin letters in Chinese text: names of methods, formats and tools. */
const LATIN_IN_CHINESE = new Set([
	'Segmenta',
	'English',
	'RFM',
	'ABC',
	'XYZ',
	'DuckDB',
	'SQL',
	'CSV',
	'TSV',
	'JSON',
	'NDJSON',
	'Parquet',
	'Excel',
	'xlsx',
	'Vega',
	'Lite',
	'PNG',
	'SVG',
	'PDF',
	'UTF',
	'BG',
	'NBD',
	'CLV',
	'Gamma',
	'Pareto',
	'means',
	'WASM',
	'GBK',
	'BOM',
	'Arrow',
	'Ctrl',
	'Enter'
]);

const spec = useBuiltSite({ locale: 'zh-CN' });

beforeAll(() => {
	mkdirSync(SHOTS, { recursive: true });
	// Without a Chinese font every character is the same box, and the layout checks below mean nothing.
	const fonts = execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
	if (!fonts.trim())
		throw new Error(
			'No Chinese font: install one (apt-get install fonts-wqy-microhei), as .ci/run does.'
		);
});

/** Visible text of the page outside the data itself (tables, SQL, inputs, chart marks). */
async function interfaceText(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const skip =
			'table, pre, code, textarea, input, select, script, style, svg, [data-testid="sql-cell-text"], [data-testid="cell-sql"], .visually-hidden';
		const texts: string[] = [];
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const parent = node.parentElement;
			const text = node.textContent?.trim();
			if (!parent || !text || parent.closest(skip)) continue;
			if (!parent.checkVisibility()) continue;
			texts.push(text);
		}
		return texts;
	});
}

/** English words (four letters or more) left in text that should be Chinese. */
async function englishLeft(page: Page): Promise<string[]> {
	const words = (await interfaceText(page)).flatMap((text) =>
		[...text.matchAll(/[A-Za-z][A-Za-z'’]{3,}/g)].map((m) => m[0])
	);
	return [...new Set(words.filter((w) => !LATIN_IN_CHINESE.has(w)))];
}

/**
 * Labels cut off: an element whose text overflows a box that hides it, text outside the screen
 * with no scrolling container to reach it, the page wider than the screen, and chart text outside
 * its chart.
 */
async function clipped(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const problems: string[] = [];
		const name = (el: Element) =>
			`${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
		const width = document.documentElement.clientWidth;
		if (document.documentElement.scrollWidth > width + 1)
			problems.push(
				`page is ${document.documentElement.scrollWidth}px wide on a ${width}px screen`
			);
		const scrolls = (el: Element | null): boolean => {
			for (let a = el; a; a = a.parentElement)
				if (/auto|scroll/.test(getComputedStyle(a).overflowX)) return true;
			return false;
		};
		for (const el of document.querySelectorAll(
			'button, label, th, h1, h2, h3, h4, legend, summary, a, figcaption, dt, dd, p, li, span'
		)) {
			// Text for screen readers only is hidden on purpose.
			if (el.closest('.visually-hidden')) continue;
			const rect = el.getBoundingClientRect();
			if (rect.width === 0 || !(el.textContent ?? '').trim()) continue;
			const style = getComputedStyle(el);
			if (
				style.overflowX !== 'visible' &&
				!/auto|scroll/.test(style.overflowX) &&
				el.scrollWidth > el.clientWidth + 1
			)
				problems.push(`${name(el)} is cut off`);
			if (rect.right > width + 1 && !scrolls(el.parentElement))
				problems.push(`${name(el)} runs off the screen`);
		}
		for (const svg of document.querySelectorAll('[data-testid="chart"] svg')) {
			const box = svg.getBoundingClientRect();
			for (const text of svg.querySelectorAll('text')) {
				const r = text.getBoundingClientRect();
				if (r.width === 0 || !(text.textContent ?? '').trim()) continue;
				// A glyph box may reach a pixel or two past the text it draws: allow 3 px.
				if (
					r.left < box.left - 3 ||
					r.right > box.right + 3 ||
					r.top < box.top - 3 ||
					r.bottom > box.bottom + 3
				) {
					problems.push(`chart text "${text.textContent}" lies outside its chart`);
				}
			}
		}
		return [...new Set(problems)];
	});
}

async function checkScreens(page: Page, language: string, screen: string) {
	for (const [viewport, size] of Object.entries(VIEWPORTS)) {
		await page.setViewportSize(size);
		if (screen === 'notebook') await drawEveryChart(page);
		// Checked before the screenshot: a full-page screenshot resizes the window, and charts lay out again.
		expect(await clipped(page), `${screen}, ${language}, ${viewport}`).toEqual([]);
		await page.screenshot({
			path: `${SHOTS}/${screen}-${language}-${viewport}.png`,
			fullPage: true
		});
	}
	await page.setViewportSize(VIEWPORTS.desktop);
}

describe('Chinese and English', () => {
	it('greets a browser that prefers Chinese in Chinese', async () => {
		const { page } = spec.browser;
		await page.goto(spec.site.url);
		await waitForEngine(page);
		expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
		expect(await page.getByTestId('language').inputValue()).toBe('zh');
		expect(await englishLeft(page)).toEqual([]);
		await checkScreens(page, 'zh', 'landing');
	});

	it('runs the whole notebook in Chinese, with 万 on chart axes', async () => {
		const { page } = spec.browser;
		await page.goto(`${spec.site.url}?sample`);
		await waitForEngine(page);
		await waitForMapping(page);
		expect(await englishLeft(page), 'mapping form').toEqual([]);
		await applyMapping(page);
		for (const kind of CELLS) {
			const status = page.getByTestId(`cell-${kind}`).getByTestId('cell-status');
			await expect
				.poll(async () => status.textContent(), { timeout: 90_000 })
				.toMatch(/^[\d,]+ 行/);
		}
		await drawEveryChart(page);
		expect(await englishLeft(page), 'notebook').toEqual([]);
		const axisText = await page.locator('[data-testid="chart"] svg text').allTextContents();
		expect(axisText.some((t) => /\d万/.test(t))).toBe(true);
		expect(axisText.some((t) => /客户/.test(t))).toBe(true);
		await checkScreens(page, 'zh', 'notebook');
	});

	it('switches to English without a reload, keeping every setting and result', async () => {
		const { page } = spec.browser;
		const rfm = page.getByTestId('cell-rfm');
		await openSettings(page, 'rfm');
		await rfm.getByTestId('rfm-map').selectOption('cn8');
		// Re-run with the 8 classes: their names fill the segment chart.
		await expect
			.poll(
				async () => {
					await rfm.getByTestId('chart').first().scrollIntoViewIfNeeded();
					return (await rfm.locator('svg text').allTextContents()).some((t) =>
						t.includes('重要价值客户')
					);
				},
				{ timeout: 60_000 }
			)
			.toBe(true);
		await expect
			.poll(async () => rfm.getByTestId('cell-status').textContent(), { timeout: 60_000 })
			.toMatch(/^[\d,]+ 行/);
		const rowsRead = await page.getByTestId('rows-read').textContent();
		await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
		await page.getByTestId('language').selectOption('en');
		// The same page (no reload), the same settings and numbers, now in English.
		expect(await page.evaluate(() => (window as unknown as { marker: number }).marker)).toBe(42);
		expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');
		expect(await rfm.getByTestId('rfm-map').inputValue()).toBe('cn8');
		expect(await page.getByTestId('rows-read').textContent()).toBe(rowsRead);
		expect(await rfm.getByTestId('cell-status').textContent()).toMatch(/^[\d,]+ rows/);
		await expect
			.poll(
				async () => {
					await rfm.getByTestId('chart').first().scrollIntoViewIfNeeded();
					return (await rfm.locator('svg text').allTextContents()).some((t) =>
						t.includes('Important value customers')
					);
				},
				{ timeout: 30_000 }
			)
			.toBe(true);
		await checkScreens(page, 'en', 'notebook');
	});

	it('shows the English landing page without clipping', async () => {
		const { page } = spec.browser;
		await page.getByRole('button', { name: /back to start/ }).click();
		await checkScreens(page, 'en', 'landing');
	});

	it('makes no request outside the page and raises no script error', () => {
		expect(spec.outsideRequests()).toEqual([]);
		expect(spec.pageErrors).toEqual([]);
	});
});
