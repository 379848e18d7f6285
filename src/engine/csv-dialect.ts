/**
 * The CSV dialect, sniffed once and then spelled out: every later scan reads with explicit
 * options, every column as text. Shared by the engine and the benchmark's native runs.
 */
import { LocalisedError } from '../i18n/errors';
import { lit, sql, type Sql } from '../sql/sql';
import type { CsvShape } from './readers/csv-shape';

/** One row: DuckDB's sniffer result plus the column names. */
export function sniffQuery(path: string, common: Sql[]): Sql {
	return sql`SELECT *, list_transform("Columns", c -> c.name) AS names FROM sniff_csv(${lit(path)}, ${common})`;
}

/**
 * The read_csv options for a sniffed dialect (`common` minus any delimiter and quote hints,
 * which the dialect then spells out).
 */
export function readOptions(dialect: Record<string, unknown>, common: Sql[]): Sql[] {
	const option = (v: unknown) => (v === '(empty)' ? '' : String(v ?? ''));
	const names = Array.from(dialect.names as Iterable<unknown>, String);
	return [
		...common.filter((a) => !/^(delim|quote|escape)\b/.test(a.text)),
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

/** A sniffer-shaped dialect for a table found by `csvShape`: quotes doubled inside, if any. */
function dialectOfShape(shape: CsvShape & { kind: 'table' }): Record<string, unknown> {
	return {
		Delimiter: shape.delimiter,
		Quote: shape.quote ?? '(empty)',
		Escape: shape.quote ?? '(empty)',
		Comment: '(empty)',
		SkipRows: shape.skip,
		HasHeader: shape.header,
		names: shape.names
	};
}

/**
 * DuckDB's sniff, checked against the lines themselves. The sniffer is trusted unless it failed,
 * found one column, or skipped lines that hold the table (then a few ragged or appended lines
 * would hide the rest, unreported); in those cases the delimiter that gives most lines the same
 * width wins, and the lines of another width are rejected, one by one, by the reader. A file
 * whose lines share no width is refused, saying so. `shape` is only worked out when needed.
 */
export function chooseDialect(
	sniffed: { dialect: Record<string, unknown> } | { error: unknown },
	shape: () => CsvShape | null
): Record<string, unknown> {
	const dialect = 'dialect' in sniffed ? sniffed.dialect : null;
	const width = dialect ? Array.from(dialect.names as Iterable<unknown>).length : 0;
	const skipped = Number(dialect?.SkipRows ?? 0);
	if (dialect && width >= 2 && skipped === 0) return dialect;
	const found = shape() ?? { kind: 'unknown' };
	if (found.kind === 'ragged') {
		throw new LocalisedError('engine.no_table', {
			lines: found.records,
			fewest: found.fewest,
			most: found.most
		});
	}
	if (found.kind === 'table') {
		const agrees =
			dialect &&
			delimiterOf(dialect) === found.delimiter &&
			width === found.fields &&
			skipped === found.skip;
		return agrees ? dialect : dialectOfShape(found);
	}
	if (dialect) return dialect;
	throw (sniffed as { error: unknown }).error;
}
