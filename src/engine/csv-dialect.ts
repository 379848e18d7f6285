/**
 * The CSV dialect, sniffed once and then spelled out: every later scan reads with explicit
 * options, every column as text. Shared by the engine and the benchmark's native runs.
 */
import { lit, sql, type Sql } from '../sql/sql';

/** One row: DuckDB's sniffer result plus the column names. */
export function sniffQuery(path: string, common: Sql[]): Sql {
	return sql`SELECT *, list_transform("Columns", c -> c.name) AS names FROM sniff_csv(${lit(path)}, ${common})`;
}

/** The read_csv options for a sniffed dialect (`common` minus any delimiter hint). */
export function readOptions(dialect: Record<string, unknown>, common: Sql[]): Sql[] {
	const option = (v: unknown) => (v === '(empty)' ? '' : String(v ?? ''));
	const names = Array.from(dialect.names as Iterable<unknown>, String);
	return [
		...common.filter((a) => !a.text.startsWith('delim')),
		sql`auto_detect = false`,
		sql`delim = ${lit(option(dialect.Delimiter))}`,
		sql`quote = ${lit(option(dialect.Quote))}`,
		sql`escape = ${lit(option(dialect.Escape))}`,
		sql`comment = ${lit(option(dialect.Comment))}`,
		sql`skip = ${lit(Number(dialect.SkipRows ?? 0))}`,
		sql`header = ${lit(dialect.HasHeader === true)}`,
		sql`columns = {${names.map((n) => sql`${lit(n)}: 'VARCHAR'`)}}`,
		sql`store_rejects = true`
	];
}

/** The delimiter as the person should read it ('' when the sniffer found none). */
export function delimiterOf(dialect: Record<string, unknown>): string {
	return dialect.Delimiter === '(empty)' ? '' : String(dialect.Delimiter ?? '');
}
