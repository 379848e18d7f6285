/** Charts for custom SQL cells: the person picks the mark and which columns go where. */
import type { TopLevelSpec } from 'vega-lite';
import { t } from '../../i18n/t';
import { BASE, type ChartRows } from '../chart-types';

export const CHART_KINDS = ['none', 'bar', 'line', 'scatter', 'heatmap'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** A chart kind's name for the picker, in the language of the moment. */
export function chartKindLabel(kind: ChartKind): string {
	return t(`custom_chart.kind_${kind}`);
}

/** The person's chart choice for a custom cell. */
export interface ChartChoice {
	kind: ChartKind;
	x: string | null;
	y: string | null;
	color: string | null;
}

/** Rows drawn at most: a chart of more points is unreadable and slow. */
export const CHART_ROW_LIMIT = 5000;

type FieldType = 'quantitative' | 'temporal' | 'nominal';

function fieldType(rows: ChartRows, field: string, isTime: boolean): FieldType {
	if (isTime) return 'temporal';
	return rows.every((r) => r[field] === null || typeof r[field] === 'number')
		? 'quantitative'
		: 'nominal';
}

/** A Vega-Lite spec for the choice, or null when the choice is incomplete. */
export function customChartSpec(
	choice: ChartChoice,
	rows: ChartRows,
	timeColumns: readonly string[]
): TopLevelSpec | null {
	if (choice.kind === 'none' || !choice.x || !choice.y) return null;
	const enc = (field: string) => ({
		field,
		type: fieldType(rows, field, timeColumns.includes(field))
	});
	const color = choice.color ? { color: enc(choice.color) } : {};
	const tooltip = Object.keys(rows[0] ?? {})
		.slice(0, 8)
		.map((f) => ({ field: f }));
	if (choice.kind === 'heatmap') {
		return {
			...BASE,
			data: { values: rows },
			mark: { type: 'rect', tooltip: true },
			encoding: {
				x: { ...enc(choice.x), type: 'ordinal' },
				y: { ...enc(choice.y), type: 'ordinal' },
				color: choice.color
					? { ...enc(choice.color), scale: { scheme: 'blues' } }
					: { aggregate: 'count', type: 'quantitative' },
				tooltip
			}
		} as TopLevelSpec;
	}
	const mark = choice.kind === 'scatter' ? 'point' : choice.kind;
	return {
		...BASE,
		data: { values: rows },
		mark: { type: mark, tooltip: true },
		encoding: { x: enc(choice.x), y: enc(choice.y), ...color, tooltip }
	} as TopLevelSpec;
}
