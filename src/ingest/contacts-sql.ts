/**
 * The customers' contact details (email, phone, name): read from the rows once per load into one
 * row per customer, for audience exports. They never enter `transactions`, so no cell, chart or
 * drill-down shows them unless a person's own SQL asks for `customer_contacts`.
 */
import { ident, join, raw, sql, type Sql } from '../sql/sql';
import { CONTACT_ROLES, type ContactRole, type Mapping } from './mapping';

/** The table of contacts, one row per customer with at least one kept row. */
export const CONTACTS_TABLE = 'customer_contacts';

/** The column of the typed rows that carries a contact role's text until the table is built. */
export function contactColumn(role: ContactRole): string {
	return `__contact_${role}`;
}

/** The contact roles a mapping gives a column, in the order exports write them. */
export function mappedContacts(mapping: Mapping): ContactRole[] {
	return CONTACT_ROLES.filter((role) => mapping[role] !== null);
}

/**
 * Builds `customer_contacts` from the kept rows of `rowsTable` (each contact the latest non-empty
 * value, by order time then file order), then drops the carrying columns so the text is held once.
 * No statements when the mapping has no contact column: the table then does not exist.
 */
export function contactsStatements(mapping: Mapping, rowsTable: string): Sql[] {
	const roles = mappedContacts(mapping);
	if (!roles.length) return [];
	const latest = roles.map((role) => {
		const col = ident(contactColumn(role));
		return sql`last(${col} ORDER BY order_ts, rowid) FILTER (WHERE ${col} IS NOT NULL) AS ${ident(role)}`;
	});
	return [
		sql`CREATE OR REPLACE TABLE ${ident(CONTACTS_TABLE)} AS
SELECT customer_id, ${join(latest, raw(', '))}
FROM ${ident(rowsTable)} WHERE reason IS NULL GROUP BY customer_id ORDER BY customer_id`,
		...roles.map(
			(role) => sql`ALTER TABLE ${ident(rowsTable)} DROP COLUMN ${ident(contactColumn(role))}`
		)
	];
}
