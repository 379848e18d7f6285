/**
 * The one line that says what is in force in a cell whose parameters are folded ("5 scores by
 * quantile · 11 segments · analysis date 2011-12-10"), and the day each empty date field stands
 * for. Pure functions of the validated config and the dates the data gives (`DataDates`); the
 * page words the messages in its language.
 */
import { msg, type Message } from '../i18n/message';
import type { AbcConfig } from './abc/config';
import type { ClustersConfig } from './clusters/config';
import type { ClvConfig } from './clv/config';
import type { GridConfig } from './grid/config';
import { MODEL_NAMES } from './clv/models';
import type { CohortConfig } from './cohort/config';
import type { LifecycleConfig } from './lifecycle/config';
import type { PersonasConfig } from './personas/config';
import type { RfmConfig } from './rfm/config';
import type { DataDates } from './settings-line-dates';

/** How far back the lifecycle compares when no comparison day is set (see lifecycle/query.ts). */
export const LIFECYCLE_COMPARE_DAYS = 90;

/** `iso` (yyyy-mm-dd) moved by `days`, in calendar days. */
export function addDays(iso: string, days: number): string {
	const [y, m, d] = iso.split('-').map(Number);
	return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The day an empty date field stands for, by field name; a field that means "none" when empty
 * (a comparison, a holdout) is left out. Unknown without the data's dates.
 */
export function dateDefaults(
	kind: string,
	config: unknown,
	dates: DataDates | null
): Record<string, string> {
	if (!dates?.lastPurchase || !dates.firstPurchase) return {};
	const window = { windowStart: dates.firstPurchase, windowEnd: dates.lastPurchase };
	const dayAfter = addDays(dates.lastPurchase, 1);
	switch (kind) {
		case 'rfm':
		case 'grid':
			// The grid counts its window as RFM does: from the day after the last purchase in it.
			return { ...window, analysisDate: dates.rfmAsOf ?? dayAfter };
		case 'abc':
		case 'cohort':
			return window;
		case 'lifecycle': {
			const asOf = (config as LifecycleConfig).analysisDate ?? dayAfter;
			return { analysisDate: dayAfter, compareDate: addDays(asOf, -LIFECYCLE_COMPARE_DAYS) };
		}
		case 'clv':
			return { calibrationEnd: dates.lastPurchase };
		default:
			return {};
	}
}

/** The window's days, each the set one or the data's own end; nothing when no end is set. */
function windowPart(
	start: string | null,
	end: string | null,
	defaults: Record<string, string>
): Message[] {
	if (!start && !end) return [];
	const from = start ?? defaults.windowStart ?? '…';
	const to = end ?? defaults.windowEnd ?? '…';
	return [msg('layout.line_window', { from, to })];
}

/** A set date, or the day it stands for when empty, or "from the data" before that is known. */
function dateParam(value: string | null, fallback: string | undefined): string {
	return value ?? fallback ?? '…';
}

function rfmLine(c: RfmConfig, d: Record<string, string>): Message[] {
	const line = [
		msg(c.scoring === 'quantile' ? 'layout.line_rfm_quantile' : 'layout.line_rfm_cuts', {
			n: c.bins
		}),
		c.segmentMap === 'classic'
			? msg('layout.line_rfm_segments', { n: c.rules.length })
			: msg(c.cn8Split === 'mean' ? 'layout.line_rfm_cn8_mean' : 'layout.line_rfm_cn8_median', {
					n: c.cn8Rules.length
				}),
		msg('layout.line_analysis_date', { date: dateParam(c.analysisDate, d.analysisDate) }),
		...windowPart(c.windowStart, c.windowEnd, d)
	];
	if (c.frequency === 'days') line.push(msg('layout.line_rfm_days'));
	if (c.monetary === 'average') line.push(msg('layout.line_rfm_average'));
	if (c.firstPurchase === 'exclude') line.push(msg('layout.line_rfm_no_first'));
	if (c.compareDate) line.push(msg('layout.line_compared', { date: c.compareDate }));
	return line;
}

const GRAIN_KEYS = {
	month: 'layout.line_cohort_month',
	week: 'layout.line_cohort_week',
	quarter: 'layout.line_cohort_quarter'
} as const;
const METRIC_KEYS = {
	retention: 'layout.line_metric_retention',
	active_customers: 'layout.line_metric_active',
	revenue: 'layout.line_metric_revenue',
	cumulative_revenue_per_customer: 'layout.line_metric_cumulative'
} as const;

function cohortLine(c: CohortConfig, d: Record<string, string>): Message[] {
	const line = [
		c.cohortBy === 'attribute' && c.attribute
			? msg('layout.line_cohort_by_attribute', { attribute: c.attribute })
			: msg(c.cohortBy === 'first_product' ? 'layout.line_cohort_by_product' : GRAIN_KEYS[c.grain]),
		msg(METRIC_KEYS[c.metric])
	];
	if (c.periods === 'days') line.push(msg('layout.line_cohort_days', { n: c.windowDays }));
	if (c.retention === 'unbounded') line.push(msg('layout.line_cohort_unbounded'));
	line.push(msg('layout.line_cohort_min', { n: c.minCohortSize }));
	return [...line, ...windowPart(c.windowStart, c.windowEnd, d)];
}

function lifecycleLine(c: LifecycleConfig, d: Record<string, string>): Message[] {
	return [
		msg('layout.line_analysis_date', { date: dateParam(c.analysisDate, d.analysisDate) }),
		msg('layout.line_lifecycle_days', {
			new: c.newDays,
			active: c.activeDays,
			churn: c.churnDays
		}),
		msg('layout.line_lifecycle_loyal', { n: c.loyalOrders }),
		msg('layout.line_compared', { date: dateParam(c.compareDate, d.compareDate) }),
		...(c.grain === 'week' ? [msg('layout.line_lifecycle_weekly')] : [])
	];
}

function clvLine(c: ClvConfig, d: Record<string, string>): Message[] {
	return [
		// The best of the three models is the default and goes unsaid; a model the person chose is said.
		...(c.model !== 'auto' ? [msg('layout.line_clv_model', { model: MODEL_NAMES[c.model] })] : []),
		msg('layout.line_clv_calibration', { date: dateParam(c.calibrationEnd, d.calibrationEnd) }),
		...(c.holdoutEnd ? [msg('layout.line_clv_holdout', { date: c.holdoutEnd })] : []),
		msg(c.period === 'weeks' ? 'layout.line_clv_weeks' : 'layout.line_clv_days', {
			n: c.horizon
		}),
		msg('layout.line_clv_value', {
			n: c.clvMonths,
			rate: `${+(c.monthlyDiscount * 100).toFixed(2)}%`
		})
	];
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

function abcLine(c: AbcConfig, d: Record<string, string>): Message[] {
	const subject = c.subject === 'products' ? 'products' : 'customers';
	return [
		msg(`layout.line_abc_${subject}_${c.measure}` as const),
		msg(c.method === 'cumulative' ? 'layout.line_abc_cumulative' : 'layout.line_abc_rank', {
			a: percent(c.a),
			b: percent(c.b)
		}),
		...(c.xyz && c.subject === 'products' ? [msg('layout.line_abc_xyz')] : []),
		...windowPart(c.windowStart, c.windowEnd, d)
	];
}

function clustersLine(c: ClustersConfig): Message[] {
	return [
		c.k === null
			? msg('layout.line_clusters_auto', { max: c.kMax })
			: msg('layout.line_clusters_k', { n: c.k }),
		msg('layout.line_clusters_seed', { n: c.seed })
	];
}

function gridLine(c: GridConfig, d: Record<string, string>): Message[] {
	const line = [
		c.value === 'abc'
			? msg('layout.line_grid_value_abc', { a: percent(c.abcA), b: percent(c.abcB) })
			: msg('layout.line_grid_value_spend'),
		c.potential === 'clv'
			? msg('layout.line_grid_potential_clv')
			: msg('layout.line_grid_potential_recent', { days: c.recentDays, horizon: c.horizonDays }),
		msg(c.valueCuts || c.potentialCuts ? 'layout.line_grid_cuts' : 'layout.line_grid_tertiles'),
		msg('layout.line_analysis_date', { date: dateParam(c.analysisDate, d.analysisDate) }),
		...windowPart(c.windowStart, c.windowEnd, d)
	];
	if (c.compareDate) line.push(msg('layout.line_compared', { date: c.compareDate }));
	return line;
}

function personasLine(c: PersonasConfig): Message[] {
	return [
		msg(`layout.line_personas_${c.source}` as const),
		...(c.attribute ? [msg('layout.line_personas_attribute', { attribute: c.attribute })] : [])
	];
}

/**
 * What is in force in a cell of `kind` with the validated `config`, as messages to be joined by
 * " · ". Empty date fields show the day they stand for (from `dates`, once known).
 */
export function settingsLine(kind: string, config: unknown, dates: DataDates | null): Message[] {
	const d = dateDefaults(kind, config, dates);
	switch (kind) {
		case 'rfm':
			return rfmLine(config as RfmConfig, d);
		case 'cohort':
			return cohortLine(config as CohortConfig, d);
		case 'lifecycle':
			return lifecycleLine(config as LifecycleConfig, d);
		case 'clv':
			return clvLine(config as ClvConfig, d);
		case 'abc':
			return abcLine(config as AbcConfig, d);
		case 'clusters':
			return clustersLine(config as ClustersConfig);
		case 'personas':
			return personasLine(config as PersonasConfig);
		case 'grid':
			return gridLine(config as GridConfig, d);
		default:
			return [];
	}
}
