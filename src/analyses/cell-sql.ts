/** The SQL around every cell: keep its result as a table, count it, page through it. */
import type { MessageKey } from '../i18n/catalogue';
import { LocalisedError } from '../i18n/errors';
import type { MessageParams } from '../i18n/t';
import { ident, lit, raw, sql, type Sql } from '../sql/sql';
import { firstWord, QUERY_WORDS, shownStatements } from './sql-statements';

/** Thrown for SQL a cell may not run; the message says why and what to do instead. */
export class RefusedSqlError extends LocalisedError {
	constructor(key: MessageKey, params?: MessageParams) {
		super(key, params);
		this.name = 'RefusedSqlError';
	}
}

/**
 * SQL the person typed into a cell: one read-only query. It runs as the subquery of
 * `SELECT * FROM (…)`, so whatever it holds must parse as one query, and the engine refuses a
 * text DuckDB's parser reads as several statements (`$$…$$` and `E'…'` literals included). The
 * first keyword only picks a clearer refusal for statements that are not queries; it is never
 * spliced into our templates and runs with the engine's own limits (no network, no extensions).
 */
export function typedSql(text: string): Sql {
	const trimmed = text
		.trim()
		.replace(/;+\s*$/, '')
		.trimEnd();
	if (trimmed === '') throw new RefusedSqlError('analysis.sql_empty');
	// A clearer refusal than DuckDB's syntax error; the engine's parser decides either way.
	if (shownStatements(trimmed).length > 1) throw new RefusedSqlError('analysis.sql_several');
	const first = firstWord(trimmed);
	if (
		[
			'INSTALL',
			'LOAD',
			'ATTACH',
			'DETACH',
			'COPY',
			'EXPORT',
			'IMPORT',
			'SET',
			'RESET',
			'PRAGMA',
			'CALL'
		].includes(first)
	) {
		throw new RefusedSqlError('analysis.sql_not_allowed', { statement: first });
	}
	if (!QUERY_WORDS.has(first)) {
		throw first
			? new RefusedSqlError('analysis.sql_not_query', { statement: first })
			: new RefusedSqlError('analysis.sql_not_query_unnamed');
	}
	if (/\b(https?|s3|gcs|r2|azure|hf):\/\//i.test(trimmed)) {
		throw new RefusedSqlError('analysis.sql_internet');
	}
	return asSubquery(trimmed);
}

/**
 * A person's query as the one subquery of `SELECT * FROM (…)`: whatever it holds must parse as
 * one query there. The line breaks end a trailing `--` comment before the closing parenthesis.
 */
export function asSubquery(text: string): Sql {
	return sql`SELECT * FROM (
${raw(text)}
)`;
}

/** Keeps a cell's result under its table name. */
export function createResultTable(table: string, query: Sql): Sql {
	return sql`CREATE OR REPLACE TABLE ${ident(table)} AS ${query}`;
}

/** The number of rows of a result table. */
export function countRows(table: string): Sql {
	return sql`SELECT count(*) AS n FROM ${ident(table)}`;
}

/**
 * One page of a result table, optionally sorted by one of its columns. Ties are broken by every
 * column, so consecutive pages neither repeat nor skip rows that share the sorted value.
 */
export function pageQuery(
	table: string,
	offset: number,
	limit: number,
	sort: { column: string; descending: boolean } | null
): Sql {
	const order = sort
		? sql` ORDER BY ${ident(sort.column)} ${raw(sort.descending ? 'DESC' : 'ASC')} NULLS LAST, COLUMNS(*)`
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
