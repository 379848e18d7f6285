/**
 * Fits BG/NBD and Gamma-Gamma to the customer summary and predicts, per customer, P(alive),
 * expected purchases and their value, and discounted CLV. Pure TypeScript: it runs in the engine
 * worker on the summary DuckDB built, and in Node in the tests.
 */
import { conditionalExpectedPurchases, fitBgNbd, pAlive, type BgNbdFit } from '../../models/bgnbd';
import {
	clv,
	conditionalExpectedValue,
	fitGammaGamma,
	frequencySpendCorrelation,
	type GammaGammaFit
} from '../../models/gamma-gamma';
import { groupRows } from '../../models/group-rows';
import { msg, type Message } from '../../i18n/message';
import { PERIODS, type ClvConfig } from './config';

/** The summary columns the models read (times in the config's periods). */
export interface ClvInput {
	x: Float64Array;
	tx: Float64Array;
	T: Float64Array;
	mbar: Float64Array;
}

/** What the cell shows about the fit: parameters, log-likelihoods, checks and costs. */
export interface ClvFitReport {
	customers: number;
	repeatCustomers: number;
	period: ClvConfig['period'];
	bgnbd: Pick<
		BgNbdFit,
		'r' | 'alpha' | 'a' | 'b' | 'logLikelihood' | 'iterations' | 'converged' | 'ms'
	>;
	gammaGamma: Pick<
		GammaGammaFit,
		'p' | 'q' | 'gamma' | 'logLikelihood' | 'iterations' | 'converged' | 'ms'
	> | null;
	/** Pearson correlation of frequency and mean spend among repeat customers (should be near 0). */
	spendCorrelation: number | null;
	/** Periods covered by the hold-out, when there is one. */
	holdoutPeriods: number | null;
	ms: number;
}

export interface ClvPredictions {
	report: ClvFitReport;
	pAlive: Float64Array;
	expectedPurchases: Float64Array;
	/** E[Y(hold-out length)], to compare with the purchases actually made in the hold-out. */
	expectedHoldout: Float64Array | null;
	expectedValue: Float64Array;
	clv: Float64Array;
}

/** Correlations beyond this make the Gamma-Gamma assumption doubtful. */
export const CORRELATION_WARNING = 0.3;

export interface PredictOptions {
	signal?: AbortSignal;
	/** Where the fit is, as a message for the page to show in its language. */
	onProgress?: (detail: Message) => void;
	/** Hold-out length in days, when the summary has a hold-out. */
	holdoutDays?: number | null;
}

const iteration = (
	key: 'clv.progress_bgnbd' | 'clv.progress_gamma_gamma',
	p: { iteration: number; logLikelihood: number }
) => msg(key, { iteration: p.iteration, ll: Math.round(p.logLikelihood * 10) / 10 });

/** Fits both models and predicts for every customer of the summary. */
export async function predictClv(
	input: ClvInput,
	config: ClvConfig,
	options: PredictOptions = {}
): Promise<ClvPredictions> {
	const started = performance.now();
	const n = input.x.length;
	const { signal, onProgress } = options;
	const daysPerPeriod = PERIODS[config.period];
	const bg = await fitBgNbd(
		{ x: input.x, tx: input.tx, T: input.T },
		{ signal, onProgress: (p) => onProgress?.(iteration('clv.progress_bgnbd', p)) }
	);
	const repeat = input.x.reduce((k, v) => k + (v > 0 ? 1 : 0), 0);
	let gg: GammaGammaFit | null = null;
	if (repeat >= 10) {
		gg = await fitGammaGamma(input.x, input.mbar, {
			signal,
			onProgress: (p) => onProgress?.(iteration('clv.progress_gamma_gamma', p))
		});
	}
	onProgress?.(msg('clv.progress_predicting'));
	const holdoutPeriods = options.holdoutDays ? options.holdoutDays / daysPerPeriod : null;
	const out = {
		pAlive: new Float64Array(n),
		expectedPurchases: new Float64Array(n),
		expectedHoldout: holdoutPeriods ? new Float64Array(n) : null,
		expectedValue: new Float64Array(n)
	};
	// Predictions depend on (x, t_x, T) only: work them out once per distinct triple.
	const grouped = groupRows([input.x, input.tx, input.T], n);
	const [gx, gtx, gT] = grouped.columns;
	const groups = gx.length;
	const perGroup = {
		pAlive: new Float64Array(groups),
		expected: new Float64Array(groups),
		holdout: new Float64Array(groups)
	};
	for (let g = 0; g < groups; g++) {
		perGroup.pAlive[g] = pAlive(bg, gx[g], gtx[g], gT[g]);
		perGroup.expected[g] = conditionalExpectedPurchases(bg, config.horizon, gx[g], gtx[g], gT[g]);
		if (holdoutPeriods)
			perGroup.holdout[g] = conditionalExpectedPurchases(bg, holdoutPeriods, gx[g], gtx[g], gT[g]);
	}
	for (let i = 0; i < n; i++) {
		const g = grouped.groupOf[i];
		out.pAlive[i] = perGroup.pAlive[g];
		out.expectedPurchases[i] = perGroup.expected[g];
		if (out.expectedHoldout) out.expectedHoldout[i] = perGroup.holdout[g];
		out.expectedValue[i] = gg ? conditionalExpectedValue(gg, input.x[i], input.mbar[i]) : NaN;
	}
	const lifetimeValue = gg
		? await clv(
				bg,
				gg,
				{ x: input.x, tx: input.tx, T: input.T, meanSpend: input.mbar },
				{
					daysPerPeriod,
					months: config.clvMonths,
					monthlyDiscountRate: config.monthlyDiscount,
					daysPerMonth: config.daysPerMonth,
					signal
				}
			)
		: new Float64Array(n).fill(NaN);
	const pick = <T extends object, K extends keyof T>(o: T, keys: K[]) =>
		Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
	return {
		...out,
		clv: lifetimeValue,
		report: {
			customers: n,
			repeatCustomers: repeat,
			period: config.period,
			bgnbd: pick(bg, ['r', 'alpha', 'a', 'b', 'logLikelihood', 'iterations', 'converged', 'ms']),
			gammaGamma: gg
				? pick(gg, ['p', 'q', 'gamma', 'logLikelihood', 'iterations', 'converged', 'ms'])
				: null,
			spendCorrelation: repeat >= 3 ? frequencySpendCorrelation(input.x, input.mbar) : null,
			holdoutPeriods,
			ms: performance.now() - started
		}
	};
}
