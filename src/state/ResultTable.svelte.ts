/**
 * A cell's result as the page shows it: row count, the current page, its offset and sort order.
 * Template cells and the person's own SQL cells both keep their result this way.
 */
import type { EngineClient } from '../engine/client';
import { pageQuery } from '../analyses/cell-sql';
import { toRowPage, type RowPage } from '../lib/arrow-rows';

export const PAGE_SIZE = 100;

export abstract class ResultHolder {
	rowCount = $state(0);
	page = $state.raw<RowPage | null>(null);
	offset = $state(0);
	sort = $state<{ column: string; descending: boolean } | null>(null);

	/** The DuckDB table that keeps the result. */
	abstract get table(): string;

	/** Loads the current page in the chosen order. */
	async loadPage(engine: EngineClient) {
		this.page = toRowPage(await engine.query(pageQuery(this.table, this.offset, PAGE_SIZE, this.sort).text));
	}

	/** Shows the page starting at `offset`. */
	async changePage(engine: EngineClient, offset: number) {
		this.offset = Math.max(0, offset);
		await this.loadPage(engine);
	}

	/** Sorts by a column (largest first; again for smallest first) from the first page. */
	async changeSort(engine: EngineClient, column: string) {
		this.sort =
			this.sort?.column === column ? { column, descending: !this.sort.descending } : { column, descending: true };
		this.offset = 0;
		await this.loadPage(engine);
	}
}
