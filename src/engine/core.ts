/**
 * The engine behind `EngineApi`: one DuckDB connection plus the readers for formats DuckDB
 * cannot read offline. The same code runs in the browser worker and in the Node tests; only
 * the host (how DuckDB was started, how a file is registered) differs.
 *
 * Over 300 lines: the scheduler, lock-down, file reading and load still share one closure; issue
 * #22 splits them into a generic database host and injected jobs.
 */
import type { DuckDBBindings, DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import type { Table } from 'apache-arrow';
import { guessMapping } from '../ingest/detect-roles';
import { decideDayMonth } from '../ingest/detect-formats';
import { parseMapping, type Mapping } from '../ingest/mapping';
import {
	parseErrorsFromRejectsStatement,
	parseErrorsTableStatement,
	runNormalise,
	qualityQuery,
	setAsideViewStatement,
	TABLES,
	type NormaliseStep
} from '../ingest/normalise-sql';
import { REASONS, type QualityReport, type Reason } from '../ingest/reasons';
import { ident, join, lit, raw, sql, type Sql } from '../sql/sql';
import { tableToCsv } from '../lib/csv';
import { LocalisedError } from '../i18n/errors';
import { msg, type Message } from '../i18n/message';
import { chooseDialect, delimiterOf, readOptions, sniffQuery } from './csv-dialect';
import type {
	EngineApi,
	EngineInfo,
	EngineOptions,
	OpenedFile,
	OpenOptions,
	Progress
} from './protocol';
import { memoryLimitOf } from './memory-limit';
import { detectFormat } from './source-format';
import { readJsonText, readNdjsonText, type BadLine } from './readers/json';
import { isWhitespaceAligned, sniffEncoding } from './readers/encoding';
import { csvShape, loneCrAs } from './readers/csv-shape';
import { concat, decodeToUtf8, evenLineEnds, readHead } from './readers/text';
import { textTableToIPC, type TextTable } from './readers/text-table';
import { CancelledError, friendly } from './errors';
import { measureGzip } from './readers/gzip-guard';
import { nextTask } from '../lib/next-task';
import { practiceOrderChunks } from './practice-orders';

/** What differs between the browser worker and Node. */
export interface EngineHost {
	bindings: DuckDBBindings;
	bundle: string;
	startMs: number;
	/** Registers a file for DuckDB to read in place (a handle in the browser, a buffer in Node). */
	registerFile(name: string, file: Blob): Promise<void>;
	/** Reports the furthest byte DuckDB has read from registered files, for progress bars. */
	onFileRead(listener: ((offset: number) => void) | null): void;
	/** The model fits `fitModel` runs, by name: the worker entry wires the analyses' own. */
	fits: Record<string, HostedFit>;
}

/**
 * A model fit run beside the database: it reads its input table and writes its result through
 * `db`, and says how far it got in words.
 */
export type HostedFit = (
	db: { query(q: Sql): Table; insert(table: string, ipc: Uint8Array): void },
	config: unknown,
	signal: AbortSignal,
	onProgress: (detail: Message) => void
) => Promise<unknown>;

const UPLOADS = 'uploads/';
const PREVIEW_ROWS = 50;
const SAMPLE_ROWS = 2000;
/** read_csv's buffer for the first lines: twice DuckDB's longest line (2 MB), an eighth of its default. */
const HEAD_BUFFER_BYTES = 4 * 1024 * 1024;
/** Bytes `readHead` reads by default. */
const HEAD_BYTES = 65536;
/** The default in-memory database, and the one that stores its tables compressed. */
const PLAIN = 'memory';
const PACKED = 'packed';
/** Files bigger than this are loaded into the compressed database (see `openFile`). */
const PACKED_FROM_BYTES = 128 * 1024 * 1024;
/** More columns than this cannot be normalised in DuckDB-WASM's memory. */
const MAX_COLUMNS = 1000;

interface OpenState {
	file: Blob;
	info: OpenedFile;
	csvPath: string | null;
	badLines: BadLine[];
}

/**
 * What a new file must not find from the last one: the objects anything could have created
 * (tables and views of cells, and whatever a statement slipped in: macros, sequences, types,
 * attached databases). The app's own compressed database stays.
 */
const CATALOGUE = {
	VIEW: 'SELECT database_name AS d, schema_name AS s, view_name AS n FROM duckdb_views() WHERE NOT internal',
	TABLE:
		'SELECT database_name AS d, schema_name AS s, table_name AS n FROM duckdb_tables() WHERE NOT internal',
	SEQUENCE:
		'SELECT database_name AS d, schema_name AS s, sequence_name AS n FROM duckdb_sequences()',
	TYPE: 'SELECT database_name AS d, schema_name AS s, type_name AS n FROM duckdb_types() WHERE NOT internal',
	MACRO:
		"SELECT DISTINCT database_name AS d, schema_name AS s, function_name AS n, function_type AS t FROM duckdb_functions() WHERE NOT internal AND function_type IN ('macro', 'table_macro')",
	DATABASE: `SELECT database_name AS d FROM duckdb_databases() WHERE NOT internal AND database_name NOT IN ('${PLAIN}', '${PACKED}')`
} as const;

const qualified = (...parts: unknown[]) =>
	join(
		parts.map((part) => ident(String(part))),
		raw('.')
	);

/** Every statement on the worker's own timeline: `npm run bench` reads it to say where time went. */
function measured(text: string, start: number) {
	performance.measure('segmenta:sql', { start, detail: text.slice(0, 120) });
}

/** Creates the engine on a started DuckDB. Call `init()` before anything else. */
export function createEngine(host: EngineHost): EngineApi {
	const db = host.bindings;
	let conn: DuckDBConnection | null = null;
	let counter = 0;
	let current: OpenState | null = null;
	let files: string[] = [];
	let packedFromBytes = PACKED_FROM_BYTES;

	const c = () => {
		if (!conn) throw new Error('engine not started: call init() first');
		return conn;
	};
	const run = (q: Sql | string) => {
		const text = typeof q === 'string' ? q : q.text;
		const started = performance.now();
		try {
			return c().query(text);
		} finally {
			measured(text, started);
		}
	};
	/** How many cancels came so far; a call made before the latest one stops, or never starts. */
	let cancels = 0;
	/** `cancels` when the running call was made. */
	let runningSince = 0;
	const cancelled = () => cancels !== runningSince;
	/** The model fit under way, which a cancel aborts. */
	let fitting: AbortController | null = null;
	let queue: Promise<unknown> = Promise.resolve();

	/**
	 * One DuckDB connection serves every call, and a pending query yields between polls, so
	 * calls take turns: a second query must not start while the first is still pending. A call
	 * cancelled while waiting its turn is dropped; only `init` cannot be cancelled.
	 */
	function exclusive<T>(work: () => Promise<T>, cancellable = true): Promise<T> {
		const calledAt = cancels;
		const start = async () => {
			if (cancellable && cancels !== calledAt) throw new CancelledError();
			runningSince = cancellable ? calledAt : cancels;
			return work();
		};
		const next = queue.then(start, start);
		queue = next.catch(() => {});
		return next;
	}

	/**
	 * Runs one statement through DuckDB's pending-query API, yielding to the worker's event loop
	 * between polls (each about 100 ms of work at most), so a `cancel()` message gets through
	 * and stops the query without losing the tables already built.
	 */
	async function runCancellable(q: Sql | string): Promise<Uint8Array> {
		const text = typeof q === 'string' ? q : q.text;
		if (cancelled()) throw new CancelledError();
		const started = performance.now();
		try {
			return await pollToEnd(text);
		} finally {
			measured(text, started);
		}
	}

	async function pollToEnd(text: string): Promise<Uint8Array> {
		let result = c().useUnsafe((b, id) => b.startPendingQuery(id, text, false));
		while (result === null) {
			await nextTask();
			if (cancelled()) {
				c().useUnsafe((b, id) => b.cancelPendingQuery(id));
				throw new CancelledError();
			}
			result = c().useUnsafe((b, id) => b.pollPendingQuery(id));
		}
		// The pending query answers with the schema; the record batches follow, then an empty chunk.
		const parts: Uint8Array[] = [result];
		for (;;) {
			const chunk = c().useUnsafe((b, id) => b.fetchQueryResults(id));
			if (chunk === null) continue;
			if (chunk.length === 0) break;
			parts.push(chunk);
		}
		return concat(parts);
	}
	/**
	 * Between two steps that cannot be interrupted: lets a waiting `cancel()` message in, and
	 * stops if it came.
	 */
	async function checkpoint() {
		await nextTask();
		if (cancelled()) throw new CancelledError();
	}
	/**
	 * DuckDB-WASM runs every statement of a text it is given, and a call from the page must run
	 * one. DuckDB's own parser decides (preparing refuses several statements); only a text with
	 * a `;` can hold several, so the others skip the check.
	 */
	function oneStatement(text: string) {
		if (!text.includes(';')) return;
		let prepared;
		try {
			prepared = c().prepare(text);
		} catch (e) {
			if (/multiple statements/i.test(String((e as Error).message)))
				throw new LocalisedError('engine.one_statement');
			throw e;
		}
		prepared.close();
	}
	const rows = (q: Sql | string) =>
		run(q)
			.toArray()
			.map((r) => r.toJSON() as Record<string, unknown>);

	function init(options: EngineOptions = {}): EngineInfo {
		if (!conn) {
			db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
			conn = db.connect();
			const memoryLimit = memoryLimitOf(options.memoryLimit);
			packedFromBytes = options.packedFromBytes ?? PACKED_FROM_BYTES;
			// Lock DuckDB down before any file arrives: no extension downloads, nothing outside uploads/.
			for (const statement of [
				'SET autoinstall_known_extensions = false',
				'SET autoload_known_extensions = false',
				// Before external access is shut: a second in-memory database that stores its tables compressed.
				`ATTACH ':memory:' AS ${PACKED} (COMPRESS)`,
				`SET allowed_directories = ['${UPLOADS}']`,
				'SET enable_external_access = false',
				...(memoryLimit ? [sql`SET memory_limit = ${lit(memoryLimit)}`] : []),
				'SET lock_configuration = true'
			]) {
				run(statement);
			}
			warmUp();
		}
		const version = String(rows('SELECT version() AS v')[0].v);
		return { duckdbVersion: version, bundle: host.bundle, startMs: host.startMs };
	}

	/** First runs of the CSV reader and string functions are several times slower: pay that at start. */
	function warmUp() {
		const path = `${UPLOADS}warm-up.csv`;
		db.registerFileBuffer(
			path,
			new TextEncoder().encode('a,b,c\n1,2024-01-05,1.5\nx,2024-01-06,"(2,5)"\n')
		);
		const text = sql`SELECT * FROM sniff_csv(${lit(path)})`;
		run(text);
		const source = sql`read_csv(${lit(path)}, all_varchar = true)`;
		run(
			sql`SELECT count(DISTINCT a), max(TRY_CAST(b AS TIMESTAMP)), sum(TRY_CAST(regexp_replace(c, '[^0-9.]', '', 'g') AS DOUBLE)), hash(a, b, c) FROM ${source} GROUP BY ALL`
		);
		db.dropFile(path);
	}

	/**
	 * Drops every view and table: the last file's rows, and every result built from them (cell
	 * results, drill-downs), so nothing of it can mix into the next file or hold its memory.
	 * The CSV reader's rejects outlive the file too: a clean file would report the last file's bad lines.
	 */
	function dropEverything() {
		for (const kind of ['VIEW', 'TABLE', 'SEQUENCE', 'TYPE'] as const) {
			for (const { d, s, n } of rows(CATALOGUE[kind])) {
				run(sql`DROP ${raw(kind)} IF EXISTS ${qualified(d, s, n)}`);
			}
		}
		for (const { d, s, n, t } of rows(CATALOGUE.MACRO)) {
			run(
				sql`DROP ${raw(t === 'table_macro' ? 'MACRO TABLE' : 'MACRO')} IF EXISTS ${qualified(d, s, n)}`
			);
		}
		for (const { d } of rows(CATALOGUE.DATABASE))
			run(sql`DETACH DATABASE IF EXISTS ${ident(String(d))}`);
		// Re-registering a name has an upstream bug; each upload gets a new name and old ones go,
		// with any file a statement wrote under uploads/.
		const written = db.globFiles(`${UPLOADS}*`).map((f) => f.fileName);
		for (const name of new Set([...files, ...written])) db.dropFile(name);
		files = [];
		current = null;
	}

	async function openCsv(
		file: Blob,
		options: OpenOptions,
		gzip: boolean,
		progress: (p: Progress) => void
	): Promise<Pick<OpenedFile, 'encoding' | 'delimiter'> & { path: string; firstRows: Sql }> {
		if (file.size === 0) throw new LocalisedError('engine.file_empty');
		const head = await readHead(file, gzip);
		const sniff = sniffEncoding(head);
		if (sniff.kind === 'binary' && !options.encoding) {
			throw new LocalisedError('engine.not_text');
		}
		const encoding = options.encoding ?? (sniff.kind === 'text' ? sniff.encoding : 'utf-8');
		const bom = sniff.kind === 'text' ? sniff.bomLength : 0;
		// The head is the whole file when it is shorter than the head's limit.
		if (
			head.length < HEAD_BYTES &&
			new TextDecoder(encoding).decode(head.subarray(bom)).trim() === ''
		) {
			throw new LocalisedError('engine.file_empty');
		}
		const headText = new TextDecoder(encoding).decode(head);
		const aligned = isWhitespaceAligned(headText);
		const loneCr = aligned ? null : loneCrAs(headText);
		const id = ++counter;
		// DuckDB's latin-1 refuses bytes 0x80-0x9F, which Windows-1252 uses (€, curly quotes): decode those here.
		const readsItself = encoding === 'utf-8' && !aligned && !loneCr;
		let path: string;
		if (readsItself) {
			path = `${UPLOADS}${id}.csv${gzip ? '.gz' : ''}`;
			await host.registerFile(path, file);
		} else {
			progress({ phase: 'decoding', fraction: 0, detail: encoding });
			const bytes = await decodeToUtf8(file, { encoding, gzip, aligned, loneCr }, (f) =>
				progress({ phase: 'decoding', fraction: f, detail: encoding })
			);
			path = `${UPLOADS}${id}.csv`;
			db.registerFileBuffer(path, bytes);
		}
		files.push(path);
		const common: Sql[] = [
			sql`compression = ${lit(readsItself && gzip ? 'gzip' : 'none')}`,
			sql`encoding = ${lit('utf-8')}`
		];
		if (aligned) common.push(sql`delim = ${lit('\t')}`);
		// DuckDB reads 32 MB at a time, too much for the sniff and the sample, which look at the
		// first lines only. The full scan keeps the large reads, which are faster for a whole file.
		const firstLines = readsItself && gzip ? [] : [sql`buffer_size = ${lit(HEAD_BUFFER_BYTES)}`];
		// Sniff once, then read with explicit options: every later scan skips the sniffer.
		await checkpoint();
		let sniffed: { dialect: Record<string, unknown> } | { error: unknown };
		try {
			sniffed = { dialect: rows(sniffQuery(path, [...common, ...firstLines]))[0] };
		} catch (error) {
			sniffed = { error };
		}
		if ('dialect' in sniffed && !sniffed.dialect) throw new LocalisedError('engine.not_csv');
		// The shape of the text DuckDB reads (line endings evened out). Not for aligned columns: the
		// head's text is not what DuckDB reads, and a damaged file (a UTF-16 file with one odd byte)
		// can end in one line of 20,000 fields, for which DuckDB stores a reject per field (minutes).
		const shape = () => {
			if (aligned) return null;
			const text = loneCr ? evenLineEnds(headText, true, loneCr).out : headText;
			return csvShape(text.replace(/^\ufeff/, ''), head.length < HEAD_BYTES);
		};
		const dialect = chooseDialect(sniffed, shape);
		const args = readOptions(dialect, common);
		run(
			sql`CREATE OR REPLACE VIEW ${ident(TABLES.source)} AS SELECT * FROM read_csv(${lit(path)}, ${args})`
		);
		const firstRows = sql`read_csv(${lit(path)}, ${[...args, ...firstLines]})`;
		return { path, encoding, delimiter: aligned ? 'whitespace' : delimiterOf(dialect), firstRows };
	}

	function loadTextTable(table: TextTable) {
		if (table.columns.length === 0) throw new LocalisedError('engine.no_columns');
		c().insertArrowFromIPCStream(textTableToIPC(table), { name: 'source_data', create: true });
		run(sql`CREATE OR REPLACE VIEW ${ident(TABLES.source)} AS SELECT * FROM source_data`);
	}

	/** Written in pieces, a task apart: a person's file (which cancels this) need not wait for it. */
	async function openPractice(rows: number): Promise<OpenedFile> {
		const parts: string[] = [];
		for (const part of practiceOrderChunks(rows)) {
			parts.push(part);
			await nextTask();
			if (cancelled()) throw new CancelledError();
		}
		return openFile(new File(parts, 'rehearsal.csv', { type: 'text/csv' }), {});
	}

	async function openFile(
		file: File,
		options: OpenOptions,
		onProgress?: (p: Progress) => void
	): Promise<OpenedFile> {
		const started = performance.now();
		// Reading and decoding report progress chunk by chunk: a cancel stops them there.
		const progress = (p: Progress) => {
			if (cancelled()) throw new CancelledError();
			onProgress?.(p);
		};
		dropEverything();
		const magic = new Uint8Array(await file.slice(0, 4).arrayBuffer());
		const { format, gzip } = detectFormat(file.name, magic);
		const textBytes = gzip && format === 'csv' ? await measureGzip(file, cancelled) : file.size;
		// Everything built from a big file goes to the compressed database, where its tables take a
		// fraction of the memory for about the same load time (reading the CSV dominates); for a
		// smaller file compressing slows the load, so it stays in the plain one.
		run(sql`USE ${ident(textBytes > packedFromBytes ? PACKED : PLAIN)}`);
		const info: OpenedFile = {
			fileName: file.name,
			format,
			encoding: null,
			compressed: gzip,
			textBytes,
			delimiter: null,
			sheets: [],
			sheet: null,
			columns: [],
			preview: [],
			guess: { draft: null as never, dateAmbiguous: false, notes: [] },
			elapsedMs: 0
		};
		let csvPath: string | null = null;
		let badLines: BadLine[] = [];
		/** What a reader could not read, shown beside the mapping's own notes. */
		let readerNotes: Message[] = [];
		progress({ phase: 'reading', fraction: null });
		/** Where the sample comes from: the source, or for a CSV the same read in small chunks. */
		let firstRows: Sql = ident(TABLES.source);
		try {
			if (format === 'csv') {
				const opened = await openCsv(file, options, gzip, progress);
				csvPath = opened.path;
				firstRows = opened.firstRows;
				info.encoding = opened.encoding;
				info.delimiter = opened.delimiter;
			} else if (format === 'parquet') {
				const { readParquet } = await import('./readers/parquet');
				loadTextTable(await readParquet(file));
			} else if (format === 'xlsx') {
				const { readXlsx } = await import('./readers/xlsx');
				const book = await readXlsx(file, options.sheet);
				info.sheets = book.sheets;
				info.sheet = book.sheet;
				readerNotes = book.notes;
				loadTextTable(book.table);
			} else {
				const bytes = await decodeToUtf8(file, { encoding: 'utf-8', gzip, aligned: false }, (f) =>
					progress({ phase: 'decoding', fraction: f })
				);
				const text = new TextDecoder().decode(bytes).replace(/^\ufeff/, '');
				info.encoding = 'utf-8';
				if (format === 'json') loadTextTable(readJsonText(text));
				else {
					const read = readNdjsonText(text);
					badLines = read.bad;
					loadTextTable(read.table);
				}
			}
			await checkpoint();
			info.columns = rows(sql`DESCRIBE ${ident(TABLES.source)}`).map((r) => String(r.column_name));
			if (info.columns.length > MAX_COLUMNS) {
				throw new LocalisedError('engine.too_many_columns', {
					n: info.columns.length,
					max: MAX_COLUMNS
				});
			}
			await checkpoint();
			const sample = rows(sql`SELECT * FROM ${firstRows} LIMIT ${lit(SAMPLE_ROWS)}`).map((r) =>
				info.columns.map((col) => (r[col] === null || r[col] === undefined ? null : String(r[col])))
			);
			if (sample.length === 0 && csvPath) {
				const rejected = Number(
					rows('SELECT count(DISTINCT line) AS n FROM reject_errors')[0]?.n ?? 0
				);
				if (rejected > 0) {
					throw new LocalisedError('engine.uneven_lines', {
						n: rejected,
						fields: info.columns.length
					});
				}
			}
			if (sample.length === 0) {
				throw new LocalisedError('engine.no_rows', {
					columns: info.columns.slice(0, 6).join(', ')
				});
			}
			info.preview = sample.slice(0, PREVIEW_ROWS);
			const guess = guessMapping(info.columns, sample);
			info.guess = { ...guess, notes: [...readerNotes, ...guess.notes] };
			await checkpoint();
			if (info.guess.dateAmbiguous && info.guess.draft.orderDate) {
				// The sample could not tell day/month order; the whole column may.
				const decided = decideDayMonth(
					rows(
						sql`SELECT DISTINCT trim(${ident(info.guess.draft.orderDate)}) AS v FROM ${ident(TABLES.source)} WHERE regexp_matches(trim(${ident(info.guess.draft.orderDate)}), '^(\d{1,2})[/.-](\d{1,2})[/.-]') AND (TRY_CAST(regexp_extract(trim(${ident(info.guess.draft.orderDate)}), '^(\d{1,2})', 1) AS INT) > 12 OR TRY_CAST(regexp_extract(trim(${ident(info.guess.draft.orderDate)}), '^\d{1,2}[/.-](\d{1,2})', 1) AS INT) > 12) LIMIT 1000`
					).map((r) => String(r.v))
				);
				info.guess = { ...info.guess, dateAmbiguous: decided.ambiguous };
				info.guess.draft = { ...info.guess.draft, dateFormat: decided.format };
			}
		} catch (e) {
			dropEverything();
			throw friendly(e);
		}
		info.elapsedMs = performance.now() - started;
		current = { file, info, csvPath, badLines };
		return info;
	}

	function fillParseErrors(state: OpenState) {
		run(parseErrorsTableStatement());
		if (state.csvPath) run(parseErrorsFromRejectsStatement());
		for (const bad of state.badLines) {
			run(
				sql`INSERT INTO ${ident(TABLES.parseErrors)} VALUES (${lit(bad.line)}, ${lit(bad.text)}, ${lit(bad.error)})`
			);
		}
	}

	/**
	 * After a failed or cancelled normalise: no half-built `transactions` stays queryable, and
	 * the memory its tables held is free again (the file stays open for another try).
	 */
	function dropHalfBuilt() {
		for (const name of [TABLES.transactions, TABLES.setAside])
			run(sql`DROP VIEW IF EXISTS ${ident(name)}`);
		for (const name of [
			TABLES.contacts,
			TABLES.summary,
			TABLES.orders,
			TABLES.rows,
			TABLES.repeatedValues,
			TABLES.candidateText,
			TABLES.parseErrors
		]) {
			run(sql`DROP TABLE IF EXISTS ${ident(name)}`);
		}
	}

	async function normalise(
		input: Mapping,
		onProgress?: (p: Progress) => void
	): Promise<QualityReport> {
		if (!current) throw new LocalisedError('engine.open_first');
		const state = current;
		const started = performance.now();
		const mapping = parseMapping(input, state.info.columns);
		const size = state.file.size;
		let step: NormaliseStep = 'reading';
		// DuckDB reads the file 32 MB at a time, so offsets come seldom: each pass says so as it starts.
		let fraction: number | null = null;
		const report = () =>
			onProgress?.({ phase: 'normalising', fraction, detail: msg(`engine.step_${step}`) });
		host.onFileRead((offset) => {
			// The tables built after the passes read no file: their time has no fraction to show.
			if (step === 'summaries') return;
			fraction = Math.min(1, offset / Math.max(1, size));
			report();
		});
		try {
			run(parseErrorsTableStatement());
			await runNormalise(
				{
					run: (statement) => runCancellable(statement),
					count: async (query) => Number(Object.values(rows(query)[0])[0])
				},
				mapping,
				state.info.columns,
				(next) => {
					step = next;
					fraction = null;
					report();
				}
			);
			fillParseErrors(state);
			run(setAsideViewStatement(state.info.columns));
			const q = rows(qualityQuery())[0];
			const byReason = Object.fromEntries(REASONS.map((r) => [r, Number(q[r])])) as Record<
				Reason,
				number
			>;
			const rowsUsed = Number(q.rows_used);
			return {
				rowsRead: Number(q.rows_read),
				rowsUsed,
				rowsSetAside: REASONS.reduce((n, r) => n + byReason[r], 0),
				byReason,
				refundsNetted: Number(q.refunds_netted),
				customers: Number(q.customers),
				orders: Number(q.orders),
				firstOrder: q.first_order === null ? null : Number(q.first_order),
				lastOrder: q.last_order === null ? null : Number(q.last_order),
				totalAmount: Number(q.total_amount),
				columns: rows(sql`DESCRIBE ${ident(TABLES.transactions)}`).map((r) =>
					String(r.column_name)
				),
				elapsedMs: performance.now() - started
			};
		} catch (e) {
			try {
				dropHalfBuilt();
			} catch {
				// The first error is the one to report; a second one changes nothing for the person.
			}
			throw friendly(e);
		} finally {
			host.onFileRead(null);
		}
	}

	async function loadCustomerList(file: File) {
		if (file.size === 0) throw new LocalisedError('engine.list_empty');
		const path = `${UPLOADS}list-${++counter}.csv`;
		await host.registerFile(path, file);
		files.push(path);
		const source = sql`read_csv(${lit(path)}, all_varchar = true)`;
		const columns = rows(sql`DESCRIBE SELECT * FROM ${source}`).map((r) => String(r.column_name));
		const sample = rows(sql`SELECT * FROM ${source} LIMIT 200`).map((r) =>
			columns.map((c) => (r[c] === null || r[c] === undefined ? null : String(r[c])))
		);
		const column = guessMapping(columns, sample).draft.customerId ?? columns[0];
		run(sql`CREATE OR REPLACE TABLE customer_list AS
SELECT DISTINCT trim(${ident(column)}) AS customer_id FROM ${source}
WHERE ${ident(column)} IS NOT NULL AND trim(${ident(column)}) <> ''`);
		const customers = Number(rows('SELECT count(*) AS n FROM customer_list')[0].n);
		return { customers, column };
	}

	return {
		init: (options) => exclusive(async () => init(options), false),
		loadCustomerList: (file) =>
			exclusive(async () => {
				try {
					return await loadCustomerList(file);
				} catch (e) {
					throw friendly(e);
				}
			}),
		openFile: (file, options, onProgress) => exclusive(() => openFile(file, options, onProgress)),
		openPractice: (rows) => exclusive(() => openPractice(rows)),
		normalise: (mapping, onProgress) => exclusive(() => normalise(mapping, onProgress)),
		query: (text: string) =>
			exclusive(async () => {
				try {
					oneStatement(text);
					return await runCancellable(text);
				} catch (e) {
					throw friendly(e);
				}
			}),
		exportParquet: (text: string) =>
			exclusive(async () => {
				try {
					// Loaded when first needed, like the readers below: most visits never use them.
					const { tableToParquet } = await import('./writers/parquet');
					oneStatement(text);
					return tableToParquet(run(text));
				} catch (e) {
					throw friendly(e);
				}
			}),
		fitModel: (model, config, onProgress) =>
			exclusive(async () => {
				fitting = new AbortController();
				try {
					const fit = Object.hasOwn(host.fits, model) ? host.fits[model] : null;
					if (!fit) throw new Error(`no model called ${model}`);
					return await fit(
						{
							query: run,
							insert: (name, ipc) => c().insertArrowFromIPCStream(ipc, { name, create: true })
						},
						config,
						fitting.signal,
						(detail) => onProgress?.({ phase: 'fitting', fraction: null, detail })
					);
				} catch (e) {
					throw friendly(e);
				} finally {
					fitting = null;
				}
			}),
		cancel: async () => {
			cancels++;
			fitting?.abort();
		},
		// Through the queue like every call: a query on the connection while another is pending
		// would end the pending one.
		exportCsv: (text: string) =>
			exclusive(async () => {
				try {
					oneStatement(text);
					const csv = tableToCsv(run(text));
					return new TextEncoder().encode('\ufeff' + csv);
				} catch (e) {
					throw friendly(e);
				}
			}),
		reset: () => exclusive(async () => dropEverything(), false)
	};
}
