/**
 * The page's language: English or Simplified Chinese, chosen from the browser's preference on the
 * first visit and switchable at any time. Plain TypeScript (the worker, Node tests and the
 * benchmark import it too); Svelte re-renders whatever read the locale when it changes.
 */
import { createSubscriber } from 'svelte/reactivity';

export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];

/** BCP 47 tags for `Intl`. */
export const INTL_TAG: Record<Locale, string> = { en: 'en-US', zh: 'zh-CN' };

let current: Locale = 'en';
const listeners = new Set<() => void>();
const subscribe = createSubscriber((update) => {
	listeners.add(update);
	return () => listeners.delete(update);
});

/** The current language; reading it inside a component or `$derived` makes it update on a switch. */
export function locale(): Locale {
	subscribe();
	return current;
}

export function setLocale(next: Locale) {
	if (next === current) return;
	current = next;
	if (typeof document !== 'undefined') document.documentElement.lang = INTL_TAG[next];
	for (const update of listeners) update();
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
