/**
 * This browser's own preferences: the colour theme and the hints already read come back after a
 * reload, damaged entries fall back to the defaults, and neither is part of the shared settings.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dismissHint, hintDismissed, loadTheme, storeTheme } from '../../src/state/preferences';
import { storeCurrent } from '../../src/state/storage';

function memoryStorage() {
	const items = new Map<string, string>();
	return {
		items,
		getItem: (key: string) => items.get(key) ?? null,
		setItem: (key: string, value: string) => void items.set(key, value),
		removeItem: (key: string) => void items.delete(key)
	};
}

let storage: ReturnType<typeof memoryStorage>;
beforeEach(() => {
	storage = memoryStorage();
	vi.stubGlobal('localStorage', storage);
});
afterEach(() => vi.unstubAllGlobals());

describe('the colour theme', () => {
	it('follows the system until one is chosen, then keeps the choice', () => {
		expect(loadTheme()).toBe('system');
		storeTheme('dark');
		expect(loadTheme()).toBe('dark');
		storeTheme('light');
		expect(loadTheme()).toBe('light');
	});

	it('falls back to the system on anything else', () => {
		for (const text of ['"purple"', '{', '42', 'null']) {
			storage.items.set('segmenta:theme', text);
			expect(loadTheme(), text).toBe('system');
		}
	});

	it('is kept apart from the settings', () => {
		storeTheme('dark');
		storeCurrent({ version: 2, language: 'en', mapping: {}, cells: {}, custom: [] } as never);
		expect(storage.items.get('segmenta:settings')).not.toMatch(/dark|theme/);
	});
});

describe('hints', () => {
	it('stay dismissed, each on its own', () => {
		expect(hintDismissed('first-cell')).toBe(false);
		dismissHint('first-cell');
		dismissHint('first-cell');
		expect(hintDismissed('first-cell')).toBe(true);
		expect(hintDismissed('other')).toBe(false);
		expect(JSON.parse(storage.items.get('segmenta:hints-dismissed')!)).toEqual(['first-cell']);
	});

	it('show again when the stored list is damaged', () => {
		storage.items.set('segmenta:hints-dismissed', '"first-cell"');
		expect(hintDismissed('first-cell')).toBe(false);
		dismissHint('first-cell');
		expect(hintDismissed('first-cell')).toBe(true);
	});
});
