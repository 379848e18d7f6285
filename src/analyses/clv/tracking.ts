/**
 * Cumulative repeat purchases over time, actual against the model (Fader, Hardie & Lee 2005,
 * fig. 2): the model's curve sums E[X(t)] over customers grouped by their first purchase day,
 * the actual one counts repeat purchase days from `transactions`. Written as `clv_tracking`.
 */
import { Table, makeVector, tableToIPC } from 'apache-arrow';
import { PERIODS, type ClvConfig } from './config';
import { IS_PURCHASE, ORDERS } from '../purchases';
import { dateLit, ident, lit, sql } from '../../sql/sql';
import type { FitDatabase } from '../fit-database';

const DAY_MS = 86_400_000;

/** Writes `clv_tracking`; `expectedNew` is the model's E[X(t)], t in the config's periods. */
export function writeTracking(
	db: FitDatabase,
	expectedNew: (t: number) => number,
	config: ClvConfig
): void {
	const days = PERIODS[config.period];
	const bounds = db.query(sql`SELECT epoch_ms(min(first_purchase)) AS start,
	epoch_ms(max(first_purchase + CAST(round("T" * ${lit(days)}) AS INTEGER))) AS cal_end FROM clv_summary`);
	const start = Number(bounds.getChild('start')?.get(0));
	const calEnd = Number(bounds.getChild('cal_end')?.get(0));
	const end = config.holdoutEnd ? Date.parse(`${config.holdoutEnd}T00:00:00Z`) : calEnd;
	if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) return;
	const cohorts = db.query(
		sql`SELECT epoch_ms(first_purchase) AS first, count(*) AS n FROM clv_summary GROUP BY 1`
	);
	const firsts = Array.from({ length: cohorts.numRows }, (_, i) =>
		Number(cohorts.getChild('first')?.get(i))
	);
	const sizes = Array.from({ length: cohorts.numRows }, (_, i) =>
		Number(cohorts.getChild('n')?.get(i))
	);
	const periods = Math.ceil((end - start) / DAY_MS / days);
	// Period k ends (k + 1) periods after the first day; purchases on that day are not yet in.
	const ends = Float64Array.from({ length: periods }, (_, k) => start + (k + 1) * days * DAY_MS);
	const expected = ends.map((e) =>
		firsts.reduce(
			(sum, f, g) =>
				e > f ? sum + sizes[g] * expectedNew((e - f) / DAY_MS / days - 1 / days) : sum,
			0
		)
	);
	const table = new Table({ period_end_ms: makeVector(ends), expected: makeVector(expected) });
	db.query(sql`DROP TABLE IF EXISTS clv_expected_curve`);
	db.insert('clv_expected_curve', tableToIPC(table, 'stream'));
	const calibrationEnd = sql`${lit(new Date(calEnd).toISOString().slice(0, 10))}::DATE`;
	const lastDay = config.holdoutEnd ? dateLit(config.holdoutEnd) : calibrationEnd;
	db.query(sql`CREATE OR REPLACE TABLE clv_tracking AS
WITH repeat_days AS (
	SELECT DISTINCT t.customer_id, CAST(t.order_ts AS DATE) AS d
	FROM ${ORDERS} t JOIN clv_summary s USING (customer_id)
	WHERE t.${IS_PURCHASE} AND CAST(t.order_ts AS DATE) > s.first_purchase AND CAST(t.order_ts AS DATE) <= ${lastDay}
), per_day AS (SELECT d, count(*) AS n FROM repeat_days GROUP BY 1),
curve AS (SELECT CAST(make_timestamp(CAST(period_end_ms * 1000 AS BIGINT)) AS DATE) AS period_end, expected FROM clv_expected_curve)
SELECT c.period_end - 1 AS period_end,
	COALESCE((SELECT sum(n) FROM per_day p WHERE p.d < c.period_end), 0) AS actual,
	round(c.expected, 2) AS expected,
	${calibrationEnd} AS calibration_end
FROM curve c ORDER BY 1`);
	db.query(sql`DROP TABLE ${ident('clv_expected_curve')}`);
}
