/**
 * The notebook: the template cells in order. It runs them when the transactions change and
 * re-runs a single cell when its parameters change; a failing cell does not stop the others.
 */
import { t } from '../i18n/t';
import type { EngineClient } from '../engine/client';
import { ANALYSES, type AnalysisKind } from '../analyses/registry';
import { Cell } from './Cell.svelte';
import type { CellsAhead, RunStep } from './cells-ahead';
import { NoteCell, SqlCell } from './SqlCell.svelte';
import type { NotebookConfig, SavedCell } from './config';
import { personSql, type ScriptCell } from './duckdb-script';

/**
 * How long stale work may take to stop before the engine is restarted: long enough that it
 * never is (a query stops between two polls, a fit at its next step), since a restart loses
 * the file's tables.
 */
const STALE_WORK_STOPS_MS = 60_000;

export class Notebook {
	cells = $state<Cell[]>([]);
	/** The person's own cells, after the templates: SQL over earlier results, and notes. */
	custom = $state<(SqlCell | NoteCell)[]>([]);
	running = $state(false);
	/** Set by a cancel: the run in progress stops after the current cell. */
	stopRequested = false;

	/**
	 * Cells whose change is being worked through (the cell, then the cells reading it), each with
	 * the number of its latest change: a newer change ends the older one's walk.
	 */
	private chains = new Map<Cell | SqlCell, number>();

	/** Called after every run, so the settings can be remembered. */
	onchange: (() => void) | null = null;

	/** `marked`: whether runs put their `segmenta:` marks on the page's timeline (the bench reads them). */
	constructor(
		private readonly engine: EngineClient,
		private readonly marked = true
	) {
		this.cells = (Object.keys(ANALYSES) as AnalysisKind[]).map((kind) => new Cell(kind));
	}

	/**
	 * Runs every cell in order (after a new file or mapping). `ahead`: the cells' work done before
	 * Apply, which they take instead of running it again.
	 */
	async runAll(ahead: CellsAhead | null = null) {
		this.running = true;
		this.stopRequested = false;
		try {
			const runs: Promise<void>[] = [];
			for (const cell of [...this.cells, ...this.custom]) {
				if (this.stopRequested) break;
				if (cell instanceof NoteCell || (cell instanceof SqlCell && cell.needsConfirmation))
					continue;
				// A cell's calls queue in the worker behind the previous cell's, as soon as those are sent.
				await new Promise<void>((sent) => {
					const run =
						cell instanceof Cell
							? cell.run(this.engine, sent, this.marked, ahead)
							: cell.run(this.engine);
					runs.push(run.finally(sent));
				});
			}
			await Promise.all(runs);
			if (!this.stopRequested && this.marked) performance.mark('segmenta:notebook-ready');
			this.onchange?.();
		} finally {
			this.running = false;
		}
	}

	/** What the template cells' runs ask of the engine, in notebook order: the work to do before Apply. */
	stepsAhead(): RunStep[] {
		const steps: RunStep[] = [];
		for (const cell of this.cells) {
			try {
				steps.push(...cell.runSteps());
			} catch {
				// A cell whose SQL cannot be built now says why when it runs; the ones after it may read it.
				break;
			}
		}
		return steps;
	}

	/** Adds a SQL cell at the end, empty or with the given title and SQL; returns it. */
	addSql(from?: { title: string; sql: string }) {
		this.custom.push(new SqlCell(from));
		this.onchange?.();
		// The proxied copy from the array, so changes made while it runs reach the page.
		return this.custom[this.custom.length - 1] as SqlCell;
	}

	/** Every cell whose SQL ran without error, in order, as the DuckDB script needs it. */
	scriptCells(): ScriptCell[] {
		const template = this.cells
			.filter((c) => c.status === 'done')
			// A model's fit runs in Segmenta only: the script writes the model's input table.
			.flatMap((c) => {
				const sql = c.editedSql === null ? c.sql : personSql(c.editedSql);
				if (sql === null) return [];
				return c.analysis.modelInput
					? [
							{
								title: t('script.model_input', { title: c.analysis.title }),
								table: c.analysis.modelInput,
								sql
							}
						]
					: [{ title: c.analysis.title, table: c.table, sql }];
			});
		const own = this.custom
			.filter((c): c is SqlCell => c instanceof SqlCell && c.status === 'done')
			.flatMap((c) => {
				const sql = personSql(c.sql);
				return sql === null ? [] : [{ title: c.title, table: c.table, sql }];
			});
		return [...template, ...own];
	}

	/** The configuration of every cell, for sharing (never any data). */
	snapshot(): Pick<NotebookConfig, 'cells' | 'custom'> {
		// Only what differs from the defaults travels: links stay short, and defaults can improve.
		const changed = (c: Cell) => {
			const config = $state.snapshot(c.config) as Record<string, unknown>;
			const defaults = c.analysis.defaults as unknown as Record<string, unknown>;
			return Object.fromEntries(
				Object.entries(config).filter(
					([key, value]) => JSON.stringify(value) !== JSON.stringify(defaults[key])
				)
			);
		};
		const cells = Object.fromEntries(
			this.cells
				.map((c) => [c.kind, changed(c)])
				.filter(([, diff]) => Object.keys(diff as object).length > 0)
		);
		const custom: SavedCell[] = this.custom.map((c) =>
			c instanceof SqlCell
				? { kind: 'sql', title: c.title, sql: c.sql, chart: $state.snapshot(c.chart) }
				: { kind: 'note', text: c.text }
		);
		return { cells, custom };
	}

	/** Takes the cells' parameters and the person's cells from a configuration. */
	apply(config: NotebookConfig) {
		for (const cell of this.cells) {
			const saved = config.cells[cell.kind];
			if (saved !== undefined)
				cell.config = structuredClone(cell.analysis.parse(saved)) as unknown as Record<
					string,
					unknown
				>;
		}
		this.custom = config.custom.map((saved) => {
			if (saved.kind === 'note') return new NoteCell(saved.text);
			const cell = new SqlCell(saved);
			cell.needsConfirmation = true;
			return cell;
		});
	}

	/** Adds a note at the end. */
	addNote() {
		this.custom.push(new NoteCell());
		this.onchange?.();
	}

	/** Removes one of the person's cells. */
	remove(cell: SqlCell | NoteCell) {
		this.custom = this.custom.filter((c) => c !== cell);
		this.onchange?.();
	}

	/** Runs one cell (after its parameters or SQL changed). */
	async run(cell: Cell | SqlCell) {
		this.stopRequested = false;
		const chain = (this.chains.get(cell) ?? 0) + 1;
		const stale = this.chains.has(cell);
		this.chains.set(cell, chain);
		const current = () => this.chains.get(cell) === chain && !this.stopRequested;
		const dependents = this.cells.filter(
			(other) => other !== cell && other.dependencies.includes(cell.table)
		);
		// The same cell changed again while its last change was still being worked through (it, or
		// the cells reading it: the clusters' fit takes seconds at 1M rows). That work is stale and
		// stops, rather than the new run queueing behind it; every cell it touched runs again below.
		// Only when nothing else is under way: a whole-notebook run or another cell's change is not stale.
		if (stale && this.chains.size === 1 && !this.running) {
			for (const other of dependents) other.supersede();
			if (cell instanceof Cell) cell.supersede();
			await this.engine.cancel(STALE_WORK_STOPS_MS);
		}
		try {
			// A newer change came while this one waited for the stale work to stop: it runs instead.
			if (!current()) return;
			await cell.run(this.engine);
			if (!current()) return;
			this.onchange?.();
			// Then the template cells that read this one's table, in notebook order.
			for (const other of dependents) {
				if (!current()) return;
				await other.run(this.engine);
			}
		} finally {
			if (this.chains.get(cell) === chain) this.chains.delete(cell);
		}
	}

	/** Forgets every result (a new file is coming). */
	clear() {
		for (const cell of this.custom) {
			if (cell instanceof SqlCell) {
				cell.status = 'idle';
				cell.page = null;
				cell.spec = null;
				cell.error = null;
			}
		}
		for (const cell of this.cells) {
			cell.status = 'idle';
			cell.page = null;
			cell.charts = [];
			cell.error = null;
		}
	}
}
