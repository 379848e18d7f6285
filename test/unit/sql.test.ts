import { describe, expect, it } from 'vitest';
import { dateLit, ident, join, lit, raw, sql, timestampLit } from '../../src/sql/sql';

describe('ident', () => {
	it.each([
		['plain', 'amount', '"amount"'],
		['double quote', 'a"b', '"a""b"'],
		['semicolon and comment', 'x; DROP TABLE t; --', '"x; DROP TABLE t; --"'],
		['newline', 'a\nb', '"a\nb"'],
		['Chinese', '实付金额', '"实付金额"']
	])('quotes %s', (_case, name, expected) => {
		expect(ident(name).text).toBe(expected);
	});

	it('rejects empty names and NUL', () => {
		expect(() => ident('')).toThrow();
		expect(() => ident('a\u0000b')).toThrow();
	});
});

describe('lit', () => {
	it.each([
		["it's", "'it''s'"],
		["'; DROP TABLE t; --", "'''; DROP TABLE t; --'"],
		['back\\slash', "'back\\slash'"],
		['', "''"]
	])('escapes the string %j', (value, expected) => {
		expect(lit(value).text).toBe(expected);
	});

	it('writes numbers, booleans, null and dates', () => {
		expect(lit(12.5).text).toBe('12.5');
		expect(lit(-3).text).toBe('-3');
		expect(lit(true).text).toBe('TRUE');
		expect(lit(null).text).toBe('NULL');
		expect(lit(new Date(Date.UTC(2024, 0, 5, 10, 30))).text).toBe(
			"TIMESTAMP '2024-01-05 10:30:00.000'"
		);
	});

	it('refuses values that are not finite or not plain', () => {
		expect(() => lit(Number.NaN)).toThrow();
		expect(() => lit(Number.POSITIVE_INFINITY)).toThrow();
		expect(() => lit({} as never)).toThrow();
		expect(() => lit(new Date('nope'))).toThrow();
	});

	it('checks date and timestamp literals', () => {
		expect(dateLit('2024-01-05').text).toBe("DATE '2024-01-05'");
		expect(() => dateLit("2024-01-05'; --")).toThrow();
		expect(timestampLit('2024-01-05T10:30:00').text).toBe("TIMESTAMP '2024-01-05 10:30:00'");
		expect(() => timestampLit('yesterday')).toThrow();
	});
});

describe('sql tag', () => {
	it('splices fragments and joins arrays with commas', () => {
		const q = sql`SELECT ${[ident('a'), ident('b')]} FROM ${ident('t')} WHERE x = ${lit("o'k")}`;
		expect(q.text).toBe(`SELECT "a", "b" FROM "t" WHERE x = 'o''k'`);
		expect(join([raw('1'), raw('2')], raw(' + ')).text).toBe('1 + 2');
	});

	it('refuses a plain string at run time as well as at compile time', () => {
		const user = 'x; DROP TABLE t' as unknown as ReturnType<typeof raw>;
		expect(() => sql`SELECT ${user}`).toThrow(TypeError);
	});
});
