/**
 * BG/NBD log-likelihood (Fader, Hardie & Lee 2005, eq. 6) over grouped customers. Everything is
 * in logs, so hundreds of purchases and ages in thousands of days neither overflow nor underflow.
 */
import { groupRows } from './group-rows';

/** Per-customer repeat-purchase summary. Times are in periods of the caller's choosing. */
export interface PurchaseSummary {
	/** Repeat purchases x: purchase periods after the first one. */
	x: ArrayLike<number>;
	/** Recency t_x: time from the first to the last purchase, in periods (0 when x = 0). */
	tx: ArrayLike<number>;
	/** Age T: time from the first purchase to the end of the observation window, in periods. */
	T: ArrayLike<number>;
}

/** BG/NBD parameters: purchase rate λ ~ Gamma(r, α), dropout probability p ~ Beta(a, b). */
export interface BgNbdParams {
	r: number;
	/** Scale of the purchase rate, in periods. */
	alpha: number;
	a: number;
	b: number;
}

/** Distinct (x, t_x, T) triples with their counts, plus indexes into the distinct t_x and T. */
export interface GroupedSummary {
	customers: number;
	x: Float64Array;
	tx: Float64Array;
	T: Float64Array;
	counts: Float64Array;
	/** Largest x: per-x terms are tabulated for 0..maxX. */
	maxX: number;
	distinctTx: Float64Array;
	txIndex: Uint32Array;
	distinctT: Float64Array;
	TIndex: Uint32Array;
}

/** Checks the summary (throws RangeError naming the first bad row) and groups equal triples. */
export function groupSummary(summary: PurchaseSummary): GroupedSummary {
	const customers = summary.x.length;
	if (summary.tx.length !== customers || summary.T.length !== customers) {
		throw new RangeError('x, tx and T must have the same length');
	}
	for (let i = 0; i < customers; i++) {
		const x = summary.x[i];
		const tx = summary.tx[i];
		const T = summary.T[i];
		if (!(Number.isInteger(x) && x >= 0 && tx >= 0 && tx <= T && Number.isFinite(T))) {
			throw new RangeError(
				`Customer row ${i}: need integer x >= 0 and 0 <= tx <= T (got ${x}, ${tx}, ${T})`
			);
		}
	}
	const grouped = groupRows([summary.x, summary.tx, summary.T], customers);
	const [x, tx, T] = grouped.columns;
	const byTx = groupRows([tx], tx.length);
	const byT = groupRows([T], T.length);
	return {
		customers,
		x,
		tx,
		T,
		counts: grouped.counts,
		maxX: x.reduce((max, v) => Math.max(max, v), 0),
		distinctTx: byTx.columns[0],
		txIndex: byTx.groupOf,
		distinctT: byT.columns[0],
		TIndex: byT.groupOf
	};
}

/**
 * Returns ℓ(params) = Σ log L over all customers; given `gradient`, it also writes ∂ℓ/∂(r, α, a, b)
 * there. Terms that depend only on x, t_x or T are computed once per value, so each triple costs
 * one exp and one log1p.
 */
export function bgNbdLogLikelihood(
	data: GroupedSummary
): (params: BgNbdParams, gradient?: Float64Array) => number {
	const { x, counts, txIndex, TIndex, distinctT, distinctTx, maxX } = data;
	const xTerm = new Float64Array(maxX + 1);
	const dropTerm = new Float64Array(maxX + 1);
	const logAlphaT = new Float64Array(distinctT.length);
	const logAlphaTx = new Float64Array(distinctTx.length);
	const inverseAlphaT = new Float64Array(distinctT.length);
	const inverseAlphaTx = new Float64Array(distinctTx.length);
	// Customers with each x, and their summed posterior probability of having dropped out.
	const customersWithX = new Float64Array(maxX + 1);
	counts.forEach((count, i) => (customersWithX[x[i]] += count));
	const droppedWithX = new Float64Array(maxX + 1);

	return ({ r, alpha, a, b }, gradient) => {
		tabulateXTerms(r, alpha, a, b, xTerm, dropTerm);
		distinctT.forEach((T, k) => {
			logAlphaT[k] = Math.log(alpha + T);
			inverseAlphaT[k] = 1 / (alpha + T);
		});
		distinctTx.forEach((tx, k) => {
			logAlphaTx[k] = Math.log(alpha + tx);
			inverseAlphaTx[k] = 1 / (alpha + tx);
		});
		droppedWithX.fill(0);
		let sum = 0;
		let sumForR = 0;
		let sumForAlpha = 0;
		for (let i = 0; i < counts.length; i++) {
			const xi = x[i];
			const rx = r + xi;
			const alive = -rx * logAlphaT[TIndex[i]];
			const dropped = dropTerm[xi] - rx * logAlphaTx[txIndex[i]];
			// ln(e^alive + e^dropped) without overflow; the ratio is reused for the gradient weights.
			const aliveIsHigher = alive > dropped;
			const ratio = Math.exp(aliveIsHigher ? dropped - alive : alive - dropped);
			sum += counts[i] * (xTerm[xi] + (aliveIsHigher ? alive : dropped) + Math.log1p(ratio));
			if (!gradient) continue;
			// Weights of the two terms of the likelihood: P(dropped out | data) and its complement.
			const pDropped = aliveIsHigher ? ratio / (1 + ratio) : 1 / (1 + ratio);
			const pAlive = 1 - pDropped;
			droppedWithX[xi] += counts[i] * pDropped;
			sumForR += counts[i] * (pAlive * logAlphaT[TIndex[i]] + pDropped * logAlphaTx[txIndex[i]]);
			sumForAlpha +=
				counts[i] *
				rx *
				(pAlive * inverseAlphaT[TIndex[i]] + pDropped * inverseAlphaTx[txIndex[i]]);
		}
		if (gradient) {
			gradient[0] = -sumForR;
			gradient[1] = (data.customers * r) / alpha - sumForAlpha;
			gradient[2] = 0;
			gradient[3] = 0;
			addXGradient(r, alpha, a, b, customersWithX, droppedWithX, gradient);
		}
		return sum;
	};
}

/**
 * xTerm[x] = ln[Γ(r+x) α^r / Γ(r)] + ln[B(a, b+x) / B(a, b)] and dropTerm[x] = ln[a / (b+x−1)]
 * (the log-odds factor of having dropped out; −∞ at x = 0, where nobody can have). The ratios
 * are running sums of logs, O(max x) per evaluation: lgamma differences would cancel badly at
 * large a and b, which is where fits go when the data show little spread in dropout.
 */
function tabulateXTerms(
	r: number,
	alpha: number,
	a: number,
	b: number,
	xTerm: Float64Array,
	dropTerm: Float64Array
) {
	let logRising = r * Math.log(alpha);
	for (let xk = 0; xk < xTerm.length; xk++) {
		xTerm[xk] = logRising;
		dropTerm[xk] = xk > 0 ? Math.log(a / (b + xk - 1)) : -Infinity;
		// Γ(r+x+1)/Γ(r+x) = r+x and B(a, b+x+1)/B(a, b+x) = (b+x)/(a+b+x)
		logRising += Math.log(r + xk) + Math.log1p(-a / (a + b + xk));
	}
}

/** Adds the x-only parts of ∂ℓ/∂(r, a, b) to `gradient`, with the same running sums. */
function addXGradient(
	r: number,
	alpha: number,
	a: number,
	b: number,
	customersWithX: Float64Array,
	droppedWithX: Float64Array,
	gradient: Float64Array
) {
	let dR = Math.log(alpha);
	let dA = 0;
	let dB = 0;
	for (let xk = 0; xk < customersWithX.length; xk++) {
		const n = customersWithX[xk];
		gradient[0] += n * dR;
		gradient[2] += n * dA + droppedWithX[xk] / a;
		gradient[3] += n * dB - (xk > 0 ? droppedWithX[xk] / (b + xk - 1) : 0);
		dR += 1 / (r + xk);
		dA -= 1 / (a + b + xk);
		dB += a / ((b + xk) * (a + b + xk));
	}
}
