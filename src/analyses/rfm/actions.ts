/**
 * Recommended actions per segment. They travel as the `action` column of RFM and drill-down
 * exports, so a list can go straight into a CRM. The suggestions come from the catalogue, in the
 * language of the moment; the config keeps only the person's edits (saved with the notebook).
 */
import { LOCALES } from '../../i18n/locale';
import { t, translate } from '../../i18n/t';
import { SEGMENT_KEYS, type SegmentKey } from '../labels';

type Suggested = Exclude<SegmentKey, 'other' | 'not_yet'>;

/** Segments with a suggested action ("other" and segments the person added have none). */
const SUGGESTED = SEGMENT_KEYS.filter(
	(key): key is Suggested => key !== 'other' && key !== 'not_yet'
);

function isSuggested(key: string): key is Suggested {
	return (SUGGESTED as readonly string[]).includes(key);
}

/** Each segment's action: the person's edit, else the suggestion ('' for none). */
export function actionsFor(edits: Record<string, string>): Record<string, string> {
	return { ...Object.fromEntries(SUGGESTED.map((key) => [key, t(`action.${key}`)])), ...edits };
}

/**
 * Cleans the person's edits from a config: simple keys, text up to 300 characters. A text equal
 * to the suggestion in any language is not an edit (links saved before the suggestions were
 * translated carry every suggestion), so it follows the language.
 */
export function parseActions(input: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	if (typeof input !== 'object' || input === null || Array.isArray(input)) return out;
	for (const [key, value] of Object.entries(input)) {
		if (!/^[a-z][a-z0-9_]{0,40}$/.test(key) || typeof value !== 'string') continue;
		const text = value.slice(0, 300);
		const suggested =
			isSuggested(key) && LOCALES.some((lang) => translate(lang, `action.${key}`) === text);
		if (!suggested) out[key] = text;
	}
	return out;
}
