/**
 * Translation: `t('quality.rows_read', { n: 1200 })`. Placeholders are `{name}`; numbers are
 * formatted for the locale. English plurals: `{n|row|rows}` picks the word by `n` (Chinese
 * has no plural forms and simply writes `{n} 行`).
 */
import { CATALOGUES, type MessageKey } from './catalogue';
import { INTL_TAG, locale, type Locale } from './locale';

export type MessageParams = Record<string, string | number>;

/** A message not yet rendered: kept in state so it re-renders in the language of the moment. */
export interface Message {
	key: MessageKey;
	params?: MessageParams;
}

const numberFormats = new Map<Locale, Intl.NumberFormat>();
function formatParam(value: string | number, lang: Locale): string {
	if (typeof value === 'string') return value;
	let f = numberFormats.get(lang);
	if (!f) numberFormats.set(lang, (f = new Intl.NumberFormat(INTL_TAG[lang], { maximumFractionDigits: 2 })));
	return f.format(value);
}

const PLACEHOLDER = /\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g;

/** Renders a message in a given language. */
export function translate(lang: Locale, key: MessageKey, params: MessageParams = {}): string {
	const template = CATALOGUES[lang][key] ?? CATALOGUES.en[key] ?? key;
	return template.replace(PLACEHOLDER, (whole, name: string, one?: string, other?: string) => {
		const value = params[name];
		if (value === undefined) return whole;
		if (one !== undefined) return new Intl.PluralRules(INTL_TAG[lang]).select(Number(value)) === 'one' ? one : (other ?? '');
		return formatParam(value, lang);
	});
}

/** Renders a message in the current language. */
export function t(key: MessageKey, params?: MessageParams): string {
	return translate(locale(), key, params);
}

/** Renders a kept message (or text that needs no translation, such as DuckDB's own words). */
export function show(message: Message | string): string {
	return typeof message === 'string' ? message : t(message.key, message.params);
}

export function msg(key: MessageKey, params?: MessageParams): Message {
	return { key, params };
}
