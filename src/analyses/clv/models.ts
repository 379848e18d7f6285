/**
 * The three buy-till-you-die models the CLV cell fits, behind one shape: BG/NBD, MBG/NBD (a
 * one-time buyer can have left) and Pareto/NBD (dropout at any time, not only after a purchase).
 */
import {
	conditionalExpectedPurchases,
	expectedPurchases,
	fitBgNbd,
	pAlive,
	type FitOptions
} from '../../models/bgnbd';
import type { PurchaseSummary } from '../../models/bgnbd-likelihood';
import {
	fitMbgNbd,
	mbgNbdConditionalExpected,
	mbgNbdExpected,
	mbgNbdPAlive
} from '../../models/mbgnbd';
import {
	fitParetoNbd,
	paretoNbdConditionalExpected,
	paretoNbdExpected,
	paretoNbdPAlive
} from '../../models/pareto-nbd';

export const MODEL_IDS = ['bgnbd', 'mbgnbd', 'pnbd'] as const;
export type ModelId = (typeof MODEL_IDS)[number];

/** The models' names as the literature writes them, the same in every language. */
export const MODEL_NAMES: Record<ModelId, string> = {
	bgnbd: 'BG/NBD',
	mbgnbd: 'MBG/NBD',
	pnbd: 'Pareto/NBD'
};

/** A fitted model: what the report shows, and the predictions it makes. */
export interface FittedModel {
	id: ModelId;
	/** Parameter name → value, in the literature's order (α and β in periods). */
	params: Record<string, number>;
	logLikelihood: number;
	iterations: number;
	converged: boolean;
	ms: number;
	/** P(alive | x, t_x, T). */
	pAlive: (x: number, tx: number, T: number) => number;
	/** E[Y(t) | x, t_x, T]: expected purchases in the next t periods. */
	expected: (t: number, x: number, tx: number, T: number) => number;
	/** E[X(t)]: expected repeat purchases of a new customer in their first t periods. */
	expectedNew: (t: number) => number;
}

/** Fits one model to the summary. */
export async function fitModel(
	id: ModelId,
	summary: PurchaseSummary,
	options: FitOptions
): Promise<FittedModel> {
	if (id === 'pnbd') {
		const f = await fitParetoNbd(summary, options);
		const p = { r: f.r, alpha: f.alpha, s: f.s, beta: f.beta };
		return {
			...costs(id, f),
			params: p,
			pAlive: (x, tx, T) => paretoNbdPAlive(p, x, tx, T),
			expected: (t, x, tx, T) => paretoNbdConditionalExpected(p, t, x, tx, T),
			expectedNew: (t) => paretoNbdExpected(p, t)
		};
	}
	const f = await (id === 'mbgnbd' ? fitMbgNbd : fitBgNbd)(summary, options);
	const p = { r: f.r, alpha: f.alpha, a: f.a, b: f.b };
	if (id === 'mbgnbd') {
		return {
			...costs(id, f),
			params: p,
			pAlive: (x, tx, T) => mbgNbdPAlive(p, x, tx, T),
			expected: (t, x, tx, T) => mbgNbdConditionalExpected(p, t, x, tx, T),
			expectedNew: (t) => mbgNbdExpected(p, t)
		};
	}
	return {
		...costs(id, f),
		params: p,
		pAlive: (x, tx, T) => pAlive(p, x, tx, T),
		expected: (t, x, tx, T) => conditionalExpectedPurchases(p, t, x, tx, T),
		expectedNew: (t) => expectedPurchases(p, t)
	};
}

function costs(
	id: ModelId,
	f: { logLikelihood: number; iterations: number; converged: boolean; ms: number }
) {
	const { logLikelihood, iterations, converged, ms } = f;
	return { id, logLikelihood, iterations, converged, ms };
}
