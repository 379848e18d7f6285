/** ABC (Pareto) parameters. */
import { isoDateOrNull, numberIn, oneOf, record } from '../params';

/** The validated ABC configuration. */
export interface AbcConfig {
	subject: 'customers' | 'products';
	measure: 'revenue' | 'orders' | 'quantity';
	/** Cumulative share of the measure, or rank share of the population. */
	method: 'cumulative' | 'rank';
	/** Upper bounds of A and B: shares of the measure (cumulative) or of the population (rank). */
	a: number;
	b: number;
	/**
	 * Cumulative method: where the item whose running share crosses a bound goes. `within`: it
	 * stays in the class it crosses out of (an item is A while the share before it is under the A
	 * bound), so A holds a little more than its bound. `next`: it falls in the next class (an
	 * item is A only when the share up to and including it is at most the bound), so A holds at
	 * most its bound and may be empty when the largest item alone exceeds it.
	 */
	crossing: 'within' | 'next';
	windowStart: string | null;
	windowEnd: string | null;
	/** For products: also split by the variability of monthly quantity (XYZ). */
	xyz: boolean;
	/** Coefficient-of-variation bounds of X (steady) and Y (variable); above Y is Z (erratic). */
	xBound: number;
	yBound: number;
}

export const ABC_DEFAULTS: AbcConfig = {
	subject: 'customers',
	measure: 'revenue',
	method: 'cumulative',
	a: 0.8,
	b: 0.95,
	crossing: 'within',
	windowStart: null,
	windowEnd: null,
	xyz: true,
	xBound: 0.5,
	yBound: 1
};

/** Default bounds per method: 80/95 % of the measure, or top 30 % / next 40 % of the population. */
export const ABC_METHOD_DEFAULTS = { cumulative: { a: 0.8, b: 0.95 }, rank: { a: 0.3, b: 0.7 } };

/** The trust boundary; `hasProducts` says whether a product column is mapped. */
export function parseAbcConfig(input: unknown, hasProducts = true): AbcConfig {
	const o = record(input);
	const method = oneOf(o.method, ['cumulative', 'rank'], 'cumulative');
	const bounds = ABC_METHOD_DEFAULTS[method];
	const a = numberIn(o.a, 0.01, 0.98, bounds.a);
	return {
		subject: hasProducts ? oneOf(o.subject, ['customers', 'products'], 'customers') : 'customers',
		measure: oneOf(o.measure, ['revenue', 'orders', 'quantity'], 'revenue'),
		method,
		a,
		b: Math.max(numberIn(o.b, 0.02, 0.99, bounds.b), Math.min(0.99, a + 0.01)),
		crossing: oneOf(o.crossing, ['within', 'next'], 'within'),
		windowStart: isoDateOrNull(o.windowStart),
		windowEnd: isoDateOrNull(o.windowEnd),
		xyz: o.xyz !== false,
		xBound: numberIn(o.xBound, 0.01, 10, 0.5),
		yBound: Math.max(numberIn(o.yBound, 0.02, 20, 1), numberIn(o.xBound, 0.01, 10, 0.5) + 0.01)
	};
}
