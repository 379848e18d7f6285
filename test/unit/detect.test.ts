import { describe, expect, it } from 'vitest';
import { show } from '../../src/i18n/t';
import {
	decideDayMonth,
	guessDateFormat,
	guessDecimalSeparator,
	guessIdFormat,
	parseNumber
} from '../../src/ingest/detect-formats';
import { guessMapping } from '../../src/ingest/detect-roles';
import { MappingError, parseMapping } from '../../src/ingest/mapping';
import { sniffEncoding, isWhitespaceAligned } from '../../src/engine/readers/encoding';
import { detectFormat } from '../../src/engine/source-format';

describe('date formats', () => {
	it.each([
		[['2024-01-05', '2024-02-10 12:00:00'], 'iso'],
		[['2024-01-05T10:30:00Z', '2024-01-06T10:30:00+08:00'], 'iso'],
		[['2024/1/5', '2024/12/31 8:05'], 'ymd'],
		[['2024年1月5日', '2024年11月11日 23:59'], 'cjk'],
		[['19970101', '19970118'], 'yyyymmdd'],
		[['45296.4375', '45300'], 'excel-serial'],
		[['1704412800', '1704499200'], 'unix-seconds'],
		[['1704412800000'], 'unix-millis']
	] as const)('reads %j as %s', (values, format) => {
		expect(guessDateFormat([...values])?.format).toBe(format);
	});

	it('decides day/month order from a part above 12, and says when it cannot', () => {
		expect(decideDayMonth(['17/1/2024', '5/2/2024'])).toEqual({ format: 'dmy', ambiguous: false });
		expect(decideDayMonth(['1/17/2024 14:05', '5/2/2024'])).toEqual({
			format: 'mdy',
			ambiguous: false
		});
		expect(decideDayMonth(['1/2/2024', '3/4/2024'])).toEqual({ format: 'dmy', ambiguous: true });
		expect(guessDateFormat(['1/2/2024', '3/4/2024'])?.ambiguous).toBe(true);
	});

	it('does not take ids or amounts for dates', () => {
		expect(guessDateFormat(['00123', '123', 'C0042'])).toBeNull();
		expect(guessDateFormat(['12.50', '1234.5'])).toBeNull();
		expect(guessDateFormat(['1', '2', '3'])).toBeNull();
	});
});

describe('numbers', () => {
	it.each([
		['1234.50', '.', 1234.5],
		['1,234.50', '.', 1234.5],
		['￥1,234.50', '.', 1234.5],
		['¥ 99', '.', 99],
		['$1,234.50', '.', 1234.5],
		['€12', '.', 12],
		['£3.20', '.', 3.2],
		['(12.50)', '.', -12.5],
		['($120.00)', '.', -120],
		['-￥120.00', '.', -120],
		['1.234,50', ',', 1234.5],
		['-120,00', ',', -120],
		['12,5', ',', 12.5],
		['abc', '.', null],
		['12.3.4', '.', null],
		['', '.', null]
	] as const)('parses %j with %j as decimal mark', (text, decimal, expected) => {
		expect(parseNumber(text, decimal)).toBe(expected);
	});

	it('finds a decimal comma', () => {
		expect(guessDecimalSeparator(['1.234,50', '89,90', '-120,00'])).toBe(',');
		expect(guessDecimalSeparator(['1,234.50', '89.90', '-120.00'])).toBe('.');
		expect(guessDecimalSeparator(['12', '30'])).toBe('.');
	});

	it('strips .0 only when every id is a float-written integer', () => {
		expect(guessIdFormat(['17850.0', '12346.0', ''])).toBe('float-integer');
		expect(guessIdFormat(['17850.0', '12346'])).toBe('text');
		expect(guessIdFormat(['00123', '123'])).toBe('text');
	});
});

describe('column roles', () => {
	const rows = (...r: string[][]) => r;

	it('recognises English headers', () => {
		const g = guessMapping(
			[
				'InvoiceNo',
				'StockCode',
				'Description',
				'Quantity',
				'InvoiceDate',
				'UnitPrice',
				'CustomerID',
				'Country'
			],
			rows([
				'536365',
				'85123A',
				'WHITE HEART',
				'6',
				'2010-12-01 08:26:00',
				'2.55',
				'17850.0',
				'United Kingdom'
			])
		);
		expect(g.draft).toMatchObject({
			customerId: 'CustomerID',
			orderDate: 'InvoiceDate',
			amount: null,
			quantity: 'Quantity',
			unitPrice: 'UnitPrice',
			orderId: 'InvoiceNo',
			productId: 'StockCode',
			attributes: ['Description', 'Country'],
			customerIdFormat: 'float-integer',
			dropDuplicates: true
		});
		expect(g.notes).toEqual([]);
	});

	it('recognises Chinese headers', () => {
		const g = guessMapping(
			['订单号', '会员编号', '付款时间', '实付金额', '商品编码', '渠道'],
			rows(['O1', '00123', '2024年1月5日', '￥1,234.50', 'P-1', '线上'])
		);
		expect(g.draft).toMatchObject({
			customerId: '会员编号',
			orderDate: '付款时间',
			amount: '实付金额',
			orderId: '订单号',
			productId: '商品编码',
			attributes: ['渠道'],
			dateFormat: 'cjk'
		});
	});

	it('maps a file without a header from its values (CDNOW layout)', () => {
		const g = guessMapping(
			['column0', 'column1', 'column2', 'column3', 'column4'],
			rows(
				['00004', '0001', '19970101', '2', '29.33'],
				['00004', '0001', '19970118', '2', '29.73'],
				['00018', '0002', '19970102', '2', '26.48']
			)
		);
		expect(g.draft).toMatchObject({
			customerId: 'column0',
			orderDate: 'column2',
			amount: 'column4',
			dateFormat: 'yyyymmdd',
			dropDuplicates: false
		});
	});

	it('says what is missing when nothing fits', () => {
		const g = guessMapping(
			['colour', 'size', 'weight'],
			rows(['red', 'M', '1.5'], ['blue', 'L', '2'])
		);
		expect(g.draft.orderDate).toBeNull();
		expect(g.notes.map((n) => show(n)).join(' ')).toMatch(/order date/);
	});
});

describe('parseMapping', () => {
	const columns = ['id', 'date', 'amount', 'qty', 'price'];
	const valid = { customerId: 'id', orderDate: 'date', amount: 'amount', dateFormat: 'iso' };

	it('accepts a valid mapping and fills defaults', () => {
		expect(parseMapping(valid, columns)).toMatchObject({
			refunds: 'net',
			decimalSeparator: '.',
			attributes: []
		});
	});

	it.each([
		[{ ...valid, customerId: 'nope' }, 'customerId'],
		[{ ...valid, customerId: undefined }, 'customerId'],
		[{ ...valid, amount: null }, 'amount'],
		[{ ...valid, dateFormat: 'klingon' }, 'dateFormat'],
		[{ ...valid, orderDate: 'id' }, 'orderDate'],
		[{ ...valid, extra: 1 }, 'extra'],
		[{ ...valid, attributes: ['"; DROP TABLE t'] }, 'attributes']
	])('rejects %j naming %s', (input, field) => {
		try {
			parseMapping(input, columns);
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(MappingError);
			expect((e as MappingError).field).toBe(field);
		}
	});

	it('accepts quantity × unit price instead of an amount', () => {
		expect(
			parseMapping({ ...valid, amount: null, quantity: 'qty', unitPrice: 'price' }, columns).amount
		).toBeNull();
	});
});

describe('file sniffing', () => {
	const bytes = (...b: number[]) => new Uint8Array(b);
	it('reads byte-order marks and UTF-16 without one', () => {
		expect(sniffEncoding(bytes(0xef, 0xbb, 0xbf, 0x61))).toMatchObject({
			encoding: 'utf-8',
			bomLength: 3
		});
		expect(sniffEncoding(bytes(0xff, 0xfe, 0x61, 0))).toMatchObject({ encoding: 'utf-16le' });
		expect(
			sniffEncoding(new Uint8Array([...'id,date\n'].flatMap((ch) => [ch.charCodeAt(0), 0])))
		).toMatchObject({
			encoding: 'utf-16le'
		});
	});

	it('tells GB18030 from UTF-8, and refuses binary', () => {
		const gbk = bytes(0xbf, 0xcd, 0xbb, 0xa7, 0x49, 0x44, 0x2c, 0xbd, 0xf0, 0xb6, 0xee); // 客户ID,金额
		expect(sniffEncoding(gbk)).toMatchObject({ encoding: 'gb18030' });
		expect(sniffEncoding(new TextEncoder().encode('客户ID,金额\n'))).toMatchObject({
			encoding: 'utf-8'
		});
		let seed = 7;
		const noise = Uint8Array.from(
			{ length: 512 },
			() => (seed = (seed * 1103515245 + 12345) % 2 ** 31) >> 23
		);
		expect(sniffEncoding(noise)).toMatchObject({ kind: 'binary' });
	});

	it('spots whitespace-aligned columns', () => {
		expect(
			isWhitespaceAligned(' 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n')
		).toBe(true);
		expect(isWhitespaceAligned('a,b\n1,2\n')).toBe(false);
	});

	it('decides the format from magic bytes before the name', () => {
		expect(detectFormat('x.csv', bytes(0x50, 0x41, 0x52, 0x31))).toEqual({
			format: 'parquet',
			gzip: false
		});
		expect(detectFormat('x.bin', bytes(0x50, 0x4b, 0x03, 0x04))).toEqual({
			format: 'xlsx',
			gzip: false
		});
		expect(detectFormat('x.csv.gz', bytes(0x1f, 0x8b, 8, 0))).toEqual({
			format: 'csv',
			gzip: true
		});
		expect(detectFormat('x.ndjson', bytes(0x7b, 0x22))).toEqual({ format: 'ndjson', gzip: false });
	});
});
