/**
 * Messages as data, and how a template takes its parameters. No catalogue here: both the page
 * (every language) and the engine worker (English only) build on it.
 */
import type { MessageKey } from './english';

export type MessageParams = Record<string, string | number>;

/** A message not yet rendered: kept in state so it re-renders in the language of the moment. */
export interface Message {
	key: MessageKey;
	params?: MessageParams;
}

export function msg(key: MessageKey, params?: MessageParams): Message {
	return { key, params };
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function formatParam(value: string | number, tag: string): string {
	if (typeof value === 'string') return value;
	let f = numberFormats.get(tag);
	if (!f) numberFormats.set(tag, (f = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 })));
	return f.format(value);
}

const PLACEHOLDER = /\{(\w+)(?:\|([^|}]*)\|([^}]*))?\}/g;

/**
 * Fills a template's `{name}` placeholders, numbers formatted for the language `tag`;
 * `{n|row|rows}` picks the word by `n`'s plural form.
 */
export function fill(template: string, params: MessageParams, tag: string): string {
	return template.replace(PLACEHOLDER, (whole, name: string, one?: string, other?: string) => {
		const value = params[name];
		if (value === undefined) return whole;
		if (one !== undefined)
			return new Intl.PluralRules(tag).select(Number(value)) === 'one' ? one : (other ?? '');
		return formatParam(value, tag);
	});
}
