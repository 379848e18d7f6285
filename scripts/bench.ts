/**
 * `npm run bench`: the same transaction logs through the built app in headless Chromium and
 * through native DuckDB (1 thread and all cores) running the app's own SQL, side by side.
 *
 *   npx tsx scripts/bench.ts [--rows 100000,1000000] [--runs 3] [--return-visit] [--cold] [--idle 60]
 *
 * Each browser run puts the pointer on "Choose a file" (the page warms its engine up from then
 * on) and waits for that warm-up before choosing the file, as a person finding their file gives
 * it that time; with `--cold` the file is chosen at once, with no warm-up. `--idle` seconds (0:
 * none) first measures the CPU the browser uses while the page sits open without a file, on a
 * first and a return visit.
 *
 * With `--return-visit`, each browser run is followed by a second visit in the same browser
 * profile (its cache and service worker kept), reported on a line of its own.
 *
 * Logs are generated once (seeded: the same bytes every run) into `bench/data/`; the site is
 * built into `/tmp/segmenta-bench-dist`, never `dist/`. Medians go to `bench/results/latest.json`.
 * `bench/README.md` says what each figure means.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { renameSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { cpus, loadavg, release, tmpdir, totalmem } from 'node:os';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Page } from 'playwright-core';
import { launch, waitForEngine } from '../test/helpers/browser';
import { browserCpuSeconds, peakRendererKb } from './lib/browser-processes';
import { serveStatic } from '../test/helpers/static-server';
import { ANALYSES, type AnalysisKind } from '../src/analyses/registry';
import { countRows, createResultTable, pageQuery, tableRef } from '../src/analyses/cell-sql';
import { guessMapping } from '../src/ingest/detect-roles';
import { parseMapping } from '../src/ingest/mapping';
import { qualityQuery, runNormalise, TABLES } from '../src/ingest/normalise-sql';
import { setAsideViewStatement } from '../src/ingest/normalise-sql';
import { PAGE_SIZE } from '../src/state/ResultTable.svelte';
import { ident, lit, raw, sql, type Sql } from '../src/sql/sql';
import { readOptions, sniffQuery } from '../src/engine/csv-dialect';
import {
	HEADER,
	mulberry32,
	pad,
	powerLawRank,
	PRODUCTS,
	SPAN_S,
	START_S
} from './lib/orders-data';

process.env.TZ = 'UTC';

function argument(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	if (i >= 0) return process.argv[i + 1];
	return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

const SIZES = (argument('rows') ?? '100000,1000000')
	.split(',')
	.map((s) => Number(s.replace(/_/g, '')));
const RUNS = Number(argument('runs') ?? 3);
const RETURN_VISIT = process.argv.includes('--return-visit');
const COLD = process.argv.includes('--cold');
const IDLE_S = Number(argument('idle') ?? 60);
if (SIZES.some((n) => !Number.isInteger(n) || n <= 0) || !Number.isInteger(RUNS) || RUNS < 1) {
	throw new Error(`--rows wants row counts (100000,1000000) and --runs a positive integer`);
}
const ROOT = resolve(import.meta.dirname, '..');
const DIST = '/tmp/segmenta-bench-dist';
const KINDS = Object.keys(ANALYSES) as AnalysisKind[];
/** The cells the 2.5 s target names: file chosen → these four ready is the `core` step. */
const CORE_KINDS: AnalysisKind[] = ['rfm', 'abc', 'cohort', 'lifecycle'];
const STEPS = ['detect', 'load', ...KINDS, 'core', 'notebook'] as const;
type Step = (typeof STEPS)[number];
type Figures = Partial<Record<Step, number | null>>;

// ---------------------------------------------------------------------------------------------
// The data (shared building blocks in lib/orders-data.ts), sized by rows, with the customer
// base growing with the file.

/** Writes exactly `rows` lines (orders of 1 + geometric(1/2) lines, ~1 % refunds) to `path`. */
async function generate(path: string, rows: number) {
	mkdirSync(resolve(path, '..'), { recursive: true });
	const partial = `${path}.partial`;
	const out = createWriteStream(partial);
	const rand = mulberry32(20220101);
	const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
	// About 4 orders per potential customer; 7919 (prime) scatters ranks, so it must not divide it.
	let customers = Math.max(1000, Math.round(rows / 8));
	if (customers % 7919 === 0) customers++;
	let chunk = HEADER;
	let written = 0;
	for (let orderId = 10_000_001; written < rows; orderId++) {
		const rank = powerLawRank(rand(), customers, 0.75);
		const customer = `C${pad((rank * 7919 + 12_345) % customers, 7)}`;
		let ts = Math.floor(START_S + (written / rows) * SPAN_S + (rand() - 0.5) * 7200);
		ts = Math.min(START_S + SPAN_S - 1, Math.max(START_S, ts));
		const when = new Date(ts * 1000).toISOString().slice(0, 19).replace('T', ' ');
		let lines = 1;
		while (rand() < 0.5) lines++;
		for (let l = 0; l < lines && written < rows; l++, written++) {
			const product = `P${pad(1000 + ((powerLawRank(rand(), PRODUCTS, 1.1) * 3571) % PRODUCTS), 4)}`;
			const quantity = rand() < 0.7 ? 1 : 2 + Math.floor(rand() * rand() * 8);
			let cents = Math.max(50, Math.round(2900 * Math.exp(0.9 * normal()) * quantity));
			if (rand() < 0.01) cents = -cents;
			const abs = Math.abs(cents);
			const amount = `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${pad(abs % 100, 2)}`;
			chunk += `${orderId},${customer},${when},${amount},${product},${quantity}\n`;
		}
		if (chunk.length >= 1 << 20) {
			if (!out.write(chunk)) await once(out, 'drain');
			chunk = '';
		}
	}
	out.end(chunk);
	await once(out, 'finish');
	renameSync(partial, path);
}

// ---------------------------------------------------------------------------------------------
// The browser: a fresh Chromium per run, the file chosen and the mapping applied as a person would.

interface BrowserRun {
	ms: Figures;
	/** Of each figure, the time the engine spent running statements (the rest is the page's). */
	sqlMs: Figures;
	/**
	 * Per cell, its table's `CREATE TABLE … AS` statement alone as the worker timed it: the same
	 * statement the native runs time as the cell's figure, so the two compare query for query.
	 */
	queryMs: Partial<Record<AnalysisKind, number>>;
	/** RFM's bins changed from 5 to 4 on the loaded notebook → the cell's next ready mark. */
	rerunRfmMs: number | null;
	/** Engine ready → the page's rehearsal done (null: not within 2 minutes, or `--cold`). */
	rehearsedMs: number | null;
	/** CPU seconds of every browser process (all threads) from the file chosen to the notebook ready. */
	fileCpuS: number;
	/** Cells that never got ready, with the error each showed. */
	cellErrors: string[];
	peakTabMb: number | null;
	longestTaskMs: number | null;
	longestTaskAnyMs: number | null;
	/** The last app mark before the longest task started. */
	longestTaskAfter: string | null;
	marks: Record<string, number>;
	engine: string;
	chromium: string;
}

type LongTaskWindow = { __longTasks: { start: number; duration: number }[] };

/**
 * The table a cell's own statement writes with its default parameters: a model cell's SQL
 * writes the model's input, the fit the result.
 */
function resultTableOf(kind: AnalysisKind): string {
	const analysis = ANALYSES[kind];
	return analysis.modelInput ?? analysis.tableFor?.(analysis.parse({}) as never) ?? analysis.table;
}

/** Every statement the engine worker ran, on the page's clock (the worker's own `segmenta:sql` measures). */
async function sqlTimeline(page: Page): Promise<{ start: number; ms: number; text: string }[]> {
	const pageOrigin = await page.evaluate(() => performance.timeOrigin);
	const timelines = await Promise.all(
		page.workers().map((w) =>
			w.evaluate(() => ({
				origin: performance.timeOrigin,
				entries: performance
					.getEntriesByName('segmenta:sql')
					.map((e) => [e.startTime, e.duration, String((e as PerformanceMeasure).detail)] as const)
			}))
		)
	);
	return timelines.flatMap(({ origin, entries }) =>
		entries.map(([start, ms, text]) => ({ start: start + origin - pageOrigin, ms, text }))
	);
}

/**
 * Changes RFM's bins through the form, as a person would, and times the cell's re-run from the
 * moment the page received the choice (the select's `input` event) to the cell's ready mark.
 * Timed from the page's own event, not from this script: Playwright's round trip and its
 * actionability checks before the choice took 50–100 ms that no person's click costs.
 */
async function rerunRfm(page: Page, timeoutMs: number): Promise<number | null> {
	const mark = 'segmenta:cell-rfm-ready';
	const bins = page.getByTestId('cell-rfm').getByTestId('rfm-bins');
	const before = await page.evaluate((m) => performance.getEntriesByName(m).length, mark);
	await bins.evaluate((select) => {
		const w = window as unknown as { __choiceAt: number | null };
		w.__choiceAt = null;
		select.addEventListener('input', (e) => (w.__choiceAt = e.timeStamp), {
			once: true,
			capture: true
		});
	});
	await bins.selectOption('4');
	await page.waitForFunction(
		(n) => performance.getEntriesByName('segmenta:cell-rfm-ready').length > n,
		before,
		{
			timeout: timeoutMs,
			polling: 50
		}
	);
	const [choiceAt, readyAt] = await page.evaluate(
		(m) => [
			(window as unknown as { __choiceAt: number | null }).__choiceAt,
			performance.getEntriesByName(m).at(-1)?.startTime ?? null
		],
		mark
	);
	return choiceAt === null || readyAt === null ? null : readyAt - choiceAt;
}

/**
 * CPU seconds (all browser processes and threads) while the page sits open for `seconds` without
 * a file: from before it is opened (the browser already started) to `seconds` after.
 */
async function idleRun(url: string, seconds: number, profile?: string): Promise<number> {
	const browser = await launch({ profile });
	try {
		const before = browserCpuSeconds();
		const opened = Date.now();
		await browser.page.goto(url);
		await waitForEngine(browser.page);
		await browser.page.waitForTimeout(Math.max(0, seconds * 1000 - (Date.now() - opened)));
		return Math.round((browserCpuSeconds() - before) * 100) / 100;
	} finally {
		await browser.close();
	}
}

/** Idle CPU on a first visit (fresh profile) and a return visit (the same profile). */
async function measureIdle(url: string, seconds: number) {
	const profile = mkdtempSync(join(tmpdir(), 'segmenta-bench-idle-'));
	try {
		const first = await idleRun(url, seconds, profile);
		const again = await idleRun(url, seconds, profile);
		console.log(
			`\nIdle page, no file, ${seconds} s: ${first} s of CPU on a first visit, ${again} s on a return visit (every browser process and thread)`
		);
		return { seconds, first_visit_cpu_s: first, return_visit_cpu_s: again };
	} finally {
		rmSync(profile, { recursive: true, force: true });
	}
}

async function browserRun(
	url: string,
	csv: string,
	timeoutMs: number,
	profile?: string
): Promise<BrowserRun> {
	const browser = await launch({ profile });
	const { page } = browser;
	const problems: string[] = [];
	page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
	page.on('crash', () => problems.push('the renderer crashed'));
	try {
		await page.addInitScript(() => {
			const w = window as unknown as LongTaskWindow;
			w.__longTasks = [];
			new PerformanceObserver((list) => {
				for (const e of list.getEntries()) {
					w.__longTasks.push({ start: e.startTime, duration: e.duration });
				}
			}).observe({ type: 'longtask', buffered: true });
		});
		await page.goto(url);
		await waitForEngine(page);
		// A person takes seconds to pick a file; the page rehearses meanwhile (src/state/rehearsal.ts),
		// from the moment the pointer is on "Choose a file".
		if (!COLD) await page.getByRole('button', { name: 'Choose a file' }).hover();
		const rehearsedMs = COLD
			? null
			: await page
					.waitForFunction(
						() => {
							const [ready] = performance.getEntriesByName('segmenta:engine-ready');
							const [done] = performance.getEntriesByName('segmenta:engine-rehearsed');
							return ready && done ? done.startTime - ready.startTime : false;
						},
						null,
						{ timeout: 120_000, polling: 100 }
					)
					.then((h) => h.jsonValue() as Promise<number>)
					.catch(() => null);
		// The user agent says 156.0.0.0 (UA reduction); the browser itself gives the full version.
		const cdp = await page.context().newCDPSession(page);
		const chromium = (await cdp.send('Browser.getVersion')).product.replace(/^.*\//, '');
		await cdp.detach();
		const engine = (await page.getByTestId('engine-status').textContent())?.replace(/\s+/g, ' ');
		const cpuAtFile = browserCpuSeconds();
		await page.getByTestId('file-input').setInputFiles(csv);
		const mapping = page.locator('[data-testid=mapping], [data-testid=error]').first();
		await mapping.waitFor({ timeout: timeoutMs });
		await page.getByTestId('apply-mapping').click();
		await page.waitForFunction(
			() =>
				performance.getEntriesByName('segmenta:notebook-ready').length > 0 ||
				!!document.querySelector('[data-testid=error]'),
			null,
			{ timeout: timeoutMs, polling: 250 }
		);
		const fileCpuS = browserCpuSeconds() - cpuAtFile;
		const marks = await page.evaluate(() =>
			Object.fromEntries(
				performance
					.getEntriesByType('mark')
					.map((m) => [m.name.replace(/^segmenta:/, ''), m.startTime])
			)
		);
		if (marks['notebook-ready'] === undefined) {
			const error = await page.getByTestId('error').first().textContent();
			throw new Error(`the page shows an error: ${error?.trim()}`);
		}
		const sql = await sqlTimeline(page);
		const tasks = await page.evaluate(() => (window as unknown as LongTaskWindow).__longTasks);
		const longest = (from: number) =>
			Math.max(0, ...tasks.filter((t) => t.start >= from).map((t) => t.duration));
		// The phase the longest task from file-chosen on started in: the last mark before it.
		const top = tasks
			.filter((t) => t.start >= (marks['file-chosen'] ?? 0))
			.sort((a, b) => b.duration - a.duration)[0];
		const before = Object.entries(marks).filter(([, at]) => top && at <= top.start);
		const phase = top ? (before.sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'page start') : null;
		const gap = (a: number | undefined, b: number | undefined) =>
			a === undefined || b === undefined ? null : b - a;
		const cells = KINDS.map((k) => marks[`cell-${k}-ready`]);
		const coreMarks = CORE_KINDS.map((k) => marks[`cell-${k}-ready`]);
		const coreReady = coreMarks.some((m) => m === undefined)
			? undefined
			: Math.max(...(coreMarks as number[]));
		// A cell that never got ready says why in its error box.
		const cellErrors: string[] = [];
		for (const k of KINDS.filter((_, i) => cells[i] === undefined)) {
			const text = await page
				.getByTestId(`cell-${k}`)
				.getByTestId('cell-error')
				.first()
				.textContent({ timeout: 2000 })
				.catch(() => null);
			cellErrors.push(`${k}: ${text?.replace(/\s+/g, ' ').trim() ?? 'no error shown'}`);
		}
		// Last: the re-run also re-runs the cells that read RFM's table.
		const rerun = await rerunRfm(page, timeoutMs);
		const ms: Figures = {
			detect: gap(marks['file-chosen'], marks['mapping-detected']),
			load: gap(marks['load-started'], marks['table-loaded']),
			core: gap(marks['file-chosen'], coreReady),
			notebook: gap(marks['file-chosen'], marks['notebook-ready'])
		};
		KINDS.forEach(
			(k, i) => (ms[k] = gap(i === 0 ? marks['table-loaded'] : cells[i - 1], cells[i]))
		);
		// The engine's share of each step: its statements' time between the step's two marks.
		const engineMs = (from: number | undefined, to: number | undefined) =>
			from === undefined || to === undefined
				? null
				: sql.filter((q) => q.start >= from && q.start < to).reduce((n, q) => n + q.ms, 0);
		const sqlMs: Figures = {
			detect: engineMs(marks['file-chosen'], marks['mapping-detected']),
			load: engineMs(marks['load-started'], marks['table-loaded']),
			core: engineMs(marks['file-chosen'], coreReady),
			notebook: engineMs(marks['file-chosen'], marks['notebook-ready'])
		};
		KINDS.forEach(
			(k, i) => (sqlMs[k] = engineMs(i === 0 ? marks['table-loaded'] : cells[i - 1], cells[i]))
		);
		const queryMs: BrowserRun['queryMs'] = {};
		for (const kind of KINDS) {
			const statement = createResultTable(resultTableOf(kind), raw('')).text;
			// This file's run of it: the rehearsal ran the same statements before the file was chosen.
			const run = sql.find(
				(q) =>
					q.start >= marks['table-loaded']! &&
					q.start < marks['notebook-ready']! &&
					q.text.startsWith(statement)
			);
			if (run) queryMs[kind] = run.ms;
		}
		const kb = peakRendererKb();
		return {
			ms,
			sqlMs,
			queryMs,
			rerunRfmMs: rerun,
			rehearsedMs,
			fileCpuS,
			cellErrors,
			peakTabMb: kb === null ? null : kb / 1024,
			longestTaskMs: longest(marks['file-chosen'] ?? 0),
			longestTaskAnyMs: longest(0),
			longestTaskAfter: phase,
			marks,
			engine: engine?.trim() ?? '?',
			chromium
		};
	} catch (e) {
		const also = problems.length ? ` (${problems.join('; ')})` : '';
		throw new Error(`${(e as Error).message.split('\n')[0]}${also}`, { cause: e });
	} finally {
		await browser.close().catch(() => {});
	}
}

// ---------------------------------------------------------------------------------------------
// Native DuckDB: the app's own SQL, from its modules, on a fresh in-memory database per run.

interface NativeRun {
	ms: Figures;
	/** Each ingest statement, in order. */
	ingest: { label: string; ms: number }[];
	/** Per cell: the count, first page and chart queries the page runs after the table. */
	followUps: Partial<Record<AnalysisKind, number>>;
	version: string;
	/** RFM with 4 bins and its follow-up queries, as the page re-runs it. */
	rerunRfmMs: number;
}

async function time(conn: DuckDBConnection, q: Sql): Promise<number> {
	const started = performance.now();
	await conn.run(q.text);
	return performance.now() - started;
}

async function nativeRun(csv: string, threads: number): Promise<NativeRun> {
	const db = await DuckDBInstance.create(':memory:', { threads: String(threads) });
	const conn = await db.connect();
	try {
		const rows = async (q: Sql) => (await conn.runAndReadAll(q.text)).getRowObjectsJS();
		const version = String((await rows(sql`SELECT version() AS v`))[0].v);
		const opened = performance.now();
		// As the engine's openCsv: sniff once, then read with explicit options, all text.
		const common = [sql`compression = ${lit('none')}`, sql`encoding = ${lit('utf-8')}`];
		const dialect = (await rows(sniffQuery(csv, common)))[0];
		const args = readOptions(dialect, common);
		const source = ident(TABLES.source);
		await conn.run(
			sql`CREATE OR REPLACE VIEW ${source} AS SELECT * FROM read_csv(${lit(csv)}, ${args})`.text
		);
		const columns = (await rows(sql`DESCRIBE ${source}`)).map((r) => String(r.column_name));
		const sample = (await conn.runAndReadAll(sql`SELECT * FROM ${source} LIMIT 2000`.text))
			.getRowsJS()
			.map((r) => r.map((v) => (v === null || v === undefined ? null : String(v))));
		const mapping = parseMapping(guessMapping(columns, sample).draft, columns);
		const ms: Figures = { detect: performance.now() - opened };

		const ingest: { label: string; ms: number }[] = [];
		const step = async (label: string, q: Sql) => ingest.push({ label, ms: await time(conn, q) });
		const parseErrors = ident(TABLES.parseErrors);
		await step(
			'CREATE TABLE ingest_parse_errors (empty)',
			sql`CREATE OR REPLACE TABLE ${parseErrors} (line BIGINT, csv_line VARCHAR, error VARCHAR)`
		);
		await runNormalise(
			{
				run: (s) =>
					step(
						s.text
							.split('\n')[0]
							.replace(/[\s"]+/g, ' ')
							.trim(),
						s
					),
				count: async (q) => Number(Object.values((await rows(q))[0])[0])
			},
			mapping,
			columns
		);
		await step('CREATE VIEW set_aside', setAsideViewStatement(columns));
		await step('quality report counts', qualityQuery());
		ms.load = ingest.reduce((n, s) => n + s.ms, 0);

		const followUps: NativeRun['followUps'] = {};
		for (const kind of KINDS) {
			const analysis = ANALYSES[kind];
			const config = analysis.parse({}) as never;
			// Model cells: only their SQL (the model's input) runs natively; the fit is TypeScript.
			if (analysis.modelInput) {
				ms[kind] = await time(conn, createResultTable(resultTableOf(kind), analysis.query(config)));
				followUps[kind] = 0;
				continue;
			}
			const table = resultTableOf(kind);
			ms[kind] = await time(conn, createResultTable(table, analysis.query(config)));
			const charts = analysis.charts(config).map((c) => c.query(tableRef(table)));
			const after = [countRows(table), pageQuery(table, 0, PAGE_SIZE, null), ...charts];
			let extra = 0;
			for (const q of after) extra += await time(conn, q);
			followUps[kind] = extra;
		}
		ms.core = ms.detect! + ms.load + CORE_KINDS.reduce((n, k) => n + ms[k]! + followUps[k]!, 0);
		ms.notebook = ms.detect! + ms.load + KINDS.reduce((n, k) => n + ms[k]! + followUps[k]!, 0);
		// As the page's re-run: the table with 4 bins, then its count, first page and charts.
		const rfm4 = ANALYSES.rfm.parse({ bins: 4 });
		let rerunRfmMs = await time(conn, createResultTable('rfm', ANALYSES.rfm.query(rfm4)));
		for (const q of [
			countRows('rfm'),
			pageQuery('rfm', 0, PAGE_SIZE, null),
			...ANALYSES.rfm.charts(rfm4).map((c) => c.query(tableRef('rfm')))
		]) {
			rerunRfmMs += await time(conn, q);
		}
		return { ms, ingest, followUps, version, rerunRfmMs };
	} finally {
		conn.closeSync();
		db.closeSync();
	}
}

// ---------------------------------------------------------------------------------------------
// Medians, the printed table and the JSON

function median(values: (number | null | undefined)[]): number | null {
	const v = values.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
	v.sort((a, b) => a - b);
	if (!v.length) return null;
	const mid = Math.floor(v.length / 2);
	return Math.round(v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2);
}

const medians = (runs: { ms: Figures }[]): Figures =>
	Object.fromEntries(STEPS.map((s) => [s, median(runs.map((r) => r.ms[s]))]));
const loads = () =>
	loadavg()
		.map((l) => l.toFixed(2))
		.join(' ');
const cell = (v: unknown, width: number) => String(v ?? '—').padStart(width);

function printSize(r: SizeResult) {
	const { browser, native_1t, native_all } = r.runs;
	const all = `native ${cpus().length}t`;
	const lines = [
		'',
		`== ${r.rows.toLocaleString('en')} rows, ${r.file_mb} MB; median of ${browser.length}/${native_1t.length}/${native_all.length} runs; load average ${r.load_average.start} → ${r.load_average.end} ==`,
		[
			'step'.padEnd(10),
			cell('browser', 9),
			cell('of it SQL', 11),
			cell('native 1t', 11),
			cell(all, 11),
			cell('browser/1t', 12),
			cell('1t page+charts', 16),
			cell('query', 8),
			cell('query/1t', 10)
		].join('')
	];
	const times = (v: number | null | undefined) => (v == null ? null : `${v}×`);
	for (const s of STEPS) {
		const row = [
			s.padEnd(10),
			cell(r.browser_ms[s], 9),
			cell(r.browser_sql_ms[s], 11),
			cell(r.native_1t_ms[s], 11),
			cell(r.native_all_ms[s], 11)
		];
		const query = [
			cell(r.browser_query_ms[s as AnalysisKind], 8),
			cell(times(r.browser_query_over_native_1t[s as AnalysisKind]), 10)
		];
		lines.push(
			[
				...row,
				cell(times(r.browser_over_native_1t[s]), 12),
				cell(r.native_follow_ups_1t_ms[s], 16),
				...query
			].join('')
		);
	}
	const after = [...new Set(browser.map((b) => b.longestTaskAfter))].join(', ') || '—';
	lines.push(
		`RFM re-run after its bins change (5 → 4): browser ${r.rerun_rfm_ms ?? '—'} ms, native 1t ${r.native_1t_rerun_rfm_ms ?? '—'} ms`
	);
	lines.push(
		`rehearsal (engine ready → rehearsed, before the file is chosen) ${r.rehearsal_ms ?? '—'} ms`
	);
	if (r.browser_return_ms) {
		const v = r.browser_return_ms;
		lines.push(
			`return visit (same profile, ${r.runs.browser_return.length} runs): load ${v.load ?? '—'} ms, core ${v.core ?? '—'} ms, notebook ${v.notebook ?? '—'} ms; rehearsal ${r.return_rehearsal_ms ?? '—'} ms; longest task ${r.return_longest_task_ms ?? '—'} ms`
		);
	}
	lines.push(
		`CPU from the file chosen to the notebook ready (every browser process and thread) ${r.file_cpu_s ?? '—'} s${COLD ? ', chosen with no warm-up (--cold)' : ''}`
	);
	lines.push(`peak tab (renderer VmHWM) ${r.peak_tab_mb ?? '—'} MB`);
	lines.push(
		`longest main-thread task from file-chosen on ${r.longest_task_ms ?? '—'} ms (started after: ${after}); any time ${r.longest_task_any_ms ?? '—'} ms`
	);
	lines.push(`native ingest statements (median ms): 1t, ${all}`);
	r.native_ingest_1t_ms.forEach((s, i) => {
		lines.push(`${cell(s.ms, 7)}${cell(r.native_ingest_all_ms[i]?.ms, 7)}  ${s.label}`);
	});
	for (const e of r.errors) lines.push(`! ${e}`);
	console.log(lines.join('\n'));
}

/** One size's medians, per-statement detail and every run, as written to the JSON. */
type SizeResult = Awaited<ReturnType<typeof measureSize>>;

const ingestMedians = (runs: NativeRun[]) =>
	(runs[0]?.ingest ?? []).map((s, i) => ({
		label: s.label,
		ms: median(runs.map((r) => r.ingest[i]?.ms))
	}));

/** Every run of one size, interleaved so other work on the machine spreads over all three. */
async function measureSize(url: string, rows: number) {
	const csv = resolve(ROOT, 'bench/data', `orders-${rows}-rows.csv`);
	if (!existsSync(csv)) {
		console.log(`Generating ${csv}`);
		await generate(csv, rows);
	}
	const start = loads();
	const runs = {
		browser: [] as BrowserRun[],
		native_1t: [] as NativeRun[],
		native_all: [] as NativeRun[],
		browser_return: [] as BrowserRun[]
	};
	const errors: string[] = [];
	/** A first visit, then (with --return-visit) a second one in the same profile; cells that failed in either. */
	const visits = async (i: number, timeout: number) => {
		const profile = RETURN_VISIT
			? mkdtempSync(join(tmpdir(), 'segmenta-bench-profile-'))
			: undefined;
		try {
			const first = await browserRun(url, csv, timeout, profile);
			runs.browser.push(first);
			for (const e of first.cellErrors) errors.push(`run ${i} browser cell ${e}`);
			if (!profile) return;
			const again = await browserRun(url, csv, timeout, profile);
			runs.browser_return.push(again);
			for (const e of again.cellErrors) errors.push(`run ${i} return visit cell ${e}`);
		} finally {
			if (profile) rmSync(profile, { recursive: true, force: true });
		}
	};
	const all = cpus().length;
	for (let i = 1; i <= RUNS; i++) {
		const timeout = Math.max(120_000, rows / 10);
		for (const [name, go] of [
			['browser', () => visits(i, timeout)],
			['native 1t', async () => runs.native_1t.push(await nativeRun(csv, 1))],
			[`native ${all}t`, async () => runs.native_all.push(await nativeRun(csv, all))]
		] as const) {
			await go().catch((e: Error) => errors.push(`run ${i} ${name}: ${e.message}`));
		}
		const [b, n] = [runs.browser.at(-1)?.ms, runs.native_1t.at(-1)?.ms];
		const ms = (v: number | null | undefined) => `${v == null ? '—' : Math.round(v)} ms`;
		console.log(
			`  ${rows.toLocaleString('en')} rows, run ${i}/${RUNS}: browser load ${ms(b?.load)}, notebook ${ms(b?.notebook)}; native 1t load ${ms(n?.load)}; load average ${loads()}`
		);
	}
	const browser = medians(runs.browser);
	const native1t = medians(runs.native_1t);
	// Browser ÷ native single-threaded, to one decimal.
	const over = (b: number | null | undefined, n: number | null | undefined) =>
		b != null && n ? Math.round((b / n) * 10) / 10 : null;
	const ofBrowser = (f: (r: BrowserRun) => number | null) => median(runs.browser.map(f));
	const query = Object.fromEntries(KINDS.map((k) => [k, ofBrowser((r) => r.queryMs[k] ?? null)]));
	return {
		rows,
		file_mb: Math.round((statSync(csv).size / 2 ** 20) * 10) / 10,
		browser_ms: browser,
		browser_sql_ms: Object.fromEntries(
			STEPS.map((s) => [s, median(runs.browser.map((r) => r.sqlMs[s]))])
		) as Figures,
		rerun_rfm_ms: ofBrowser((r) => r.rerunRfmMs),
		rehearsal_ms: ofBrowser((r) => r.rehearsedMs),
		// Median in milliseconds (median() rounds), then back to seconds.
		file_cpu_s: (ofBrowser((r) => r.fileCpuS * 1000) ?? NaN) / 1000,
		native_1t_rerun_rfm_ms: median(runs.native_1t.map((r) => r.rerunRfmMs)),
		native_1t_ms: native1t,
		native_all_ms: medians(runs.native_all),
		browser_over_native_1t: Object.fromEntries(
			STEPS.map((s) => [s, over(browser[s], native1t[s])])
		) as Figures,
		browser_query_ms: query as Partial<Record<AnalysisKind, number | null>>,
		browser_query_over_native_1t: Object.fromEntries(
			KINDS.map((k) => [k, over(query[k], native1t[k])])
		) as Partial<Record<AnalysisKind, number | null>>,
		...(runs.browser_return.length
			? {
					browser_return_ms: medians(runs.browser_return),
					return_longest_task_ms: median(runs.browser_return.map((r) => r.longestTaskMs)),
					return_rehearsal_ms: median(runs.browser_return.map((r) => r.rehearsedMs))
				}
			: {}),
		peak_tab_mb: ofBrowser((r) => r.peakTabMb),
		longest_task_ms: ofBrowser((r) => r.longestTaskMs),
		longest_task_any_ms: ofBrowser((r) => r.longestTaskAnyMs),
		native_ingest_1t_ms: ingestMedians(runs.native_1t),
		native_ingest_all_ms: ingestMedians(runs.native_all),
		native_follow_ups_1t_ms: Object.fromEntries(
			KINDS.map((k) => [k, median(runs.native_1t.map((r) => r.followUps[k]))])
		) as Figures,
		load_average: { start, end: loads() },
		errors,
		runs
	};
}

async function main() {
	const machine: Record<string, unknown> = {
		cores: cpus().length,
		cpu: cpus()[0]?.model ?? '?',
		memory_gb: Math.round(totalmem() / 2 ** 30),
		kernel: release(),
		node: process.version,
		load_average_start: loads()
	};
	const sizes = SIZES.map((n) => n.toLocaleString('en')).join(', ');
	console.log(`Segmenta bench: ${sizes} rows, ${RUNS} runs each; load average ${loads()}`);
	console.log(`Building the site into ${DIST}`);
	try {
		execFileSync('npx', ['vite', 'build', '--outDir', DIST, '--emptyOutDir'], {
			cwd: ROOT,
			stdio: 'pipe'
		});
	} catch (e) {
		const err = e as { stdout?: Buffer; stderr?: Buffer };
		console.error(String(err.stdout ?? ''), String(err.stderr ?? ''));
		throw new Error('vite build failed', { cause: e });
	}
	const site = await serveStatic(DIST, '/bench/');
	const results: SizeResult[] = [];
	let idle: Awaited<ReturnType<typeof measureIdle>> | null = null;
	try {
		if (IDLE_S > 0) idle = await measureIdle(site.url, IDLE_S);
		for (const rows of SIZES) {
			const result = await measureSize(site.url, rows);
			results.push(result);
			machine.chromium ??= result.runs.browser[0]?.chromium;
			machine.engine_in_page ??= result.runs.browser[0]?.engine;
			machine.duckdb_native ??= result.runs.native_1t[0]?.version;
			printSize(result);
		}
	} finally {
		await site.close();
	}
	machine.load_average_end = loads();
	console.log(
		`\nMachine: ${machine.cores} cores (${machine.cpu}), ${machine.memory_gb} GB; Chromium ${machine.chromium ?? '?'}; page engine "${machine.engine_in_page ?? '?'}"; native DuckDB ${machine.duckdb_native ?? '?'}; load average at start ${machine.load_average_start}, at end ${machine.load_average_end}`
	);
	const out = resolve(ROOT, 'bench/results/latest.json');
	mkdirSync(resolve(out, '..'), { recursive: true });
	const json = {
		timestamp: new Date().toISOString(),
		runs_per_figure: RUNS,
		warm_up: COLD ? 'none (--cold)' : 'pointer on "Choose a file", then the rehearsal awaited',
		idle,
		machine,
		sizes: results
	};
	writeFileSync(`${out}.tmp`, JSON.stringify(json, null, '\t') + '\n');
	renameSync(`${out}.tmp`, out);
	console.log(`Written ${out}`);
	if (results.some((r) => r.errors.length)) process.exitCode = 1;
}

main().catch((e) => {
	console.error(e);
	process.exit(2);
});
