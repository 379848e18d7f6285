/**
 * Headless Chromium (Debian's, never a downloaded one) driven by playwright-core, with a fresh
 * profile per run and Chromium's own background traffic switched off.
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A browser with one page, and every URL that page and its workers requested. */
export interface TestBrowser {
	context: BrowserContext;
	page: Page;
	requests: string[];
	close(): Promise<void>;
}

/** How the browser presents itself: its preferred language (navigator.languages). */
export interface LaunchOptions {
	locale?: string;
	/** A profile folder to use and keep, for a return visit; by default a fresh one, removed on close. */
	profile?: string;
}

/** Launches Chromium from CHROME_PATH or /usr/bin/chromium. */
export async function launch(options: LaunchOptions = {}): Promise<TestBrowser> {
	const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'segmenta-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
		headless: true,
		acceptDownloads: true,
		locale: options.locale ?? 'en-US',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage'
		]
	});
	const requests: string[] = [];
	// Context-level events also see the page's workers' requests.
	context.on('request', (r) => requests.push(r.url()));
	const page = context.pages()[0] ?? (await context.newPage());
	return {
		context,
		page,
		requests,
		close: async () => {
			await context.close();
			if (!options.profile) rmSync(profile, { recursive: true, force: true });
		}
	};
}

/** Waits until DuckDB has started in the page's worker. */
export async function waitForEngine(page: Page) {
	await page
		.locator('[data-testid="engine-status"][data-state="ready"]')
		.waitFor({ timeout: 60_000 });
}
