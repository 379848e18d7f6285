/**
 * CSV downloads opened in a spreadsheet (issue #27): a text cell must never become a formula,
 * also where a spreadsheet that splits on `;` (Excel in most of Europe), `,`, tab or a line break
 * starts a new cell in the middle of our field. Typed numbers stay plain numbers.
 */
import { Float64, Int64, Table, Utf8, makeVector, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { csvCell, tableToCsv } from '../../src/lib/csv';

describe('csvCell', () => {
	it.each([
		// A formula right after a separator: an apostrophe before it, and the field quoted.
		['after ;', 'a;=1+2', `"a;'=1+2"`],
		['after ,', 'a,=1+2', `"a,'=1+2"`],
		['after a tab', 'a\t=1+2', `"a\t'=1+2"`],
		['after CR', 'a\r=1+2', `"a\r'=1+2"`],
		['after LF', 'a\n@SUM(A1)', `"a\n'@SUM(A1)"`],
		['after CRLF', 'a\r\n+1', `"a\r\n'+1"`],
		['a minus after ;', 'a;-1+2', `"a;'-1+2"`],
		['a number after ;', 'x;-2', `"x;'-2"`],
		['DDE after ;', "a;=cmd|' /C calc'!A0", `"a;'=cmd|' /C calc'!A0"`],
		['every part', 'a;=1;b,+2', `"a;'=1;b,'+2"`],
		['behind a quote', 'a;"=1+2"', `"a;'""=1+2"""`],
		['full-width equals after ;', 'a;＝1+2', `"a;'＝1+2"`],
		['full-width plus after ,', 'a,＋1', `"a,'＋1"`],
		['full-width minus after ;', 'a;－1', `"a;'－1"`],
		['full-width at after ;', 'a;＠SUM(A1)', `"a;'＠SUM(A1)"`],
		// At the start of the field, as before.
		['= at the start', '=1+2', `'=1+2`],
		['@ at the start', '@SUM(A1)', `'@SUM(A1)`],
		['full-width = at the start', '＝1+2', `'＝1+2`],
		['a tab at the start', '\t=1', `"'\t'=1"`],
		['a formula and ; at the start', '=1;x', `"'=1;x"`],
		// Harmless text: quoted when it holds a separator, never prefixed.
		['; alone', 'a;b', '"a;b"'],
		['a space before =', 'a; =1', '"a; =1"'],
		['a tab alone', 'a\tb', '"a\tb"'],
		['a double quote', 'say "hi"', '"say ""hi"""'],
		['plain text', 'Call them this week', 'Call them this week'],
		['a number as text', '-12.5', '-12.5'],
		['an E.164 phone', '+8613800138000', '+8613800138000'],
		['an empty string', '', '']
	])('%s: %j', (_case, value, expected) => {
		expect(csvCell(value)).toBe(expected);
	});

	it.each([
		[-12.5, '-12.5'],
		[-3n, '-3'],
		[0, '0'],
		[true, 'true']
	])('writes the typed value %s as it is', (value, expected) => {
		expect(csvCell(value)).toBe(expected);
	});
});

describe('tableToCsv', () => {
	it('keeps typed negative numbers plain and neutralises text after a separator', () => {
		const table = new Table({
			'a;=1': makeVector(Float64Array.from([-12.5, 3])),
			n: vectorFromArray([-7n, 8n], new Int64()),
			x: vectorFromArray(['a;=1+2', '-4'], new Utf8()),
			d: vectorFromArray([-0.5, null], new Float64())
		});
		expect(tableToCsv(table)).toBe(`"a;'=1",n,x,d\r\n-12.5,-7,"a;'=1+2",-0.5\r\n3,8,-4,\r\n`);
	});
});
