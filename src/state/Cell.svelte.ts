/**
 * One notebook cell: its parameters, the SQL they produce (or the person's edit of it), and
 * what running it gave: row count, a page of the result, chart data, or DuckDB's error.
 */
import type { EngineClient } from '../engine/client';
import { ANALYSES, type AnalysisKind } from '../analyses/registry';
import type { ChartDef, ChartRows } from '../analyses/chart-types';
import { countRows, createResultTable, pageQuery, tableRef, typedSql } from '../analyses/cell-sql';
import { PAGE_SIZE, ResultHolder } from './ResultTable.svelte';
import type { ModelKind, ModelReport } from '../analyses/fits';
import { messageOf } from '../i18n/errors';
import { msg, type Message } from '../i18n/t';
import { nextTask } from '../lib/next-task';
import type { CellsAhead, RunStep } from './cells-ahead';

/**
 * A chart of the last run: its definition and the rows it draws (the spec is built from them at
 * render time, so its titles follow the language), or why it could not be drawn.
 */
export interface DrawnChart {
	def: ChartDef;
	rows: ChartRows | null;
	error: Message | string | null;
}

/** The run state of a cell. */
export type CellStatus = 'idle' | 'running' | 'done' | 'error';

/** A template cell (RFM, ABC, cohorts) in the notebook. */
export class Cell extends ResultHolder {
	readonly kind: AnalysisKind;
	readonly analysis;
	config = $state<Record<string, unknown>>({});
	editedSql = $state<string | null>(null);
	status = $state<CellStatus>('idle');
	/** DuckDB's own words, or a message in the language of the moment. */
	error = $state.raw<Message | string | null>(null);
	elapsedMs = $state(0);
	charts = $state.raw<DrawnChart[]>([]);
	/** What a model fit reported (the lifetime-value cell), and where a running fit is. */
	fit = $state.raw<ModelReport | null>(null);
	progress = $state.raw<Message | string | null>(null);
	private runId = 0;

	constructor(kind: AnalysisKind, saved?: unknown) {
		super();
		this.kind = kind;
		this.analysis = ANALYSES[kind];
		this.config = structuredClone(this.analysis.parse(saved ?? {})) as unknown as Record<
			string,
			unknown
		>;
	}

	/**
	 * A newer run of this cell is on its way: whatever the current one reports (a cancellation
	 * included) is dropped, and the cell shows it is running meanwhile.
	 */
	supersede() {
		this.runId++;
		this.status = 'running';
		this.error = null;
	}

	/** The validated config (the form may hold half-typed values). */
	get parsed() {
		return this.analysis.parse($state.snapshot(this.config));
	}

	/** The SQL the cell runs: generated from the parameters unless the person edited it. */
	get sql(): string {
		return this.editedSql ?? this.analysis.query(this.parsed as never).text;
	}

	/** Tables of other cells this one reads. */
	get dependencies(): string[] {
		return this.analysis.dependsOn?.(this.parsed as never) ?? [];
	}

	/** The cell's result table. */
	get table(): string {
		return this.analysis.tableFor?.(this.parsed as never) ?? this.analysis.table;
	}

	/** The statement that builds the cell's table (a model's input, for a model cell). */
	buildStatement(): string {
		const query =
			this.editedSql === null
				? this.analysis.query(this.parsed as never)
				: typedSql(this.editedSql);
		return createResultTable(this.analysis.modelInput ?? this.table, query).text;
	}

	/**
	 * What a run asks of the engine, in the order it asks: the table (for a model cell, its input
	 * and then the fit, which writes the table), the row count, the first page, each chart's data.
	 * Work done ahead runs these, so a run can take it step by step.
	 */
	runSteps(): RunStep[] {
		const table = this.table;
		const fit: RunStep[] = this.analysis.modelInput
			? [{ fit: this.kind as ModelKind, config: $state.snapshot(this.config) }]
			: [];
		return [
			{ sql: this.buildStatement() },
			...fit,
			{ sql: countRows(table).text },
			{ sql: pageQuery(table, 0, PAGE_SIZE, this.sort).text },
			...this.analysis
				.charts(this.parsed as never)
				.map((def) => ({ sql: def.query(tableRef(table)).text }))
		];
	}

	/**
	 * Runs the cell: builds its table, then the first page and the charts. Every call after the
	 * table is sent at once: the worker runs them in order behind it, never idle while this
	 * thread is busy drawing. `sent` is called once they are all on their way, so the notebook can
	 * queue the next cell behind them. `marked`: whether it marks the page's timeline when ready.
	 * `ahead`: the cells' work done before Apply (see `cells-ahead.ts`), taken step by step in the
	 * order of `runSteps`.
	 */
	async run(
		engine: EngineClient,
		sent: () => void = () => {},
		marked = true,
		ahead: CellsAhead | null = null
	) {
		const id = ++this.runId;
		const started = performance.now();
		this.status = 'running';
		this.error = null;
		try {
			const steps = this.runSteps();
			// The first page's query is the result holder's own (it falls back when a sorted column is gone).
			const [statement, countSql, , ...chartSql] = steps.flatMap((step) =>
				'sql' in step ? [step.sql] : []
			);
			const fitStep = steps.find((step) => 'fit' in step);
			let tookAhead = false;
			const ask = (text: string) => {
				const done = ahead?.take(text);
				if (done) tookAhead = true;
				return done ?? engine.query(text);
			};
			let built: Promise<unknown>;
			if (fitStep) {
				// The SQL builds the model's input; the fit in the worker writes the result table.
				await ask(statement);
				// Superseded while the input was built (a cancel finds nothing running in that gap):
				// the fit, seconds at 1M rows, would only delay the run that replaces this one.
				if (id !== this.runId) return;
				built =
					ahead?.takeFit(fitStep.fit, fitStep.config) ??
					engine.fitModel(fitStep.fit, fitStep.config, (p) => (this.progress = p.detail ?? null));
			} else {
				built = ask(statement);
			}
			const count = ask(countSql);
			this.offset = 0;
			const page = this.loadPage(engine, ask);
			const chartRows = chartSql.map(ask);
			const defs = this.analysis.charts(this.parsed as never);
			sent();
			// When the table fails, the calls behind it fail too: handled here, reported once below.
			void Promise.allSettled([count, page, ...chartRows]);
			// Answers done ahead are all here at once: each cell then draws in a task of its own, so
			// no single task holds the page for all of them.
			if (tookAhead) await nextTask();
			const fit = await built;
			if (fitStep) {
				if (id !== this.runId) return;
				this.fit = fit as ModelReport;
				this.progress = null;
			}
			const counted = await count;
			if (id !== this.runId) return;
			this.rowCount = Number(counted.get(0)?.n ?? 0);
			await page;
			// The table is laid out in this task, the charts in the next: together they held the page
			// too long.
			await nextTask();
			if (id !== this.runId) return;
			const charts: DrawnChart[] = [];
			for (const [i, def] of defs.entries()) {
				try {
					const rows = (await chartRows[i]).toArray().map((r) => ({ ...r.toJSON() }));
					// Built once here so a spec that cannot be made shows its error instead of the chart.
					def.spec(rows);
					charts.push({ def, rows, error: null });
				} catch (e) {
					charts.push({ def, rows: null, error: messageOf(e) });
				}
			}
			if (id !== this.runId) return;
			this.charts = charts;
			this.elapsedMs = performance.now() - started;
			this.status = 'done';
			if (marked) performance.mark(`segmenta:cell-${this.kind}-ready`);
		} catch (e) {
			if (id !== this.runId) return;
			const cancelled = (e as Error).name === 'CancelledError';
			this.error = cancelled ? msg('session.cell_cancelled') : messageOf(e);
			this.progress = null;
			this.status = 'error';
		}
	}
}
