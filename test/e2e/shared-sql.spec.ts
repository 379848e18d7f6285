/**
 * SQL that comes with a link is read before it runs: the consent box shows all of it, with its
 * line count, each statement apart and those that are not queries marked; a text of several
 * statements (hidden behind `$$…$$` literals, 80 lines down) offers no way to run it, and running
 * it anyway is refused without touching the analyses.
 */
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { waitForEngine } from '../helpers/browser';
import { useBuiltSite } from '../helpers/site';
import { applyMapping, chooseFile, waitForMapping } from '../helpers/app';

const orders = resolve('test/fixtures/orders.csv');
const HOSTILE =
	"SELECT $$'$$ AS a\n" +
	'\n'.repeat(80) +
	"; CREATE OR REPLACE MACRO date_diff(p, a, b) AS 0; SELECT $$'$$ AS b";

const spec = useBuiltSite();

describe('SQL from a link', () => {
	it('shows every line and statement, marks what is not a query, and does not run it', async () => {
		const { page } = spec.browser;
		await page.goto(spec.site.url);
		await waitForEngine(page);
		await chooseFile(page, orders);
		await waitForMapping(page);
		await applyMapping(page);
		await page.getByTestId('add-sql-cell').click();
		await page.getByTestId('sql-cell-text').fill(HOSTILE);
		await page.getByTestId('share').click();
		const link = await page.getByTestId('share-link').inputValue();

		const other = await spec.browser.context.newPage();
		await other.goto(link);
		await waitForEngine(other);
		await chooseFile(other, orders);
		await waitForMapping(other);
		await applyMapping(other);
		const cell = other.getByTestId('sql-cell');
		const consent = cell.getByTestId('confirm-sql');
		await consent.waitFor();
		expect(await consent.getByTestId('confirm-sql-count').textContent()).toMatch(
			/82 lines, 3 statements/
		);
		const statements = consent.getByTestId('confirm-sql-statement');
		expect(await statements.count()).toBe(3);
		expect(await statements.nth(1).textContent()).toMatch(
			/From line 82.*not a query.*CREATE OR REPLACE MACRO/s
		);
		// All of it is on screen, not in a box that scrolls.
		const pre = statements.nth(1).locator('pre');
		expect(await pre.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
		await consent.getByTestId('confirm-sql-refused').waitFor();
		expect(await consent.getByRole('button', { name: 'I have read it: run' }).count()).toBe(0);
		expect(await cell.getByTestId('cell-status').textContent()).toBe('');

		await cell.getByTestId('sql-cell-run').click();
		await expect.poll(() => cell.getByTestId('cell-error').textContent()).toMatch(/one query/);
		// The analyses still count days as DuckDB does: RFM ran before and after, recency not all 0.
		await other.getByTestId('add-sql-cell').click();
		const check = other.getByTestId('sql-cell').nth(1);
		await check
			.getByTestId('sql-cell-text')
			.fill("SELECT date_diff('day', DATE '2024-01-01', DATE '2024-01-31') AS d");
		await check.getByTestId('sql-cell-run').click();
		await expect
			.poll(() => check.getByTestId('cell-status').textContent(), { timeout: 30_000 })
			.toMatch(/1 row/);
		expect(await check.getByTestId('result-table').textContent()).toContain('30');
		await other.close();
	});
});
