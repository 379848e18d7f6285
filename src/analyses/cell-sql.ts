/** The SQL around every cell: keep its result as a table, count it, page through it. */
import { ident, lit, raw, sql, type Sql } from '../sql/sql';

/**
 * SQL the person typed into a cell. It runs as written, with the engine's own limits (no
 * network, no files outside the upload, no extensions); it is never spliced into our templates.
 */
export function typedSql(text: string): Sql {
	const trimmed = text.trim().replace(/;+\s*$/, '');
	if (trimmed === '') throw new Error('The cell has no SQL: write a SELECT query.');
	return raw(trimmed);
}

/** Keeps a cell's result under its table name. */
export function createResultTable(table: string, query: Sql): Sql {
	return sql`CREATE OR REPLACE TABLE ${ident(table)} AS ${query}`;
}

/** The number of rows of a result table. */
export function countRows(table: string): Sql {
	return sql`SELECT count(*) AS n FROM ${ident(table)}`;
}

/** One page of a result table, optionally sorted by one of its columns. */
export function pageQuery(
	table: string,
	offset: number,
	limit: number,
	sort: { column: string; descending: boolean } | null
): Sql {
	const order = sort
		? sql` ORDER BY ${ident(sort.column)} ${raw(sort.descending ? 'DESC' : 'ASC')} NULLS LAST`
		: raw('');
	return sql`SELECT * FROM ${ident(table)}${order} LIMIT ${lit(Math.max(1, Math.floor(limit)))} OFFSET ${lit(Math.max(0, Math.floor(offset)))}`;
}

/** Every row of a result table, for export. */
export function wholeTable(table: string): Sql {
	return sql`SELECT * FROM ${ident(table)}`;
}

/** A result table as a quoted name, for chart queries. */
export function tableRef(table: string): Sql {
	return ident(table);
}

/** Every transaction of one customer, for a drill-down from a result row. */
export function customerTransactions(customerId: string): Sql {
	return sql`SELECT * FROM transactions WHERE customer_id = ${lit(customerId)} ORDER BY order_ts`;
}
