/** What each reason to set a row aside means, in the page's language. */
import { t } from '../i18n/t';
import { ident, join, lit, raw, sql, type Sql } from '../sql/sql';
import { TABLES } from './normalise-sql';
import { REASONS, type Reason } from './reasons';

/** What a reason means, in the language of the moment. */
export function reasonLabel(reason: Reason): string {
	return t(`reason.${reason}`);
}

/**
 * Every row set aside for a download people read: the stable reason key, then what it means in
 * the language of the moment, then the row as it was.
 */
export function setAsideWithLabels(): Sql {
	const labels = REASONS.map((r) => sql`WHEN ${lit(r)} THEN ${lit(reasonLabel(r))}`);
	return sql`SELECT reason, CASE reason ${join(labels, raw(' '))} END AS reason_label, * EXCLUDE (reason)
FROM ${ident(TABLES.setAside)}`;
}
