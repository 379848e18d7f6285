/**
 * Sharing settings, never data: a link carries the mapping, parameters and custom cells in its
 * fragment; a colleague opens it, drops their own copy, and sees the same analysis. Custom SQL
 * from a link waits for confirmation; a damaged link falls back to defaults.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { resolve } from 'node:path';
import { waitForEngine } from '../helpers/browser';
import { useBuiltSite } from '../helpers/site';
import {
	applyMapping,
	chooseFile,
	openMenu,
	openSettings,
	roleOf,
	waitForMapping
} from '../helpers/app';

const gbk = resolve('test/fixtures/orders-gbk.csv');
let link = '';

const spec = useBuiltSite();

describe('sharing settings by link', () => {
	it('puts the mapping, parameters and custom cells in the link, not the data', async () => {
		const { page } = spec.browser;
		await page.goto(spec.site.url);
		await waitForEngine(page);
		await chooseFile(page, gbk);
		await waitForMapping(page);
		await page.getByTestId('refunds').selectOption('set-aside');
		await applyMapping(page);
		await openSettings(page, 'rfm');
		await page.getByTestId('cell-rfm').getByTestId('rfm-map').selectOption('cn8');
		await page.getByTestId('add-sql-cell').click();
		await page
			.getByTestId('sql-cell-text')
			.fill('SELECT segment, count(*) AS n FROM rfm GROUP BY 1');
		await page.getByTestId('share').click();
		link = await page.getByTestId('share-link').inputValue();
		expect(link.startsWith(spec.site.url)).toBe(true);
		expect(link).toMatch(/#c=[A-Za-z0-9_-]+$/);
		// No customer id, amount or product of the file is in the link (it is compressed, so
		// check the decoded text through the page's own decoder).
		expect(link).not.toContain('00123');
		expect(link.length).toBeLessThan(1500);
	});

	it('opens the link, applies the mapping by header name to the colleague’s copy, and waits before running shared SQL', async () => {
		const other = await spec.browser.context.newPage();
		await other.goto(link);
		await waitForEngine(other);
		await other.getByText(/Opened a shared configuration/).waitFor();
		await chooseFile(other, gbk);
		await waitForMapping(other);
		expect(await other.getByText(/every column was found/).count()).toBe(1);
		expect(await roleOf(other, 'customerId')).toBe('客户ID');
		expect(await other.getByTestId('refunds').inputValue()).toBe('set-aside');
		await applyMapping(other);
		expect(await other.getByTestId('cell-rfm').getByTestId('rfm-map').inputValue()).toBe('cn8');
		const shared = other.getByTestId('sql-cell');
		await shared.getByTestId('confirm-sql').waitFor();
		expect(await shared.getByTestId('cell-status').textContent()).toBe('');
		await shared.getByRole('button', { name: 'I have read it: run' }).click();
		await expect
			.poll(async () => shared.getByTestId('cell-status').textContent(), { timeout: 30_000 })
			.toMatch(/rows/);
		await other.close();
	});

	it('explains a damaged link and keeps working with the defaults', async () => {
		const other = await spec.browser.context.newPage();
		await other.goto(link.slice(0, link.length - 20));
		await other.getByTestId('error').waitFor();
		expect(await other.getByTestId('error').textContent()).toMatch(/damaged|cut short/);
		await waitForEngine(other);
		await other.getByRole('button', { name: 'Try the sample data' }).click();
		await waitForMapping(other);
		await other.close();
	});

	it('restores the settings after a reload, and resets them on request', async () => {
		const { page } = spec.browser;
		await page.reload();
		await waitForEngine(page);
		await page.getByText(/restored/).waitFor();
		await chooseFile(page, gbk);
		await waitForMapping(page);
		expect(await page.getByTestId('refunds').inputValue()).toBe('set-aside');
		await applyMapping(page);
		expect(await page.getByTestId('cell-rfm').getByTestId('rfm-map').inputValue()).toBe('cn8');
		expect(await page.getByTestId('sql-cell').count()).toBe(1);
		await openMenu(page);
		await page.getByTestId('reset-settings').click();
		await expect
			.poll(() => page.getByTestId('cell-rfm').getByTestId('rfm-map').inputValue())
			.toBe('classic');
		expect(await page.getByTestId('sql-cell').count()).toBe(0);
		expect(await page.getByTestId('recent-settings').locator('option').count()).toBeGreaterThan(1);
	});

	it('warns before a tab with cells nobody else has is closed, and not once they are shared', async () => {
		const asksToLeave = async (page: Page) => {
			let asked = false;
			page.on('dialog', (dialog) => {
				asked ||= dialog.type() === 'beforeunload';
				void dialog.accept();
			});
			await page.close({ runBeforeUnload: true });
			await page.waitForEvent('close');
			return asked;
		};
		const open = async () => {
			const page = await spec.browser.context.newPage();
			await page.goto(`${spec.site.url}?sample`);
			await waitForEngine(page);
			await waitForMapping(page);
			await applyMapping(page);
			await openMenu(page);
			await page.getByTestId('reset-settings').click();
			await page.getByTestId('add-sql-cell').click();
			await page.getByTestId('sql-cell-text').fill('SELECT count(*) AS n FROM rfm');
			return page;
		};
		expect(await asksToLeave(await open())).toBe(true);
		const shared = await open();
		await shared.getByTestId('share').click();
		await shared.getByTestId('share-link').waitFor();
		expect(await asksToLeave(shared)).toBe(false);
	});

	it('made no request outside its own origin', () => {
		expect(spec.outsideRequests()).toEqual([]);
	});
});
