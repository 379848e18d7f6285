/**
 * One notebook cell: its parameters, the SQL they produce (or the person's edit of it), and
 * what running it gave: row count, a page of the result, chart data, or DuckDB's error.
 */
import type { EngineClient } from '../engine/client';
import { ANALYSES, type AnalysisKind } from '../analyses/registry';
import type { ChartDef, ChartRows } from '../analyses/chart-types';
import { countRows, createResultTable, tableRef, typedSql } from '../analyses/cell-sql';
import { ResultHolder } from './ResultTable.svelte';
import type { ModelKind, ModelReport } from '../engine/protocol';
import { messageOf } from '../i18n/errors';
import { msg, type Message } from '../i18n/t';

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
		this.config = structuredClone(this.analysis.parse(saved ?? {})) as unknown as Record<string, unknown>;
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

	/** Runs the cell: builds its table, then the first page and the charts. */
	async run(engine: EngineClient) {
		const id = ++this.runId;
		const started = performance.now();
		this.status = 'running';
		this.error = null;
		try {
			const query = this.editedSql === null ? this.analysis.query(this.parsed as never) : typedSql(this.editedSql);
			const input = this.analysis.modelInput;
			if (input) {
				// The SQL builds the model's input; the fit in the worker writes the result table.
				await engine.query(createResultTable(input, query).text);
				const fit = await engine.fitModel(this.kind as ModelKind, $state.snapshot(this.config), (p) => (this.progress = p.detail ?? null));
				if (id !== this.runId) return;
				this.fit = fit;
				this.progress = null;
			} else {
				await engine.query(createResultTable(this.table, query).text);
			}
			const count = await engine.query(countRows(this.table).text);
			if (id !== this.runId) return;
			this.rowCount = Number(count.get(0)?.n ?? 0);
			this.offset = 0;
			await this.loadPage(engine);
			const charts: DrawnChart[] = [];
			for (const def of this.analysis.charts(this.parsed as never)) {
				try {
					const rows = (await engine.query(def.query(tableRef(this.table)).text)).toArray().map((r) => ({ ...r.toJSON() }));
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
			performance.mark(`segmenta:cell-${this.kind}-ready`);
		} catch (e) {
			if (id !== this.runId) return;
			const cancelled = (e as Error).name === 'CancelledError';
			this.error = cancelled ? msg('session.cell_cancelled') : messageOf(e);
			this.progress = null;
			this.status = 'error';
		}
	}
}
