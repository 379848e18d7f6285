/**
 * The second opinion on a CSV file's shape (src/engine/readers/csv-shape.ts), the line-ending
 * check, and the finder of Excel formulas saved without results: pure functions, no engine.
 */
import { describe, expect, it } from 'vitest';
import { csvShape, loneCrAs } from '../../src/engine/readers/csv-shape';
import { isWhitespaceAligned } from '../../src/engine/readers/encoding';
import { decodeToUtf8, evenLineEnds } from '../../src/engine/readers/text';
import { uncalculatedCells } from '../../src/engine/readers/xlsx-formulas';

const rows = (n: number, sep = ',') =>
	Array.from({ length: n }, (_, i) => [`O${i}`, `C${i % 3}`, '2024-01-05', '1.50'].join(sep));

describe('csvShape', () => {
	it('finds the width most lines share, and the header above them', () => {
		const text =
			['order,customer,date,amount', ...rows(20), 'X1,C1,2024-01-05', ...rows(5)].join('\n') + '\n';
		expect(csvShape(text, true)).toEqual({
			kind: 'table',
			delimiter: ',',
			quote: '"',
			fields: 4,
			skip: 0,
			header: true,
			names: ['order', 'customer', 'date', 'amount'],
			records: 27,
			consistent: 26
		});
	});

	it('prefers the delimiter most lines agree on over an appended export', () => {
		const text = ['a,b,c,d', ...rows(30), ...rows(10, ';')].join('\n') + '\n';
		expect(csvShape(text, true)).toMatchObject({
			kind: 'table',
			delimiter: ',',
			fields: 4,
			consistent: 31
		});
	});

	it('counts a quoted delimiter and a quoted line break as part of a field', () => {
		const text = 'a,b,note\n1,2,"x, y"\n3,4,"two\nlines"\n5,6,"say ""hi"""\n';
		expect(csvShape(text, true)).toMatchObject({
			kind: 'table',
			fields: 3,
			records: 4,
			consistent: 4
		});
	});

	it('does not judge the last line of a cut head, nor a quote left open at the end', () => {
		expect(csvShape('a,b,c\n1,2,3\n4,5,6\n7,8', false)).toMatchObject({
			records: 3,
			consistent: 3
		});
		expect(csvShape('a,b,c\n1,2,3\n4,5,6\n7,8,"open\n', true)).toMatchObject({
			records: 3,
			consistent: 3
		});
	});

	it('reads a first line of numbers and dates as data, not a header', () => {
		const shape = csvShape(
			rows(5)
				.map((l) => l.replace(/^O/, ''))
				.join('\n'),
			true
		);
		expect(shape).toMatchObject({
			kind: 'table',
			header: false,
			names: ['column0', 'column1', 'column2', 'column3']
		});
	});

	it('says ragged when no width is shared by half the lines, and unknown for too few lines', () => {
		const staircase = Array.from({ length: 8 }, (_, i) =>
			Array.from({ length: i + 1 }, () => 'v').join(',')
		).join('\n');
		expect(csvShape(staircase, true)).toEqual({ kind: 'ragged', records: 8, fewest: 1, most: 8 });
		expect(csvShape('a,b\n1,2\n', true)).toEqual({ kind: 'unknown' });
		expect(csvShape('just\nwords\nhere\n', true)).toEqual({ kind: 'unknown' });
	});

	it('without quoting (aligned columns), reads a quote as part of a value', () => {
		const text = 'a\tb\tc\n1\t"x\t3\n4\t5\t6\n7\t8\n';
		expect(csvShape(text, true, null)).toMatchObject({
			kind: 'table',
			quote: null,
			fields: 3,
			records: 4,
			consistent: 3
		});
	});

	it('in a CRLF file, keeps a lone CR inside its field', () => {
		const text = ['a,b,c', '1,2,3', '4,call\rback,6', '7,8,9'].join('\r\n') + '\r\n';
		expect(csvShape(text, true)).toMatchObject({ fields: 3, records: 4, consistent: 4 });
	});
});

describe('line endings', () => {
	it('leaves files whose lines all end alike, and CRs inside quotes', () => {
		expect(loneCrAs('a,b\r\n1,2\r\n')).toBeNull();
		expect(loneCrAs('a,b\n1,2\n')).toBeNull();
		expect(loneCrAs('a,b\r1,2\r')).toBeNull();
		expect(loneCrAs('a,b\r\n1,"x\ny"\r\n2,3\r\n')).toBeNull();
	});

	it('turns a CR inside a CRLF line into a space, and CRs of an old Mac file into line breaks', () => {
		expect(loneCrAs('a,b\r\n1,x\ry\r\n2,3\r\n')).toBe(' ');
		expect(loneCrAs('a,b\r\n1,2\r\n3,4\n5,6\n')).toBe(' ');
		expect(loneCrAs('a,b\r1,2\r3,4\r5,6\r\n')).toBe('\n');
		expect(evenLineEnds('a,b\r\n1,x\ry\r\n2,3\n', true, ' ').out).toBe('a,b\n1,x y\n2,3\n');
	});

	it('keeps a CR that ends a chunk until the next chunk says whether an LF follows', () => {
		expect(evenLineEnds('a,b\r\n1,2\r', false, ' ')).toEqual({ out: 'a,b\n1,2', rest: '\r' });
		expect(evenLineEnds('a,b\r', true, ' ')).toEqual({ out: 'a,b ', rest: '' });
	});
});

describe('whitespace-aligned columns', () => {
	const lines = [
		'00001 19970101  1  11.77',
		'00002 19970112  2  89.00',
		'00003 19970102  1  20.76'
	];

	it('are found and turned into tabs whatever the lines end with (an old Mac CR included)', async () => {
		for (const end of ['\n', '\r\n', '\r']) {
			const text = lines.join(end) + end;
			expect(isWhitespaceAligned(text), JSON.stringify(end)).toBe(true);
			const bytes = await decodeToUtf8(
				new Blob([text]),
				{ encoding: 'utf-8', gzip: false, aligned: true },
				() => {}
			);
			expect(new TextDecoder().decode(bytes), JSON.stringify(end)).toBe(
				lines.map((l) => l.split(/\s+/).join('\t')).join('\n') + '\n'
			);
		}
	});
});

describe('uncalculatedCells', () => {
	it('counts formula cells without a stored value and names the first', () => {
		const xml =
			'<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"/><c r="C1"><f>1+1</f><v>2</v></c></row>' +
			'<row r="2"><c r="A2"><f>ROUND(1.5,0)</f></c><x:c r="B2" t="str"><x:f>A1&amp;"x"</x:f></x:c><c r="C2"><f t="shared" si="0"/><v>3</v></c></row></sheetData>';
		expect(uncalculatedCells(xml)).toEqual({ count: 2, example: 'A2' });
	});

	it('finds nothing in a sheet without formulas, or with every result stored', () => {
		expect(uncalculatedCells('<row><c r="A1"><v>1</v></c></row>')).toBeNull();
		expect(uncalculatedCells('<row><c r="A1"><f>1</f><v>1</v></c><cols/></row>')).toBeNull();
	});
});
