/**
 * The files an audience becomes, made in the page from its export rows: the full list, an
 * email-platform import (Mailchimp, Klaviyo), hashed contacts for ad platforms (Google Customer
 * Match, Meta) and a tag list for CRMs. Every file is formula-safe CSV, UTF-8 with BOM; several
 * audiences go in one `.zip`, one file each.
 */
import { zipSync } from 'fflate';
import { csvBytes, rowsToCsv, tableToCsv } from '../lib/csv';
import type { Table } from 'apache-arrow';
import { PLATFORM_HEADERS } from './platform-headers';
import {
	normaliseEmail,
	normalisePhone,
	phoneE164,
	sha256HexAll,
	type HashPlatform
} from './contacts';

/** The kinds of file an audience can be exported as. */
export const AUDIENCE_FORMATS = ['full', 'mailchimp', 'klaviyo', 'google', 'meta', 'tags'] as const;
export type AudienceFormat = (typeof AUDIENCE_FORMATS)[number];

/** Formats that need a contact column, and which. */
export const NEEDS_CONTACTS: Record<AudienceFormat, boolean> = {
	full: false,
	mailchimp: true,
	klaviyo: true,
	google: true,
	meta: true,
	tags: false
};

/** What ends each file's name: the platform, and for hashes whose normalisation was followed. */
const SUFFIX: Record<AudienceFormat, string> = {
	full: 'customers',
	mailchimp: 'mailchimp',
	klaviyo: 'klaviyo',
	google: 'google-customer-match-sha256',
	meta: 'meta-sha256',
	tags: 'tags'
};

/** One audience's export rows, as the export query returned them. */
export interface AudienceRows {
	/** The audience's name, in the language it was exported in: tag and file name. */
	name: string;
	table: Table;
}

/** A file ready to download. */
export interface ExportFile {
	fileName: string;
	bytes: Uint8Array;
	type: string;
}

/** The text values of a column, '' for a missing column or value. */
function texts(table: Table, column: string): string[] {
	const vector = table.getChild(column);
	return Array.from({ length: table.numRows }, (_, i) => {
		const v = vector?.get(i);
		return v === null || v === undefined ? '' : String(v);
	});
}

/** Letters and digits of any script, so a Chinese name still names its file. */
export function slug(text: string): string {
	return (
		text
			.toLowerCase()
			.replace(/[^\p{L}\p{N}]+/gu, '-')
			.replace(/^-|-$/g, '') || 'audience'
	);
}

/** The email-platform import: who can be reached, with the audience as the tag. */
function platformCsv(rows: AudienceRows, format: 'mailchimp' | 'klaviyo', country: string) {
	const emails = texts(rows.table, 'email');
	const phones = texts(rows.table, 'phone');
	const names = texts(rows.table, 'name');
	const out: string[][] = [];
	for (let i = 0; i < rows.table.numRows; i++) {
		const email = emails[i].trim();
		const phone = phones[i] ? (phoneE164(phones[i], country) ?? '') : '';
		if (!email && !phone) continue;
		// The whole name: a Chinese name does not split into first and last at a space.
		out.push([email, names[i].trim(), phone, rows.name]);
	}
	return rowsToCsv(PLATFORM_HEADERS[format], out);
}

/** Hashed contacts, normalised as `platform` asks; customers without either are left out. */
async function hashedCsv(rows: AudienceRows, platform: HashPlatform, country: string) {
	const emails = texts(rows.table, 'email');
	const phones = texts(rows.table, 'phone');
	const pairs: [string | null, string | null][] = [];
	for (let i = 0; i < rows.table.numRows; i++) {
		const email = emails[i] ? normaliseEmail(emails[i], platform) : null;
		const phone = phones[i] ? normalisePhone(phones[i], country, platform) : null;
		if (email !== null || phone !== null) pairs.push([email, phone]);
	}
	const hashes = await sha256HexAll(pairs.flat().filter((v): v is string => v !== null));
	let next = 0;
	const hashOf = (value: string | null) => (value === null ? '' : hashes[next++]);
	const out = pairs.map(([email, phone]) => [hashOf(email), hashOf(phone)]);
	return rowsToCsv(['email_sha256', 'phone_sha256'], out);
}

/** The tag list: one `customer_id,tag` line per customer. */
function tagsCsv(rows: AudienceRows) {
	return rowsToCsv(
		['customer_id', 'tag'],
		texts(rows.table, 'customer_id').map((id) => [id, rows.name])
	);
}

/** One audience's file in `format`; `country` is the calling code for numbers written without one. */
export async function audienceFile(
	rows: AudienceRows,
	format: AudienceFormat,
	country: string,
	base: string
): Promise<ExportFile> {
	let text: string;
	if (format === 'full') text = tableToCsv(rows.table);
	else if (format === 'tags') text = tagsCsv(rows);
	else if (format === 'mailchimp' || format === 'klaviyo')
		text = platformCsv(rows, format, country);
	else text = await hashedCsv(rows, format, country);
	return {
		fileName: `${base}-${slug(rows.name)}-${SUFFIX[format]}.csv`,
		bytes: csvBytes(text),
		type: 'text/csv'
	};
}

/**
 * The download for several audiences: one CSV for one audience, else a `.zip` with one file each
 * (names made unique, as two audiences may share a name).
 */
export async function audiencesDownload(
	all: readonly AudienceRows[],
	format: AudienceFormat,
	country: string,
	base: string
): Promise<ExportFile> {
	const files = [];
	for (const rows of all) files.push(await audienceFile(rows, format, country, base));
	if (files.length === 1) return files[0];
	const entries: Record<string, Uint8Array> = {};
	for (const file of files) {
		let name = file.fileName;
		for (let i = 2; name in entries; i++) name = file.fileName.replace(/\.csv$/, `-${i}.csv`);
		entries[name] = file.bytes;
	}
	return {
		fileName: `${base}-audiences-${SUFFIX[format]}.zip`,
		bytes: zipSync(entries, { level: 6 }),
		type: 'application/zip'
	};
}
