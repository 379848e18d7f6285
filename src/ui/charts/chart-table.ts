/**
 * A chart's text alternative: the rows it draws as a table, with the columns its encodings name
 * (titles as on the chart), and a one-line summary for screen readers.
 */
type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/** Channels whose fields a reader needs; position first, then colour and the rest. */
const CHANNELS = ['y', 'x', 'color', 'theta', 'size', 'text', 'row', 'column'];
/** Rows shown: enough to read a chart, not a copy of its data (the cell's table has that). */
export const TABLE_ROWS = 100;

export interface ChartTable {
	columns: { field: string; title: string; temporal: boolean }[];
	rows: Json[];
	total: number;
}

/** Titles the tooltips give fields (an axis may have none, as a bar chart's category axis). */
function tooltipTitles(node: unknown, found: Map<string, string>) {
	if (Array.isArray(node)) for (const item of node) tooltipTitles(item, found);
	if (!isObject(node)) return;
	const tooltip = isObject(node.encoding) ? node.encoding.tooltip : null;
	for (const def of Array.isArray(tooltip) ? tooltip : []) {
		if (isObject(def) && typeof def.field === 'string' && typeof def.title === 'string')
			found.set(def.field, def.title);
	}
	for (const key of ['layer', 'spec', 'hconcat', 'vconcat', 'concat'])
		tooltipTitles(node[key], found);
}

function collect(node: unknown, found: Map<string, { title: string | null; temporal: boolean }>) {
	if (Array.isArray(node)) for (const item of node) collect(item, found);
	if (!isObject(node)) return;
	const encoding = isObject(node.encoding) ? node.encoding : {};
	for (const channel of CHANNELS) {
		const def = encoding[channel];
		if (!isObject(def) || typeof def.field !== 'string' || found.has(def.field)) continue;
		const title = Array.isArray(def.title)
			? def.title.join(' ')
			: typeof def.title === 'string'
				? def.title
				: null;
		found.set(def.field, { title, temporal: def.type === 'temporal' });
	}
	for (const key of ['layer', 'spec', 'hconcat', 'vconcat', 'concat']) collect(node[key], found);
	if (isObject(node.facet)) collect({ encoding: node.facet }, found);
}

/** The first inline rows of a spec: at the top, or in its first layer that has them. */
function valuesOf(node: unknown): Json[] {
	if (!isObject(node)) return [];
	if (isObject(node.data) && Array.isArray(node.data.values)) return node.data.values as Json[];
	for (const key of ['layer', 'hconcat', 'vconcat', 'concat']) {
		for (const child of Array.isArray(node[key]) ? (node[key] as unknown[]) : []) {
			const values = valuesOf(child);
			if (values.length) return values;
		}
	}
	return [];
}

/** The table behind a spec with inline data (every chart of the app has its rows inlined). */
export function chartTable(spec: unknown): ChartTable {
	const values = valuesOf(spec);
	const found = new Map<string, { title: string | null; temporal: boolean }>();
	collect(spec, found);
	const tips = new Map<string, string>();
	tooltipTitles(spec, tips);
	const columns = [...found]
		.filter(([field]) => values.some((row) => field in row))
		.map(([field, c]) => ({
			field,
			title: c.title ?? tips.get(field) ?? field,
			temporal: c.temporal
		}));
	return { columns, rows: values.slice(0, TABLE_ROWS), total: values.length };
}
