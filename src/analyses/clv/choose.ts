/**
 * Which model the CLV cell uses: the one set in the config, or else the one that came closest on
 * the hold-out period (mean absolute error of purchases per customer), or, with no hold-out, the
 * one with the lowest BIC on the calibration period.
 */
import type { ModelId } from './models';

/** How a model did on the hold-out: per-customer error and the totals. */
export interface HoldoutScore {
	/** Mean over customers of |predicted − actual| purchases in the hold-out. */
	mae: number;
	predicted: number;
	actual: number;
}

/** One fitted model as the report shows it. */
export interface ModelScore {
	id: ModelId;
	params: Record<string, number>;
	logLikelihood: number;
	/** −2 ln L + k ln n, k parameters and n customers. */
	bic: number;
	holdout: HoldoutScore | null;
	iterations: number;
	converged: boolean;
	ms: number;
}

export type ModelSetting = 'auto' | ModelId;
/** Why the model in use was picked. */
export type ChosenBy = 'holdout' | 'bic' | 'setting';

/** Schwarz's criterion: −2 ln L + k ln n. Lower is better. */
export function bic(logLikelihood: number, parameters: number, customers: number): number {
	return -2 * logLikelihood + parameters * Math.log(customers);
}

/** Hold-out error of `predicted` against `actual` purchases, customer by customer. */
export function holdoutScore(
	predicted: ArrayLike<number>,
	actual: ArrayLike<number>
): HoldoutScore {
	let error = 0;
	let sumPredicted = 0;
	let sumActual = 0;
	for (let i = 0; i < predicted.length; i++) {
		error += Math.abs(predicted[i] - actual[i]);
		sumPredicted += predicted[i];
		sumActual += actual[i];
	}
	const n = Math.max(predicted.length, 1);
	return { mae: error / n, predicted: sumPredicted, actual: sumActual };
}

/**
 * The model to use and why. A set model wins when it was fitted; otherwise the lowest hold-out
 * error when every model has one, else the lowest BIC. Ties go to the earlier model in `scores`.
 */
export function chooseModel(
	scores: ModelScore[],
	setting: ModelSetting
): { chosen: ModelId; by: ChosenBy } {
	if (setting !== 'auto' && scores.some((s) => s.id === setting)) {
		return { chosen: setting, by: 'setting' };
	}
	const byHoldout = scores.every((s) => s.holdout !== null);
	const key = (s: ModelScore) => (byHoldout ? s.holdout!.mae : s.bic);
	const best = scores.reduce((a, b) => (key(b) < key(a) ? b : a));
	return { chosen: best.id, by: byHoldout ? 'holdout' : 'bic' };
}
