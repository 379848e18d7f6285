/** Lifetime-value parameters: every unit explicit, since silent unit mix-ups are the usual CLV bug. */
import { intIn, isoDateOrNull, numberIn, oneOf, record } from '../params';
import type { ModelSetting } from './choose';
import { MODEL_IDS } from './models';

export const PERIODS = { days: 1, weeks: 7 } as const;
export type PeriodUnit = keyof typeof PERIODS;

/** The validated CLV configuration. */
export interface ClvConfig {
	/** Last day of the calibration period (inclusive); null = the last day of data. */
	calibrationEnd: string | null;
	/** Last day of the hold-out period (inclusive), after the calibration end; null = no hold-out. */
	holdoutEnd: string | null;
	/** The time unit of x, t_x, T and of every prediction horizon. */
	period: PeriodUnit;
	/** Prediction horizon for expected purchases, in periods. */
	horizon: number;
	/** CLV horizon in months, each `daysPerMonth` days long. */
	clvMonths: number;
	daysPerMonth: number;
	/** Monthly discount rate, e.g. 0.01 for 1 % a month. */
	monthlyDiscount: number;
	/** The purchase model; 'auto' fits all three and picks (hold-out error, else BIC). */
	model: ModelSetting;
}

export const CLV_DEFAULTS: ClvConfig = {
	calibrationEnd: null,
	holdoutEnd: null,
	period: 'weeks',
	horizon: 52,
	clvMonths: 12,
	daysPerMonth: 30,
	monthlyDiscount: 0.01,
	model: 'auto'
};

/** The trust boundary: anything not valid falls back to its default. */
export function parseClvConfig(input: unknown): ClvConfig {
	const o = record(input);
	const calibrationEnd = isoDateOrNull(o.calibrationEnd);
	const holdoutEnd = isoDateOrNull(o.holdoutEnd);
	return {
		calibrationEnd,
		// A hold-out needs a calibration end before it.
		holdoutEnd: calibrationEnd && holdoutEnd && holdoutEnd > calibrationEnd ? holdoutEnd : null,
		period: oneOf(o.period, ['days', 'weeks'], 'weeks'),
		horizon: intIn(o.horizon, 1, 520, CLV_DEFAULTS.horizon),
		clvMonths: intIn(o.clvMonths, 1, 120, CLV_DEFAULTS.clvMonths),
		daysPerMonth: numberIn(o.daysPerMonth, 28, 31, CLV_DEFAULTS.daysPerMonth),
		monthlyDiscount: numberIn(o.monthlyDiscount, 0, 0.5, CLV_DEFAULTS.monthlyDiscount),
		model: oneOf(o.model, ['auto', ...MODEL_IDS], 'auto')
	};
}
