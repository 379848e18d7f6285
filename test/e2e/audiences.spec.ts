/**
 * From segment to campaign on test/fixtures/contacts.csv: the contact columns are found, a
 * segment becomes an audience, it narrows by an attribute, and every export format downloads with
 * the fixture's contacts (hashes computed here with Node's crypto over hand-normalised values),
 * in English and in Chinese. Afterwards no contact value is in the share link, the saved settings
 * or the page's storage.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { unzipSync } from 'fflate';
import { waitForEngine } from '../helpers/browser';
import { useBuiltSite } from '../helpers/site';
import { applyMapping, chooseFile, openMenu, roleOf, waitForMapping } from '../helpers/app';

const spec = useBuiltSite();

/** Each customer's contacts as the fixture's README gives them, and hand-normalised for hashing. */
const CONTACTS: Record<
	string,
	{ email: string; name: string; e164: string; google: string; meta: string } | null
> = {
	C001: {
		email: 'Alice.Wang@Example.COM',
		name: '王丽',
		e164: '+8613800138000',
		google: 'alice.wang@example.com',
		meta: 'alice.wang@example.com'
	},
	C002: {
		email: 'BOB@example.com',
		name: 'Bob Li',
		e164: '+8613800138000',
		google: 'bob@example.com',
		meta: 'bob@example.com'
	},
	C003: {
		email: 'Carol.New@Example.com',
		name: 'Carol',
		e164: '+8613912345678',
		google: 'carol.new@example.com',
		meta: 'carol.new@example.com'
	},
	C004: null,
	C005: {
		email: '=cmd@evil.com',
		name: '=HYPERLINK("x")',
		e164: '+8613700000000',
		google: '=cmd@evil.com',
		meta: '=cmd@evil.com'
	},
	C006: {
		email: 'D.Ong@Gmail.com',
		name: 'Dan Ong',
		e164: '+447700900123',
		google: 'dong@gmail.com',
		meta: 'd.ong@gmail.com'
	}
};
/** Every contact value as written in the file, and as it could be stored after trimming. */
const RAW_CONTACTS = [
	'Alice.Wang@Example.COM',
	'BOB@example.com',
	'carol@example.com',
	'Carol.New@Example.com',
	'cmd@evil.com',
	'D.Ong@Gmail.com',
	'138 0013 8000',
	'13800138000',
	'139-1234-5678',
	'137 0000 0000',
	'7700 900123',
	'王丽',
	'Bob Li',
	'Dan Ong',
	'HYPERLINK'
];

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Clicks, and returns the download's name and bytes. */
async function download(page: Page, click: () => Promise<void>) {
	const [file] = await Promise.all([page.waitForEvent('download'), click()]);
	return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

/** CSV bytes as lines, after checking the byte-order mark. */
function lines(bytes: Uint8Array): string[] {
	const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
	expect(text.startsWith('\ufeff')).toBe(true);
	return text.slice(1).trim().split('\r\n');
}

/** Makes an audience of the segment in the overview's row `index`; returns its customer count. */
async function segmentAudience(page: Page, index: number): Promise<number> {
	const row = page.getByTestId('overview-segments').locator('tbody tr').nth(index);
	// The segment's Export opens its drill-down (and downloads the list).
	await download(page, () => row.getByTestId('segment-export').click());
	const drill = page.getByTestId('drill');
	await drill.getByTestId('drill-audience').click();
	await drill.getByTestId('drill-audience-added').waitFor();
	const count = Number(
		((await drill.getByTestId('drill-count').textContent()) ?? '').replace(/\D/g, '')
	);
	await page.keyboard.press('Escape');
	await drill.waitFor({ state: 'detached' });
	return count;
}

/** Chooses a format and downloads the chosen audiences. */
async function exportAs(page: Page, format: string) {
	const panel = page.getByTestId('audiences');
	await panel.getByTestId('audience-format').selectOption(format);
	return download(page, () => panel.getByTestId('audience-download').click());
}

/** Each file of a download: one CSV, or every CSV of a zip, in the order of the audiences. */
function filesOf(file: { name: string; bytes: Uint8Array }): { name: string; lines: string[] }[] {
	if (!file.name.endsWith('.zip')) return [{ name: file.name, lines: lines(file.bytes) }];
	return Object.entries(unzipSync(file.bytes)).map(([name, bytes]) => ({
		name,
		lines: lines(bytes)
	}));
}

/** The customer ids in a full list. */
function idsOf(full: string[]): string[] {
	return full.slice(1).map((l) => l.split(',')[0]);
}

describe('audiences', () => {
	/** Each audience's customers, in its file's order (one audience per RFM segment). */
	let members: string[][] = [];

	it('finds the contact columns and makes an audience of each segment', async () => {
		const { page } = spec.browser;
		await page.setViewportSize({ width: 1280, height: 1000 });
		await page.goto(spec.site.url);
		await waitForEngine(page);
		await chooseFile(page, 'test/fixtures/contacts.csv');
		await waitForMapping(page);
		expect(await roleOf(page, 'email')).toBe('邮箱');
		expect(await roleOf(page, 'phone')).toBe('手机号');
		expect(await roleOf(page, 'name')).toBe('姓名');
		await applyMapping(page);
		await page.getByTestId('overview-segments').waitFor({ timeout: 120_000 });
		expect(await page.getByTestId('audiences-empty').isVisible()).toBe(true);
		const rows = await page.getByTestId('overview-segments').locator('tbody tr').count();
		expect(rows).toBeGreaterThan(1);
		const counts: number[] = [];
		for (let i = 0; i < rows; i++) counts.push(await segmentAudience(page, i));
		// Every customer is in one segment: the audiences hold the file's 6.
		expect(counts.reduce((a, b) => a + b, 0)).toBe(6);
		const shown = page.getByTestId('audience').getByTestId('audience-size');
		await expect
			.poll(() => shown.evaluateAll((els) => els.map((e) => e.getAttribute('data-customers'))))
			.toEqual(counts.map(String));
	});

	it('downloads the full lists of every audience at once', async () => {
		const { page } = spec.browser;
		const download = await exportAs(page, 'full');
		expect(download.name).toMatch(/-audiences-customers\.zip$/);
		const files = filesOf(download);
		// RFM's columns (with the segment's label and action), the attributes, the contacts.
		for (const file of files)
			expect(file.lines[0]).toBe(
				'customer_id,audience,recency_days,frequency,monetary,r_score,f_score,m_score,rfm_code,segment,segment_label,action,城市,渠道,email,phone,name'
			);
		members = files.map((f) => idsOf(f.lines));
		expect(members.flat().sort()).toEqual(Object.keys(CONTACTS));
		const lines = files.flatMap((f) => f.lines.slice(1));
		const alice = lines.find((l) => l.startsWith('C001,'));
		expect(alice).toContain(",上海,app,Alice.Wang@Example.COM,'+86 138 0013 8000,王丽");
		const evil = lines.find((l) => l.startsWith('C005,'));
		expect(evil).toContain(`,'=cmd@evil.com,(+86) 137 0000 0000,"'=HYPERLINK(""x"")"`);
	});

	it('downloads every other format with each audience’s contacts', async () => {
		const { page } = spec.browser;
		const reachable = members.map((ids) => ids.filter((id) => CONTACTS[id]));
		// In English, numbers without a country code are taken as British; these are Chinese.
		const panel = page.getByTestId('audiences');
		await panel.getByTestId('audience-format').selectOption('google');
		expect(await panel.getByTestId('audience-country').inputValue()).toBe('44');
		await panel.getByTestId('audience-country').selectOption('86');
		const google = filesOf(await exportAs(page, 'google'));
		expect(
			google.map((f) => f.name).every((n) => n.endsWith('-google-customer-match-sha256.csv'))
		).toBe(true);
		expect(google.map((f) => f.lines)).toEqual(
			reachable.map((ids) => [
				'email_sha256,phone_sha256',
				...ids.map((id) => `${sha(CONTACTS[id]!.google)},${sha(CONTACTS[id]!.e164)}`)
			])
		);
		const meta = filesOf(await exportAs(page, 'meta'));
		expect(meta.map((f) => f.name).every((n) => n.endsWith('-meta-sha256.csv'))).toBe(true);
		expect(meta.map((f) => f.lines.slice(1))).toEqual(
			reachable.map((ids) =>
				ids.map((id) => `${sha(CONTACTS[id]!.meta)},${sha(CONTACTS[id]!.e164.slice(1))}`)
			)
		);
		const mailchimp = filesOf(await exportAs(page, 'mailchimp'));
		expect(mailchimp[0].lines[0]).toBe('Email Address,First Name,Phone Number,Tags');
		expect(mailchimp.map((f) => f.lines.slice(1).map((l) => l.split(',')[2]))).toEqual(
			reachable.map((ids) => ids.map((id) => CONTACTS[id]!.e164))
		);
		const klaviyo = filesOf(await exportAs(page, 'klaviyo'));
		expect(klaviyo[0].lines[0]).toBe('Email,First Name,Phone Number,Tags');
		expect(klaviyo.flatMap((f) => f.lines.slice(1)).join('\n')).toContain(
			'D.Ong@Gmail.com,Dan Ong,+447700900123,'
		);
		const tags = filesOf(await exportAs(page, 'tags'));
		expect(tags.map((f) => f.lines[0])).toEqual(members.map(() => 'customer_id,tag'));
		expect(tags.map((f) => idsOf(f.lines))).toEqual(members);
	});

	it('narrows an audience by an attribute, and exports one audience alone', async () => {
		const { page } = spec.browser;
		// The largest audience; latest 城市 上海 (the README): C001, C005.
		const at = members.reduce((best, ids, i) => (ids.length > members[best].length ? i : best), 0);
		const shanghai = members[at].filter((id) => ['C001', 'C005'].includes(id));
		const audience = page.getByTestId('audience').nth(at);
		await audience.getByTestId('audience-attribute').selectOption('城市');
		await expect
			.poll(() => audience.getByTestId('audience-value').locator('option').count())
			.toBe(4);
		await audience.getByTestId('audience-value').selectOption('上海');
		await audience.getByTestId('audience-add-filter').click();
		await audience.getByTestId('audience-filter').waitFor();
		await expect
			.poll(() => audience.getByTestId('audience-size').getAttribute('data-customers'))
			.toBe(String(shanghai.length));
		const choices = page.getByTestId('audience-choose');
		for (let i = 0; i < members.length; i++) if (i !== at) await choices.nth(i).uncheck();
		const alone = await exportAs(page, 'full');
		expect(alone.name).toMatch(/-customers\.csv$/);
		expect(idsOf(lines(alone.bytes))).toEqual(shanghai);
		await audience.getByTestId('audience-filter').click();
		await expect
			.poll(() => audience.getByTestId('audience-size').getAttribute('data-customers'))
			.toBe(String(members[at].length));
		for (let i = 0; i < members.length; i++) await choices.nth(i).check();
	});

	it('exports in Chinese: labels, a new audience’s name and its file name', async () => {
		const { page } = spec.browser;
		await page.getByTestId('language').selectOption('zh');
		await expect.poll(() => page.locator('#audiences-title').textContent()).toBe('人群');
		// An audience keeps the name it was given; one made now is named in Chinese.
		await segmentAudience(page, 0);
		const panel = page.getByTestId('audiences');
		const n = members.length + 1;
		expect(await panel.getByTestId('audience-download').textContent()).toContain(`下载 ${n} 个`);
		const tags = filesOf(await exportAs(page, 'tags'));
		expect(tags).toHaveLength(n);
		const made = tags[n - 1];
		expect(made.name).toMatch(/^contacts-[^-]*[\u3400-\u9fff].*-tags\.csv$/);
		expect(made.lines[1].split(',')[1]).toMatch(/[\u3400-\u9fff]/);
		expect(idsOf(made.lines)).toEqual(members[0]);
		// Segment labels follow the language of the moment in every full list.
		const full = filesOf(await exportAs(page, 'full'));
		for (const file of full) {
			const header = file.lines[0].split(',');
			const label = file.lines[1].split(',')[header.indexOf('segment_label')];
			expect(label).toMatch(/[\u3400-\u9fff]/);
		}
	});

	it('keeps every contact value out of links, saved settings and storage', async () => {
		const { page } = spec.browser;
		await page.getByTestId('share').click();
		const link = await page.getByTestId('share-link').inputValue();
		const linkJson = await page.evaluate(async (fragment) => {
			const base64 = fragment.replace(/-/g, '+').replace(/_/g, '/');
			const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
			const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
			return new Response(stream).text();
		}, link.split('#c=')[1]);
		// The column names chosen for the roles travel, as the rest of the mapping does.
		expect(JSON.parse(linkJson).mapping.email).toBe('邮箱');
		// Saving is in the header's file and settings menu.
		await openMenu(page);
		const saved = await download(page, () =>
			page.getByRole('button', { name: '保存设置' }).click()
		);
		const storage = await page.evaluate(() =>
			JSON.stringify([{ ...localStorage }, { ...sessionStorage }])
		);
		for (const [where, text] of [
			['link', linkJson],
			['saved settings', new TextDecoder().decode(saved.bytes)],
			['storage', storage]
		]) {
			const lower = text.toLowerCase();
			for (const value of RAW_CONTACTS)
				expect(lower, `${value} in the ${where}`).not.toContain(value.toLowerCase());
		}
		expect(spec.pageErrors).toEqual([]);
		expect(spec.outsideRequests()).toEqual([]);
	});
});
