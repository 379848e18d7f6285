/**
 * The shareable configuration: everything a person sets (the language, column mapping by header
 * name, every cell's parameters, their own cells), never any data. Versioned and validated:
 * unknown fields and newer versions are refused with a message naming the field; older versions
 * are brought forward.
 */
import { ANALYSES, isAnalysisKind, type AnalysisKind } from '../analyses/registry';
import { CHART_KINDS, type ChartChoice } from '../analyses/custom/chart';
import { LocalisedError } from '../i18n/errors';
import type { MessageKey } from '../i18n/catalogue';
import type { MessageParams } from '../i18n/t';
import { isLocale, locale, type Locale } from '../i18n/locale';

/** 2 added `language`. */
export const CONFIG_VERSION = 2;
const V1_FIELDS = ['version', 'mapping', 'cells', 'custom'];
const CUSTOM_LIMIT = 50;

/** One of the person's own cells, as saved. */
export type SavedCell =
	{ kind: 'sql'; title: string; sql: string; chart: ChartChoice } | { kind: 'note'; text: string };

/** The whole configuration. */
export interface NotebookConfig {
	version: typeof CONFIG_VERSION;
	language: Locale;
	/** The mapping as the person left it; columns are matched by header name on the next file. */
	mapping: Record<string, unknown> | null;
	/** Parameters of each template cell (validated again by each analysis's parser). */
	cells: Partial<Record<AnalysisKind, unknown>>;
	custom: SavedCell[];
}

/** A configuration that cannot be used; `field` names where. */
export class ConfigError extends LocalisedError {
	constructor(
		readonly field: string,
		key: MessageKey,
		params: MessageParams = {}
	) {
		super(key, { field, ...params });
		this.name = 'ConfigError';
	}
}

function object(value: unknown, field: string): Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new ConfigError(field, 'app.config_not_object');
	}
	return value as Record<string, unknown>;
}

function only(o: Record<string, unknown>, allowed: string[], where: string) {
	for (const key of Object.keys(o)) {
		if (!allowed.includes(key)) throw new ConfigError(`${where}${key}`, 'app.config_unknown_field');
	}
}

function text(value: unknown, field: string, max: number): string {
	if (typeof value !== 'string' || value.length > max)
		throw new ConfigError(field, 'app.config_text', { max });
	return value;
}

function savedCell(value: unknown, i: number): SavedCell {
	const o = object(value, `custom[${i}]`);
	if (o.kind === 'note') {
		only(o, ['kind', 'text'], `custom[${i}].`);
		return { kind: 'note', text: text(o.text, `custom[${i}].text`, 20_000) };
	}
	if (o.kind !== 'sql') throw new ConfigError(`custom[${i}].kind`, 'app.config_cell_kind');
	only(o, ['kind', 'title', 'sql', 'chart'], `custom[${i}].`);
	const chart = object(
		o.chart ?? { kind: 'none', x: null, y: null, color: null },
		`custom[${i}].chart`
	);
	const column = (v: unknown) => (typeof v === 'string' && v.length <= 200 ? v : null);
	return {
		kind: 'sql',
		title: text(o.title, `custom[${i}].title`, 200),
		sql: text(o.sql, `custom[${i}].sql`, 50_000),
		chart: {
			kind: (CHART_KINDS as readonly unknown[]).includes(chart.kind)
				? (chart.kind as ChartChoice['kind'])
				: 'none',
			x: column(chart.x),
			y: column(chart.y),
			color: column(chart.color)
		}
	};
}

/** Whether a configuration sets nothing beyond the language (nothing worth restoring or keeping). */
export function isBlank(config: NotebookConfig): boolean {
	return !config.mapping && !config.custom.length && !Object.keys(config.cells).length;
}

/**
 * The mapping without an own `__proto__` key (JSON.parse makes one): copied with `=` or
 * `Object.assign` later, it would replace the copy's prototype. Other keys are checked when the
 * mapping meets a file.
 */
function mapping(o: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(o).filter(([key]) => key !== '__proto__'));
}

/** The trust boundary for links, files and storage. */
export function parseConfig(input: unknown): NotebookConfig {
	const o = object(input, 'configuration');
	if (typeof o.version !== 'number' || !Number.isInteger(o.version) || o.version < 1) {
		throw new ConfigError('version', 'app.config_no_version');
	}
	if (o.version > CONFIG_VERSION) {
		throw new ConfigError('version', 'app.config_newer', { version: String(o.version) });
	}
	only(o, o.version === 1 ? V1_FIELDS : [...V1_FIELDS, 'language'], '');
	// Version 1 had no language: such a configuration keeps the one the page is shown in.
	const language = o.version === 1 ? locale() : o.language;
	if (!isLocale(language)) throw new ConfigError('language', 'app.config_language');
	const cells = object(o.cells ?? {}, 'cells');
	for (const key of Object.keys(cells)) {
		if (!isAnalysisKind(key)) throw new ConfigError(`cells.${key}`, 'app.config_unknown_cell');
		// Each analysis's own parser validates and clamps; a bad value falls back to its default.
		ANALYSES[key].parse(cells[key]);
	}
	const custom = o.custom ?? [];
	if (!Array.isArray(custom) || custom.length > CUSTOM_LIMIT)
		throw new ConfigError('custom', 'app.config_custom', { max: CUSTOM_LIMIT });
	return {
		version: CONFIG_VERSION,
		language,
		mapping:
			o.mapping === null || o.mapping === undefined ? null : mapping(object(o.mapping, 'mapping')),
		cells: cells as NotebookConfig['cells'],
		custom: custom.map(savedCell)
	};
}
