/**
 * The notebook in Chromium on the sample data: every cell runs and draws its charts, a
 * parameter change re-runs its cell, a chart click lists the customers behind it, exports
 * carry the documented columns, and a broken SQL edit fails alone.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetReadObjects } from 'hyparquet';
import type { Locator, Page } from 'playwright-core';
import { waitForEngine } from '../helpers/browser';
import { useBuiltSite } from '../helpers/site';
import {
	applyMapping,
	numberIn,
	openMenu,
	openSettings,
	useEightClasses,
	waitForMapping
} from '../helpers/app';
import { RFM_COLUMNS } from '../../src/analyses/rfm/query';
import { CLV_EXPORT_COLUMNS } from '../../src/analyses/clv/export';

/** Exports put the label in the page's language right after each key column. */
const LABELLED = new Set([
	'segment',
	'segment_before',
	'class',
	'xyz',
	'stage',
	'stage_before',
	'value_tier'
]);
const withLabels = (columns: readonly string[]) =>
	columns.flatMap((c) => (LABELLED.has(c) ? [c, `${c}_label`] : [c]));

/** Once the lifetime-value cell has run, the RFM export carries its columns. */
const RFM_WITH_CLV = withLabels([...RFM_COLUMNS, ...CLV_EXPORT_COLUMNS]);
import { ABC_COLUMNS } from '../../src/analyses/abc/query';
import { LIFECYCLE_COLUMNS } from '../../src/analyses/lifecycle/query';

async function cellDone(page: Page, kind: string) {
	const status = page.getByTestId(`cell-${kind}`).getByTestId('cell-status');
	await expect.poll(async () => status.textContent(), { timeout: 60_000 }).toMatch(/rows/);
	return (await status.textContent()) ?? '';
}

/** Clicks a chart mark until the drill panel opens: a chart may be redrawing when first clicked. */
async function clickUntilDrill(page: Page, mark: Locator, how: 'mouse' | 'event' = 'event') {
	await expect
		.poll(
			async () => {
				const click =
					how === 'mouse'
						? mark.click({ timeout: 1000 })
						: mark.dispatchEvent('click', undefined, { timeout: 1000 });
				await click.catch(() => {});
				return page.getByTestId('drill').count();
			},
			{ timeout: 30_000 }
		)
		.toBeGreaterThan(0);
}

async function downloadText(page: Page, click: () => Promise<void>) {
	const [download] = await Promise.all([page.waitForEvent('download'), click()]);
	return readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
}

const spec = useBuiltSite();

beforeAll(async () => {
	await spec.browser.page.setViewportSize({ width: 1280, height: 1000 });
	await spec.browser.page.goto(`${spec.site.url}?sample`);
	await waitForEngine(spec.browser.page);
	await waitForMapping(spec.browser.page);
	await applyMapping(spec.browser.page);
});

describe('the notebook on the sample data', () => {
	it('runs every cell and draws its charts', async () => {
		const { page } = spec.browser;
		// 2,999 customers have a purchase (one of the 3,000 only appears in a dirty row).
		expect(await cellDone(page, 'rfm')).toMatch(/^2,999 rows/);
		expect(await cellDone(page, 'abc')).toMatch(/^2,999 rows/);
		// 24 monthly cohorts (2023-01 … 2024-12): 24 + 23 + … + 1 = 300 cohort × period cells.
		expect(await cellDone(page, 'cohort')).toMatch(/^300 rows/);
		expect(await cellDone(page, 'lifecycle')).toMatch(/^2,999 rows/);
		expect(await cellDone(page, 'personas')).toMatch(/rows/);
		// Lifetime value: one row per customer with a purchase, and the fitted parameters shown.
		expect(await cellDone(page, 'clv')).toMatch(/^2,999 rows/);
		const text = async (id: string) =>
			((await page.getByTestId(id).textContent()) ?? '').replace(/\s+/g, ' ').trim();
		expect(await text('clv-outlook')).toMatch(
			/^2,999 customers are expected to make [0-9,]+ purchases worth [0-9,.]+ in the next 52 weeks; [0-9,]+ (is|are) probably gone/
		);
		// No hold-out by default: the three models are compared on BIC, and the table says so.
		expect(await text('clv-model')).toMatch(/^Predicted with (BG|MBG|Pareto)\/NBD: .*lowest BIC/);
		const models = page.getByTestId('clv-models');
		await models.locator('summary').click();
		for (const id of ['bgnbd', 'mbgnbd', 'pnbd']) {
			expect(await models.getByTestId(`clv-model-${id}`).isVisible()).toBe(true);
		}
		expect(await models.getByText('in use').count()).toBe(1);
		// Clusters: every customer of the RFM table in one, named from its profile.
		expect(await cellDone(page, 'clusters')).toMatch(/^2,999 rows/);
		await openSettings(page, 'clusters');
		expect(
			await page.getByTestId('cluster-names').getByRole('textbox').count()
		).toBeGreaterThanOrEqual(2);
		// Charts far below the screen wait: Vega draws on the main thread.
		const personas = page.getByTestId('cell-personas');
		if (((await personas.boundingBox())?.y ?? 0) > 3 * 1000) {
			expect(await personas.getByTestId('chart').locator('svg').count()).toBe(0);
		}
		for (const kind of ['rfm', 'abc', 'cohort', 'lifecycle', 'personas', 'clv', 'clusters']) {
			const cell = page.getByTestId(`cell-${kind}`);
			await cell.scrollIntoViewIfNeeded();
			const charts = cell.getByTestId('chart');
			await expect
				.poll(() => charts.locator('svg').count(), { timeout: 30_000 })
				.toBeGreaterThanOrEqual(kind === 'personas' ? 1 : 2);
		}
		await page.evaluate(() => window.scrollTo(0, 0));
	});

	it('exports a chart as SVG and as PNG from its menu', async () => {
		const { page } = spec.browser;
		const chart = page.getByTestId('cell-rfm').getByTestId('chart').first();
		for (const [name, magic] of [
			['Save as SVG', '<svg'],
			['Save as PNG', '\x89PNG']
		]) {
			const menu = chart.locator('details').first();
			if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
			const [download] = await Promise.all([
				page.waitForEvent('download'),
				chart.getByText(name).click()
			]);
			const head = readFileSync((await download.path())!)
				.subarray(0, 200)
				.toString('latin1');
			expect(head).toContain(magic);
		}
	});

	it('re-runs a cell when a parameter changes', async () => {
		const { page } = spec.browser;
		const rfm = page.getByTestId('cell-rfm');
		await useEightClasses(page);
		expect(await cellDone(page, 'rfm')).toMatch(/^2,999 rows/);
		await rfm.getByTestId('rfm-map').selectOption('classic');
		await expect
			.poll(async () => (await rfm.getByTestId('result-table').textContent()) ?? '', {
				timeout: 30_000
			})
			.toMatch(/champions|loyal_customers|at_risk/);
	});

	it('follows quick changes: the last one wins, and the cells reading RFM follow it', async () => {
		const { page } = spec.browser;
		const rfm = page.getByTestId('cell-rfm');
		const bins = rfm.getByTestId('rfm-bins');
		await openSettings(page, 'rfm');
		/** The rfm_code column of the rows the result table shows. */
		const codes = () =>
			rfm.getByTestId('result-table').evaluate((table) => {
				const headers = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim());
				const at = headers.indexOf('rfm_code');
				return [...table.querySelectorAll('tbody tr')]
					.map((tr) => tr.children[at]?.textContent?.trim() ?? '')
					.filter((c) => /^\d+$/.test(c));
			});
		// Each change while the one before is still being worked through (RFM, then personas and clusters).
		for (const n of ['4', '3', '4', '3']) await bins.selectOption(n);
		expect(await cellDone(page, 'rfm')).toMatch(/^2,999 rows/);
		await expect
			.poll(
				async () =>
					(await codes()).every((c) => /^[1-3]{3}$/.test(c)) && (await codes()).length > 0,
				{ timeout: 30_000 }
			)
			.toBe(true);
		for (const kind of ['personas', 'clusters']) {
			await cellDone(page, kind);
			expect(await page.getByTestId(`cell-${kind}`).getByTestId('cell-error').count()).toBe(0);
		}
		await bins.selectOption('5');
		await expect
			.poll(async () => (await codes()).some((c) => /[45]/.test(c)), { timeout: 30_000 })
			.toBe(true);
		await cellDone(page, 'clusters');
	});

	it('lists and exports the customers behind a clicked chart mark', async () => {
		const { page } = spec.browser;
		// The first bar of the segments chart (a Vega rect mark drawn as an SVG path).
		const bars = page
			.getByTestId('cell-rfm')
			.getByTestId('chart')
			.first()
			.locator('g.mark-rect path');
		await clickUntilDrill(page, bars.first(), 'mouse');
		const count = Number(
			((await page.getByTestId('drill-count').textContent()) ?? '').replace(/\D/g, '')
		);
		expect(count).toBeGreaterThan(0);
		const csv = await downloadText(page, () => page.getByTestId('drill-export').click());
		const lines = csv.trim().split('\r\n');
		expect(lines[0]).toBe(RFM_COLUMNS.join(','));
		expect(lines).toHaveLength(count + 1);
		await page.getByRole('button', { name: 'Close' }).click();
		await page.getByTestId('drill').waitFor({ state: 'detached' });
	});

	it('shows where RFM customers went since a comparison date', async () => {
		const { page } = spec.browser;
		const rfm = page.getByTestId('cell-rfm');
		await openSettings(page, 'rfm');
		await rfm.getByTestId('rfm-compare').fill('2024-07-01');
		await expect.poll(() => rfm.getByTestId('chart').count(), { timeout: 30_000 }).toBe(5);
		expect(await rfm.getByTestId('result-table').locator('thead').textContent()).toMatch(
			/segment_before/
		);
		await rfm.getByTestId('rfm-compare').fill('');
		await expect.poll(() => rfm.getByTestId('chart').count(), { timeout: 30_000 }).toBe(4);
	});

	it('classes products with the ABC × XYZ matrix', async () => {
		const { page } = spec.browser;
		const abc = page.getByTestId('cell-abc');
		await openSettings(page, 'abc');
		await abc.getByTestId('abc-subject').selectOption('products');
		await expect.poll(() => abc.getByTestId('chart').count(), { timeout: 30_000 }).toBe(3);
		expect(await abc.getByTestId('result-table').locator('thead').textContent()).toMatch(/xyz/);
		expect(await abc.locator('header code').textContent()).toBe('abc_products');
		await abc.getByTestId('abc-subject').selectOption('customers');
		await expect.poll(() => abc.getByTestId('chart').count(), { timeout: 30_000 }).toBe(2);
		expect(await abc.locator('header code').textContent()).toBe('abc_customers');
	});

	it('groups cohorts by the channel of the first purchase', async () => {
		const { page } = spec.browser;
		const cohort = page.getByTestId('cell-cohort');
		await openSettings(page, 'cohort');
		await cohort.getByTestId('cohort-by').selectOption('attribute');
		await cohort.getByTestId('cohort-attribute').selectOption('channel');
		// The table draws the rows in view: wechat's come last, after app, store and web.
		await expect
			.poll(
				async () => {
					await cohort.getByTestId('result-scroll').press('End');
					return (await cohort.getByTestId('result-table').textContent()) ?? '';
				},
				{ timeout: 30_000 }
			)
			.toMatch(/wechat/);
		await cohort.getByTestId('cohort-by').selectOption('first_purchase');
		await expect
			.poll(async () => (await cohort.getByTestId('result-table').textContent()) ?? '', {
				timeout: 30_000
			})
			.toMatch(/2023-01-01/);
	});

	it('switches the cohort matrix to LTV and lists the buyers behind a cohort cell', async () => {
		const { page } = spec.browser;
		const cohort = page.getByTestId('cell-cohort');
		await openSettings(page, 'cohort');
		await cohort.getByTestId('cohort-metric').selectOption('cumulative_revenue_per_customer');
		await expect
			.poll(async () => (await cohort.locator('figcaption').first().textContent()) ?? '', {
				timeout: 30_000
			})
			.toMatch(/LTV/);
		// The first cell drawn is cohort 2023-01, period 0: all 83 of its customers bought.
		// Charts draw when they come near the screen.
		const matrix = cohort.getByTestId('chart').first();
		await matrix.scrollIntoViewIfNeeded();
		// The matrix is redrawn for the new metric: click until the new drawing answers.
		await clickUntilDrill(page, matrix.locator('g.mark-rect path').first());
		expect(await page.locator('#drill-title').textContent()).toMatch(
			/^Cohort \d{4}-\d{2}-\d{2}, period \d+/
		);
		expect(
			Number(((await page.getByTestId('drill-count').textContent()) ?? '').replace(/\D/g, ''))
		).toBeGreaterThan(0);
		await page.getByRole('button', { name: 'Close' }).click();
		await page.getByTestId('drill').waitFor({ state: 'detached' });
	});

	it('lists the customers behind a lifecycle transition', async () => {
		const { page } = spec.browser;
		await page.getByTestId('cell-lifecycle').getByTestId('chart').nth(3).scrollIntoViewIfNeeded();
		const transitions = page
			.getByTestId('cell-lifecycle')
			.getByTestId('chart')
			.nth(3)
			.locator('g.mark-rect path');
		await clickUntilDrill(page, transitions.first());
		expect(await page.getByTestId('drill-table').textContent()).toMatch(/stage_before/);
		await page.getByRole('button', { name: 'Close' }).click();
		await page.getByTestId('drill').waitFor({ state: 'detached' });
	});

	it('shows persona cards whose edited action travels into the RFM export', async () => {
		const { page } = spec.browser;
		const personas = page.getByTestId('cell-personas');
		const segments = Number(
			((await personas.getByTestId('cell-status').textContent()) ?? '').split(' ')[0]
		);
		expect(await personas.locator('article').count()).toBe(segments);
		await openSettings(page, 'personas');
		await personas.getByTestId('persona-attribute').selectOption('channel');
		await expect.poll(() => personas.getByTestId('chart').count(), { timeout: 30_000 }).toBe(2);
		const first = personas.getByTestId('persona-action').first();
		await first.fill('Call them this week');
		await first.press('Tab');
		await expect
			.poll(async () => personas.getByTestId('persona-action').first().inputValue(), {
				timeout: 30_000
			})
			.toBe('Call them this week');
		await cellDone(page, 'rfm');
		const rfm = await downloadText(page, () =>
			page.getByTestId('cell-rfm').getByTestId('export-csv').click()
		);
		expect(rfm).toContain('Call them this week');
		const [png] = await Promise.all([
			page.waitForEvent('download'),
			personas.getByTestId('persona-png').first().click()
		]);
		const bytes = readFileSync((await png.path())!);
		expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
		expect(bytes.length).toBeGreaterThan(2000);
	});

	it('opens a customer’s transactions from a row of a result table', async () => {
		const { page } = spec.browser;
		const firstRow = page
			.getByTestId('cell-rfm')
			.getByTestId('result-table')
			.locator('tbody tr')
			.first();
		const id = (await firstRow.locator('td').first().textContent())?.trim();
		await firstRow.click();
		await page.getByTestId('drill').waitFor();
		expect(await page.locator('#drill-title').textContent()).toBe(`Customer ${id}`);
		expect(await page.getByTestId('drill-table').textContent()).toContain('order_ts');
		await page.getByRole('button', { name: 'Close' }).click();
		await page.getByTestId('drill').waitFor({ state: 'detached' });
		// And from the keyboard: the row's first cell is a button; Enter on it opens the same list.
		await firstRow.getByRole('button', { name: id }).focus();
		await page.keyboard.press('Enter');
		await page.getByTestId('drill').waitFor();
		expect(await page.locator('#drill-title').textContent()).toBe(`Customer ${id}`);
		await page.getByRole('button', { name: 'Close' }).click();
		await page.getByTestId('drill').waitFor({ state: 'detached' });
	});

	it('exports each result with its documented columns and every row', async () => {
		const { page } = spec.browser;
		const rfm = await downloadText(page, () =>
			page.getByTestId('cell-rfm').getByTestId('export-csv').click()
		);
		const rfmLines = rfm.trim().split('\r\n');
		expect(rfmLines[0]).toBe(RFM_WITH_CLV.join(','));
		expect(rfmLines).toHaveLength(2999 + 1);
		// Key and English name side by side.
		const segment = RFM_WITH_CLV.indexOf('segment');
		const champion = rfmLines
			.map((line) => line.split(','))
			.find((cells) => cells[segment] === 'champions');
		expect(champion?.[segment + 1]).toBe('Champions');
		const abc = await downloadText(page, () =>
			page.getByTestId('cell-abc').getByTestId('export-csv').click()
		);
		expect(abc.split('\r\n')[0]).toBe(withLabels(ABC_COLUMNS).join(','));
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('cell-rfm').getByTestId('export-parquet').click()
		]);
		const bytes = readFileSync((await download.path())!);
		const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
		const parquetRows = await parquetReadObjects({ file });
		expect(parquetRows).toHaveLength(2999);
		expect(Object.keys(parquetRows[0])).toEqual(RFM_WITH_CLV);
		const lifecycle = await downloadText(page, () =>
			page.getByTestId('cell-lifecycle').getByTestId('export-csv').click()
		);
		expect(lifecycle.split('\r\n')[0]).toBe(withLabels(LIFECYCLE_COLUMNS).join(','));
	});

	it('shows DuckDB’s message for broken SQL, keeps the other cells, and recovers', async () => {
		const { page } = spec.browser;
		const abc = page.getByTestId('cell-abc');
		await abc.locator('summary', { hasText: 'SQL' }).click();
		await abc.getByTestId('cell-sql').fill('SELECT nonsense FROM nowhere');
		await abc.getByRole('button', { name: 'Run this SQL' }).click();
		await abc.getByTestId('cell-error').waitFor();
		expect(await abc.getByTestId('cell-error').textContent()).toMatch(/nowhere/);
		expect(await cellDone(page, 'rfm')).toMatch(/rows/);
		await abc.getByTestId('sql-to-cell').click();
		const mine = page.getByTestId('sql-cell').last();
		await mine.getByTestId('cell-error').waitFor();
		expect(await mine.locator('input.title').inputValue()).toBe(
			'ABC (Pareto) classes (my version)'
		);
		await mine.getByRole('button', { name: 'Remove' }).click();
		await abc.getByRole('button', { name: 'Back to the template' }).click();
		await abc.getByTestId('cell-error').waitFor({ state: 'detached' });
		expect(await cellDone(page, 'abc')).toMatch(/^2,999 rows/);
	});

	it('runs a custom SQL cell over an earlier result, with a chart the person picks', async () => {
		const { page } = spec.browser;
		await page.getByTestId('add-sql-cell').click();
		const cell = page.getByTestId('sql-cell').last();
		await cell
			.getByTestId('sql-cell-text')
			.fill(
				'SELECT segment, count(*) AS customers, sum(monetary) AS revenue FROM rfm GROUP BY 1 ORDER BY 2 DESC'
			);
		await cell.getByTestId('sql-cell-run').click();
		await expect
			.poll(async () => cell.getByTestId('cell-status').textContent(), { timeout: 30_000 })
			.toMatch(/rows/);
		const rows = Number(
			((await cell.getByTestId('cell-status').textContent()) ?? '').split(' ')[0]
		);
		expect(rows).toBeGreaterThan(3);
		expect(rows).toBeLessThanOrEqual(12);
		await cell.getByTestId('chart-kind').selectOption('bar');
		await cell.getByTestId('chart-x').selectOption('segment');
		await cell.getByTestId('chart-y').selectOption('customers');
		await expect
			.poll(() => cell.getByTestId('chart').locator('g.mark-rect path').count(), {
				timeout: 15_000
			})
			.toBe(rows);
		await cell.getByTestId('sql-cell-text').fill('INSTALL httpfs');
		await cell.getByTestId('sql-cell-run').click();
		await cell.getByTestId('cell-error').waitFor();
		expect(await cell.getByTestId('cell-error').textContent()).toMatch(/INSTALL is not allowed/);
		await cell
			.getByTestId('sql-cell-text')
			.fill("SELECT * FROM read_csv('https://example.com/orders.csv')");
		await cell.getByTestId('sql-cell-run').click();
		await expect
			.poll(async () => cell.getByTestId('cell-error').textContent())
			.toMatch(/internet address/);
		await cell.getByTestId('sql-cell-text').fill('SELECT * FROM no_such_table');
		await cell.getByTestId('sql-cell-text').press('Control+Enter');
		await cell.getByTestId('cell-error').waitFor();
		expect(await cell.getByTestId('cell-error').textContent()).toMatch(/no_such_table/);
	});

	it('keeps a markdown note between cells, shown as text', async () => {
		const { page } = spec.browser;
		await page.getByTestId('add-note').click();
		const note = page.getByTestId('note-cell').last();
		await note
			.locator('textarea')
			.fill('## Findings\n<script>alert(1)</script> stays text\n- first point');
		await note.getByRole('button', { name: 'Done' }).click();
		expect(await note.locator('h4').textContent()).toBe('Findings');
		expect(await note.textContent()).toContain('<script>alert(1)</script> stays text');
		expect(await note.locator('li').textContent()).toBe('first point');
	});

	it('prints the notebook as a report, every chart drawn first', async () => {
		const { page } = spec.browser;
		await page.evaluate(() => {
			window.print = () => document.body.setAttribute('data-printed', 'yes');
		});
		await openMenu(page);
		await page.getByTestId('print').click();
		await page.locator('body[data-printed="yes"]').waitFor();
		const charts = page.getByTestId('chart');
		expect(await charts.locator('svg.marks').count()).toBe(await charts.count());
		await page.emulateMedia({ media: 'print' });
		expect(await page.getByTestId('share').isVisible()).toBe(false);
		expect(await page.getByTestId('cell-rfm').getByTestId('chart').first().isVisible()).toBe(true);
		const pdf = await page.pdf({ format: 'A4', printBackground: true });
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		expect(pdf.length).toBeGreaterThan(50_000);
		await page.emulateMedia({ media: 'screen' });
	});

	it('exports a DuckDB script that native DuckDB runs to the same tables', async () => {
		const { page } = spec.browser;
		await cellDone(page, 'personas');
		await openMenu(page);
		const script = await downloadText(page, () => page.getByTestId('duckdb-script').click());
		expect(script).toContain("read_csv('sample-orders.csv'");
		const output = mkdtempSync(join(tmpdir(), 'segmenta-e2e-script-'));
		// Run where the file is: point the read at the sample and the outputs at a temp folder.
		const runnable = script
			.replace("read_csv('sample-orders.csv'", `read_csv('${resolve('public/sample/orders.csv')}'`)
			.replaceAll(/TO '([a-z_0-9]+\.csv)'/g, `TO '${output}/$1'`);
		const db = await DuckDBInstance.create(':memory:');
		const conn = await db.connect();
		try {
			const statements = await conn.extractStatements(runnable);
			for (let i = 0; i < statements.count; i++) await (await statements.prepare(i)).run();
			const count = async (q: string) => Number((await conn.runAndReadAll(q)).getRowsJS()[0][0]);
			expect(await count('SELECT count(*) FROM transactions')).toBe(
				await numberIn(page, 'rows-used')
			);
			expect(await count('SELECT count(*) FROM rfm')).toBe(2999);
			expect(await count('SELECT count(*) FROM cohorts')).toBe(300);
			expect(readFileSync(`${output}/lifecycle.csv`, 'utf8').trim().split('\n')).toHaveLength(3000);
		} finally {
			conn.closeSync();
			db.closeSync();
		}
	});

	it('stayed on its own origin and raised no script errors', () => {
		expect(spec.outsideRequests()).toEqual([]);
		expect(spec.pageErrors).toEqual([]);
	});
});
