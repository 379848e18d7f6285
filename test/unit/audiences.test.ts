/**
 * Contact columns and audiences on the real engine, over test/fixtures/contacts.csv (its README
 * section gives each customer's contacts by hand). Hashes are checked against Node's
 * `crypto.createHash` and Python's `hashlib` over values normalised by hand in this file.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC, type Table } from 'apache-arrow';
import { unzipSync } from 'fflate';
import { fileFrom, startNodeEngine } from '../helpers/node-engine';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import { parseMapping } from '../../src/ingest/mapping';
import { guessMapping } from '../../src/ingest/detect-roles';
import {
	exportQuery,
	parseFilters,
	summaryQuery,
	type AudienceSpec
} from '../../src/audiences/query';
import { audienceFile, audiencesDownload } from '../../src/audiences/files';
import { phoneE164 } from '../../src/audiences/contacts';
import { sql } from '../../src/sql/sql';
import { parseRfmConfig } from '../../src/analyses/rfm/config';
import { rfmQuery } from '../../src/analyses/rfm/query';
import { rfmWithClvQuery } from '../../src/analyses/clv/export';
import { exportLabels, withLabelColumns } from '../../src/analyses/labels';
import { createResultTable } from '../../src/analyses/cell-sql';

const ALL: AudienceSpec = {
	members: sql`SELECT customer_id FROM customer_summary`,
	filters: []
};
const ATTRIBUTES = ['城市', '渠道'];
const SOURCES = {
	rfm: null,
	attributes: ATTRIBUTES,
	contacts: ['email', 'phone', 'name'] as const
};

/** The CSV text of a file's bytes, after checking its byte-order mark. */
function text(bytes: Uint8Array): string {
	const decoded = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
	expect(decoded.startsWith('\ufeff')).toBe(true);
	return decoded.slice(1);
}

const nodeSha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Whether `python3` runs here: then its hashlib is a second, independent oracle. */
const HAS_PYTHON = (() => {
	try {
		execFileSync('python3', ['--version']);
		return true;
	} catch {
		return false;
	}
})();

/** The same hashes by Python's hashlib. */
function pythonSha(values: string[]): string[] {
	const out = execFileSync(
		'python3',
		[
			'-c',
			'import sys, json, hashlib; print(json.dumps([hashlib.sha256(v.encode("utf-8")).hexdigest() for v in json.load(sys.stdin)]))'
		],
		{ input: JSON.stringify(values), encoding: 'utf8' }
	);
	return JSON.parse(out) as string[];
}

// Normalised by hand from the fixture (C004 has no contact and is left out of hashed files).
const EMAILS_META = [
	'alice.wang@example.com',
	'bob@example.com',
	'carol.new@example.com',
	'=cmd@evil.com',
	'd.ong@gmail.com'
];
// Google also drops the dots before @gmail.com.
const EMAILS_GOOGLE = [...EMAILS_META.slice(0, 4), 'dong@gmail.com'];
const PHONES_GOOGLE = [
	'+8613800138000',
	'+8613800138000',
	'+8613912345678',
	'+8613700000000',
	'+447700900123'
];
const PHONES_META = PHONES_GOOGLE.map((p) => p.slice(1));

describe('contact columns and audiences', () => {
	let engine: EngineApi;
	let everyone: Table;
	beforeAll(async () => {
		engine = await startNodeEngine();
		const opened = await engine.openFile(fileFrom('test/fixtures/contacts.csv'), {});
		const { draft } = opened.guess;
		expect([draft.email, draft.phone, draft.name]).toEqual(['邮箱', '手机号', '姓名']);
		expect(draft.attributes).toEqual(ATTRIBUTES);
		const report = await engine.normalise(
			parseMapping({ ...draft, today: '2030-01-01' }, opened.columns)
		);
		expect([report.rowsUsed, report.customers]).toEqual([8, 6]);
		everyone = tableFromIPC(await engine.query(exportQuery(ALL, 'All', SOURCES).text));
	}, 60_000);

	it('keeps each customer’s latest non-empty contact, and no contact in transactions', async () => {
		expect(await rowsOf(engine, 'SELECT * FROM customer_contacts ORDER BY customer_id')).toEqual([
			{
				customer_id: 'C001',
				email: 'Alice.Wang@Example.COM',
				phone: '+86 138 0013 8000',
				name: '王丽'
			},
			{ customer_id: 'C002', email: 'BOB@example.com', phone: '13800138000', name: 'Bob Li' },
			{
				customer_id: 'C003',
				email: 'Carol.New@Example.com',
				phone: '139-1234-5678',
				name: 'Carol'
			},
			{ customer_id: 'C004', email: null, phone: null, name: null },
			{
				customer_id: 'C005',
				email: '=cmd@evil.com',
				phone: '(+86) 137 0000 0000',
				name: '=HYPERLINK("x")'
			},
			{ customer_id: 'C006', email: 'D.Ong@Gmail.com', phone: '0044 7700 900123', name: 'Dan Ong' }
		]);
		const columns = await rowsOf(
			engine,
			"SELECT table_name, column_name FROM duckdb_columns() WHERE table_name IN ('transactions', 'ingest_rows', 'customer_summary')"
		);
		expect(
			columns.filter((c) => /contact|邮箱|手机|姓名|email|phone/.test(String(c.column_name)))
		).toEqual([]);
	});

	it('narrows by the latest attribute value and counts size and revenue', async () => {
		const shanghai = { ...ALL, filters: [{ attribute: '城市', value: '上海' }] };
		// Latest 城市 上海: C001 (200.50), C005 (20.00); C003 moved to 北京.
		expect(await rowsOf(engine, summaryQuery(shanghai, ATTRIBUTES).text)).toEqual([
			{ customers: 2, revenue: 220.5 }
		]);
		const both = {
			...ALL,
			filters: [
				{ attribute: '城市', value: '上海' },
				{ attribute: '渠道', value: 'app' }
			]
		};
		const rows = await rowsOf(engine, exportQuery(both, 'x', SOURCES).text);
		expect(rows.map((r) => r.customer_id)).toEqual(['C001', 'C005']);
	});

	it('joins RFM with its labels and CLV figures when both ran', async () => {
		const config = parseRfmConfig({});
		await engine.query(createResultTable('rfm', rfmQuery(config)).text);
		// A stand-in CLV table: the export joins whatever the cell wrote.
		await engine.query(`CREATE OR REPLACE TABLE clv AS
SELECT customer_id, 0.5 AS p_alive, 1.25 AS expected_purchases, 40.0 AS expected_value, 99.5 AS clv
FROM customer_summary WHERE customer_id <> 'C004'`);
		const base = rfmWithClvQuery();
		const columns = Object.keys((await rowsOf(engine, `${base.text} LIMIT 1`))[0]);
		const rfm = withLabelColumns(base, columns, exportLabels('rfm', config, columns));
		const rows = await rowsOf(engine, exportQuery(ALL, 'All', { ...SOURCES, rfm }).text);
		const header = Object.keys(rows[0]);
		expect(header.slice(0, 2)).toEqual(['customer_id', 'audience']);
		for (const c of ['recency_days', 'frequency', 'monetary', 'segment', 'segment_label', 'action'])
			expect(header).toContain(c);
		expect(header.slice(-9)).toEqual([
			'p_alive',
			'expected_purchases',
			'expected_value',
			'clv',
			'城市',
			'渠道',
			'email',
			'phone',
			'name'
		]);
		// C002: one order of 300.00 on 2024-02-01; the last purchase of anyone is 2024-04-20.
		const c002 = rows.find((r) => r.customer_id === 'C002')!;
		expect([c002.frequency, c002.monetary, c002.recency_days, c002.clv]).toEqual([
			1, 300, 80, 99.5
		]);
		expect(rows.find((r) => r.customer_id === 'C004')!.clv).toBeNull();
		await engine.query('DROP TABLE clv');
		await engine.query('DROP TABLE rfm');
	});

	it('keeps only filters on present attributes, and a quote in a value is data', async () => {
		const hostile = [
			{ attribute: 'nope', value: 'x' },
			{ attribute: '城市', value: "上海' OR 1=1 --" },
			{ attribute: '渠道' },
			'city'
		];
		const filters = parseFilters(hostile, ATTRIBUTES);
		expect(filters).toEqual([{ attribute: '城市', value: "上海' OR 1=1 --" }]);
		expect(await rowsOf(engine, summaryQuery({ ...ALL, filters }, ATTRIBUTES).text)).toEqual([
			{ customers: 0, revenue: 0 }
		]);
	});

	it('writes the full list: attributes and contacts, formula-safe, UTF-8 with BOM', async () => {
		const file = await audienceFile({ name: '上海 app', table: everyone }, 'full', '86', 'shop');
		expect(file.fileName).toBe('shop-上海-app-customers.csv');
		const lines = text(file.bytes).trim().split('\r\n');
		expect(lines[0]).toBe('customer_id,audience,城市,渠道,email,phone,name');
		// The raw phone starts with + and holds spaces: a spreadsheet would read a formula.
		expect(lines[1]).toBe("C001,All,上海,app,Alice.Wang@Example.COM,'+86 138 0013 8000,王丽");
		expect(lines[5]).toBe(
			`C005,All,上海,app,'=cmd@evil.com,(+86) 137 0000 0000,"'=HYPERLINK(""x"")"`
		);
		expect(lines).toHaveLength(7);
	});

	it('hashes as Google Customer Match and Meta normalise, equal to Node and Python', async () => {
		for (const [platform, emails, phones] of [
			['google', EMAILS_GOOGLE, PHONES_GOOGLE],
			['meta', EMAILS_META, PHONES_META]
		] as const) {
			const file = await audienceFile({ name: 'All', table: everyone }, platform, '86', 'shop');
			expect(file.fileName).toMatch(
				platform === 'google' ? /google-customer-match-sha256\.csv$/ : /meta-sha256\.csv$/
			);
			const lines = text(file.bytes).trim().split('\r\n');
			expect(lines[0]).toBe('email_sha256,phone_sha256');
			const expected = emails.map((e, i) => `${nodeSha(e)},${nodeSha(phones[i])}`);
			expect(lines.slice(1)).toEqual(expected);
			if (HAS_PYTHON)
				expect(pythonSha([...emails, ...phones])).toEqual([...emails, ...phones].map(nodeSha));
			// No raw contact in the file.
			expect(text(file.bytes)).not.toMatch(/@|138 0013|Alice/i);
		}
	});

	it('writes email-platform imports and tags', async () => {
		const mailchimp = text(
			(await audienceFile({ name: 'VIP', table: everyone }, 'mailchimp', '86', 's')).bytes
		).split('\r\n');
		expect(mailchimp[0]).toBe('Email Address,First Name,Phone Number,Tags');
		expect(mailchimp[1]).toBe('Alice.Wang@Example.COM,王丽,+8613800138000,VIP');
		expect(mailchimp[4]).toBe(`'=cmd@evil.com,"'=HYPERLINK(""x"")",+8613700000000,VIP`);
		const klaviyo = text(
			(await audienceFile({ name: 'VIP', table: everyone }, 'klaviyo', '86', 's')).bytes
		).split('\r\n');
		expect(klaviyo[0]).toBe('Email,First Name,Phone Number,Tags');
		expect(klaviyo[5]).toBe('D.Ong@Gmail.com,Dan Ong,+447700900123,VIP');
		const tags = text(
			(await audienceFile({ name: '流失', table: everyone }, 'tags', '86', 's')).bytes
		);
		expect(tags).toBe(
			[
				'customer_id,tag',
				...['C001', 'C002', 'C003', 'C004', 'C005', 'C006'].map((c) => `${c},流失`)
			].join('\r\n') + '\r\n'
		);
	});

	it('puts several audiences in one zip, one file each', async () => {
		const zip = await audiencesDownload(
			[
				{ name: 'A', table: everyone },
				{ name: 'A', table: everyone },
				{ name: '高价值', table: everyone }
			],
			'tags',
			'86',
			'shop'
		);
		expect(zip.fileName).toBe('shop-audiences-tags.zip');
		const files = unzipSync(zip.bytes);
		expect(Object.keys(files)).toEqual([
			'shop-a-tags.csv',
			'shop-a-tags-2.csv',
			'shop-高价值-tags.csv'
		]);
		expect(text(files['shop-高价值-tags.csv']).split('\r\n')[1]).toBe('C001,高价值');
	});
});

describe('contact roles from headers', () => {
	const row = (n: number) => ['C1', '2024-01-0' + n, '1.50', 'a@b.cn', '13800138000', 'Li', 'x'];
	it.each([
		[['Customer ID', 'Order Date', 'Amount', 'E-mail', 'Mobile', 'Name', 'Product Name']],
		[
			[
				'Customer ID',
				'Order Date',
				'Amount',
				'Email Address',
				'Phone Number',
				'Full Name',
				'Username'
			]
		],
		[['客户ID', '下单时间', '实付金额', '电子邮件', '联系电话', '昵称', '商品名称']],
		[['客户ID', '下单时间', '实付金额', '邮箱', '手机', '姓名', '备注']]
	])('%j: email, phone and name; the last header is none of them', (headers) => {
		const { draft } = guessMapping(headers, [row(1), row(2)], '2030-01-01');
		expect([draft.email, draft.phone, draft.name]).toEqual(headers.slice(3, 6));
		expect(draft.attributes).not.toContain(headers[3]);
		expect([draft.email, draft.phone, draft.name]).not.toContain(headers[6]);
	});
});

describe('phone numbers in E.164', () => {
	it.each([
		['+86 138 0013 8000', '86', '+8613800138000'],
		['13800138000', '86', '+8613800138000'],
		['0086-138-0013-8000', '44', '+8613800138000'],
		['07700 900123', '44', '+447700900123'],
		['(+44) 7700 900123', '86', '+447700900123'],
		['12345', '86', null],
		['', '86', null],
		['not a phone', '86', null]
	])('%s with +%s is %s', (raw, country, e164) => {
		expect(phoneE164(raw, country)).toBe(e164);
	});
});
