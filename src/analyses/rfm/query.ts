/**
 * The RFM table: one row per customer with at least one purchase, its recency, frequency and
 * monetary value, the three scores and the segment. A pure function of the config.
 */
import { dateLit, ident, join, lit, raw, sql, type Sql } from '../../sql/sql';
import { CUSTOMERS, IS_PURCHASE, windowed } from '../purchases';
import { actionsFor } from './actions';
import type { RfmConfig } from './config';

/** Columns of the result, in order (stable: exports and saved notebooks rely on them). */
export const RFM_COLUMNS = [
	'customer_id',
	'recency_days',
	'frequency',
	'monetary',
	'r_score',
	'f_score',
	'm_score',
	'rfm_code',
	'segment',
	'action'
] as const;

/**
 * Tie-preserving quantile score 1..n: equal values share a score (integer arithmetic, so no
 * float rounding moves a customer across a boundary). With heavy ties, e.g. most customers at
 * frequency 1, the lower scores stay empty instead of splitting equal customers.
 */
function quantileScore(value: Sql, n: number, betterIsLower: boolean): Sql {
	const order = betterIsLower ? sql`${value} DESC` : sql`${value} ASC`;
	const rank = sql`rank() OVER (ORDER BY ${order})`;
	const count = raw('count(*) OVER ()');
	return sql`CASE WHEN ${count} = 1 THEN 1 ELSE LEAST(${lit(n)}, 1 + (${lit(n)} * (${rank} - 1)) // (${count} - 1)) END`;
}

/** Score from typed cut points: value ≤ t1 → 1, …, > t(n-1) → n (recency reversed). */
function thresholdScore(value: Sql, cuts: number[], betterIsLower: boolean): Sql {
	const above = join(
		cuts.map((t) => sql`CAST(${value} > ${lit(t)} AS INTEGER)`),
		raw(' + ')
	);
	return betterIsLower ? sql`${lit(cuts.length + 1)} - (${above})` : sql`1 + ${above}`;
}

function classicSegment(c: RfmConfig): Sql {
	const whens = c.rules.map(
		(rule) =>
			sql`WHEN rule_r BETWEEN ${lit(rule.r[0])} AND ${lit(rule.r[1])} AND rule_f BETWEEN ${lit(rule.f[0])} AND ${lit(rule.f[1])} AND rule_m BETWEEN ${lit(rule.m[0])} AND ${lit(rule.m[1])} THEN ${lit(rule.key)}`
	);
	return sql`CASE ${join(whens, raw('\n\t\t'))} ELSE 'other' END`;
}

/**
 * The scores on the 1–5 scale the rules are written on: 3 or 4 bins are stretched onto it, ends
 * to ends (3 bins → 1, 3, 5; 4 bins → 1, 2, 4, 5). Worked out once per customer, not once per
 * rule (that doubled the query's time at 4 bins).
 */
function ruleScale(c: RfmConfig): Sql {
	const scaled = (s: string) =>
		c.bins === 5
			? raw(s)
			: sql`CAST(1 + round((${raw(s)} - 1) * 4.0 / ${lit(c.bins - 1)}) AS INTEGER)`;
	return sql`${scaled('r_score')} AS rule_r, ${scaled('f_score')} AS rule_f, ${scaled('m_score')} AS rule_m`;
}

function cn8Segment(c: RfmConfig): Sql {
	const stat = c.cn8Split === 'median' ? raw('median') : raw('avg');
	// Equal to the average counts as low; a recent last purchase (few days) is R high.
	const high = {
		r: sql`recency_days < ${stat}(recency_days) OVER ()`,
		f: sql`frequency > ${stat}(frequency) OVER ()`,
		m: sql`monetary > ${stat}(monetary) OVER ()`
	};
	const whens = c.cn8Rules.map((k) => {
		const test = (dim: 'r' | 'f' | 'm') =>
			k[dim] === 'high' ? high[dim] : sql`NOT (${high[dim]})`;
		return sql`WHEN ${test('r')} AND ${test('f')} AND ${test('m')} THEN ${lit(k.key)}`;
	});
	return sql`CASE ${join(whens, raw('\n\t\t'))} ELSE 'other' END`;
}

function actionOf(c: RfmConfig): Sql {
	const whens = Object.entries(actionsFor(c.actions))
		.filter(([, text]) => text !== '')
		.map(([key, text]) => sql`WHEN ${lit(key)} THEN ${lit(text)}`);
	return whens.length ? sql`CASE segment ${join(whens, raw(' '))} ELSE '' END` : raw("''");
}

/** The analysis date expression: the configured day, or the day after the last purchase. */
export function analysisDateSql(c: RfmConfig): Sql {
	return c.analysisDate
		? dateLit(c.analysisDate)
		: sql`(SELECT CAST(max(order_ts) AS DATE) + 1 FROM ${windowed(c.windowStart, c.windowEnd)} WHERE ${IS_PURCHASE})`;
}

/**
 * The SQL that builds the RFM table. With a comparison date, each customer also gets the segment
 * they were in then (`segment_before`, scored on the population of that day; `not_yet` when
 * they had not bought yet), for the transition view.
 */
export function rfmQuery(c: RfmConfig): Sql {
	if (!c.compareDate) return rfmAt(c);
	const before = rfmAt({ ...c, analysisDate: c.compareDate, compareDate: null });
	return sql`WITH now AS (${rfmAt(c)}), before AS (${before})
SELECT now.*, COALESCE(before.segment, 'not_yet') AS segment_before
FROM now LEFT JOIN before USING (customer_id)
ORDER BY customer_id`;
}

/**
 * Whether the per-customer summary holds this config's answers: the whole history, the default
 * date, frequency in orders.
 */
function summaryServes(c: RfmConfig): boolean {
	return (
		c.analysisDate === null &&
		c.windowStart === null &&
		c.windowEnd === null &&
		c.frequency === 'orders'
	);
}

/** Recency, frequency and spend per customer from the transactions (any window or date). */
function fromOrders(c: RfmConfig): Sql {
	const asOf = analysisDateSql(c);
	// Only a date that was set cuts rows: after the default one (the day after the last purchase)
	// there can be nothing but refunds of no order, and they count, as in ABC over the same window.
	const beforeAsOf = c.analysisDate ? raw('WHERE order_ts < (SELECT day FROM as_of)') : raw('');
	// Orders first, then customers: two plain aggregations run far faster than count(DISTINCT).
	const frequency = c.frequency === 'days' ? raw('any_value(d.days)') : raw('count(last_ts)');
	const purchaseDays =
		c.frequency === 'days'
			? sql`, purchase_days AS (
	SELECT customer_id, count(DISTINCT CAST(order_ts AS DATE)) AS days FROM tx WHERE ${IS_PURCHASE} GROUP BY 1
)`
			: raw('');
	// Leaving the first order out: its rows, refunds included, are taken off the total.
	const spend =
		c.firstPurchase === 'exclude'
			? raw('sum(spend) - arg_min(spend, first_ts)')
			: raw('sum(spend)');
	return sql`WITH as_of AS (SELECT ${asOf} AS day), tx AS (
	SELECT * FROM ${windowed(c.windowStart, c.windowEnd)} ${beforeAsOf}
), orders AS (
	SELECT customer_id, order_id,
		min(order_ts) FILTER (WHERE ${IS_PURCHASE}) AS first_ts,
		max(order_ts) FILTER (WHERE ${IS_PURCHASE}) AS last_ts,
		sum(amount) AS spend
	FROM tx GROUP BY customer_id, order_id
)${purchaseDays}, per_customer AS (
	SELECT customer_id, customer_id AS sort_key,
		date_diff('day', CAST(max(last_ts) AS DATE), any_value(as_of.day)) AS recency_days,
		${frequency} AS frequency,
		${spend} AS spend
	FROM orders CROSS JOIN as_of${c.frequency === 'days' ? raw(' LEFT JOIN purchase_days d USING (customer_id)') : raw('')}
	GROUP BY customer_id
	HAVING count(last_ts) > 0
)`;
}

/** The same from the per-customer summary the loader built: one row per customer already. */
function fromSummary(c: RfmConfig): Sql {
	const spend = c.firstPurchase === 'exclude' ? raw('spend - first_order_spend') : raw('spend');
	return sql`WITH as_of AS (SELECT CAST(max(last_purchase_ts) AS DATE) + 1 AS day FROM ${CUSTOMERS}), per_customer AS (
	-- The summary is stored in customer order: its row number sorts faster than the ids.
	SELECT customer_id, rowid AS sort_key,
		date_diff('day', CAST(last_purchase_ts AS DATE), (SELECT day FROM as_of)) AS recency_days,
		orders AS frequency,
		${spend} AS spend
	FROM ${CUSTOMERS} WHERE orders > 0
)`;
}

function rfmAt(c: RfmConfig): Sql {
	const score = (value: string, cuts: number[], lower: boolean) =>
		c.scoring === 'quantile'
			? quantileScore(ident(value), c.bins, lower)
			: thresholdScore(ident(value), cuts, lower);
	return sql`${summaryServes(c) ? fromSummary(c) : fromOrders(c)}, measured AS (
	SELECT customer_id, sort_key, recency_days, frequency,
		round(${c.monetary === 'average' ? raw('spend / frequency') : raw('spend')}, 2) AS monetary
	FROM per_customer
), scored AS (
	SELECT *,
		${score('recency_days', c.thresholds.r, true)} AS r_score,
		${score('frequency', c.thresholds.f, false)} AS f_score,
		${score('monetary', c.thresholds.m, false)} AS m_score
	FROM measured
)
-- Sorted before the long action texts are added: sorting rows that carry them took twice as long.
SELECT *, ${actionOf(c)} AS action FROM (
	SELECT customer_id, recency_days, frequency, monetary, r_score, f_score, m_score,
		CAST(r_score AS VARCHAR) || CAST(f_score AS VARCHAR) || CAST(m_score AS VARCHAR) AS rfm_code,
		${c.segmentMap === 'cn8' ? cn8Segment(c) : classicSegment(c)} AS segment
	FROM ${c.segmentMap === 'cn8' ? raw('scored') : sql`(SELECT *, ${ruleScale(c)} FROM scored)`}
	ORDER BY sort_key
)`;
}
