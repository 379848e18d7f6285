/**
 * The overview's values in the reader's language: a finding's sentence with its numbers
 * formatted, months and lists of segments. Read where a language switch re-renders them.
 */
import type { Finding, Value } from '../../analyses/overview/findings';
import { segmentLabel } from '../../analyses/labels';
import { INTL_TAG, locale } from '../../i18n/locale';
import { t } from '../../i18n/t';
import { formatMoney, formatPercent } from '../../lib/format';

/** A cohort's month (from its first day, yyyy-mm-dd): "Sep 2024", "2024年9月". */
export function formatMonth(day: string): string {
	return new Intl.DateTimeFormat(INTL_TAG[locale()], {
		year: 'numeric',
		month: 'short',
		timeZone: 'UTC'
	}).format(Date.parse(`${day}T00:00:00Z`));
}

/** Segment names joined as the language joins a list ("A, B and C", "A、B和C"). */
export function segmentList(keys: readonly string[]): string {
	return new Intl.ListFormat(INTL_TAG[locale()], { type: 'conjunction' }).format(
		keys.map(segmentLabel)
	);
}

/** Counts stay numbers, so the catalogue's plural forms can pick the word. */
function param(v: Value): string | number {
	if ('count' in v) return v.count;
	if ('percent' in v) return formatPercent(v.percent);
	if ('money' in v) return formatMoney(v.money);
	if ('month' in v) return formatMonth(v.month);
	if ('segment' in v) return segmentLabel(v.segment);
	return segmentList(v.segments);
}

/** A finding as a sentence. */
export function findingText(f: Finding): string {
	return t(
		`overview.finding_${f.id}`,
		Object.fromEntries(Object.entries(f.values).map(([k, v]) => [k, param(v)]))
	);
}
