/** What every analysis chart is: a small SQL aggregate over the cell's result, and a spec. */
import type { TopLevelSpec } from 'vega-lite';
import type { Sql } from '../sql/sql';

/** Rows of a chart query, as plain objects (timestamps as epoch milliseconds). */
export type ChartRows = Record<string, unknown>[];

/** One chart of a cell. */
export interface ChartDef {
	id: string;
	title: string;
	/** The aggregate to draw, read from the cell's result table. */
	query(table: Sql): Sql;
	/** The Vega-Lite spec, with the rows inlined. */
	spec(rows: ChartRows): TopLevelSpec;
	/** The rows behind a clicked mark (the customers of a segment…), or null if none. */
	drill?(datum: Record<string, unknown>, table: Sql): Drill | null;
}

/** A drill-down: what was clicked, and the query listing the rows behind it. */
export interface Drill {
	label: string;
	query: Sql;
}

/** Common settings: responsive width, tooltips, the app's font. */
export const BASE = {
	$schema: 'https://vega.github.io/schema/vega-lite/v6.json',
	width: 'container',
	height: 260,
	autosize: { type: 'fit', contains: 'padding' },
	config: {
		font: 'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif',
		view: { stroke: null },
		axis: { labelFontSize: 11, titleFontSize: 12 }
	}
} as const;
