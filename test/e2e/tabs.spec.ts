/**
 * Work across tabs (issue #27, item 4): a colleague's link opened in a second tab never replaces
 * the person's own settings, not even when the first tab closes without sharing or saving. The
 * next visit brings the own work back and says where the link went; a reload keeps a tab as it was.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { waitForEngine } from '../helpers/browser';
import { useBuiltSite } from '../helpers/site';
import { applyMapping, openMenu, useEightClasses, waitForMapping } from '../helpers/app';
import { encodeConfig } from '../../src/state/url-codec';

const OWN_SQL = 'SELECT segment, count(*) AS customers FROM rfm GROUP BY 1';

const spec = useBuiltSite();
let colleagueLink = '';

beforeAll(async () => {
	// The colleague's link, made the way Share makes one: other parameters and a note, no SQL.
	const fragment = await encodeConfig({
		version: 2,
		language: 'en',
		mapping: null,
		cells: { abc: { a: 0.7 } },
		custom: [{ kind: 'note', text: '## Colleague’s plan' }]
	});
	colleagueLink = `${spec.site.url}#${fragment}`;
});

/** Closes a tab as a person does: the page's unload handlers run, and "leave anyway" is chosen. */
async function closeTab(page: Page) {
	page.on('dialog', (dialog) => void dialog.accept());
	await page.close({ runBeforeUnload: true });
	await page.waitForEvent('close');
}

/** The page's notice (not the engine's status line). */
const notice = (page: Page) => page.locator('.card.alert[role="status"]');

async function loadSample(page: Page) {
	await page.getByRole('button', { name: 'Try the sample data' }).click();
	await waitForMapping(page);
	await applyMapping(page);
}

describe('settings across tabs', () => {
	it('keeps the own work of a tab that closed while a colleague’s link was open in another', async () => {
		const first = spec.browser.page;
		await first.goto(spec.site.url);
		await waitForEngine(first);
		await loadSample(first);
		await useEightClasses(first);
		await first.getByTestId('add-sql-cell').click();
		await first.getByTestId('sql-cell-text').fill(OWN_SQL);

		const second = await spec.browser.context.newPage();
		await second.goto(colleagueLink);
		await waitForEngine(second);
		await notice(second)
			.getByText(/Opened a shared configuration/)
			.waitFor();
		const opened = (await notice(second).textContent()) ?? '';

		// The first tab closes without sharing or saving; the second works on with its own copy.
		await closeTab(first);
		await loadSample(second);
		expect(await second.getByTestId('note-cell').count()).toBe(1);
		// A reload of the link's tab keeps that tab's settings.
		await second.reload();
		await waitForEngine(second);
		const reloaded =
			(await notice(second)
				.textContent({ timeout: 10_000 })
				.catch(() => '')) ?? '';
		await loadSample(second);
		expect(await second.getByTestId('note-cell').count()).toBe(1);
		expect(await second.getByTestId('sql-cell').count()).toBe(0);
		await closeTab(second);

		// The next visit: the own work comes back, and the link is one choice away.
		const third = await spec.browser.context.newPage();
		await third.goto(spec.site.url);
		await waitForEngine(third);
		const restored =
			(await notice(third)
				.textContent({ timeout: 10_000 })
				.catch(() => '')) ?? '';
		// Recent settings sit in the header's menu, once a file is open.
		await loadSample(third);
		const recent = await third
			.getByTestId('recent-settings')
			.locator('option')
			.allTextContents()
			.catch(() => []);
		expect(await third.getByTestId('sql-cell').count()).toBe(1);
		expect(await third.getByTestId('sql-cell-text').inputValue()).toBe(OWN_SQL);
		expect(await third.getByTestId('cell-rfm').getByTestId('rfm-map').inputValue()).toBe('cn8');
		expect(await third.getByTestId('note-cell').count()).toBe(0);
		expect(opened).toMatch(
			/Your own settings from \d{1,2}:\d{2} [AP]M are kept under Recent settings/
		);
		expect(restored).toMatch(
			/^Your settings from \d{1,2}:\d{2} [AP]M were restored; the shared link you opened at \d{1,2}:\d{2} [AP]M is under Recent settings\.$/
		);
		expect(recent.some((label) => /^Shared link opened \d{1,2}:\d{2} [AP]M$/.test(label))).toBe(
			true
		);
		expect(reloaded).toBe('This tab’s settings were restored (Reset settings starts afresh).');

		// Choosing it brings the colleague's settings into this tab.
		const options = third.getByTestId('recent-settings').locator('option');
		const index = (await options.allTextContents()).findIndex((label) =>
			label.startsWith('Shared link opened')
		);
		await openMenu(third);
		await third.getByTestId('recent-settings').selectOption({ index });
		await expect.poll(() => third.getByTestId('note-cell').count(), { timeout: 30_000 }).toBe(1);
		expect(await third.getByTestId('sql-cell').count()).toBe(0);
		await third.close();
	});

	it('made no request outside its own origin, and threw no script error', () => {
		expect(spec.outsideRequests()).toEqual([]);
		expect(spec.pageErrors).toEqual([]);
	});
});
