/**
 * SQL expressions that turn the text of one cell into a typed value, one per way of writing it.
 * Each returns NULL for text it cannot read, so the caller can set the row aside with a reason.
 */
import { lit, raw, sql, type Sql } from '../sql/sql';
import type { DateFormat, DecimalSeparator, IdFormat } from './mapping';

// Spellings of "no value" compared as written first (fast), then trimmed and lower-cased.
const MISSING_TEXT = ['', 'na', 'n/a', 'null', 'none', '-', '#n/a', 'nan'];
const MISSING_AS_WRITTEN = [
	...MISSING_TEXT,
	...['NA', 'Na', 'N/A', 'NULL', 'Null', 'None', 'NONE', '#N/A', 'NaN', 'NAN']
];

/**
 * Trimmed text, NULL for empty cells and the usual "no value" markers (NA, null, #N/A...).
 * Only values with surrounding spaces pay for trimming: most ids have none.
 */
export function textValue(col: Sql): Sql {
	const missing = MISSING_TEXT.map((m) => lit(m));
	// list_contains, not IN: DuckDB 1.4 plans each IN list of constants slowly, which on a file
	// with many attribute columns took seconds or ran out of memory.
	return sql`CASE WHEN list_contains([${MISSING_AS_WRITTEN.map((m) => lit(m))}], ${col}) THEN NULL
		WHEN starts_with(${col}, ' ') OR ends_with(${col}, ' ')
			THEN CASE WHEN list_contains([${missing}], lower(trim(${col}))) THEN NULL ELSE trim(${col}) END
		ELSE ${col} END`;
}

/** An id: text always, so `00123` and `123` stay different; `17850.0` exports lose the `.0`. */
export function idValue(col: Sql, format: IdFormat): Sql {
	const text = textValue(col);
	return format === 'float-integer' ? sql`regexp_replace(${text}, '\.0+$', '')` : text;
}

/**
 * A number written with currency symbols, thousands separators, a decimal comma or an
 * accounting negative `(12.50)`. Plain numbers take the fast path of a direct cast. `1e999` and
 * `nan` read as ±infinity and NaN: the caller keeps only finite values (see `finiteOrNull`), once,
 * on the computed column, because a CASE around this expression would evaluate it twice.
 */
export function numberValue(col: Sql, decimal: DecimalSeparator): Sql {
	const v = sql`trim(${col})`;
	const stripped = sql`regexp_replace(regexp_replace(${v}, '(?i)(rmb|cny|usd|eur|gbp|jpy|元)', '', 'g'), '[^0-9,.+\-eE]', '', 'g')`;
	const normalised =
		decimal === '.'
			? sql`replace(${stripped}, ',', '')`
			: sql`replace(replace(${stripped}, '.', ''), ',', '.')`;
	const n = sql`TRY_CAST(regexp_replace(${normalised}, '-$', '') AS DOUBLE)`;
	const robust = sql`CASE WHEN regexp_matches(${v}, '^\(.*\)$|-$') THEN -abs(${n}) ELSE ${n} END`;
	// A direct cast would read `1.234` as 1.234 where a decimal comma means 1234.
	return decimal === '.' ? sql`COALESCE(TRY_CAST(${col} AS DOUBLE), ${robust})` : robust;
}

/** A computed number column with infinities and NaN made NULL. */
export function finiteOrNull(column: Sql): Sql {
	return sql`CASE WHEN isfinite(${column}) THEN ${column} END`;
}

function formats(list: string[]): Sql {
	return sql`[${list.map((f) => lit(f))}]`;
}

function withTimes(datePart: string): string[] {
	return [
		`${datePart} %H:%M:%S`,
		`${datePart} %H:%M:%S.%f`,
		`${datePart} %H:%M`,
		`${datePart}T%H:%M:%S`,
		datePart
	];
}

/** `a.b.yyyy` and `a-b-yyyy` become `a/b/yyyy`, so one list of formats reads them all. */
function slashed(v: Sql, pattern: string): Sql {
	return sql`regexp_replace(${v}, ${lit(pattern)}, '\1/\2/\3')`;
}

function dayMonth(v: Sql, order: 'd/m' | 'm/d'): Sql {
	const s = slashed(v, String.raw`^(\d{1,2})[.\-](\d{1,2})[.\-](\d{2,4})`);
	const part = order === 'd/m' ? '%d/%m' : '%m/%d';
	// `%Y` would read a two-digit year as the year 24 AD, so two-digit years get `%y`.
	return sql`CASE WHEN regexp_matches(${s}, '^\d{1,2}/\d{1,2}/\d{2}(\D|$)')
		THEN TRY_STRPTIME(${s}, ${formats(withTimes(`${part}/%y`))})
		ELSE TRY_STRPTIME(${s}, ${formats(withTimes(`${part}/%Y`))}) END`;
}

/** The order timestamp, read as `format` says. Time-zone offsets are dropped: local clock time is kept. */
export function dateValue(col: Sql, format: DateFormat): Sql {
	const v = sql`trim(${col})`;
	const n = sql`TRY_CAST(${v} AS DOUBLE)`;
	switch (format) {
		case 'iso':
			// DuckDB's cast skips surrounding spaces itself; trim() would double the cost.
			return sql`TRY_CAST(${col} AS TIMESTAMP)`;
		case 'ymd': {
			const s = slashed(v, String.raw`^(\d{4})[.\-](\d{1,2})[.\-](\d{1,2})`);
			return sql`TRY_STRPTIME(${s}, ${formats(withTimes('%Y/%m/%d'))})`;
		}
		case 'dmy':
			return dayMonth(v, 'd/m');
		case 'mdy':
			return dayMonth(v, 'm/d');
		case 'cjk': {
			const s = sql`regexp_replace(regexp_replace(${v}, '[时点]', ':', 'g'), '[分秒]', '', 'g')`;
			const list = ['%Y年%m月%d日 %H:%M:%S', '%Y年%m月%d日%H:%M:%S', '%Y年%m月%d日 %H:%M'];
			return sql`TRY_STRPTIME(regexp_replace(${s}, ':$', ''), ${formats([...list, '%Y年%m月%d日%H:%M', '%Y年%m月%d日'])})`;
		}
		case 'yyyymmdd':
			return sql`TRY_STRPTIME(${v}, '%Y%m%d')`;
		case 'excel-serial':
			// Day 0 is 1899-12-30 (Excel's 1900 leap-year bug makes that the right epoch after March 1900).
			return sql`CASE WHEN ${n} BETWEEN 1 AND 2958465 THEN TIMESTAMP '1899-12-30' + to_microseconds(CAST(round(${n} * 86400) AS BIGINT) * 1000000) END`;
		case 'unix-seconds':
			return sql`CASE WHEN abs(${n}) < 1e11 THEN epoch_ms(CAST(round(${n} * 1000) AS BIGINT)) END`;
		case 'unix-millis':
			return sql`CASE WHEN abs(${n}) < 1e14 THEN epoch_ms(CAST(round(${n}) AS BIGINT)) END`;
	}
	return raw('NULL');
}
