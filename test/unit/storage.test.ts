/**
 * Settings kept in the browser: the language comes back after a reload, settings stored by the
 * previous version still load, and damaged entries are ignored rather than breaking the page.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listRecent, loadCurrent, storeCurrent, storeRecent } from '../../src/state/storage';
import type { NotebookConfig } from '../../src/state/config';
import { setLocale } from '../../src/i18n/locale';

const config: NotebookConfig = {
	version: 2,
	language: 'zh',
	mapping: { customerId: '客户ID' },
	cells: { rfm: { bins: 4 } },
	custom: [{ kind: 'note', text: '## 结论' }]
};

/** The part of `localStorage` the module uses, kept in a Map. */
function memoryStorage() {
	const items = new Map<string, string>();
	return {
		getItem: (key: string) => items.get(key) ?? null,
		setItem: (key: string, value: string) => void items.set(key, value),
		removeItem: (key: string) => void items.delete(key)
	};
}

beforeEach(() => vi.stubGlobal('localStorage', memoryStorage()));
afterEach(() => {
	vi.unstubAllGlobals();
	setLocale('en');
});

describe('stored settings', () => {
	it('restore the language with everything else', () => {
		storeCurrent(config);
		expect(loadCurrent()).toEqual(config);
		storeCurrent({ ...config, language: 'en' });
		expect(loadCurrent()?.language).toBe('en');
	});

	it('load settings stored by version 1 in the language of the page', () => {
		const { language: _, ...v1 } = config;
		localStorage.setItem('segmenta:settings', JSON.stringify({ ...v1, version: 1 }));
		setLocale('zh');
		expect(loadCurrent()).toEqual(config);
	});

	it('ignore settings that no longer validate', () => {
		localStorage.setItem('segmenta:settings', JSON.stringify({ ...config, language: 'klingon' }));
		expect(loadCurrent()).toBeNull();
		localStorage.setItem('segmenta:settings', '{not json');
		expect(loadCurrent()).toBeNull();
	});

	it('keep the recent list newest first, with each entry’s language', () => {
		storeRecent('分享于 2025/6/30', config);
		storeRecent('Saved 6/30/2025', { ...config, language: 'en', custom: [] });
		expect(listRecent().map((r) => [r.label, r.config.language])).toEqual([
			['Saved 6/30/2025', 'en'],
			['分享于 2025/6/30', 'zh']
		]);
	});
});
