/**
 * The page's colour theme: the system's (`prefers-color-scheme`), or light or dark as chosen in
 * the header. The choice is this browser's own (src/state/storage.ts), set on <html> as
 * `data-theme`, which app.css reads; charts read `isDark()` to draw in the same colours.
 */
import { MediaQuery } from 'svelte/reactivity';
import { loadTheme, storeTheme, type ThemeChoice } from '../state/preferences';

const systemDark = new MediaQuery('(prefers-color-scheme: dark)', false);
let choice = $state<ThemeChoice>(loadTheme());
apply(choice);

function apply(theme: ThemeChoice) {
	const root = document.documentElement;
	if (theme === 'system') delete root.dataset.theme;
	else root.dataset.theme = theme;
}

/** The theme chosen: system, light or dark. */
export function themeChoice(): ThemeChoice {
	return choice;
}

/** Switches the theme now and remembers it in this browser. */
export function setTheme(theme: ThemeChoice) {
	choice = theme;
	apply(theme);
	storeTheme(theme);
}

/** Whether the page is dark now: chosen, or the system's and the system is dark. */
export function isDark(): boolean {
	return choice === 'dark' || (choice === 'system' && systemDark.current);
}
