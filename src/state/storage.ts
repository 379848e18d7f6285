/**
 * Settings kept in this browser (configuration only, never data): the current settings, language
 * included, so a reload or a crashed tab loses nothing, and the last few that were shared or saved.
 * Also this browser's own preferences, which a shared link never carries: the colour theme and the
 * hints already read.
 */
import { parseConfig, type NotebookConfig } from './config';

const CURRENT = 'segmenta:settings';
const RECENT = 'segmenta:recent-settings';
const RECENT_LIMIT = 5;
const THEME = 'segmenta:theme';
const HINTS = 'segmenta:hints-dismissed';

/** The colour theme: the system's, or light or dark whatever the system says. */
export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

/** A saved configuration with when it was saved. */
export interface RecentSettings {
	savedAt: string;
	label: string;
	config: NotebookConfig;
}

function read(key: string): unknown {
	try {
		const text = localStorage.getItem(key);
		return text === null ? null : JSON.parse(text);
	} catch {
		return null;
	}
}

function write(key: string, value: unknown) {
	try {
		localStorage.setItem(key, JSON.stringify(value));
	} catch {
		// Storage full or switched off: settings still work for this visit.
	}
}

/** Remembers the current settings. */
export function storeCurrent(config: NotebookConfig) {
	write(CURRENT, config);
}

/** The settings of the last visit, or null (also when they no longer validate). */
export function loadCurrent(): NotebookConfig | null {
	const value = read(CURRENT);
	if (value === null) return null;
	try {
		return parseConfig(value);
	} catch {
		return null;
	}
}

/** Forgets the current settings (reset to defaults). */
export function clearCurrent() {
	try {
		localStorage.removeItem(CURRENT);
	} catch {
		// Nothing to forget.
	}
}

/** Adds settings to the recent list (newest first, at most five). */
export function storeRecent(label: string, config: NotebookConfig) {
	const list = listRecent().filter((r) => JSON.stringify(r.config) !== JSON.stringify(config));
	write(RECENT, [{ savedAt: new Date().toISOString(), label, config }, ...list].slice(0, RECENT_LIMIT));
}

/** The recent settings that still validate. */
export function listRecent(): RecentSettings[] {
	const value = read(RECENT);
	if (!Array.isArray(value)) return [];
	return value.flatMap((item) => {
		try {
			return [{ savedAt: String(item.savedAt), label: String(item.label).slice(0, 80), config: parseConfig(item.config) }];
		} catch {
			return [];
		}
	});
}

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
