/**
 * The CLV cell's result in one sentence: how many customers, how many purchases they are expected
 * to make over the horizon and what those are worth, and how many are probably gone. A pure
 * query over the result table (`clv`), so the sentence says what the table says.
 */
import { ident, lit, sql, type Sql } from '../../sql/sql';
import { doublesOf } from '../../lib/arrow-numbers';
import type { FitDatabase } from '../fit-database';

/** Below this P(alive) a customer counts as probably gone. */
export const GONE_BELOW = 0.5;

/** The figures of the sentence; `value` is null without a spend model. */
export interface ClvOutlook {
	customers: number;
	purchases: number;
	value: number | null;
	gone: number;
}

/**
 * Customers, Σ expected purchases, Σ expected purchases × expected value per purchase (NULL when
 * no customer has a value), and customers with P(alive) below {@link GONE_BELOW}.
 */
export function outlookQuery(table: string): Sql {
	return sql`SELECT count(*) AS customers,
	coalesce(sum(expected_purchases), 0) AS purchases,
	sum(expected_purchases * expected_value) AS value,
	count(*) FILTER (WHERE p_alive < ${lit(GONE_BELOW)}) AS gone
FROM ${ident(table)}`;
}

/** Runs {@link outlookQuery} and reads its one row. */
export function readOutlook(db: FitDatabase, table: string): ClvOutlook {
	const result = db.query(outlookQuery(table));
	const first = (name: string) => doublesOf(result.getChild(name)!)[0];
	const value = result.getChild('value')!.get(0);
	return {
		customers: first('customers'),
		purchases: first('purchases'),
		value: value === null ? null : Number(value),
		gone: first('gone')
	};
}
