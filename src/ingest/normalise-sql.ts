/**
 * The SQL that turns the raw `source` relation (every column text) into the typed
 * `transactions` view, setting every unusable row aside with a reason. Pure: it runs in Node.
 *
 * Over 300 lines: the passes of one load (typing, duplicates, the shared tables, the quality
 * report) are kept together so their order and columns can be read at once; split with #22.
 */
import { ident, join, lit, raw, sql, type Sql } from '../sql/sql';
import type { Mapping } from './mapping';
import { dateValue, finiteOrNull, idValue, numberValue, textValue } from './value-sql';
import { CONTACTS_TABLE, contactColumn, contactsStatements, mappedContacts } from './contacts-sql';

/** Names of the relations the normaliser creates. */
export const TABLES = {
	source: 'source',
	rows: 'ingest_rows',
	repeatedValues: 'ingest_repeated_values',
	candidateText: 'ingest_candidate_text',
	parseErrors: 'ingest_parse_errors',
	transactions: 'transactions',
	orders: 'customer_orders',
	summary: 'customer_summary',
	setAside: 'set_aside',
	contacts: CONTACTS_TABLE
} as const;

/** Fixed columns of `transactions`; attributes follow under their own names. */
export const CORE_COLUMNS = [
	'customer_id',
	'order_id',
	'order_ts',
	'amount',
	'quantity',
	'unit_price',
	'product_id'
] as const;

/** Attribute columns keep their header names unless that would clash with a core column. */
export function attributeNames(mapping: Mapping): string[] {
	const used = new Set<string>(CORE_COLUMNS);
	return mapping.attributes.map((name) => {
		let out = name;
		for (let i = 1; used.has(out.toLowerCase()) || out.startsWith('__raw_'); i++)
			out = `${name}_${i}`;
		used.add(out.toLowerCase());
		return out;
	});
}

/** Source columns travel under positional names, so they never collide with the typed ones. */
function rawNamesOf(columns: readonly string[]): Sql[] {
	return columns.map((_, i) => ident(`__raw_${i}`));
}

/**
 * Every source row, typed, with its reason to be set aside (NULL when kept) and its original
 * text as `__raw_<i>` columns.
 */
function judgedRows(mapping: Mapping, columns: readonly string[]): Sql {
	const rawName = (name: string) => ident(`__raw_${columns.indexOf(name)}`);
	const rawNames = rawNamesOf(columns);
	const col = (name: string | null) => (name === null ? raw('NULL') : rawName(name));
	const num = (name: string | null) =>
		name === null ? raw('CAST(NULL AS DOUBLE)') : numberValue(col(name), mapping.decimalSeparator);
	const amount = mapping.amount
		? num(mapping.amount)
		: sql`${num(mapping.quantity)} * ${num(mapping.unitPrice)}`;
	const attributes = attributeNames(mapping).map(
		(alias, i) => sql`${textValue(col(mapping.attributes[i]))} AS ${ident(alias)}`
	);
	const contacts = mappedContacts(mapping).map(
		(role) => sql`${textValue(col(mapping[role]))} AS ${ident(contactColumn(role))}`
	);
	const numbers = [
		'amount',
		...(mapping.quantity ? ['quantity'] : []),
		...(mapping.unitPrice ? ['unit_price'] : [])
	];
	const tomorrow = sql`(${lit(mapping.today)}::DATE + INTERVAL 1 DAY)`;
	const refundRule = mapping.refunds === 'set-aside' ? sql`WHEN amount < 0 THEN 'refund'` : raw('');
	// Unmapped optional columns are not stored at all; the view supplies their NULLs.
	const optional = (name: string | null, value: Sql, alias: string) =>
		name === null ? raw('') : sql`${value} AS ${ident(alias)},`;
	return sql`(WITH raw_rows AS (
	SELECT ${columns.map((c) => sql`${ident(c)} AS ${rawName(c)}`)} FROM ${ident(TABLES.source)}
), typed AS (
	SELECT
		${idValue(col(mapping.customerId), mapping.customerIdFormat)} AS customer_id,
		${optional(mapping.orderId, idValue(col(mapping.orderId), 'text'), 'order_id')}
		${dateValue(col(mapping.orderDate), mapping.dateFormat)} AS order_ts,
		${amount} AS amount,
		${optional(mapping.quantity, num(mapping.quantity), 'quantity')}
		${optional(mapping.unitPrice, num(mapping.unitPrice), 'unit_price')}
		${optional(mapping.productId, idValue(col(mapping.productId), 'text'), 'product_id')}
		${attributes.length ? sql`${attributes},` : raw('')}
		${contacts.length ? sql`${contacts},` : raw('')}
		${rawNames}
	FROM raw_rows
), finite AS (
	SELECT * REPLACE (${join(
		numbers.map((c) => sql`${finiteOrNull(ident(c))} AS ${ident(c)}`),
		raw(', ')
	)}) FROM typed
)
SELECT *, CASE
	WHEN customer_id IS NULL THEN 'missing_customer'
	WHEN order_ts IS NULL THEN 'bad_date'
	WHEN amount IS NULL THEN 'bad_amount'
	WHEN order_ts >= ${tomorrow} THEN 'future_date'
	${refundRule}
END AS reason FROM finite)`;
}

/**
 * Statements, in order, that build `ingest_rows` and the `transactions` view in one pass over
 * the file. `columns` are the source's column names, already checked against the mapping.
 * With the duplicate check on, each kept row also stores a hash of its text, from which exact
 * copies are found afterwards (see `runNormalise`).
 */
export function normaliseStatements(mapping: Mapping, columns: readonly string[]): Sql[] {
	const rawNames = rawNamesOf(columns);
	const statements: Sql[] = [
		sql`DROP VIEW IF EXISTS ${ident(TABLES.transactions)}`,
		sql`DROP VIEW IF EXISTS ${ident(TABLES.setAside)}`,
		sql`DROP TABLE IF EXISTS ${ident(TABLES.contacts)}`,
		sql`DROP TABLE IF EXISTS ${ident(TABLES.summary)}`,
		sql`DROP TABLE IF EXISTS ${ident(TABLES.orders)}`,
		sql`DROP TABLE IF EXISTS ${ident(TABLES.rows)}`
	];
	statements.push(sql`CREATE TABLE ${ident(TABLES.rows)} AS
SELECT * EXCLUDE (${rawNames}),
	-- A list, not a struct, and only for rows set aside: a NULL list costs far less memory than a
	-- NULL struct with one child per column (measured: 800 MB → about 130 MB at 20M rows).
	CASE WHEN reason IS NOT NULL THEN [${rawNames}] END AS raw_row
	${mapping.dropDuplicates ? sql`, CASE WHEN reason IS NULL THEN ${textHash(rawNames)} END AS text_hash` : raw('')}
FROM ${judgedRows(mapping, columns)}`);
	const attributeCols = attributeNames(mapping).map((a) => ident(a));
	const stored = (name: string | null, column: string, type: string) =>
		name === null ? sql`CAST(NULL AS ${raw(type)}) AS ${ident(column)}` : ident(column);
	// Without an order id each row is its own order.
	const orderId = mapping.orderId
		? raw('order_id')
		: raw("'#' || CAST(rowid + 1 AS VARCHAR) AS order_id");
	statements.push(sql`CREATE VIEW ${ident(TABLES.transactions)} AS
SELECT customer_id, ${orderId}, order_ts, amount,
	${stored(mapping.quantity, 'quantity', 'DOUBLE')}, ${stored(mapping.unitPrice, 'unit_price', 'DOUBLE')},
	${stored(mapping.productId, 'product_id', 'VARCHAR')}${attributeCols.length ? sql`, ${attributeCols}` : raw('')}
FROM ${ident(TABLES.rows)} WHERE reason IS NULL`);
	return statements;
}

/**
 * `transactions` grouped by customer, order, timestamp and kind (purchase lines apart from refund
 * lines), amounts and quantities summed. Every analysis that needs no product or attribute reads
 * it instead of the lines (`amount >= 0` still tells a purchase): fewer rows, and the grouping is
 * paid once per file instead of once per cell.
 *
 * Net spend has one rule, applied here so every date filter on this table follows it: a refund
 * counts at the first purchase of the order it refunds (same order id, same customer), so that is
 * its `order_ts`, whenever it was booked; a refund of no purchase of that customer keeps its own
 * time. `transactions` keeps every line's own time.
 */
export function customerOrdersStatement(): Sql {
	const lines = ident(TABLES.transactions);
	// Purchases and refunds apart, so only the few refund lines are joined to their orders.
	return sql`CREATE OR REPLACE TABLE ${ident(TABLES.orders)} AS
WITH refunded AS (
	SELECT customer_id, order_id, min(order_ts) AS first_ts FROM ${lines}
	WHERE amount >= 0 AND (customer_id, order_id) IN (SELECT customer_id, order_id FROM ${lines} WHERE amount < 0)
	GROUP BY customer_id, order_id
)
SELECT customer_id, order_id, order_ts, sum(amount) AS amount, sum(quantity) AS quantity, count(*) AS lines
FROM ${lines} WHERE amount >= 0
GROUP BY customer_id, order_id, order_ts
UNION ALL
SELECT t.customer_id, t.order_id, COALESCE(r.first_ts, t.order_ts), sum(t.amount), sum(t.quantity), count(*)
FROM ${lines} t LEFT JOIN refunded r USING (customer_id, order_id) WHERE t.amount < 0
GROUP BY t.customer_id, t.order_id, 3`;
}

/**
 * One row per customer: what RFM and ABC ask of the whole history, computed once per file so a
 * changed score or class re-runs in a fraction of the time. (Distinct purchase days are left to
 * the cells that ask for them: counting them here made this the load's largest use of memory.)
 * `spend` is the net of every row, refunds included; `first_order_spend` the net of the first
 * order; customers with refunds only have no purchase fields.
 */
export function customerSummaryStatement(): Sql {
	return sql`CREATE OR REPLACE TABLE ${ident(TABLES.summary)} AS
WITH per_order AS (
	SELECT customer_id, order_id,
		min(order_ts) FILTER (WHERE amount >= 0) AS first_ts,
		max(order_ts) FILTER (WHERE amount >= 0) AS last_ts,
		sum(amount) AS spend,
		sum(quantity) AS quantity
	FROM ${ident(TABLES.orders)} GROUP BY customer_id, order_id
)
SELECT customer_id,
	max(last_ts) AS last_purchase_ts,
	count(last_ts) AS orders,
	sum(spend) AS spend,
	arg_min(spend, first_ts) AS first_order_spend,
	sum(quantity) AS quantity
FROM per_order
GROUP BY customer_id
-- In customer order, once: RFM's table keeps that order by row number instead of sorting ids.
ORDER BY customer_id`;
}

/** The typed columns `ingest_rows` stores for a mapping: rows with equal text have equal values. */
function storedColumns(mapping: Mapping): string[] {
	const optional = [
		[mapping.orderId, 'order_id'],
		[mapping.quantity, 'quantity'],
		[mapping.unitPrice, 'unit_price'],
		[mapping.productId, 'product_id']
	] as const;
	return [
		...['customer_id', 'order_ts', 'amount'],
		...optional.filter(([name]) => name !== null).map(([, column]) => column),
		...attributeNames(mapping)
	];
}

/** A source row's text, every column, as one 64-bit hash: equal text, equal hash. */
function textHash(columns: Sql[]): Sql {
	return sql`hash(${columns})`;
}

/**
 * Text hashes that more than one kept row has: only those rows can be exact copies. One pass over
 * one stored column, and usually empty.
 */
export function repeatedValuesStatement(): Sql {
	return sql`CREATE OR REPLACE TEMP TABLE ${ident(TABLES.repeatedValues)} AS
SELECT text_hash AS h FROM ${ident(TABLES.rows)} WHERE reason IS NULL GROUP BY h HAVING count(*) > 1`;
}

/**
 * Marks exact copies: of the kept rows with the same text, every one after the first. Two rows
 * count as the same only when their typed values agree too, so two different texts would have
 * to collide in 64 bits and read as equal values to be taken for copies. The copies' original
 * text, set aside with them, is read again from the source for just those hashes.
 */
export function markDuplicatesStatements(mapping: Mapping, columns: readonly string[]): Sql[] {
	const typed = storedColumns(mapping).map((c) => ident(c));
	const rawNames = rawNamesOf(columns);
	const repeated = sql`SELECT h FROM ${ident(TABLES.repeatedValues)}`;
	// Through a list: the planner takes the source for a few dozen rows and, given the table of
	// hashes, builds its join on the whole file, text and all (UCI Online Retail: 0.6 s against 0.3).
	const repeatedListed = sql`SELECT unnest(hs) FROM (SELECT list(h) AS hs FROM ${ident(TABLES.repeatedValues)})`;
	return [
		sql`CREATE OR REPLACE TEMP TABLE ${ident(TABLES.candidateText)} AS
SELECT DISTINCT ON (h) h, [${rawNames}] AS raw_row FROM (
	SELECT ${textHash(columns.map((c) => ident(c)))} AS h, ${columns.map((c, i) => sql`${ident(c)} AS ${rawNames[i]}`)}
	FROM ${ident(TABLES.source)}
) WHERE h IN (${repeatedListed})`,
		sql`UPDATE ${ident(TABLES.rows)} SET reason = 'duplicate', raw_row = marks.raw_row
FROM (
	SELECT copies.rid, text.raw_row FROM (
		SELECT rowid AS rid, text_hash,
			row_number() OVER (PARTITION BY text_hash, ${typed} ORDER BY rowid) AS k
		FROM ${ident(TABLES.rows)} WHERE reason IS NULL AND text_hash IN (${repeated})
	) AS copies JOIN ${ident(TABLES.candidateText)} AS text ON text.h = copies.text_hash
	WHERE copies.k > 1
) AS marks
WHERE ${ident(TABLES.rows)}.rowid = marks.rid`,
		sql`DROP TABLE ${ident(TABLES.candidateText)}`
	];
}

/** The text hashes served their purpose once copies are marked; the memory goes back. */
function dropTextHashStatements(): Sql[] {
	return [
		sql`DROP TABLE ${ident(TABLES.repeatedValues)}`,
		sql`ALTER TABLE ${ident(TABLES.rows)} DROP COLUMN text_hash`
	];
}

/**
 * The view of every row set aside, with its reason and its original text. Run it after
 * `ingest_parse_errors` has been filled with the lines the CSV reader rejected.
 */
export function setAsideViewStatement(columns: readonly string[]): Sql {
	const original = columns.map((c, i) => sql`raw_row[${lit(i + 1)}] AS ${ident(c)}`);
	return sql`CREATE OR REPLACE VIEW ${ident(TABLES.setAside)} AS
SELECT reason, CAST(NULL AS BIGINT) AS line, ${original}, CAST(NULL AS VARCHAR) AS raw_line
FROM ${ident(TABLES.rows)} WHERE reason IS NOT NULL
UNION ALL BY NAME
SELECT 'malformed_line' AS reason, line, csv_line AS raw_line FROM ${ident(TABLES.parseErrors)}`;
}

/**
 * One row of counts behind the quality report: one pass over the rows for every reason, one
 * over the orders, and the customers as the summary's rows (a distinct count of their ids over
 * the orders was most of this query's time).
 */
export function qualityQuery(): Sql {
	const reasons = [
		'missing_customer',
		'bad_date',
		'bad_amount',
		'future_date',
		'refund',
		'duplicate'
	];
	return sql`WITH read AS (
	SELECT count(*) AS rows_stored,
		count(*) FILTER (WHERE reason IS NULL) AS rows_used,
		${join(
			reasons.map((r) => sql`count(*) FILTER (WHERE reason = ${lit(r)}) AS ${ident(r)}`),
			raw(',\n\t\t')
		)},
		count(*) FILTER (WHERE reason IS NULL AND amount < 0) AS refunds_netted
	FROM ${ident(TABLES.rows)}
), malformed AS (
	SELECT count(*) AS malformed_line FROM ${ident(TABLES.parseErrors)}
), orders AS (
	SELECT count(DISTINCT order_id) AS orders,
		epoch_ms(min(order_ts)) AS first_order,
		epoch_ms(max(order_ts)) AS last_order,
		COALESCE(sum(amount), 0) AS total_amount
	FROM ${ident(TABLES.orders)}
)
SELECT rows_stored + malformed_line AS rows_read, rows_used, malformed_line,
	${join(
		reasons.map((r) => ident(r)),
		raw(', ')
	)}, refunds_netted,
	(SELECT count(*) FROM ${ident(TABLES.summary)}) AS customers,
	orders, first_order, last_order, total_amount
FROM read, malformed, orders`;
}

/** The CSV reader's rejects from its last scan of the file, one row per bad line. */
export function parseErrorsFromRejectsStatement(): Sql {
	return sql`INSERT INTO ${ident(TABLES.parseErrors)}
SELECT line, first(csv_line), string_agg(DISTINCT error_type, '; ') FROM reject_errors
WHERE scan_id = (SELECT max(scan_id) FROM reject_errors) GROUP BY line ORDER BY line`;
}

/** Creates the (empty) table of lines the reader could not split into columns. */
export function parseErrorsTableStatement(): Sql {
	return sql`CREATE OR REPLACE TABLE ${ident(TABLES.parseErrors)} (line BIGINT, csv_line VARCHAR, error VARCHAR)`;
}

/**
 * Every normalising statement, duplicate check included whether or not rows repeat: for a
 * script that runs elsewhere (the DuckDB command line), where nothing can be decided between steps.
 */
export function allNormaliseStatements(mapping: Mapping, columns: readonly string[]): Sql[] {
	const statements = normaliseStatements(mapping, columns);
	const derived = [
		customerOrdersStatement(),
		customerSummaryStatement(),
		...contactsStatements(mapping, TABLES.rows)
	];
	if (!mapping.dropDuplicates) return [...statements, ...derived];
	return [
		...statements,
		repeatedValuesStatement(),
		...markDuplicatesStatements(mapping, columns),
		...dropTextHashStatements(),
		...derived
	];
}

/** How the normaliser runs SQL: the worker's engine, or native DuckDB in the benchmark. */
export interface StatementRunner {
	run(statement: Sql): Promise<unknown>;
	count(query: Sql): Promise<number>;
}

/** What the normalisation is doing: a pass over the file, or the tables built from the rows. */
export type NormaliseStep = 'reading' | 'duplicates' | 'summaries';

/**
 * The whole normalisation: one pass over the file, then, only when some texts repeat, a second
 * pass for their text, then the per-order and per-customer tables. `onStep` says what starts.
 */
export async function runNormalise(
	db: StatementRunner,
	mapping: Mapping,
	columns: readonly string[],
	onStep: (step: NormaliseStep) => void = () => {}
): Promise<void> {
	onStep('reading');
	for (const statement of normaliseStatements(mapping, columns)) await db.run(statement);
	if (mapping.dropDuplicates) {
		await db.run(repeatedValuesStatement());
		const repeated = await db.count(sql`SELECT count(*) AS n FROM ${ident(TABLES.repeatedValues)}`);
		if (repeated > 0) {
			onStep('duplicates');
			for (const statement of markDuplicatesStatements(mapping, columns)) await db.run(statement);
		}
		for (const statement of dropTextHashStatements()) await db.run(statement);
	}
	onStep('summaries');
	await db.run(customerOrdersStatement());
	await db.run(customerSummaryStatement());
	for (const statement of contactsStatements(mapping, TABLES.rows)) await db.run(statement);
}
