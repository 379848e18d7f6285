/**
 * Axis and legend titles that fit the chart they label. Vega never wraps a title, so a long one
 * runs past the chart's edge on a phone (or along a short y axis); this breaks such titles into
 * lines (at spaces, or between Chinese characters) and, on narrow screens, puts legends below
 * and breaks long category labels.
 */
import { labelLines, TWO_LINES } from '../../analyses/chart-types';

/** Below this width a legend on the right would squeeze the plot: it goes underneath. */
const NARROW = 520;
/** The channels whose titles are drawn along an axis or over a legend. */
const X_CHANNELS = new Set([
	'x',
	'x2',
	'color',
	'fill',
	'stroke',
	'size',
	'shape',
	'opacity',
	'strokeDash',
	'theta'
]);
const Y_CHANNELS = new Set(['y', 'y2']);

/** Rough width of text at the axis title size (12px): CJK characters are square, Latin narrower. */
export function textWidth(text: string): number {
	let width = 0;
	for (const ch of text) width += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 12 : 6.6;
	return width;
}

/** Lines of at most `limit` pixels: Latin text breaks at spaces, Chinese between any characters. */
export function wrapTitle(title: string, limit: number): string | string[] {
	if (textWidth(title) <= limit) return title;
	const words = title.match(
		/[\u2e80-\u9fff\uff00-\uffef][，。：；）]?|[^\s\u2e80-\u9fff\uff00-\uffef]+\s*|\s+/g
	) ?? [title];
	const lines: string[] = [];
	let line = '';
	for (const word of words) {
		if (line && textWidth(line + word.trimEnd()) > limit) {
			lines.push(line.trimEnd());
			line = word.trimStart();
		} else {
			line += word;
		}
	}
	if (line.trim()) lines.push(line.trimEnd());
	return lines;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

function fitEncoding(encoding: Json, xLimit: number, yLimit: number) {
	for (const [channel, def] of Object.entries(encoding)) {
		if (!isObject(def)) continue;
		const limit = Y_CHANNELS.has(channel) ? yLimit : X_CHANNELS.has(channel) ? xLimit : null;
		if (limit === null) continue;
		if (typeof def.title === 'string') def.title = wrapTitle(def.title, limit);
		for (const guide of ['axis', 'legend']) {
			const g = def[guide];
			if (isObject(g) && typeof g.title === 'string') g.title = wrapTitle(g.title, limit);
		}
	}
}

function walk(node: unknown, xLimit: number, yLimit: number) {
	if (Array.isArray(node)) for (const item of node) walk(item, xLimit, yLimit);
	if (!isObject(node)) return;
	const height = typeof node.height === 'number' ? node.height : null;
	const y = height === null ? yLimit : Math.min(yLimit, height - 10);
	const x = typeof node.width === 'number' ? Math.min(xLimit, node.width) : xLimit;
	if (isObject(node.encoding)) fitEncoding(node.encoding, x, y);
	for (const key of ['layer', 'hconcat', 'vconcat', 'concat', 'spec'])
		if (key in node) walk(node[key], x, y);
}

/** The field of a nominal colour legend drawn somewhere in the spec, if any. */
function legendField(node: unknown): string | null {
	if (Array.isArray(node)) return node.map(legendField).find((f) => f) ?? null;
	if (!isObject(node)) return null;
	const color = isObject(node.encoding) ? node.encoding.color : null;
	if (
		isObject(color) &&
		color.type === 'nominal' &&
		typeof color.field === 'string' &&
		color.legend !== null
	)
		return color.field;
	return legendField(node.layer);
}

/**
 * On a narrow screen legends go below the plot, one entry per line, so the chart grows by their
 * height instead of squeezing the plot; long category labels on the y axis break into lines.
 */
function fitNarrow(spec: Json, width: number) {
	const config = isObject(spec.config) ? spec.config : (spec.config = {});
	config.legend = {
		...(isObject(config.legend) ? config.legend : {}),
		orient: 'bottom',
		symbolDirection: 'vertical',
		gradientDirection: 'horizontal',
		columns: 1,
		labelLimit: width - 40
	};
	config.axisY = {
		...(isObject(config.axisY) ? config.axisY : {}),
		labelExpr: TWO_LINES
	};
	const field = legendField(spec);
	const values =
		isObject(spec.data) && Array.isArray(spec.data.values) ? (spec.data.values as Json[]) : [];
	if (typeof spec.height === 'number')
		spec.height = Math.max(spec.height, brokenLabelsHeight(spec, values));
	if (field && typeof spec.height === 'number') {
		const entries = new Set(values.map((row) => row[field])).size || 6;
		spec.height += Math.min(entries, 14) * 16;
	}
}

/**
 * Line height of an 11px axis label, the space kept between two categories, and what the x axis
 * and its title take from the chart's height (autosize "fit" counts them in).
 */
const LABEL_LINE = 13;
const LABEL_GAP = 10;
const X_AXIS = 60;

/**
 * The plot height a nominal y axis needs once its long labels are broken into lines (as
 * `labelExpr` above breaks them): each category as many lines as its longest label takes.
 * Without it two-line labels of neighbouring bars were drawn over each other.
 */
function brokenLabelsHeight(spec: Json, values: Json[]): number {
	const y = isObject(spec.encoding) && isObject(spec.encoding.y) ? spec.encoding.y : null;
	if (!y || y.type !== 'nominal' || typeof y.field !== 'string') return 0;
	const labels = new Set(values.map((row) => String(row[y.field as string] ?? '')));
	let lines = 1;
	for (const label of labels) lines = Math.max(lines, labelLines(label));
	return labels.size * (lines * LABEL_LINE + LABEL_GAP) + X_AXIS;
}

/** A copy of `spec` whose titles fit a chart `width` pixels wide (default height 260). */
export function fitTitles<T>(spec: T, width: number): T {
	const copy = structuredClone(spec) as Json;
	// The plot is narrower than the chart by its y axis, and shorter by its x axis and a legend below.
	walk(copy, Math.max(width * 0.55, 120), 140);
	if (width < NARROW) fitNarrow(copy, width);
	return copy as T;
}
