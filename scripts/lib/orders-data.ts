/**
 * Building blocks of the synthetic transaction logs that the benchmark and the large-file
 * measurement generate: one seeded generator and one skew, so both measure the same kind of data.
 */

export const HEADER = 'order_id,customer_id,order_date,amount,product_id,quantity\n';
export const START_S = Date.UTC(2022, 0, 1) / 1000;
export const SPAN_S = 2 * 365 * 86_400;
export const PRODUCTS = 5_000;

/** The app's seeded PRNG: the same sequence on every run and machine. */
export { mulberry32 } from '../../src/models/random';

/** A rank in 1..n drawn from a truncated continuous power law with exponent `s` (s != 1). */
export function powerLawRank(u: number, n: number, s: number): number {
	const a = 1 - s;
	return Math.min(n, Math.floor(Math.pow((Math.pow(n, a) - 1) * u + 1, 1 / a)));
}

/** Zero-padded number, for ids like C0012345. */
export const pad = (n: number, width: number) => String(n).padStart(width, '0');
