/**
 * A cell the person writes: SQL over `transactions` and any earlier result table, kept as its
 * own table, with a chart they pick from the result's columns. Also the note cell (markdown).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { EngineClient } from '../engine/client';
import { countRows, createResultTable, pageQuery, typedSql } from '../analyses/cell-sql';
import { ResultHolder } from './ResultTable.svelte';
import { CHART_ROW_LIMIT, customChartSpec, type ChartChoice } from '../analyses/custom/chart';
import type { CellStatus } from './Cell.svelte';
import { messageOf } from '../i18n/errors';
import { msg, t, type Message } from '../i18n/t';

let counter = 0;

/** A custom SQL cell. */
export class SqlCell extends ResultHolder {
	readonly kind = 'sql';
	readonly id: string;
	// The person's own text from the start: written once in the language of the moment, then kept.
	title = $state(t('session.sql_title'));
	sql = $state(
		'SELECT customer_id, count(*) AS orders, sum(amount) AS spend\nFROM transactions\nGROUP BY 1\nORDER BY spend DESC'
	);
	chart = $state<ChartChoice>({ kind: 'none', x: null, y: null, color: null });
	status = $state<CellStatus>('idle');
	/** DuckDB's own words, or a message in the language of the moment. */
	error = $state.raw<Message | string | null>(null);
	elapsedMs = $state(0);
	spec = $state.raw<TopLevelSpec | null>(null);
	/** SQL that arrived through a link runs only after the person has read it and said so. */
	needsConfirmation = $state(false);
	private chartRows: Record<string, unknown>[] = [];
	private runId = 0;

	constructor(saved?: { title?: string; sql?: string; chart?: ChartChoice }) {
		super();
		this.id = `cell_${++counter}`;
		if (saved?.title) this.title = saved.title;
		if (saved?.sql) this.sql = saved.sql;
		if (saved?.chart) this.chart = saved.chart;
	}

	/** The table that keeps this cell's result, for later cells. */
	get table() {
		return this.id;
	}

	/** Runs the SQL, keeps the result, loads the first page and the chart's rows. */
	async run(engine: EngineClient) {
		const id = ++this.runId;
		const started = performance.now();
		this.status = 'running';
		this.error = null;
		try {
			await engine.query(createResultTable(this.table, typedSql(this.sql)).text);
			this.rowCount = Number((await engine.query(countRows(this.table).text)).get(0)?.n ?? 0);
			this.offset = 0;
			await this.loadPage(engine);
			const sample = await engine.query(pageQuery(this.table, 0, CHART_ROW_LIMIT, null).text);
			if (id !== this.runId) return;
			this.chartRows = sample.toArray().map((r) => ({ ...r.toJSON() }));
			this.elapsedMs = performance.now() - started;
			this.status = 'done';
			this.redraw();
		} catch (e) {
			if (id !== this.runId) return;
			this.error = (e as Error).name === 'CancelledError' ? msg('session.cancelled') : messageOf(e);
			this.status = 'error';
		}
	}

	/** Draws the chart again after the person changed their choice. */
	redraw() {
		const time = this.page ? this.page.columns.filter((_, i) => this.page!.isTime[i]) : [];
		this.spec = customChartSpec($state.snapshot(this.chart), this.chartRows, time);
	}
}

/** A note between cells: plain text with light markdown (headings, paragraphs, lists). */
export class NoteCell {
	readonly kind = 'note';
	readonly id = `note_${++counter}`;
	text = $state(t('session.note_text'));
	editing = $state(true);

	constructor(text?: string) {
		if (text) {
			this.text = text;
			this.editing = false;
		}
	}
}
