/**
 * Numbers a person can defend (issue #25), in the built app on the sample data: ABC's crossing
 * convention, checked against the classes worked out here from the exported measures; the
 * clusters cell's k choice and names in words; and the growth chart's incomplete last month,
 * on the sample cut mid-December.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { waitForEngine } from '../helpers/browser';
import { useBuiltSite } from '../helpers/site';
import { applyMapping, chooseFile, openSettings, waitForMapping } from '../helpers/app';

const spec = useBuiltSite();
const SAMPLE = resolve('public/sample/orders.csv');

async function cellDone(page: Page, kind: string) {
	const status = page.getByTestId(`cell-${kind}`).getByTestId('cell-status');
	await expect.poll(async () => status.textContent(), { timeout: 90_000 }).toMatch(/rows/);
}

async function open(page: Page, url: string, file?: string) {
	await page.goto(url);
	await waitForEngine(page);
	if (file) await chooseFile(page, file);
	await waitForMapping(page);
	await applyMapping(page);
}

/** The ABC cell's export: id, measure and class of each row. */
async function exportedClasses(page: Page) {
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId('cell-abc').getByTestId('export-csv').click()
	]);
	const lines = readFileSync((await download.path())!, 'utf8')
		.replace(/^\ufeff/, '')
		.trim()
		.split(/\r?\n/);
	const header = lines[0].split(',');
	const [id, measure, cls] = ['id', 'measure', 'class'].map((c) => header.indexOf(c));
	return lines.slice(1).map((line) => {
		const cells = line.split(',');
		return { id: cells[id], measure: Number(cells[measure]), cls: cells[cls] };
	});
}

/** The classes by the definitions, from the measures alone: 80 / 95 % of the positive total. */
function byHand(rows: { id: string; measure: number }[], crossing: 'within' | 'next') {
	const sorted = [...rows].sort((a, b) => b.measure - a.measure || (a.id < b.id ? -1 : 1));
	const total = sorted.reduce((sum, r) => sum + Math.max(r.measure, 0), 0);
	let running = 0;
	return sorted.map((r) => {
		const before = running / total;
		running += Math.max(r.measure, 0);
		const share = Math.round((running / total) * 1e6) / 1e6;
		const cls =
			r.measure <= 0
				? 'C'
				: crossing === 'within'
					? before < 0.8
						? 'A'
						: before < 0.95
							? 'B'
							: 'C'
					: share <= 0.8
						? 'A'
						: share <= 0.95
							? 'B'
							: 'C';
		return { id: r.id, cls };
	});
}

describe('numbers a person can defend, on the sample data', () => {
	it('classes ABC under both crossing conventions as the definitions say', async () => {
		const { page } = spec.browser;
		await page.setViewportSize({ width: 1280, height: 1000 });
		await open(page, `${spec.site.url}?sample`);
		await cellDone(page, 'abc');
		const abc = page.getByTestId('cell-abc');
		// The convention in force is said with the parameters, folded behind the settings line.
		await openSettings(page, 'abc');
		expect(await abc.getByTestId('abc-in-force').textContent()).toMatch(/crosses 80 % is A\./);
		const within = await exportedClasses(page);
		expect(within.map(({ id, cls }) => ({ id, cls }))).toEqual(byHand(within, 'within'));

		await abc.getByTestId('abc-crossing').selectOption('next');
		await expect
			.poll(() => abc.getByTestId('abc-in-force').textContent(), { timeout: 30_000 })
			.toMatch(/crosses 80 % is B\./);
		await expect
			.poll(async () => (await exportedClasses(page)).filter((r) => r.cls === 'A').length, {
				timeout: 60_000
			})
			.toBe(within.filter((r) => r.cls === 'A').length - 1);
		const next = await exportedClasses(page);
		expect(next.map(({ id, cls }) => ({ id, cls }))).toEqual(byHand(next, 'next'));
		await abc.getByTestId('abc-crossing').selectOption('within');
	});

	it('suggests k in 3 … 8, shows both criteria, and names clusters in words', async () => {
		const { page } = spec.browser;
		await cellDone(page, 'clusters');
		const clusters = page.getByTestId('cell-clusters');
		const choice = clusters.getByTestId('k-choice');
		expect(await choice.locator('tbody th').allTextContents()).toEqual([
			'3',
			'4',
			'5',
			'6',
			'7',
			'8'
		]);
		// One k kept, and it is among those tried.
		const kept = choice.locator('tbody tr.chosen');
		expect(await kept.count()).toBe(1);
		expect(await kept.textContent()).toMatch(/kept/);
		const key = /^(recent|mid_recency|lapsed)-(rare|regular|frequent)-(low|mid|high)_spend$/;
		const names = await clusters.getByTestId('cluster-names').getByRole('textbox').all();
		for (const name of names) {
			const value = await name.inputValue();
			expect(value).not.toMatch(key);
			expect(value).toMatch(
				/^(Recent|Mid-recency|Lapsed) · (rare|regular|frequent) · (low|mid|high) spend$/
			);
		}
		// The result table words the names too.
		const table = (await clusters.getByTestId('result-table').textContent()) ?? '';
		expect(table).toMatch(/ · /);
		expect(table).not.toMatch(/(low|mid|high)_spend/);
	});

	it('marks the growth chart’s last month incomplete only when the data stops before its end', async () => {
		const { page } = spec.browser;
		// The sample runs to 2024-12-31 23:33: December is complete.
		const growth = page.getByTestId('cell-lifecycle').getByTestId('chart').nth(1);
		await growth.scrollIntoViewIfNeeded();
		await expect.poll(() => growth.getAttribute('data-drawn'), { timeout: 30_000 }).toBe('true');
		expect(await growth.locator('svg text').allTextContents()).not.toContain('incomplete');

		// The same orders up to 2024-12-15: December is incomplete, and says so.
		const cut = join(mkdtempSync(join(tmpdir(), 'trust-')), 'orders-to-dec-15.csv');
		const lines = readFileSync(SAMPLE, 'utf8').split('\n');
		writeFileSync(
			cut,
			[lines[0], ...lines.slice(1).filter((l) => !/,2024-12-(1[6-9]|2\d|3[01]) /.test(l))].join(
				'\n'
			)
		);
		await open(page, spec.site.url, cut);
		await cellDone(page, 'lifecycle');
		const partial = page.getByTestId('cell-lifecycle').getByTestId('chart').nth(1);
		await partial.scrollIntoViewIfNeeded();
		await expect
			.poll(() => partial.locator('svg text').allTextContents(), { timeout: 30_000 })
			.toContain('incomplete');
		expect(spec.pageErrors).toEqual([]);
	});
});
