/**
 * The page's language: English or Simplified Chinese, chosen from the browser's preference on the
 * first visit and switchable at any time. Plain TypeScript (the worker, Node tests and the
 * benchmark import it too); Svelte re-renders whatever read the locale when it changes.
 */
import { SvelteMap } from 'svelte/reactivity';

export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

/** BCP 47 tags for `Intl`. */
export const INTL_TAG: Record<Locale, string> = { en: 'en-US', zh: 'zh-CN' };

// One reactive entry, so a read costs only a signal read: a table formats every cell, and an
// effect per read made drawing its first rows slow.
const state = new SvelteMap<'current', Locale>([['current', 'en']]);

/** The current language; reading it inside a component or `$derived` makes it update on a switch. */
export function locale(): Locale {
	return state.get('current') ?? 'en';
}

export function setLocale(next: Locale) {
	if (next === state.get('current')) return;
	state.set('current', next);
	if (typeof document !== 'undefined') document.documentElement.lang = INTL_TAG[next];
}

export function isLocale(value: unknown): value is Locale {
	return (LOCALES as readonly unknown[]).includes(value);
}

/** The first of the browser's preferred languages that we speak (any Chinese → zh), else English. */
export function preferredLocale(languages: readonly string[]): Locale {
	for (const tag of languages) {
		const base = tag.toLowerCase().split('-')[0];
		if (base === 'zh') return 'zh';
		if (base === 'en') return 'en';
	}
	return 'en';
}
