/**
 * A cell's result as the page shows it: row count, sort order and the windows of rows fetched so
 * far. The table scrolls over every row; it asks for the windows it is about to show, and those
 * far from the view are dropped. Template cells and the person's own SQL cells both keep their
 * result this way.
 */
import type { EngineClient } from '../engine/client';
import { pageQuery } from '../analyses/cell-sql';
import { toRowPage, type RowPage } from '../lib/arrow-rows';

/** Rows per window fetched from the engine. */
export const PAGE_SIZE = 100;
/** Windows fetched at once: the rest wait, and are skipped if the view has moved on meanwhile. */
const IN_FLIGHT = 2;

export abstract class ResultHolder {
	rowCount = $state(0);
	/** The first window: the result's columns and their types (and the first rows). */
	page = $state.raw<RowPage | null>(null);
	/** Kept for the cells that reset it when they run; the table always starts at the top. */
	offset = $state(0);
	sort = $state<{ column: string; descending: boolean } | null>(null);
	/** Fetched windows by index (window w holds rows w × PAGE_SIZE onwards). */
	windows = $state.raw<ReadonlyMap<number, RowPage>>(new Map());
	/** Counts results and orders: a window of an earlier one that arrives late is dropped. */
	generation = $state(0);
	private wanted: number[] = [];
	private keep = new Set<number>();
	private inFlight = new Set<string>();

	/** The DuckDB table that keeps the result. */
	abstract get table(): string;

	/**
	 * Loads the first window of a new result or order; later windows come as the table asks.
	 * `ask` runs the query (a cell may have it answered already, see `cells-ahead.ts`).
	 */
	async loadPage(engine: EngineClient, ask = (text: string) => engine.query(text)) {
		const generation = ++this.generation;
		// Rows of the earlier result or order would show under the new one's header.
		this.windows = new Map();
		let page: RowPage;
		try {
			page = toRowPage(await ask(pageQuery(this.table, 0, PAGE_SIZE, this.sort).text));
		} catch (e) {
			// The sorted column is gone (new parameters made other columns): the result's own order.
			if (!this.sort || generation !== this.generation || (e as Error).name === 'CancelledError')
				throw e;
			page = toRowPage(await engine.query(pageQuery(this.table, 0, PAGE_SIZE, null).text));
			if (generation === this.generation) this.sort = null;
		}
		if (generation !== this.generation) return;
		this.page = page;
		this.windows = new Map([[0, page]]);
	}

	/** Row `index`, or undefined while its window is not here. */
	rowAt(index: number): unknown[] | undefined {
		return this.windows.get(Math.floor(index / PAGE_SIZE))?.rows[index % PAGE_SIZE];
	}

	/**
	 * Asks for windows (most wanted first) and says which to keep; never waits, so scrolling
	 * never does. Windows arrive one by one into `windows`.
	 */
	want(engine: EngineClient, windows: number[], keep: Set<number>) {
		this.wanted = windows;
		this.keep = keep;
		this.pump(engine);
	}

	private pump(engine: EngineClient) {
		const generation = this.generation;
		for (const w of this.wanted) {
			if (this.inFlight.size >= IN_FLIGHT) return;
			const key = `${generation}:${w}`;
			if (this.windows.has(w) || this.inFlight.has(key) || w * PAGE_SIZE >= this.rowCount) continue;
			this.inFlight.add(key);
			void this.fetchWindow(engine, w, generation).finally(() => {
				this.inFlight.delete(key);
				if (generation === this.generation) this.pump(engine);
			});
		}
	}

	private async fetchWindow(engine: EngineClient, w: number, generation: number) {
		let page: RowPage;
		try {
			page = toRowPage(
				await engine.query(pageQuery(this.table, w * PAGE_SIZE, PAGE_SIZE, this.sort).text)
			);
		} catch {
			// The rows stay placeholders (a cancel, a re-run); the next scroll asks again.
			return;
		}
		if (generation !== this.generation) return;
		const next = new Map(this.windows);
		next.set(w, page);
		for (const old of next.keys()) if (old !== 0 && !this.keep.has(old)) next.delete(old);
		this.windows = next;
	}

	/** Sorts by a column (largest first; again for smallest first) from the first row. */
	async changeSort(engine: EngineClient, column: string) {
		this.sort =
			this.sort?.column === column
				? { column, descending: !this.sort.descending }
				: { column, descending: true };
		this.offset = 0;
		await this.loadPage(engine);
	}
}
