/**
 * The SQL of audiences: who is in one (a segment's or drill-down's customers, narrowed by the
 * customers' latest attribute values), its size and revenue, and the rows of its export. Pure:
 * the same audience and sources always give the same text.
 */
import { CONTACTS_TABLE } from '../ingest/contacts-sql';
import type { ContactRole } from '../ingest/mapping';
import { ident, join, lit, raw, sql, type Sql } from '../sql/sql';

/** One narrowing: the customer's latest non-empty value of `attribute` equals `value`. */
export interface AudienceFilter {
	attribute: string;
	value: string;
}

/** What an audience is drawn from and how it is narrowed. */
export interface AudienceSpec {
	/** A query whose rows carry `customer_id`: a segment's or a drill-down's rows. */
	members: Sql;
	filters: readonly AudienceFilter[];
}

/** The tables an audience's export may join, as loaded now. */
export interface AudienceSources {
	/** The RFM rows (label columns added, CLV columns when that cell ran); null before RFM ran. */
	rfm: Sql | null;
	/** Attribute columns of `transactions`. */
	attributes: readonly string[];
	/** Columns of `customer_contacts`; empty when no contact column was mapped. */
	contacts: readonly ContactRole[];
}

const MAX_VALUE_LENGTH = 200;

/**
 * The filters that name a present attribute with a text value, each attribute once (the last
 * given wins): a filter from an older file or a hand-made object never reaches SQL otherwise.
 */
export function parseFilters(input: unknown, attributes: readonly string[]): AudienceFilter[] {
	if (!Array.isArray(input)) return [];
	const byAttribute = new Map<string, string>();
	for (const f of input) {
		if (typeof f !== 'object' || f === null) continue;
		const { attribute, value } = f as Record<string, unknown>;
		if (typeof attribute !== 'string' || !attributes.includes(attribute)) continue;
		if (typeof value !== 'string' || value.length > MAX_VALUE_LENGTH) continue;
		byAttribute.set(attribute, value);
	}
	return [...byAttribute].map(([attribute, value]) => ({ attribute, value }));
}

/** Each customer's latest non-empty value of each attribute (by order time), one row per customer. */
export function latestAttributes(attributes: readonly string[]): Sql {
	const latest = attributes.map((a) => {
		const col = ident(a);
		return sql`last(${col} ORDER BY order_ts) FILTER (WHERE ${col} IS NOT NULL) AS ${col}`;
	});
	return sql`SELECT customer_id${latest.length ? sql`, ${join(latest, raw(', '))}` : raw('')}
FROM transactions GROUP BY customer_id`;
}

/** The audience's customer ids, each once. */
export function membersQuery(spec: AudienceSpec, attributes: readonly string[]): Sql {
	const filters = parseFilters(spec.filters, attributes);
	const picked = sql`SELECT DISTINCT customer_id FROM (${spec.members}) AS picked WHERE customer_id IS NOT NULL`;
	if (!filters.length) return picked;
	const used = filters.map((f) => f.attribute);
	const match = filters.map((f) => sql`${ident(f.attribute)} = ${lit(f.value)}`);
	return sql`${picked} AND customer_id IN (
	SELECT customer_id FROM (${latestAttributes(used)}) AS latest WHERE ${join(match, raw(' AND '))})`;
}

/** One row: the audience's customers and their net spend (all of it, refunds counted). */
export function summaryQuery(spec: AudienceSpec, attributes: readonly string[]): Sql {
	return sql`WITH members AS (${membersQuery(spec, attributes)})
SELECT count(*) AS customers, COALESCE(sum(s.spend), 0) AS revenue
FROM members LEFT JOIN customer_summary AS s USING (customer_id)`;
}

/** The attribute's distinct values, most customers first, for choosing a filter. */
export function attributeValuesQuery(attribute: string, attributes: readonly string[]): Sql {
	if (!attributes.includes(attribute)) throw new Error(`not an attribute: ${attribute}`);
	const col = ident(attribute);
	return sql`SELECT ${col} AS value, count(*) AS customers FROM (${latestAttributes([attribute])}) AS latest
WHERE ${col} IS NOT NULL GROUP BY 1 ORDER BY customers DESC, value LIMIT 200`;
}

/**
 * The export rows: customer id, the audience's name, every RFM column (segment key and label,
 * action, recency, frequency, monetary, scores, CLV figures when that cell ran), each kept
 * attribute's latest value and the contact columns. In customer id order.
 */
export function exportQuery(spec: AudienceSpec, name: string, sources: AudienceSources): Sql {
	const members = membersQuery(spec, sources.attributes);
	const parts: Sql[] = [sql`m.customer_id`, sql`${lit(name)} AS audience`];
	const joins: Sql[] = [];
	if (sources.rfm) {
		parts.push(sql`r.* EXCLUDE (customer_id)`);
		joins.push(sql`LEFT JOIN (${sources.rfm}) AS r USING (customer_id)`);
	}
	if (sources.attributes.length) {
		parts.push(sql`a.* EXCLUDE (customer_id)`);
		joins.push(
			sql`LEFT JOIN (${latestAttributes(sources.attributes)}) AS a ON a.customer_id = m.customer_id`
		);
	}
	if (sources.contacts.length) {
		parts.push(join(sources.contacts.map((c) => sql`c.${ident(c)}`)));
		joins.push(sql`LEFT JOIN ${ident(CONTACTS_TABLE)} AS c ON c.customer_id = m.customer_id`);
	}
	return sql`WITH members AS (${members})
SELECT ${join(parts)} FROM members AS m ${join(joins, raw('\n'))}
ORDER BY m.customer_id`;
}
