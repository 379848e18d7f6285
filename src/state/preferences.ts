/**
 * This browser's own preferences, which a shared link never carries: the colour theme and the
 * hints already read.
 */
import { read, write } from './browser-storage';

const THEME = 'segmenta:theme';
const HINTS = 'segmenta:hints-dismissed';

/** The colour theme: the system's, or light or dark whatever the system says. */
export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

/** The theme chosen in this browser; the system's when none was (or the value is unknown). */
export function loadTheme(): ThemeChoice {
	const value = read(THEME);
	return THEME_CHOICES.find((c) => c === value) ?? 'system';
}

/** Remembers the theme in this browser (not in the settings a link shares). */
export function storeTheme(theme: ThemeChoice) {
	write(THEME, theme);
}

/** Whether the hint `id` was dismissed in this browser. */
export function hintDismissed(id: string): boolean {
	const value = read(HINTS);
	return Array.isArray(value) && value.includes(id);
}

/** Remembers that the hint `id` was dismissed. */
export function dismissHint(id: string) {
	const value = read(HINTS);
	const list = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
	if (!list.includes(id)) write(HINTS, [...list, id].slice(-20));
}
