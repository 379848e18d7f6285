/**
 * Answers first, on the built app with the sample: after Apply each cell shows its answer with
 * its parameters folded behind one settings line (checked against lines worked out by hand from
 * the defaults and the sample's dates), the header says the analysis date in use (the day after
 * the sample's last purchase, read from the CSV here) in one row at 1280 px, its file and
 * settings actions sit in a disclosure menu, and the mapping is folded to its line.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { waitForEngine } from '../helpers/browser';
import { useBuiltSite } from '../helpers/site';
import { ANALYSIS_CELLS, applyMapping, openSettings, waitForMapping } from '../helpers/app';

const spec = useBuiltSite();

/** yyyy-mm-dd moved by `days`. */
const shift = (iso: string, days: number) =>
	new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The sample's first and last purchase, from the CSV itself: rows with a customer, a readable
 * date not in the future, and an amount of zero or more (refunds and dirty rows left out).
 */
function sampleDates() {
	const today = new Date().toISOString().slice(0, 10);
	const [header, ...rows] = readFileSync('public/sample/orders.csv', 'utf8').trim().split('\n');
	const cols = header.split(',');
	const [customer, date, amount] = ['customer_id', 'order_date', 'amount'].map((c) =>
		cols.indexOf(c)
	);
	const days = rows
		.map((line) => line.split(','))
		.filter((r) => r[customer] !== '' && /^\d+(\.\d+)?$/.test(r[amount]))
		.map((r) => r[date].slice(0, 10))
		.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d) && d !== '0000-00-00' && d <= today)
		.sort();
	return { first: days[0], last: days[days.length - 1] };
}

const { last } = sampleDates();
const asOf = shift(last, 1);

/** Each cell's line with the defaults, as worked out by hand from the configs' defaults. */
const LINES: Record<string, string> = {
	rfm: `5 scores by quantile · 11 segments · analysis date ${asOf}`,
	abc: 'customers by revenue · A to 80%, B to 95% of the total',
	cohort: 'monthly cohorts by first purchase · retention · cohorts of 20+ customers',
	lifecycle:
		`analysis date ${asOf} · new ≤ 30 days, active ≤ 90, churned after 180 · ` +
		`loyal from 3 orders · compared with ${shift(asOf, -90)}`,
	personas: 'describes the RFM segments',
	clv: `calibration to ${last} · forecast 52 weeks · value over 12 months, 1% monthly discount`,
	clusters: 'number of clusters suggested (3–8) · seed 1',
	grid:
		'value = net spend · potential = orders of the last 365 days over 365 days · ' +
		`tiers by thirds · analysis date ${asOf}`
};

const lineOf = (page: Page, kind: string) =>
	page.getByTestId(`cell-${kind}`).getByTestId('settings-text');

/** The parameter fields of a cell a person can see. */
async function visibleFields(page: Page, kind: string) {
	const fields = page.getByTestId(`cell-${kind}`).locator('form').locator('input, select');
	let n = 0;
	for (let i = 0; i < (await fields.count()); i++) if (await fields.nth(i).isVisible()) n++;
	return n;
}

beforeAll(async () => {
	const { page } = spec.browser;
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.goto(`${spec.site.url}?sample`);
	await waitForEngine(page);
	await waitForMapping(page);
	await applyMapping(page);
});

describe('answers first, on the sample', () => {
	it('the sample’s dates, read from the CSV, are the README’s', () => {
		// The README says 2023-01-01 18:25:26 to 2024-12-31 23:33:27.
		expect(sampleDates()).toEqual({ first: '2023-01-01', last: '2024-12-31' });
	});

	it('shows every cell’s answer with its parameters folded behind its settings line', async () => {
		const { page } = spec.browser;
		for (const kind of ANALYSIS_CELLS) {
			const cell = page.getByTestId(`cell-${kind}`);
			await expect
				.poll(() => cell.getByTestId('cell-status').textContent(), { timeout: 120_000 })
				.toMatch(/rows/);
			await expect
				.poll(() => lineOf(page, kind).textContent(), { timeout: 30_000 })
				.toBe(LINES[kind]);
			const line = cell.getByTestId('settings-line');
			expect(await line.getAttribute('aria-expanded')).toBe('false');
			expect(await line.textContent()).toMatch(/· edit$/);
			expect(await visibleFields(page, kind), kind).toBe(0);
			// The answer comes before the SQL, which has its own toggle.
			expect(await cell.locator('details.sql').getAttribute('open')).toBeNull();
		}
		const rfm = page.getByTestId('cell-rfm');
		// A picture of the cell's top, for people to look at (in page coordinates, header aside).
		const top = await rfm.evaluate((el) => {
			const r = el.getBoundingClientRect();
			return { x: r.x, y: r.y + window.scrollY, width: r.width, height: Math.min(r.height, 700) };
		});
		mkdirSync('test/screenshots', { recursive: true });
		await page.screenshot({
			path: 'test/screenshots/rfm-cell-en-1280.png',
			fullPage: true,
			clip: top
		});
		const chart = await rfm.getByTestId('chart').first().boundingBox();
		const sql = await rfm.locator('details.sql').boundingBox();
		expect(chart!.y).toBeLessThan(sql!.y);
	});

	it('unfolds the parameters from the keyboard, each empty date saying its day', async () => {
		const { page } = spec.browser;
		const rfm = page.getByTestId('cell-rfm');
		const line = rfm.getByTestId('settings-line');
		await line.focus();
		await page.keyboard.press('Enter');
		expect(await line.getAttribute('aria-expanded')).toBe('true');
		expect(await rfm.getByTestId('rfm-map').isVisible()).toBe(true);
		expect(await line.textContent()).toMatch(/· hide$/);
		expect(await rfm.getByTestId('default-day').allTextContents()).toEqual([
			`default: ${asOf}`,
			`default: ${sampleDates().first}`,
			`default: ${last}`
		]);
		// A change is said in the line at once, and runs the cell.
		await rfm.getByTestId('rfm-bins').selectOption('3');
		await expect
			.poll(() => lineOf(page, 'rfm').textContent())
			.toBe(`3 scores by quantile · 11 segments · analysis date ${asOf}`);
		await rfm.getByTestId('rfm-bins').selectOption('5');
		await line.focus();
		await page.keyboard.press('Space');
		expect(await line.getAttribute('aria-expanded')).toBe('false');
		expect(await visibleFields(page, 'rfm')).toBe(0);
		await openSettings(page, 'lifecycle');
		expect(
			await page.getByTestId('cell-lifecycle').getByTestId('default-day').allTextContents()
		).toEqual([`default: ${asOf}`, `default: ${shift(asOf, -90)}`]);
		// ABC's window: the data's first and last purchase.
		await openSettings(page, 'abc');
		expect(await page.getByTestId('cell-abc').getByTestId('default-day').allTextContents()).toEqual(
			[`default: ${sampleDates().first}`, `default: ${last}`]
		);
	});

	it('says the lines in Chinese', async () => {
		const { page } = spec.browser;
		await page.getByTestId('language').selectOption('zh');
		await expect
			.poll(() => lineOf(page, 'rfm').textContent())
			.toBe(`5 档评分（按分位数） · 11 个分群 · 分析日期 ${asOf}`);
		expect(await lineOf(page, 'clv').textContent()).toBe(
			`校准期至 ${last} · 预测 52 周 · 价值按 12 个月计，月折现率 1%`
		);
		expect(await page.getByTestId('analysis-date').textContent()).toMatch(`分析日期 ${asOf}`);
		await page.getByTestId('language').selectOption('en');
	});

	it('says the analysis date in use in a header of one row at 1280 px', async () => {
		const { page } = spec.browser;
		expect((await page.getByTestId('analysis-date').textContent())?.trim()).toBe(
			`analysis date ${asOf}`
		);
		// One row: every visible item of the header shares one band of height.
		const boxes = await page.evaluate(() =>
			// The page's own header comes first; each cell has a header of its own further down.
			[...document.querySelector('header')!.children]
				.map((el) => el.getBoundingClientRect())
				.filter((b) => b.width > 1 && b.height > 1)
				.map((b) => ({ top: b.top, bottom: b.bottom }))
		);
		expect(boxes.length).toBeGreaterThanOrEqual(6);
		mkdirSync('test/screenshots', { recursive: true });
		await page
			.locator('header')
			.first()
			.screenshot({ path: 'test/screenshots/header-en-1280.png' });
		const lowestTop = Math.max(...boxes.map((b) => b.top));
		const highestBottom = Math.min(...boxes.map((b) => b.bottom));
		expect(lowestTop).toBeLessThan(highestBottom);
	});

	it('keeps the file and settings actions in a menu that Escape closes', async () => {
		const { page } = spec.browser;
		const menu = page.getByTestId('file-menu');
		const reset = page.getByTestId('reset-settings');
		expect(await menu.getAttribute('aria-expanded')).toBe('false');
		expect(await reset.isVisible()).toBe(false);
		await menu.focus();
		await page.keyboard.press('Enter');
		expect(await menu.getAttribute('aria-expanded')).toBe('true');
		expect(await reset.isVisible()).toBe(true);
		await page.keyboard.press('Tab');
		await page.keyboard.press('Escape');
		expect(await menu.getAttribute('aria-expanded')).toBe('false');
		expect(await reset.isVisible()).toBe(false);
		expect(await menu.evaluate((el) => el === document.activeElement)).toBe(true);
	});

	it('folds the mapping to its line after Apply, and unfolds it on edit', async () => {
		const { page } = spec.browser;
		const line = page.getByTestId('mapping-summary');
		expect(await line.getAttribute('aria-expanded')).toBe('false');
		const text = await page.getByTestId('mapping-summary-text').textContent();
		expect(text?.replace(/\s+/g, ' ').trim()).toBe(
			'customer = customer_id · date = order_date · amount = amount · order = order_id · product = product_id'
		);
		expect(await page.getByTestId('apply-mapping').isVisible()).toBe(false);
		await line.click();
		expect(await line.getAttribute('aria-expanded')).toBe('true');
		expect(await page.getByTestId('apply-mapping').isVisible()).toBe(true);
		await line.click();
		expect(await page.getByTestId('apply-mapping').isVisible()).toBe(false);
	});

	it('runs a cell’s edited SQL from its box below the answer with Ctrl+Enter', async () => {
		const { page } = spec.browser;
		const abc = page.getByTestId('cell-abc');
		await abc.locator('details.sql summary').click();
		const box = abc.getByTestId('cell-sql');
		await expect.poll(() => box.inputValue()).toMatch(/SELECT/);
		// A block comment changes the text, not the answer.
		await box.fill(`${await box.inputValue()} /* mine */`);
		await box.press('Control+Enter');
		const notice = abc.getByText('This cell runs your edited SQL');
		await notice.waitFor();
		await expect
			.poll(() => abc.getByTestId('cell-status').textContent(), { timeout: 60_000 })
			.toMatch(/^2,999 rows/);
		await abc.getByRole('button', { name: 'Back to the template' }).click();
		await expect.poll(() => notice.count()).toBe(0);
	});

	it('has nothing about settings on the landing page', async () => {
		const { page } = spec.browser;
		await page.getByRole('button', { name: /Segmenta/ }).click();
		await page.getByRole('button', { name: /Try the sample data/ }).waitFor();
		expect(await page.getByTestId('file-menu').count()).toBe(0);
		expect(await page.getByTestId('reset-settings').count()).toBe(0);
		expect(await page.getByRole('button', { name: /settings/i }).allTextContents()).toEqual([]);
	});

	it('threw no script error', () => {
		expect(spec.pageErrors).toEqual([]);
	});
});
