/**
 * Translation: `t('quality.rows_read', { n: 1200 })`. Placeholders are `{name}`; numbers are
 * formatted for the locale. English plurals: `{n|row|rows}` picks the word by `n` (Chinese
 * has no plural forms and simply writes `{n} 行`).
 */
import { CATALOGUES, type MessageKey } from './catalogue';
import { INTL_TAG, locale, type Locale } from './locale';
import { fill, msg, type Message, type MessageParams } from './message';

export { msg, type Message, type MessageParams };

/** Renders a message in a given language. */
export function translate(lang: Locale, key: MessageKey, params: MessageParams = {}): string {
	return fill(CATALOGUES[lang][key] ?? CATALOGUES.en[key] ?? key, params, INTL_TAG[lang]);
}

/** Renders a message in the current language. */
export function t(key: MessageKey, params?: MessageParams): string {
	return translate(locale(), key, params);
}

/** Renders a kept message (or text that needs no translation, such as DuckDB's own words). */
export function show(message: Message | string): string {
	return typeof message === 'string' ? message : t(message.key, message.params);
}
