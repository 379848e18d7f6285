/**
 * The one quoting path for SQL. A `Sql` fragment can only be made by the `sql` tag, `ident()`,
 * `lit()` or `raw()` on a constant, so a user's string can never reach a query unquoted.
 */
const brand: unique symbol = Symbol('sql');

/** A piece of SQL text that is safe to splice into another query. */
export interface Sql {
	readonly [brand]: true;
	readonly text: string;
}

function fragment(text: string): Sql {
	return { [brand]: true, text } as Sql;
}

/** True when `value` is a fragment made by this module. */
export function isSql(value: unknown): value is Sql {
	return typeof value === 'object' && value !== null && (value as Sql)[brand] === true;
}

/**
 * Template tag whose holes accept only `Sql` fragments (arrays of them are joined with `, `).
 * The text is taken raw, so `\d` in a regular expression reaches DuckDB as written.
 */
export function sql(strings: TemplateStringsArray, ...holes: (Sql | readonly Sql[])[]): Sql {
	let text = strings.raw[0];
	holes.forEach((hole, i) => {
		const parts = Array.isArray(hole) ? hole : [hole];
		for (const part of parts) {
			if (!isSql(part)) throw new TypeError(`sql: hole ${i} is not a Sql fragment`);
		}
		text += parts.map((p) => p.text).join(', ') + strings.raw[i + 1];
	});
	return fragment(text);
}

/** Quotes an identifier (column or table name), doubling any embedded double quote. */
export function ident(name: string): Sql {
	if (typeof name !== 'string' || name.length === 0) throw new TypeError('ident: empty name');
	if (name.includes('\u0000')) throw new TypeError('ident: name contains a NUL character');
	return fragment(`"${name.replaceAll('"', '""')}"`);
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isoTimestamp = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$/;

/** A literal value: finite numbers, booleans, null, `Date` (as a TIMESTAMP) and strings. */
export function lit(value: string | number | boolean | null | Date): Sql {
	if (value === null) return fragment('NULL');
	if (typeof value === 'boolean') return fragment(value ? 'TRUE' : 'FALSE');
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new TypeError(`lit: ${value} is not a finite number`);
		return fragment(String(value));
	}
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) throw new TypeError('lit: invalid Date');
		return fragment(`TIMESTAMP '${value.toISOString().slice(0, 23).replace('T', ' ')}'`);
	}
	if (typeof value === 'string') {
		if (value.includes('\u0000')) throw new TypeError('lit: string contains a NUL character');
		return fragment(`'${value.replaceAll("'", "''")}'`);
	}
	throw new TypeError(`lit: unsupported value of type ${typeof value}`);
}

/** A `DATE 'yyyy-mm-dd'` literal; rejects anything that is not an ISO date. */
export function dateLit(iso: string): Sql {
	if (!isoDate.test(iso)) throw new TypeError(`dateLit: ${JSON.stringify(iso)} is not yyyy-mm-dd`);
	return fragment(`DATE '${iso}'`);
}

/** A `TIMESTAMP '…'` literal; rejects anything that is not an ISO date-time. */
export function timestampLit(iso: string): Sql {
	if (!isoTimestamp.test(iso))
		throw new TypeError(`timestampLit: ${JSON.stringify(iso)} is not ISO`);
	return fragment(`TIMESTAMP '${iso.replace('T', ' ')}'`);
}

/**
 * SQL text written in our own source code (keywords, function names chosen from a constant
 * table). Never call it with anything derived from user input.
 */
export function raw(constant: string): Sql {
	return fragment(constant);
}

/** Joins fragments with a separator fragment. */
export function join(parts: readonly Sql[], separator: Sql = raw(', ')): Sql {
	return fragment(parts.map((p) => p.text).join(separator.text));
}
