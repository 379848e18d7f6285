/**
 * A person's session in Chromium: files of every kind dropped in through the page, the mapping
 * checked, the quality report read, bad files refused without breaking the page.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { waitForEngine } from '../helpers/browser';
import { useBuiltSite } from '../helpers/site';
import {
	applyMapping,
	chooseFile,
	numberIn,
	reportTotals,
	roleOf,
	waitForMapping
} from '../helpers/app';
import { dataOnDisk, fullRetail, noteFullRetailSkipped } from '../helpers/data';
import { ANALYSES } from '../../src/analyses/registry';
import { countRows } from '../../src/analyses/cell-sql';
import { growthQuery } from '../../src/analyses/lifecycle/query';

const fixture = (name: string) => resolve('test/fixtures', name);
/** The full UCI file, for the one test that needs a file big enough to cancel its load. */
const FULL_RETAIL = fullRetail();
noteFullRetailSkipped('1 test of ingest.spec.ts (cancelling the load of online_retail.csv.gz)');

const spec = useBuiltSite();

beforeAll(async () => {
	await spec.browser.page.goto(spec.site.url);
	await waitForEngine(spec.browser.page);
});

describe('loading files through the page', () => {
	it('says near the drop zone that the data stays on this machine', async () => {
		expect(await spec.browser.page.getByTestId('privacy-line').textContent()).toMatch(
			/never\s+uploaded/
		);
	});

	it('reads a GBK file with Chinese headers', async () => {
		const { page } = spec.browser;
		await chooseFile(page, fixture('orders-gbk.csv'));
		await waitForMapping(page);
		expect(await page.getByTestId('file-facts').textContent()).toContain('gb18030');
		expect(await roleOf(page, 'customerId')).toBe('客户ID');
		expect(await roleOf(page, 'orderDate')).toBe('下单时间');
		expect(await roleOf(page, 'amount')).toBe('实付金额');
		expect(await roleOf(page, 'orderId')).toBe('订单号');
		await applyMapping(page);
		expect(await reportTotals(page)).toEqual({ read: 12, used: 12, setAside: 0 });
		expect(await numberIn(page, 'customers')).toBe(5);
		expect(await numberIn(page, 'orders')).toBe(9);
		expect(await numberIn(page, 'total-amount')).toBeCloseTo(7774.39, 2);
		await page
			.locator('details', { has: page.locator('#preview-title') })
			.locator('summary')
			.click();
		const preview = await page.getByTestId('transactions-preview').textContent();
		expect(preview).toContain('00123');
	});

	it('reads a ;-delimited file with decimal commas', async () => {
		const { page } = spec.browser;
		await chooseFile(page, fixture('orders-semicolon.csv'));
		await waitForMapping(page);
		expect(await page.getByTestId('decimal-separator').inputValue()).toBe(',');
		expect(await page.getByTestId('date-format').inputValue()).toBe('dmy');
		expect(await roleOf(page, 'customerId')).toBe('Kunde');
		await applyMapping(page);
		expect(await reportTotals(page)).toEqual({ read: 12, used: 12, setAside: 0 });
		expect(await numberIn(page, 'total-amount')).toBeCloseTo(7774.39, 2);
		expect(await page.getByTestId('date-range').textContent()).toMatch(
			/2024-01-05\s*→\s*2024-11-11/
		);
	});

	it('asks when the data cannot decide day/month order', async () => {
		const { page } = spec.browser;
		const dir = mkdtempSync(join(tmpdir(), 'segmenta-'));
		const path = join(dir, 'ambiguous.csv');
		writeFileSync(path, 'customer,date,amount\nA,01/02/2024,10\nB,03/04/2024,20\nA,05/06/2024,5\n');
		await chooseFile(page, path);
		await waitForMapping(page);
		await page.getByTestId('date-ambiguous').waitFor();
		await page.getByTestId('date-format').selectOption('mdy');
		await applyMapping(page);
		expect(await page.getByTestId('date-range').textContent()).toMatch(
			/2024-01-02\s*→\s*2024-05-06/
		);
	});

	it('lets the person choose the sheet of a workbook', async () => {
		const { page } = spec.browser;
		await chooseFile(page, fixture('orders.xlsx'));
		await waitForMapping(page);
		expect(await page.getByTestId('sheet').inputValue()).toBe('Orders');
		await page.getByTestId('sheet').selectOption('说明');
		await waitForMapping(page);
		await expect.poll(() => page.getByTestId('sheet').inputValue()).toBe('说明');
		await page.getByTestId('sheet').selectOption('Orders');
		await waitForMapping(page);
		await expect.poll(() => roleOf(page, 'customerId')).toBe('customer_id');
		await applyMapping(page);
		expect(await reportTotals(page)).toEqual({ read: 12, used: 12, setAside: 0 });
	});

	it('shows, pages through and downloads the rows set aside', async () => {
		const { page } = spec.browser;
		await chooseFile(page, fixture('dirty.csv'));
		await waitForMapping(page);
		await applyMapping(page);
		expect(await reportTotals(page)).toEqual({ read: 20, used: 10, setAside: 10 });
		expect(await numberIn(page, 'reason-missing_customer')).toBe(3);
		expect(await numberIn(page, 'reason-duplicate')).toBe(2);
		await page.getByTestId('set-aside').locator('summary').click();
		expect(await page.getByTestId('set-aside-table').locator('tbody tr').count()).toBe(10);
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('download-set-aside').click()
		]);
		const csv = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
		const lines = csv.trim().split('\r\n');
		expect(lines[0].split(',')[0]).toBe('reason');
		expect(lines).toHaveLength(11);
	});

	it.each([
		['empty.csv', /empty/],
		['binary.csv', /does not look like a text/],
		['header-only.csv', /no rows of data/],
		['truncated.parquet', /Parquet file could not be read/]
	])('refuses %s with a clear message, and the next file loads', async (name, message) => {
		const { page } = spec.browser;
		await chooseFile(page, fixture(name));
		await page.getByTestId('error').waitFor();
		expect(await page.getByTestId('error').textContent()).toMatch(message);
		await chooseFile(page, fixture('orders.csv'));
		await waitForMapping(page);
		await applyMapping(page);
		expect((await reportTotals(page)).used).toBe(12);
	});

	it('says which columns are missing in a file without customers or dates', async () => {
		const { page } = spec.browser;
		await chooseFile(page, fixture('no-customer.csv'));
		await waitForMapping(page);
		const text = await page.getByTestId('mapping').textContent();
		expect(text).toMatch(/No column looks like a customer id/);
		expect(text).toMatch(/No column looks like an order date/);
		await page.getByTestId('apply-mapping').click();
		expect(await page.getByTestId('mapping-error').textContent()).toMatch(/customerId/);
	});
});

describe('the real datasets, through the page', () => {
	it('CDNOW (no header, aligned columns) maps itself and adds up', async () => {
		const { page } = spec.browser;
		await chooseFile(page, dataOnDisk('cdnow-lifetimes/CDNOW_sample.txt.gz'));
		await waitForMapping(page);
		expect([
			await roleOf(page, 'customerId'),
			await roleOf(page, 'orderDate'),
			await roleOf(page, 'amount')
		]).toEqual(['column0', 'column2', 'column4']);
		await applyMapping(page);
		expect(await reportTotals(page)).toEqual({ read: 6919, used: 6919, setAside: 0 });
		expect(await numberIn(page, 'customers')).toBe(2357);
		expect(await page.getByTestId('date-range').textContent()).toMatch(
			/1997-01-01\s*→\s*1998-06-30/
		);
	});

	it('Online Retail (sample) maps itself and adds up', async () => {
		const { page } = spec.browser;
		await chooseFile(page, dataOnDisk('online-retail-uci-sample/online_retail_sample.csv.gz'));
		await waitForMapping(page);
		expect(await roleOf(page, 'customerId')).toBe('CustomerID');
		expect(await roleOf(page, 'orderDate')).toBe('InvoiceDate');
		expect(await roleOf(page, 'quantity')).toBe('Quantity');
		expect(await roleOf(page, 'unitPrice')).toBe('UnitPrice');
		expect(await roleOf(page, 'orderId')).toBe('InvoiceNo');
		await applyMapping(page);
		const totals = await reportTotals(page);
		expect(totals.read).toBe(20000);
		// SOURCE.md: 5,078 rows have no CustomerID (written NA); 3,049 distinct customers.
		expect(await numberIn(page, 'reason-missing_customer')).toBe(5078);
		expect(await numberIn(page, 'customers')).toBe(3049);
	});

	it('loads and runs the cells with the proposed mapping while the person reads it; a changed mapping loads again', async () => {
		const { page } = spec.browser;
		const file = dataOnDisk('online-retail-uci-sample/online_retail_sample.csv.gz');
		// How many statements the engine worker started that begin so (its own log of every statement).
		const started = async (prefix: string) => {
			const counts = await Promise.all(
				page
					.workers()
					.map((w) =>
						w.evaluate(
							(p) =>
								performance
									.getEntriesByName('segmenta:sql')
									.filter((e) => String((e as PerformanceMeasure).detail).startsWith(p)).length,
							prefix
						)
					)
			);
			return counts.reduce((a, b) => a + b, 0);
		};
		// One per load, and one per build of RFM's and of the personas' table (the last built ahead).
		const loads = () => started('CREATE TABLE "ingest_rows"');
		const rfmBuilds = () => started('CREATE OR REPLACE TABLE "rfm"');
		const personaBuilds = () => started('CREATE OR REPLACE TABLE "personas"');
		// And what the cells then show: RFM's row count, lifecycle's growth chart; and the CLV model's fit.
		const clvFits = () => started('SELECT rowid AS rid, * FROM "clv_summary"');
		const rfmCounts = () => started(countRows('rfm').text);
		// (The worker logs a statement's first 120 characters.)
		const growthCharts = () =>
			started(growthQuery(ANALYSES.lifecycle.parse({})).text.slice(0, 120));
		// The notebook of the file before this one finishes first: its tables would count here.
		await page.waitForFunction(
			() => {
				const last = (name: string) => performance.getEntriesByName(name).at(-1)?.startTime ?? -1;
				return last('segmenta:notebook-ready') > last('segmenta:table-loaded');
			},
			null,
			{ timeout: 120_000, polling: 100 }
		);
		const before = await loads();
		const [rfmBefore, personasBefore] = [await rfmBuilds(), await personaBuilds()];
		const [countsBefore, growthBefore, fitsBefore] = [
			await rfmCounts(),
			await growthCharts(),
			await clvFits()
		];
		await chooseFile(page, file);
		await waitForMapping(page);
		// Loaded, and the cells' tables built, before anyone pressed Apply…
		await expect.poll(loads, { timeout: 30_000 }).toBe(before + 1);
		await expect.poll(personaBuilds, { timeout: 30_000 }).toBe(personasBefore + 1);
		expect(await rfmBuilds()).toBe(rfmBefore + 1);
		expect([await rfmCounts(), await growthCharts(), await clvFits()]).toEqual([
			countsBefore + 1,
			growthBefore + 1,
			fitsBefore + 1
		]);
		await applyMapping(page);
		// …and Apply, with the mapping unchanged, used them: no second load, nothing run twice.
		const asProposed = await reportTotals(page);
		expect(asProposed.read).toBe(20000);
		expect(await numberIn(page, 'reason-missing_customer')).toBe(5078);
		await expect
			.poll(
				async () => page.getByTestId('cell-personas').getByTestId('cell-status').textContent(),
				{ timeout: 60_000 }
			)
			.toMatch(/^\d+ rows? ·/);
		expect(await page.getByTestId('cell-rfm').getByTestId('cell-status').textContent()).toMatch(
			/^[\d,]+ rows ·/
		);
		expect(await loads()).toBe(before + 1);
		expect(await rfmBuilds()).toBe(rfmBefore + 1);
		expect(await personaBuilds()).toBe(personasBefore + 1);
		expect([await rfmCounts(), await growthCharts(), await clvFits()]).toEqual([
			countsBefore + 1,
			growthBefore + 1,
			fitsBefore + 1
		]);

		// The same file, refunds set aside instead of netted: the load ahead is replaced.
		await chooseFile(page, file);
		await waitForMapping(page);
		await expect.poll(loads, { timeout: 30_000 }).toBe(before + 2);
		await page.getByTestId('refunds').selectOption('set-aside');
		await applyMapping(page);
		expect(await loads()).toBe(before + 3);
		const refundsApart = await reportTotals(page);
		const refunds = await numberIn(page, 'reason-refund');
		expect(refunds).toBeGreaterThan(0);
		expect(refundsApart.read).toBe(20000);
		expect(refundsApart.used).toBe(asProposed.used - refunds);
		expect(await page.getByTestId('refunds').inputValue()).toBe('set-aside');
	});

	it.skipIf(!FULL_RETAIL)(
		'cancelling a load stops it, leaves the engine ready, and the next file loads',
		async () => {
			const { page } = spec.browser;
			await chooseFile(page, FULL_RETAIL!);
			await waitForMapping(page);
			await page.getByTestId('apply-mapping').click();
			await page.getByTestId('progress').waitFor();
			await page.getByRole('button', { name: 'Cancel' }).click();
			await page.getByText(/cancelled/).waitFor();
			await waitForEngine(page);
			await page.getByRole('button', { name: 'Segmenta: back to start' }).click();
			await page.getByRole('button', { name: 'Try the sample data' }).click();
			await waitForMapping(page);
			await applyMapping(page);
			expect((await reportTotals(page)).read).toBe(26370);
		}
	);

	it('made no request outside the page’s own origin, and no script errors', () => {
		expect(spec.outsideRequests()).toEqual([]);
		expect(spec.browser.requests.length).toBeGreaterThan(5);
		expect(spec.pageErrors).toEqual([]);
	});
});
