/**
 * Names people read for the keys result tables hold (segment, stage, class, tier, cluster), in
 * the language of the moment. The keys stay in the data, saved notebooks and exports; charts
 * and cards call these lookups, and exports add a label column beside each key column.
 */
import { t } from '../i18n/t';
import { ident, join, lit, raw, sql, type Sql } from '../sql/sql';
import { MAX_CLUSTERS } from './clusters/config';
import {
	FREQUENCY_LEVELS,
	numberedClusterName,
	RECENCY_LEVELS,
	SPEND_LEVELS
} from './clusters/names';
import { GRID_TIER_KEYS, LEVELS, NOT_YET } from './grid/tiers';
import { STAGES } from './lifecycle/query';
import { parsePersonasConfig, type PersonasConfig } from './personas/config';
import type { AnalysisKind } from './registry';

/** Segment keys of both RFM maps, "other" (no rule matched) and "not_yet" (no purchase yet). */
export const SEGMENT_KEYS = [
	'champions',
	'loyal_customers',
	'potential_loyalist',
	'new_customers',
	'promising',
	'need_attention',
	'about_to_sleep',
	'at_risk',
	'cant_lose_them',
	'hibernating',
	'lost',
	'important_value',
	'important_develop',
	'important_keep',
	'important_retain',
	'general_value',
	'general_develop',
	'general_keep',
	'general_retain',
	'other',
	'not_yet'
] as const;
/** A segment key the catalogue names. */
export type SegmentKey = (typeof SEGMENT_KEYS)[number];

const STAGE_KEYS = [...STAGES, 'not_yet'] as const;
const CLASS_KEYS = ['A', 'B', 'C'] as const;
const XYZ_KEYS = ['X', 'Y', 'Z'] as const;
const TIER_KEYS = ['high', 'medium', 'low', 'none'] as const;

function isOneOf<T extends string>(keys: readonly T[], key: string): key is T {
	return (keys as readonly string[]).includes(key);
}

/** An RFM segment's name; keys of rules the person added are shown as they are. */
export function segmentLabel(key: string): string {
	return isOneOf(SEGMENT_KEYS, key) ? t(`segment.${key}`) : key;
}

/** A lifecycle stage's name. */
export function stageLabel(key: string): string {
	return isOneOf(STAGE_KEYS, key) ? t(`stage.${key}`) : key;
}

/** An ABC class with what it means (A, B, C). */
export function classLabel(key: string): string {
	return isOneOf(CLASS_KEYS, key) ? t(`class.${key.toLowerCase() as Lowercase<typeof key>}`) : key;
}

/** An XYZ class with what it means (X, Y, Z). */
export function xyzLabel(key: string): string {
	return isOneOf(XYZ_KEYS, key) ? t(`class.${key.toLowerCase() as Lowercase<typeof key>}`) : key;
}

/** A lifecycle value tier (high, medium, low; none for listed customers without orders). */
export function tierLabel(key: string): string {
	return isOneOf(TIER_KEYS, key) ? t(`lifecycle.tier_${key}`) : key;
}

const GRID_KEYS = [...GRID_TIER_KEYS, NOT_YET] as const;

/** A tier of the value × potential grid (core, win back, …; not yet before a first purchase). */
export function gridTierLabel(key: string): string {
	return isOneOf(GRID_KEYS, key) ? t(`grid.tier_${key}`) : key;
}

/** A level of the grid's value or potential (high, medium, low). */
export function gridLevelLabel(key: string): string {
	return isOneOf(LEVELS, key) ? t(`grid.level_${key}`) : key;
}

const GENERATED = new RegExp(
	`^(${RECENCY_LEVELS.join('|')})-(${FREQUENCY_LEVELS.join('|')})-(${SPEND_LEVELS.join('|')})$`
);

/** A cluster's name: a generated key worded in the language of the moment, a typed name as it is. */
export function clusterLabel(name: string): string {
	const numbered = /^cluster_(\d+)$/.exec(name);
	if (numbered) return t('clusters.numbered', { n: Number(numbered[1]) });
	const m = GENERATED.exec(name);
	if (!m) return name;
	const [recency, frequency, spend] = m.slice(1) as [
		(typeof RECENCY_LEVELS)[number],
		(typeof FREQUENCY_LEVELS)[number],
		(typeof SPEND_LEVELS)[number]
	];
	return t('clusters.name', {
		recency: t(`clusters.recency_${recency}`),
		frequency: t(`clusters.frequency_${frequency}`),
		spend: t(`clusters.spend_${spend}`)
	});
}

/** The name of a personas group: an RFM segment, a lifecycle stage or a cluster. */
export function groupLabel(source: PersonasConfig['source'], key: string): string {
	if (source === 'rfm') return segmentLabel(key);
	if (source === 'lifecycle') return stageLabel(key);
	return clusterLabel(key);
}

const clusterKeys = (): string[] => [
	...RECENCY_LEVELS.flatMap((r) =>
		FREQUENCY_LEVELS.flatMap((f) => SPEND_LEVELS.map((m) => `${r}-${f}-${m}`))
	),
	...Array.from({ length: MAX_CLUSTERS }, (_, i) => numberedClusterName(i + 1))
];

const labelsOf = (keys: readonly string[], name: (key: string) => string): Record<string, string> =>
	Object.fromEntries(keys.map((k) => [k, name(k)]));

/**
 * SQL naming each key of `column` by its label; other values (keys the person made up, typed
 * names) pass through as they are.
 */
export function labelColumn(column: Sql, labels: Record<string, string>): Sql {
	const whens = Object.entries(labels).map(
		([key, label]) => sql`WHEN ${lit(key)} THEN ${lit(label)}`
	);
	return whens.length ? sql`CASE ${column} ${join(whens, raw(' '))} ELSE ${column} END` : column;
}

/** A key column of an export and the label column to write beside it. */
export interface ExportLabel {
	column: string;
	as: string;
	labels: Record<string, string>;
}

/**
 * The label columns of an analysis's export, in the language of the moment, for the key columns
 * present in `columns` (an edited SQL may drop some). `config` is the cell's parsed config.
 */
export function exportLabels(
	kind: AnalysisKind,
	config: unknown,
	columns: readonly string[]
): ExportLabel[] {
	return keyColumns(kind, config)
		.filter(([column]) => columns.includes(column))
		.map(([column, labels]) => ({ column, as: `${column}_label`, labels }));
}

/**
 * An export of `query` (whose columns are `columns`, in order) with each label column right
 * after its key column, so a file made in one language joins one made in the other on the key.
 */
export function withLabelColumns(
	query: Sql,
	columns: readonly string[],
	labels: readonly ExportLabel[]
): Sql {
	if (!labels.length) return query;
	const select = columns.flatMap((column) => {
		const label = labels.find((l) => l.column === column);
		return label
			? [ident(column), sql`${labelColumn(ident(column), label.labels)} AS ${ident(label.as)}`]
			: [ident(column)];
	});
	return sql`SELECT ${join(select, raw(', '))} FROM (${query}) AS exported`;
}

type KeyColumn = [column: string, labels: Record<string, string>];

function keyColumns(kind: AnalysisKind, config: unknown): KeyColumn[] {
	const segments = (): Record<string, string> => labelsOf(SEGMENT_KEYS, segmentLabel);
	const stages = (): Record<string, string> => labelsOf(STAGE_KEYS, stageLabel);
	switch (kind) {
		case 'rfm':
			return [
				['segment', segments()],
				['segment_before', segments()]
			];
		case 'abc':
			return [
				['class', labelsOf(CLASS_KEYS, classLabel)],
				['xyz', labelsOf(XYZ_KEYS, xyzLabel)]
			];
		case 'lifecycle':
			return [
				['stage', stages()],
				['stage_before', stages()],
				['value_tier', labelsOf(TIER_KEYS, tierLabel)]
			];
		case 'grid':
			return [
				['value_tier', labelsOf(LEVELS, gridLevelLabel)],
				['potential_tier', labelsOf(LEVELS, gridLevelLabel)],
				['tier', labelsOf(GRID_KEYS, gridTierLabel)],
				['tier_before', labelsOf(GRID_KEYS, gridTierLabel)]
			];
		case 'clusters':
			return [['cluster_name', labelsOf(clusterKeys(), clusterLabel)]];
		case 'personas': {
			const { source } = parsePersonasConfig(config);
			const keys =
				source === 'rfm' ? SEGMENT_KEYS : source === 'lifecycle' ? STAGE_KEYS : clusterKeys();
			return [['segment', labelsOf(keys, (k) => groupLabel(source, k))]];
		}
		case 'cohort':
		case 'clv':
			return [];
	}
}
