/**
 * Charts a person can read (#21): on the sample and on a real-shaped export (UCI Online Retail,
 * 20,000 rows), every chart's text is measured at 1440, 1280 and 390 px in English and Chinese:
 * no two visible labels overlap and no text leaves its chart's box.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { waitForEngine } from '../helpers/browser';
import { useBuiltSite } from '../helpers/site';
import { applyMapping, chooseFile, drawEveryChart, waitForMapping } from '../helpers/app';
import { dataOnDisk } from '../helpers/data';

const WIDTHS = [1440, 1280, 390];
const LANGUAGES = ['en', 'zh'] as const;

const spec = useBuiltSite();

/**
 * What is wrong with the text of the charts on the page: labels that overlap (their boxes share
 * more than 2 px both ways, at the height of the font) and text outside its chart (3 px allowed
 * for glyph boxes). Text Vega
 * hid (opacity 0 on it or a parent, as its label-overlap removal does) is not read.
 */
async function textProblems(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const problems: string[] = [];
		const visible = (el: Element) => {
			for (
				let a: Element | null = el;
				a && a.tagName.toLowerCase() !== 'svg';
				a = a.parentElement
			) {
				const style = getComputedStyle(a);
				if (
					Number(style.opacity) === 0 ||
					style.visibility === 'hidden' ||
					style.display === 'none'
				)
					return false;
				if (a.getAttribute('opacity') === '0') return false;
			}
			return true;
		};
		for (const chart of document.querySelectorAll('[data-testid="chart"]')) {
			const svg = chart.querySelector('svg');
			if (!svg) continue;
			const cell = chart.closest('[data-testid^="cell-"]')?.getAttribute('data-testid') ?? '?';
			const title = (chart.closest('figure')?.getAttribute('aria-label') ?? '').slice(0, 40);
			const where = `${cell} "${title}"`;
			const box = svg.getBoundingClientRect();
			const texts = [...svg.querySelectorAll('text')]
				.filter((t) => (t.textContent ?? '').trim() && visible(t))
				.map((t) => {
					// The box of an SVG text is its whole line (about 1.2 × the font size); the glyphs
					// a person sees fill about the font size: the box is taken at that height.
					const line = t.getBoundingClientRect();
					const size = parseFloat(getComputedStyle(t).fontSize) || line.height;
					const top = line.top + Math.max(0, line.height - size) / 2;
					const lines = Math.max(1, t.querySelectorAll('tspan').length);
					const height = Math.min(line.height, lines > 1 ? line.height : size);
					return {
						text: (t.textContent ?? '').trim(),
						r: {
							left: line.left,
							right: line.right,
							top,
							bottom: top + height,
							width: line.width,
							height
						}
					};
				})
				.filter(({ r }) => r.width > 0 && r.height > 0);
			for (const { text, r } of texts) {
				if (
					r.left < box.left - 3 ||
					r.right > box.right + 3 ||
					r.top < box.top - 3 ||
					r.bottom > box.bottom + 3
				)
					problems.push(`${where}: "${text}" lies outside the chart`);
			}
			for (let i = 0; i < texts.length; i++) {
				for (let j = i + 1; j < texts.length; j++) {
					const [a, b] = [texts[i].r, texts[j].r];
					const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
					const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
					if (x > 2 && y > 2)
						problems.push(`${where}: "${texts[i].text}" overlaps "${texts[j].text}"`);
				}
			}
		}
		return [...new Set(problems)];
	});
}

/** Every width and language on the file that is loaded; back to English at 1440 px after. */
async function checkEveryChart(page: Page, file: string) {
	const problems: string[] = [];
	for (const language of LANGUAGES) {
		await page.getByTestId('language').selectOption(language);
		for (const width of WIDTHS) {
			await page.setViewportSize({ width, height: 900 });
			await drawEveryChart(page);
			const found = await textProblems(page);
			problems.push(...found.map((p) => `${file}, ${language}, ${width} px: ${p}`));
		}
	}
	await page.getByTestId('language').selectOption('en');
	await page.setViewportSize({ width: 1440, height: 900 });
	expect(problems).toEqual([]);
}

/** Waits until every cell has its result (or its error). */
async function notebookReady(page: Page) {
	await page.waitForFunction(
		() => performance.getEntriesByName('segmenta:notebook-ready').length > 0,
		null,
		{ timeout: 180_000, polling: 250 }
	);
}

describe('chart text', () => {
	it('on the sample: no overlapping or clipped label at 1440, 1280 and 390 px in both languages', async () => {
		const { page } = spec.browser;
		await page.setViewportSize({ width: 1440, height: 900 });
		await page.goto(`${spec.site.url}?sample`);
		await waitForMapping(page);
		await applyMapping(page);
		await notebookReady(page);
		await checkEveryChart(page, 'sample');
	});

	it('on UCI Online Retail (20,000 rows): the same', async () => {
		const { page } = spec.browser;
		await page.goto(spec.site.url);
		await waitForEngine(page);
		await chooseFile(page, dataOnDisk('online-retail-uci-sample/online_retail_sample.csv.gz'));
		await waitForMapping(page);
		await applyMapping(page);
		await notebookReady(page);
		await checkEveryChart(page, 'UCI');
	});
});
