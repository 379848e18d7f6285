/** What every analysis chart is: a small SQL aggregate over the cell's result, and a spec. */
import type { TopLevelSpec } from 'vega-lite';
import type { Sql } from '../sql/sql';

/** Rows of a chart query, as plain objects (timestamps as epoch milliseconds). */
export type ChartRows = Record<string, unknown>[];

/**
 * One chart of a cell. `title`, the spec's texts and drill labels are in the language of the
 * moment: read `title` and call `spec` where a language switch re-renders them.
 */
export interface ChartDef {
	id: string;
	readonly title: string;
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

/**
 * The expression function the chart component registers for numbers without an explicit
 * format: 万 and 亿 in Chinese, thousands grouping in English.
 */
export const NUMBER_FORMAT_TYPE = 'segNumber';

/** Common settings: responsive width, tooltips, the app's font, the app's number format. */
export const BASE = {
	$schema: 'https://vega.github.io/schema/vega-lite/v6.json',
	width: 'container',
	height: 260,
	autosize: { type: 'fit', contains: 'padding' },
	// Room below for an x-axis title wrapped into lines, which Vega's fit measures a few px short.
	padding: { top: 5, right: 5, bottom: 12, left: 5 },
	config: {
		font: 'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif',
		view: { stroke: null },
		axis: { labelFontSize: 11, titleFontSize: 12 },
		customFormatTypes: true,
		numberFormatType: NUMBER_FORMAT_TYPE
	}
} as const;

/** Adds `<field>_label` beside each key field, named by `name` (segment, stage…). */
export function labelled(
	rows: ChartRows,
	name: (key: string) => string,
	...fields: string[]
): ChartRows {
	// A scatter's thousands of points share a dozen keys: each is named once.
	const names = new Map<string, string>();
	const named = (key: string) => names.get(key) ?? names.set(key, name(key)).get(key)!;
	return rows.map((r) => {
		const out: Record<string, unknown> = { ...r };
		for (const f of fields)
			out[`${f}_label`] = r[f] === null || r[f] === undefined ? r[f] : named(String(r[f]));
		return out;
	});
}

/**
 * Long rows for a chart comparing several measures of each row: one row per row and measure,
 * `key` holding the measure's label (for the legend and tooltip) and `value` its value.
 */
export function foldLabelled(
	rows: ChartRows,
	measures: Record<string, string>,
	key: string,
	value: string
): ChartRows {
	return rows.flatMap((r) =>
		Object.entries(measures).map(([field, label]) => ({ ...r, [key]: label, [value]: r[field] }))
	);
}

/** Where a long label breaks: the last space in its first half (+1), else -1. */
const BREAK = "lastindexof(slice(datum.label, 0, ceil(length(datum.label) / 2) + 1), ' ')";
/**
 * A long y label in two lines, broken at the space nearest its middle from the left (a Vega
 * expression; `labelLines` below counts the same, for the height it needs). Vega hangs a label's further lines below the
 * first, so three lines reached into the next category.
 */
export const TWO_LINES = `length(datum.label) > 14 ? (${BREAK} > 0 ? [slice(datum.label, 0, ${BREAK}), slice(datum.label, ${BREAK} + 1)] : split(datum.label, ' ')) : datum.label`;

/** How many lines `TWO_LINES` makes of a label. */
export function labelLines(label: string): number {
	if (label.length <= 14) return 1;
	return label.slice(0, Math.ceil(label.length / 2) + 1).lastIndexOf(' ') > 0
		? 2
		: label.split(' ').length;
}
