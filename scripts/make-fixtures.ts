/**
 * Writes the test fixtures in `test/fixtures/`: the same 12 hand-checked transactions in every
 * format Segmenta reads, plus a dirty file, a whitespace-aligned file and a few broken files, and
 * the README that lists what a test should find in each. Run with `npm run fixtures`. Output is
 * byte-identical on every run and in any time zone, so regenerating never shows up in a diff.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync, strToU8, zipSync } from 'fflate';
import { parquetReadObjects } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import iconv from 'iconv-lite';
import readXlsxFile from 'read-excel-file/node';

const OUT = 'test/fixtures';

interface Txn {
	orderId: string;
	customerId: string;
	/** Wall-clock time `YYYY-MM-DD HH:MM`, no time zone. */
	at: string;
	cents: number;
	productId: string;
	online: boolean;
}

const txn = (
	orderId: string,
	customerId: string,
	at: string,
	cents: number,
	productId: string,
	channel: 'online' | 'store'
): Txn => ({ orderId, customerId, at, cents, productId, online: channel === 'online' });

// `00123` and `123` are different customers: a reader that casts ids to numbers merges them.
// Days 17, 29, 14, 22 and 18 are > 12, so D/M and M/D files can be told apart from the data.
const TXNS: Txn[] = [
	txn('O1001', '00123', '2024-01-05 10:30', 123450, 'P-100', 'online'),
	txn('O1001', '00123', '2024-01-05 10:30', 1525, 'P-205', 'online'),
	txn('O1002', '123', '2024-01-17 14:05', 8990, 'P-100', 'store'),
	txn('O1003', 'C0042', '2024-02-03 09:15', 250000, 'P-310', 'online'),
	txn('O1003', 'C0042', '2024-02-10 12:00', -12000, 'P-310', 'online'),
	txn('O1004', '00123', '2024-02-29 18:45', 4560, 'P-205', 'store'),
	txn('O1005', 'C0007', '2024-03-14 11:00', 32075, 'P-412', 'online'),
	txn('O1006', '123', '2024-04-22 16:20', 1299, 'P-100', 'online'),
	txn('O1006', '123', '2024-04-22 16:20', 701, 'P-518', 'online'),
	txn('O1007', '98001', '2024-06-18 20:00', 61800, 'P-310', 'online'),
	txn('O1008', 'C0042', '2024-08-09 08:30', 105040, 'P-412', 'store'),
	txn('O1009', '00123', '2024-11-11 23:59', 199999, 'P-620', 'online')
];

/** Facts worked out by hand from TXNS; `checkFacts` stops the script if the data disagrees. */
const EXPECTED = {
	rows: 12,
	customers: 5,
	orders: 9,
	totalCents: 777439,
	grossCents: 789439,
	refundRows: 1,
	minAt: '2024-01-05 10:30',
	maxAt: '2024-11-11 23:59',
	/** [customer, distinct orders, net cents] */
	perCustomer: [
		['00123', 3, 329534],
		['123', 2, 10990],
		['C0042', 2, 343040],
		['C0007', 1, 32075],
		['98001', 1, 61800]
	] as [string, number, number][]
};

const HEADER = ['order_id', 'customer_id', 'order_date', 'amount', 'product_id', 'channel'];

function parts(at: string): { y: number; m: number; d: number; h: number; mi: number } {
	const [y, m, d, h, mi] = at.split(/[- :]/).map(Number);
	return { y, m, d, h, mi };
}

/** Cents as `-1,234.50`, with the given thousands and decimal separators. */
function money(cents: number, thousands: string, decimal: string): string {
	const abs = Math.abs(cents);
	const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, thousands);
	return `${cents < 0 ? '-' : ''}${whole}${decimal}${String(abs % 100).padStart(2, '0')}`;
}

const plain = (cents: number): string => money(cents, '', '.');
const grouped = (cents: number): string => money(cents, ',', '.');
const channel = (t: Txn): string => (t.online ? 'online' : 'store');
const csvField = (s: string): string => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);
const lines = (rows: string[][], sep: string, eol: string): string =>
	rows.map((r) => r.join(sep)).join(eol) + eol;

function plainCsv(): string {
	const body = TXNS.map((t) => [
		t.orderId,
		t.customerId,
		`${t.at}:00`,
		plain(t.cents),
		t.productId,
		channel(t)
	]);
	return lines([HEADER, ...body], ',', '\n');
}

function gbkCsv(): Buffer {
	const header = ['订单号', '客户ID', '下单时间', '实付金额', '商品编码', '渠道'];
	const body = TXNS.map((t) => {
		const { y, m, d } = parts(t.at);
		// GBK has no U+00A5 (iconv-lite writes `?`); Chinese exports use the full-width U+FFE5.
		const amount = (t.cents < 0 ? '-' : '') + '￥' + grouped(Math.abs(t.cents));
		const row = [t.orderId, t.customerId, `${y}年${m}月${d}日`, amount, t.productId];
		return [...row, t.online ? '线上' : '门店'].map(csvField);
	});
	return iconv.encode(lines([header, ...body], ',', '\r\n'), 'gbk');
}

function semicolonCsv(): Buffer {
	const header = ['Bestellnummer', 'Kunde', 'Datum', 'Betrag', 'Artikel', 'Kanal'];
	const body = TXNS.map((t) => {
		const { y, m, d } = parts(t.at);
		const row = [t.orderId, t.customerId, `${d}/${m}/${y}`, money(t.cents, '.', ',')];
		return [...row, t.productId, t.online ? 'Online' : 'Filiale'];
	});
	return Buffer.from('\uFEFF' + lines([header, ...body], ';', '\n'), 'utf8');
}

function utf16Csv(): Buffer {
	const header = ['Order ID', 'Customer ID', 'Order Date', 'Sales', 'Product', 'Channel'];
	const body = TXNS.map((t) => {
		const { y, m, d, h, mi } = parts(t.at);
		const usd = '$' + grouped(Math.abs(t.cents));
		return [
			t.orderId,
			t.customerId,
			`${m}/${d}/${y} ${h}:${String(mi).padStart(2, '0')}`,
			t.cents < 0 ? `(${usd})` : usd,
			t.productId,
			t.online ? 'Online' : 'Store'
		];
	});
	return Buffer.from('\uFEFF' + lines([header, ...body], '\t', '\r\n'), 'utf16le');
}

/** The wall-clock time as if it were UTC, so no reader's local zone shifts it. */
function utcDate(t: Txn): Date {
	const { y, m, d, h, mi } = parts(t.at);
	return new Date(Date.UTC(y, m - 1, d, h, mi));
}

function parquet(): Uint8Array {
	const text = (name: string) =>
		({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' }) as const;
	const buffer = parquetWriteBuffer({
		columnData: [
			{ name: 'order_id', data: TXNS.map((t) => t.orderId) },
			{ name: 'customer_id', data: TXNS.map((t) => t.customerId) },
			{ name: 'order_date', data: TXNS.map(utcDate) },
			{ name: 'amount', data: TXNS.map((t) => t.cents / 100) },
			{ name: 'product_id', data: TXNS.map((t) => t.productId) },
			{ name: 'channel', data: TXNS.map(channel) }
		],
		schema: [
			{ name: 'root', num_children: 6 },
			text('order_id'),
			text('customer_id'),
			// Naive wall-clock timestamps (isAdjustedToUTC false), the way pandas writes them.
			{
				name: 'order_date',
				type: 'INT64',
				logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MILLIS' },
				repetition_type: 'REQUIRED'
			},
			{ name: 'amount', type: 'DOUBLE', repetition_type: 'REQUIRED' },
			text('product_id'),
			text('channel')
		]
	});
	return new Uint8Array(buffer);
}

const jsonRow = (t: Txn) => ({
	order_id: t.orderId,
	customer_id: t.customerId,
	order_date: `${t.at.replace(' ', 'T')}:00`,
	amount: t.cents / 100,
	product_id: t.productId,
	channel: channel(t)
});

// Zip and gzip headers carry a time stamp; a fixed one keeps the bytes stable. fflate reads the
// zip time with local-time getters, so that Date is built from local parts to be zone-proof.
const ZIP_TIME = new Date(2024, 0, 1, 0, 0, 0);
const GZIP_TIME = Date.UTC(2024, 0, 1);

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'http://schemas.openxmlformats.org';
const MAIN = `${NS}/spreadsheetml/2006/main`;
const REL = `${NS}/officeDocument/2006/relationships`;
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const xmlEscape = (s: string): string =>
	s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** Days since 1899-12-30: Excel's 1900 date system, exact for dates after 1900-03-01. */
const excelSerial = (t: Txn): number =>
	(utcDate(t).getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;

const STYLES =
	`${XML}<styleSheet xmlns="${MAIN}">` +
	'<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>' +
	'<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
	'<fills count="2"><fill><patternFill patternType="none"/></fill>' +
	'<fill><patternFill patternType="gray125"/></fill></fills>' +
	'<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
	'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
	'<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
	'<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
	'<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
	'</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
	'</styleSheet>';

function rels(targets: [string, string][]): string {
	const items = targets.map(([type, target], i) => {
		return `<Relationship Id="rId${i + 1}" Type="${REL}/${type}" Target="${target}"/>`;
	});
	const open = `<Relationships xmlns="${NS}/package/2006/relationships">`;
	return `${XML}${open}${items.join('')}</Relationships>`;
}

/** Each row is a list of cells written as `<c r="A1" ` + cell + `</c>`. */
function worksheet(rows: string[][], head: string): string {
	const xmlRows = rows.map((cells, r) => {
		const cs = cells.map((c, i) => `<c r="${'ABCDEF'[i]}${r + 1}" ${c}</c>`);
		return `<row r="${r + 1}">${cs.join('')}</row>`;
	});
	const data = `<sheetData>${xmlRows.join('')}</sheetData>`;
	return `${XML}<worksheet xmlns="${MAIN}">${head}${data}</worksheet>`;
}

/** A two-sheet workbook: a notes sheet first, so a reader must pick the sheet with the data. */
function xlsx(): Uint8Array {
	const strings: string[] = [];
	const str = (text: string): string => {
		const i = strings.indexOf(text);
		return `t="s"><v>${i >= 0 ? i : strings.push(text) - 1}</v>`;
	};
	const notes = worksheet(
		[
			[str('本文件由 Segmenta 的 scripts/make-fixtures.ts 生成，仅供测试。')],
			[str('订单数据在 Orders 工作表。')]
		],
		''
	);
	// Style 1 is a date format, style 2 a money format; ids stay shared strings to keep zeros.
	const orders = worksheet(
		[
			HEADER.map(str),
			...TXNS.map((t) => [
				str(t.orderId),
				str(t.customerId),
				`s="1"><v>${excelSerial(t)}</v>`,
				`s="2"><v>${t.cents / 100}</v>`,
				str(t.productId),
				str(channel(t))
			])
		],
		'<dimension ref="A1:F13"/><cols><col min="3" max="3" width="20" customWidth="1"/></cols>'
	);
	const n = strings.length;
	const files: Record<string, string> = {
		'[Content_Types].xml':
			`${XML}<Types xmlns="${NS}/package/2006/content-types">` +
			'<Default Extension="rels" ' +
			'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
			'<Default Extension="xml" ContentType="application/xml"/>' +
			`<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.worksheet+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet2.xml" ContentType="${CT}.worksheet+xml"/>` +
			`<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>` +
			`<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/>` +
			'</Types>',
		'_rels/.rels': rels([['officeDocument', 'xl/workbook.xml']]),
		'xl/workbook.xml':
			`${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}">` +
			'<bookViews><workbookView activeTab="1"/></bookViews><sheets>' +
			'<sheet name="说明" sheetId="1" r:id="rId1"/><sheet name="Orders" sheetId="2" r:id="rId2"/>' +
			'</sheets></workbook>',
		'xl/_rels/workbook.xml.rels': rels([
			['worksheet', 'worksheets/sheet1.xml'],
			['worksheet', 'worksheets/sheet2.xml'],
			['styles', 'styles.xml'],
			['sharedStrings', 'sharedStrings.xml']
		]),
		'xl/styles.xml': STYLES,
		'xl/sharedStrings.xml':
			`${XML}<sst xmlns="${MAIN}" count="${n}" uniqueCount="${n}">` +
			strings.map((t) => `<si><t>${xmlEscape(t)}</t></si>`).join('') +
			'</sst>',
		'xl/worksheets/sheet1.xml': notes,
		'xl/worksheets/sheet2.xml': orders
	};
	const entries = Object.entries(files).map(([name, text]) => [name, strToU8(text)] as const);
	return zipSync(Object.fromEntries(entries), { level: 6, mtime: ZIP_TIME });
}

// Reason keys as in src/ingest/reasons.ts, plus `clean` for rows with no problem.
type Reason =
	'clean' | 'refund' | 'missing_customer' | 'bad_date' | 'bad_amount' | 'duplicate' | 'future_date';

// Each row has at most one problem, so every reason can be counted on its own. A duplicate is
// the second copy of an identical line; its first copy counts as clean.
const DIRTY: [Reason, string][] = [
	['clean', 'D01,K001,2024-03-01 09:00:00,100.00,P-1,online'],
	['clean', 'D02,K002,2024-03-02 10:00:00,250.50,P-2,store'],
	['clean', 'D03,K003,2024-03-03 11:00:00,75.25,P-3,online'],
	['missing_customer', 'D09,,2024-03-04 12:30:00,20.00,P-4,online'],
	['refund', 'D02,K002,2024-03-05 10:00:00,-50.50,P-2,store'],
	['duplicate', 'D01,K001,2024-03-01 09:00:00,100.00,P-1,online'],
	['bad_amount', 'D14,K003,2024-03-08 15:00:00,abc,P-3,online'],
	['clean', 'D04,K001,2024-03-10 12:00:00,60.00,P-4,online'],
	['clean', 'D05,K004,2024-03-11 13:00:00,310.00,P-1,store'],
	['missing_customer', 'D10,NA,2024-03-12 14:00:00,30.00,P-5,store'],
	['bad_date', 'D12,K001,not a date,55.00,P-2,online'],
	['clean', 'D06,K002,2024-03-15 14:00:00,42.10,P-5,online'],
	['bad_amount', 'D15,K004,2024-03-16 10:00:00,12.3.4,P-1,store'],
	['refund', 'D05,K004,2024-03-18 13:00:00,-110.00,P-1,store'],
	['clean', 'D07,K005,2024-03-20 15:00:00,99.99,P-2,online'],
	['missing_customer', 'D11,,2024-03-22 16:00:00,40.00,P-3,online'],
	['bad_date', 'D13,K005,unknown,65.00,P-4,online'],
	['clean', 'D08,K003,2024-03-25 16:00:00,180.00,P-3,store'],
	['duplicate', 'D07,K005,2024-03-20 15:00:00,99.99,P-2,online'],
	['future_date', 'D16,K005,2099-06-01 10:00:00,70.00,P-1,online']
];

/** Hand-computed facts for dirty.csv; `used` counts clean rows plus netted refunds. */
const DIRTY_EXPECTED = {
	rowsRead: 20,
	reasons: {
		clean: 8,
		refund: 2,
		missing_customer: 3,
		bad_date: 2,
		bad_amount: 2,
		duplicate: 2,
		future_date: 1
	},
	used: { rows: 10, customers: 5, orders: 8, totalCents: 95734, grossCents: 111784 },
	minAt: '2024-03-01 09:00:00',
	maxAt: '2024-03-25 16:00:00'
};

// CDNOW layout, ` 00001 19970101  1   11.77`: no header, no order ids, CRLF.
const CDNOW: [string, string, number, number][] = [
	['00001', '20240105', 1, 1177],
	['00002', '20240106', 2, 2499],
	['00003', '20240106', 1, 950],
	['00001', '20240214', 3, 3531],
	['00004', '20240301', 6, 8900],
	['00002', '20240315', 1, 1249],
	['00005', '20240402', 2, 2998],
	['00001', '20240420', 1, 1177]
];
const CDNOW_EXPECTED = { rows: 8, customers: 5, quantity: 17, totalCents: 22481 };

const whitespaceTxt = (): string =>
	CDNOW.map(([id, day, qty, cents]) => {
		return ` ${id} ${day} ${String(qty).padStart(2)} ${plain(cents).padStart(7)}\r\n`;
	}).join('');

function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function binaryBytes(): Uint8Array {
	const rand = mulberry32(0x5e6e17a);
	// Every 64th byte is NUL so a "binary, not text" check is certain to have something to find.
	return Uint8Array.from({ length: 2048 }, (_, i) => (i % 64 === 7 ? 0 : Math.floor(rand() * 256)));
}

function assertSame(what: string, actual: unknown, expected: unknown): void {
	const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
	if (a !== e) throw new Error(`${what}: the data gives ${a}, the hand count says ${e}`);
}

function checkFacts(): void {
	const ats = TXNS.map((t) => t.at).sort();
	const of = (id: string) => TXNS.filter((t) => t.customerId === id);
	assertSame(
		'orders',
		{
			rows: TXNS.length,
			customers: new Set(TXNS.map((t) => t.customerId)).size,
			orders: new Set(TXNS.map((t) => t.orderId)).size,
			totalCents: TXNS.reduce((a, t) => a + t.cents, 0),
			grossCents: TXNS.reduce((a, t) => a + Math.max(t.cents, 0), 0),
			refundRows: TXNS.filter((t) => t.cents < 0).length,
			minAt: ats[0],
			maxAt: ats[ats.length - 1],
			perCustomer: EXPECTED.perCustomer.map(([id]) => [
				id,
				new Set(of(id).map((t) => t.orderId)).size,
				of(id).reduce((a, t) => a + t.cents, 0)
			])
		},
		EXPECTED
	);

	const reasons: Record<string, number> = {};
	DIRTY.forEach(([reason, line], i) => {
		reasons[reason] = (reasons[reason] ?? 0) + 1;
		const seen = DIRTY.slice(0, i).some(([, l]) => l === line);
		if (seen !== (reason === 'duplicate')) throw new Error(`dirty row ${i + 1}: duplicate tag`);
	});
	const used = DIRTY.filter(([r]) => r === 'clean' || r === 'refund').map(([, l]) => l.split(','));
	const cents = used.map((f) => Math.round(Number(f[3]) * 100));
	const usedAts = used.map((f) => f[2]).sort();
	assertSame(
		'dirty',
		{
			rowsRead: DIRTY.length,
			reasons: Object.fromEntries(Object.keys(DIRTY_EXPECTED.reasons).map((k) => [k, reasons[k]])),
			used: {
				rows: used.length,
				customers: new Set(used.map((f) => f[1])).size,
				orders: new Set(used.map((f) => f[0])).size,
				totalCents: cents.reduce((a, c) => a + c, 0),
				grossCents: cents.reduce((a, c) => a + Math.max(c, 0), 0)
			},
			minAt: usedAts[0],
			maxAt: usedAts[usedAts.length - 1]
		},
		DIRTY_EXPECTED
	);

	assertSame(
		'whitespace',
		{
			rows: CDNOW.length,
			customers: new Set(CDNOW.map((r) => r[0])).size,
			quantity: CDNOW.reduce((a, r) => a + r[2], 0),
			totalCents: CDNOW.reduce((a, r) => a + r[3], 0)
		},
		CDNOW_EXPECTED
	);
}

function readme(): string {
	const e = EXPECTED;
	const d = DIRTY_EXPECTED;
	const facts = `${e.rows} | ${e.customers} | ${e.orders} | ${grouped(e.totalCents)}`;
	const family: [string, string, string][] = [
		['orders.csv', '2024-01-05 10:30:00', '2024-11-11 23:59:00'],
		['orders-gbk.csv', '2024-01-05', '2024-11-11'],
		['orders-semicolon.csv', '2024-01-05', '2024-11-11'],
		['orders-utf16.csv', '2024-01-05 10:30', '2024-11-11 23:59'],
		['orders.csv.gz', '2024-01-05 10:30:00', '2024-11-11 23:59:00'],
		['orders.parquet', '2024-01-05 10:30:00', '2024-11-11 23:59:00'],
		['orders.json', '2024-01-05T10:30:00', '2024-11-11T23:59:00'],
		['orders.ndjson', '2024-01-05T10:30:00', '2024-11-11T23:59:00'],
		['orders.xlsx (sheet `Orders`)', '2024-01-05 10:30:00', '2024-11-11 23:59:00']
	];
	const txnRows = TXNS.map((t) => {
		const cells = [t.orderId, `\`${t.customerId}\``, t.at, plain(t.cents), t.productId, channel(t)];
		return `| ${cells.join(' | ')} |`;
	});
	const custRows = e.perCustomer.map(([id, o, c]) => `| \`${id}\` | ${o} | ${grouped(c)} |`);
	const dropped = d.rowsRead - d.used.rows;
	const refunds = grouped(d.used.totalCents - d.used.grossCents);
	const [net, gross] = [grouped(d.used.totalCents), grouped(d.used.grossCents)];
	const w = CDNOW_EXPECTED;
	return `# Test fixtures

Generated by \`npm run fixtures\` (\`scripts/make-fixtures.ts\`); do not edit by hand. Every run
writes the same bytes in any time zone (fixed zip and gzip time stamps, seeded random bytes).
The facts below were worked out by hand; the script stops if the data disagrees with them.

## The 12 logical transactions

Every \`orders*\` file holds the same 12 order lines (2024, wall-clock times, no zone):

| order | customer | date | amount | product | channel |
|---|---|---|---:|---|---|
${txnRows.join('\n')}

- \`00123\` and \`123\` are **different customers**: a reader that casts ids to numbers merges
  them and finds 4 customers instead of 5.
- One refund line: O1003, \`C0042\`, 2024-02-10 12:00, -120.00, same order id as the sale it
  refunds, so it adds no order. O1001 and O1006 have two lines each.
- Gross sales ${grouped(e.grossCents)}, refunds -120.00, **net ${grouped(e.totalCents)}**.

| customer | orders | net amount |
|---|---:|---:|
${custRows.join('\n')}

| fixture | rows | customers | orders | net amount | min date | max date |
|---|---:|---:|---:|---:|---|---|
${family.map(([f, lo, hi]) => `| ${f} | ${facts} | ${lo} | ${hi} |`).join('\n')}

How each file writes them:

- **orders.csv**: UTF-8, \`,\`, LF, header \`${HEADER.join(',')}\`,
  dates \`2024-01-05 10:30:00\`, amounts \`1234.50\` / \`-120.00\`, channel \`online\` / \`store\`.
- **orders-gbk.csv**: GBK, \`,\`, CRLF, header \`订单号,客户ID,下单时间,实付金额,商品编码,渠道\`,
  dates \`2024年1月5日\` (no time), amounts \`"￥1,234.50"\` / \`-￥120.00\` (quoted when
  they hold a comma), channel \`线上\` / \`门店\`. The sign is the full-width \`￥\` (U+FFE5,
  GBK bytes A3 A4): GBK cannot encode the half-width \`¥\` (U+00A5).
- **orders-semicolon.csv**: UTF-8 with BOM, \`;\`, LF, header
  \`Bestellnummer;Kunde;Datum;Betrag;Artikel;Kanal\`, dates \`D/M/YYYY\` without time (\`17/1/2024\`
  decides day-first), amounts \`1.234,50\` / \`-120,00\`, channel \`Online\` / \`Filiale\`.
- **orders-utf16.csv**: UTF-16LE with BOM, tab, CRLF, header \`Order ID\`, \`Customer ID\`,
  \`Order Date\`, \`Sales\`, \`Product\`, \`Channel\`, dates \`M/D/YYYY H:MM\`
  (\`1/17/2024 14:05\` decides month-first), amounts \`$1,234.50\`, the refund as \`($120.00)\`,
  channel \`Online\` / \`Store\`.
- **orders.csv.gz**: gzip of orders.csv (header time stamp 2024-01-01 00:00:00 UTC).
- **orders.parquet**: hyparquet-writer, one row group, snappy. \`order_id\`, \`customer_id\`,
  \`product_id\`, \`channel\` are UTF8 strings, \`order_date\` is INT64 TIMESTAMP(MILLIS,
  isAdjustedToUTC = false) holding the wall-clock times above, \`amount\` is DOUBLE.
- **orders.json** (an array of objects) and **orders.ndjson** (one object per line): the keys of
  orders.csv, \`amount\` a JSON number, \`order_date\` a string \`2024-01-05T10:30:00\`,
  \`customer_id\` a string.
- **orders.xlsx**: two sheets. \`说明\` comes first and holds two text notes in A1:A2; \`Orders\`
  holds the header and the 12 rows. Ids are shared strings (\`00123\` keeps its zeros), dates are
  serial numbers with format \`yyyy-mm-dd hh:mm:ss\` (45296.4375 = 2024-01-05 10:30), amounts are
  numbers with format \`#,##0.00\`. Serials are binary fractions: read-excel-file returns 09:15,
  08:30 and 23:59 as \`…:59.999\`, so a reader must round converted times to the second.

## dirty.csv

Header of orders.csv, ${d.rowsRead} data rows, each with at most one problem. Reason keys
are those of \`src/ingest/reasons.ts\`.

| reason | rows | which |
|---|---:|---|
| clean | ${d.reasons.clean} | D01–D08 sale lines |
| refund | ${d.reasons.refund} | D02 -50.50, D05 -110.00 (same order ids as the sales) |
| missing_customer | ${d.reasons.missing_customer} | D09 and D11 empty, D10 \`NA\` |
| bad_date | ${d.reasons.bad_date} | \`not a date\`, \`unknown\` |
| bad_amount | ${d.reasons.bad_amount} | \`abc\`, \`12.3.4\` |
| duplicate | ${d.reasons.duplicate} | second copies of the D01 and D07 lines (firsts are clean) |
| future_date | ${d.reasons.future_date} | 2099-06-01 |

- **Refunds netted (they count as used): rows read ${d.rowsRead}, used ${d.used.rows}, set aside
  ${dropped}.**
  Used rows: ${d.used.customers} customers (K001–K005), ${d.used.orders} orders (D01–D08),
  net ${net} (gross ${gross}, refunds ${refunds}),
  dates ${d.minAt} to ${d.maxAt}.
- Refunds set aside instead: used ${d.used.rows - d.reasons.refund}, set aside
  ${dropped + d.reasons.refund}, total ${gross}.

## whitespace.txt

CDNOW layout: no header, CRLF, a leading space, fields split by runs of spaces, columns
\`customer date quantity amount\`, zero-padded ids, \`YYYYMMDD\` dates, no order ids (each line is
one purchase). ${w.rows} rows, ${w.customers} customers (\`00001\`–\`00005\`),
quantity ${w.quantity}, total ${grouped(w.totalCents)}, dates 2024-01-05 to 2024-04-20.

## Files that must be refused

| fixture | what it is | expected |
|---|---|---|
| empty.csv | 0 bytes | a clear error, no table |
| header-only.csv | the header line of orders.csv, nothing else | a clear error or 0 rows read |
| binary.csv | 2048 seeded random bytes, a NUL at 7 and every 64 bytes on | refused as not text |
| no-customer.csv | \`colour,size,weight\` and 4 rows | no customer id or date column found |
| truncated.parquet | the first 60 % of orders.parquet (no footer) | refused as unreadable Parquet |
`;
}

async function selfCheck(xlsxBytes: Uint8Array, parquetBytes: Uint8Array): Promise<void> {
	const sheets = await readXlsxFile(Buffer.from(xlsxBytes));
	console.log('xlsx sheets:', sheets.map((x) => x.sheet).join(', '));
	const data = sheets.find((x) => x.sheet === 'Orders')?.data ?? [];
	for (const row of data) {
		console.log('  ' + row.map((c) => (c instanceof Date ? c.toISOString() : c)).join(' | '));
	}
	if (data.length !== 13 || data[1][1] !== '00123' || !(data[1][2] instanceof Date)) {
		throw new Error('orders.xlsx did not read back as written');
	}
	const rows = await parquetReadObjects({ file: parquetBytes.slice().buffer });
	console.log('parquet:', rows.length, 'rows; first', rows[0]);
	if (rows.length !== 12 || rows[0].customer_id !== '00123') throw new Error('bad parquet');
}

async function main(): Promise<void> {
	checkFacts();
	mkdirSync(OUT, { recursive: true });
	const csv = plainCsv();
	const parquetBytes = parquet();
	const xlsxBytes = xlsx();
	const files: Record<string, string | Uint8Array> = {
		'orders.csv': csv,
		'orders-gbk.csv': gbkCsv(),
		'orders-semicolon.csv': semicolonCsv(),
		'orders-utf16.csv': utf16Csv(),
		'orders.csv.gz': gzipSync(strToU8(csv), { level: 9, mtime: GZIP_TIME }),
		'orders.parquet': parquetBytes,
		'orders.json': `[\n${TXNS.map((t) => '\t' + JSON.stringify(jsonRow(t))).join(',\n')}\n]\n`,
		'orders.ndjson': TXNS.map((t) => JSON.stringify(jsonRow(t)) + '\n').join(''),
		'orders.xlsx': xlsxBytes,
		'dirty.csv': lines([HEADER, ...DIRTY.map(([, l]) => [l])], ',', '\n'),
		'whitespace.txt': whitespaceTxt(),
		'empty.csv': '',
		'header-only.csv': lines([HEADER], ',', '\n'),
		'binary.csv': binaryBytes(),
		'no-customer.csv': 'colour,size,weight\nred,M,1.2\nblue,L,0.8\ngreen,S,2.5\nblack,XL,3.1\n',
		'truncated.parquet': parquetBytes.slice(0, Math.floor(parquetBytes.length * 0.6)),
		'README.md': readme()
	};
	for (const [name, content] of Object.entries(files)) {
		writeFileSync(`${OUT}/${name}`, content);
		const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
		console.log(`${name.padEnd(22)} ${String(bytes).padStart(6)} bytes`);
	}
	console.log(
		`orders*: ${EXPECTED.rows} rows, ${EXPECTED.customers} customers, ${EXPECTED.orders} orders,`,
		`net ${grouped(EXPECTED.totalCents)}, ${EXPECTED.minAt} .. ${EXPECTED.maxAt}`
	);
	await selfCheck(xlsxBytes, parquetBytes);
}

await main();
