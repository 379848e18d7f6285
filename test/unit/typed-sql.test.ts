import { describe, expect, it } from 'vitest';
import { RefusedSqlError, typedSql } from '../../src/analyses/cell-sql';

describe('SQL typed into a cell', () => {
	it.each([
		['SELECT * FROM rfm', 'SELECT * FROM rfm'],
		['  with x AS (SELECT 1) SELECT * FROM x ;  ', 'with x AS (SELECT 1) SELECT * FROM x'],
		[
			'SELECT \'a;b\' AS s, "x;y" FROM t -- trailing; comment',
			'SELECT \'a;b\' AS s, "x;y" FROM t -- trailing; comment'
		],
		['FROM transactions LIMIT 5', 'FROM transactions LIMIT 5']
	])('runs the query %j as written, as the one subquery of a SELECT', (input, expected) => {
		expect(typedSql(input).text).toBe(`SELECT * FROM (\n${expected}\n)`);
	});

	it.each([
		['', /no SQL/],
		['INSTALL httpfs', /INSTALL is not allowed.*offline/],
		['load parquet', /LOAD is not allowed/],
		["ATTACH 'x.db'", /ATTACH is not allowed/],
		["COPY (SELECT 1) TO 'https://example.com/x.csv'", /COPY is not allowed/],
		["SELECT * FROM read_csv('https://example.com/x.csv')", /internet address/],
		["SELECT * FROM 's3://bucket/x.parquet'", /internet address/],
		['SELECT 1; DROP TABLE transactions', /one query/],
		["SELECT $$'$$ AS a; CREATE MACRO date_diff(p, a, b) AS 0; SELECT $$'$$ AS b", /one query/],
		["SELECT E'\\'' AS a; COPY (SELECT 1) TO 'uploads/x.csv'; SELECT 1", /one query/],
		["/* a */ -- b\n COPY (SELECT 1) TO 'x.csv'", /COPY is not allowed/],
		['DROP TABLE transactions', /DROP statements are not run/],
		['SET enable_external_access = true', /SET is not allowed/]
	])('refuses %j with a clear message', (input, message) => {
		expect(() => typedSql(input)).toThrow(RefusedSqlError);
		expect(() => typedSql(input)).toThrow(message);
	});
});
