/**
 * The exported DuckDB script with hostile names in it (issue #27): a column name, a file name, a
 * cell title or a note that carries a line break and a statement must stay text. Native DuckDB,
 * the engine that runs the script, parses each script: it must hold exactly the statements of the
 * same script with harmless names, and running it must not run the planted statement.
 */
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeEngine, textFile } from '../helpers/node-engine';
import { rowsOf } from '../helpers/arrow';
import type { OpenedFile } from '../../src/engine/protocol';
import { parseMapping } from '../../src/ingest/mapping';
import { inert, lineComment } from '../../src/sql/inert';
import { lit } from '../../src/sql/sql';
import { duckdbScript, personSql, type ScriptInput } from '../../src/state/duckdb-script';

const dir = mkdtempSync(join(tmpdir(), 'segmenta-inert-'));
const PWNED_FILE = join(dir, 'pwned.csv');
const CELL = { table: 'cell_1', sql: 'SELECT count(*) AS n FROM transactions' };
const CSV = 'customer_id,order_date,amount\nC1,2024-01-02,10\nC1,2024-02-03,20\nC2,2024-03-04,30\n';

/** A statement between two line breaks, the rest of the line commented out, as in the issue. */
const planted = (br: string) => `note${br};CREATE TABLE pwned AS SELECT 42 AS pwned;${br}-- `;
const BREAKS: [string, string][] = [
	['CR', '\r'],
	['CRLF', '\r\n'],
	['LF', '\n'],
	['U+2028', '\u2028'],
	['U+2029', '\u2029'],
	['NEL', '\u0085'],
	['VT', '\v'],
	['FF', '\f']
];
/** Every hostile text, by name. */
const HOSTILE: [string, string][] = [
	...BREAKS.map(([name, br]): [string, string] => [name, planted(br)]),
	['block comment marks', `*/ /* ${planted('\r')} */`],
	['quotes', `it's "x"${planted('\r')}'"`],
	['replacement patterns', `$& $' $\` $$ ${planted('\r')}`]
];

let opened: OpenedFile;
let sourceView: string;

/** What a harmless script does: its statements, no planted table, the file's three rows read. */
const clean = (statements: number) => ({ statements, pwned: false, rows: 3 });

/** Parses and runs the script in a new native DuckDB; what it did, for assertions. */
async function run(script: string) {
	const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
	const connection = await instance.connect();
	try {
		const extracted = await connection.extractStatements(script);
		for (let i = 0; i < extracted.count; i++) await (await extracted.prepare(i)).run();
		const one = async (q: string) => Number((await connection.runAndReadAll(q)).getRows()[0][0]);
		return {
			statements: extracted.count,
			pwned: (await one("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'pwned'")) > 0,
			rows: await one('SELECT count(*) FROM transactions')
		};
	} finally {
		connection.closeSync();
		instance.closeSync();
	}
}

/** A CSV file's script, as the app makes it after reading `orders.csv`, with parts replaced. */
function csvInput(
	change: { fileName?: string; encoding?: string; title?: string } = {}
): ScriptInput {
	const fileName = change.fileName ?? join(dir, 'orders.csv');
	writeFileSync(fileName, CSV);
	return {
		opened: {
			...opened,
			fileName,
			encoding: (change.encoding ?? opened.encoding) as OpenedFile['encoding']
		},
		sourceView,
		mapping: parseMapping({ ...opened.guess.draft, today: '2025-01-01' }, opened.columns),
		cells: [{ ...CELL, title: change.title ?? 'My cell' }],
		format: 'csv',
		outputDir: `${dir}/`
	};
}

/** A JSON file whose fourth key is `column`, kept as an attribute (the mapping names it). */
function jsonInput(column: string): ScriptInput {
	const fileName = join(dir, 'orders.json');
	const rows = CSV.trim()
		.split('\n')
		.slice(1)
		.map((line) => line.split(','))
		.map(([customer, date, amount]) => ({ customer, date, amount, [column]: 'x' }));
	writeFileSync(fileName, JSON.stringify(rows));
	const columns = ['customer', 'date', 'amount', column];
	const mapping = {
		customerId: 'customer',
		orderDate: 'date',
		amount: 'amount',
		attributes: [column]
	};
	return {
		opened: {
			fileName,
			format: 'json',
			encoding: null,
			delimiter: null,
			compressed: false,
			sheet: null,
			columns
		},
		sourceView: '',
		mapping: parseMapping({ ...mapping, dateFormat: 'iso', today: '2025-01-01' }, columns),
		cells: [{ ...CELL, title: 'My cell' }],
		format: 'csv',
		outputDir: `${dir}/`
	};
}

beforeAll(async () => {
	const engine = await startNodeEngine();
	opened = await engine.openFile(textFile('orders.csv', CSV), {});
	const [view] = await rowsOf(engine, "SELECT sql FROM duckdb_views() WHERE view_name = 'source'");
	sourceView = String(view.sql);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the DuckDB script with hostile text in it', () => {
	let csvStatements: number;
	let jsonStatements: number;
	beforeAll(async () => {
		csvStatements = (await run(duckdbScript(csvInput()))).statements;
		jsonStatements = (await run(duckdbScript(jsonInput('note')))).statements;
	}, 60_000);

	it.each(HOSTILE)('keeps a column name with %s as data', async (_case, column) => {
		expect(await run(duckdbScript(jsonInput(column)))).toEqual(clean(jsonStatements));
	});

	it('keeps the column name of the issue as data: no file is written', async () => {
		const column = `note\r;COPY (SELECT 42 AS pwned) TO ${lit(PWNED_FILE).text};\r-- `;
		const result = await run(duckdbScript(jsonInput(column)));
		expect(existsSync(PWNED_FILE)).toBe(false);
		expect(result).toEqual(clean(jsonStatements));
	});

	// A file's name cannot hold a `/`.
	const names = HOSTILE.filter(([, text]) => !text.includes('/'));
	it.each(names)('reads a file whose name has %s, named exactly', async (_case, name) => {
		const fileName = join(dir, `${name}.csv`);
		const script = duckdbScript(csvInput({ fileName }));
		expect(script).toContain(`read_csv(${lit(fileName).text}, `);
		expect(await run(script)).toEqual(clean(csvStatements));
	});

	it.each(HOSTILE)('keeps a cell title with %s as a comment', async (_case, title) => {
		expect(await run(duckdbScript(csvInput({ title })))).toEqual(clean(csvStatements));
	});

	it.each(HOSTILE)('keeps a note (the encoding) with %s as a comment', async (_case, encoding) => {
		expect(await run(duckdbScript(csvInput({ encoding })))).toEqual(clean(csvStatements));
	});

	it('ends the statement of a cell whose SQL ends in a comment', async () => {
		const cells = [{ ...CELL, title: 'My cell', sql: `${CELL.sql} -- how many;` }];
		expect(await run(duckdbScript({ ...csvInput(), cells }))).toEqual(clean(csvStatements));
	});

	it.each(HOSTILE)('keeps a sheet name with %s in its literal', async (_case, sheet) => {
		const statements = async (name: string) => {
			const input = jsonInput('note');
			const script = duckdbScript({
				...input,
				opened: { ...input.opened, format: 'xlsx', sheet: name }
			});
			const instance = await DuckDBInstance.create(':memory:');
			const connection = await instance.connect();
			// Parsed only: reading a workbook needs DuckDB's excel extension.
			const { count } = await connection.extractStatements(script);
			connection.closeSync();
			instance.closeSync();
			return count;
		};
		expect(await statements(sheet)).toBe(await statements('Sheet1'));
	});
});

describe('inert', () => {
	it.each([
		['CR', 'a\rb', 'a b'],
		['CRLF, one space', 'a\r\nb', 'a b'],
		['LF', 'a\nb', 'a b'],
		['VT, FF, NEL', 'a\vb\fc\u0085d', 'a b c d'],
		['U+2028, U+2029', 'a\u2028b\u2029c', 'a b c'],
		['NUL, tab', 'a\u0000b\tc', 'a b c'],
		['bidirectional controls', 'a\u202Eb\u2066c', 'a b c'],
		['block comment marks', 'a */ b /* c', 'a * / b / * c'],
		['overlapping marks', '/*/ */*', '/ * / * / *'],
		['quotes and patterns, kept', `it's "x" $& $'`, `it's "x" $& $'`],
		['Chinese, kept', '实付金额', '实付金额']
	])('%s', (_case, text, expected) => {
		expect(inert(text)).toBe(expected);
	});

	it('writes one comment line per entry, whatever the entries hold', () => {
		expect(lineComment(['a\rb', '', 'c\nd'])).toBe('-- a b\n--\n-- c d');
	});
});

describe('a file name with what `String.replace` reads as a pattern', () => {
	const parts = [['$&'], ["$'"], ['$`'], ['$$'], ['$1'], ["it's"], ['"x"'], ['a\rb']];
	it.each(parts)('names %j exactly', async (part) => {
		const fileName = join(dir, `orders ${part} x.csv`);
		const script = duckdbScript(csvInput({ fileName }));
		expect(script).toContain(`read_csv(${lit(fileName).text}, `);
		expect((await run(script)).rows).toBe(3);
	});
});

describe("a person's SQL in the script", () => {
	it('goes in as the one query the app ran, or not at all', () => {
		expect(personSql('SELECT 1 AS a;')).toBe('SELECT * FROM (\nSELECT 1 AS a\n)');
		// Several statements, one of them a line the DuckDB shell would run as a command.
		expect(personSql('SELECT 1 AS a;\n.shell touch pwned\nSELECT 2')).toBeNull();
		expect(personSql("SELECT $$'$$ AS a; CREATE MACRO m() AS 0; SELECT $$'$$")).toBeNull();
		expect(personSql("COPY (SELECT 1) TO 'x.csv'")).toBeNull();
	});
});
