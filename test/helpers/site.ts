/**
 * One spec's fixture: the built site served from a sub-path and a fresh Chromium, started before
 * the spec's tests and closed after them. Also collects the page's script errors.
 */
import { afterAll, beforeAll } from 'vitest';
import { launch, type LaunchOptions, type TestBrowser } from './browser';
import { serveStatic, type StaticSite } from './static-server';

/** The running site and browser, once `beforeAll` has run. */
export interface SpecSite {
	site: StaticSite;
	browser: TestBrowser;
	pageErrors: string[];
	/** Requests that left the site's origin (blob: and data: URLs stay in the page). */
	outsideRequests(): string[];
}

/** Registers the fixture's setup and teardown; read the fields inside tests and hooks. */
export function useBuiltSite(options: LaunchOptions = {}): SpecSite {
	const spec = { pageErrors: [] as string[] } as SpecSite;
	beforeAll(async () => {
		spec.site = await serveStatic();
		spec.browser = await launch(options);
		spec.browser.page.on('pageerror', (e) => spec.pageErrors.push(e.message));
		const origin = new URL(spec.site.url).origin;
		spec.outsideRequests = () =>
			spec.browser.requests.filter((u) => !u.startsWith(origin) && !/^(blob|data):/.test(u));
	});
	afterAll(async () => {
		await spec.browser?.close();
		await spec.site?.close();
	});
	return spec;
}
