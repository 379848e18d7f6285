/**
 * Settings across tabs (issue #27, item 4): one `localStorage` for the browser and a
 * `sessionStorage` per tab, both Map-backed. A link opened in one tab never replaces the person's
 * own settings in another; whatever one tab's write replaces goes to Recent settings; a reload
 * brings a tab back as it was.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NotebookConfig } from '../../src/state/config';
import {
	clearCurrent,
	listRecent,
	loadCurrent,
	loadTab,
	restoreOwn,
	storeCurrent
} from '../../src/state/storage';
import { setLocale } from '../../src/i18n/locale';

/** A `Storage` kept in a Map. */
class MemoryStorage implements Storage {
	private items = new Map<string, string>();
	get length() {
		return this.items.size;
	}
	key(i: number) {
		return [...this.items.keys()][i] ?? null;
	}
	getItem(key: string) {
		return this.items.get(key) ?? null;
	}
	setItem(key: string, value: string) {
		this.items.set(key, String(value));
	}
	removeItem(key: string) {
		this.items.delete(key);
	}
	clear() {
		this.items.clear();
	}
}

/** Runs `steps` as the tab with storage `tab`, in the browser whose storage is `browser`. */
let browser: MemoryStorage;
function inTab<T>(tab: MemoryStorage, steps: () => T): T {
	vi.stubGlobal('localStorage', browser);
	vi.stubGlobal('sessionStorage', tab);
	return steps();
}

const sqlCell = (sql: string) => ({
	kind: 'sql' as const,
	title: 'Mine',
	sql,
	chart: { kind: 'none' as const, x: null, y: null, color: null }
});

/** The person's own work: an SQL cell and the 8-class RFM map. */
const own: NotebookConfig = {
	version: 2,
	language: 'en',
	mapping: { customerId: '客户ID', orderDate: '下单时间' },
	cells: { rfm: { segmentMap: 'cn8' } },
	custom: [sqlCell('SELECT segment, count(*) AS n FROM rfm GROUP BY 1')]
};

/** A colleague's link: other parameters and a note. */
const colleague: NotebookConfig = {
	version: 2,
	language: 'en',
	mapping: { customerId: 'Customer' },
	cells: { abc: { a: 0.7 } },
	custom: [{ kind: 'note', text: '## Colleague’s plan' }]
};
const LINK = '#c=colleague';

const variant = (n: number): NotebookConfig => ({
	...own,
	custom: [sqlCell(`SELECT ${n} AS version`)]
});

beforeEach(() => {
	browser = new MemoryStorage();
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(new Date('2025-06-30T14:02:00Z'));
});
afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
	setLocale('en');
});

/** Moves the clock on, as time passes between a person's steps. */
const later = (minutes: number) => vi.setSystemTime(Date.now() + minutes * 60_000);

describe('a link opened in another tab', () => {
	it('leaves the own settings where a new tab starts, and keeps the link in Recent', () => {
		const [tab1, tab2, tab3] = [new MemoryStorage(), new MemoryStorage(), new MemoryStorage()];
		inTab(tab1, () => storeCurrent(own));
		later(3);
		// Tab 2 opens the colleague's link, then loads its copy of the data (the mapping changes).
		inTab(tab2, () => {
			storeCurrent(colleague, 'link', LINK);
			later(1);
			storeCurrent(
				{ ...colleague, mapping: { customerId: 'Customer', amount: 'Paid' } },
				'link',
				LINK
			);
		});
		// Tab 1 closes without sharing or saving; a new tab opens.
		inTab(tab3, () => {
			expect(loadCurrent()).toEqual(own);
			expect(listRecent().map((r) => r.config)).toContainEqual(colleague);
			expect(loadTab()).toBeNull();
			const { own: restored, link } = restoreOwn();
			expect(restored?.config).toEqual(own);
			expect(restored?.savedAt).toBe('2025-06-30T14:02:00.000Z');
			expect(link?.config).toEqual(colleague);
			expect(link?.label).toBe('Shared link opened 2:05 PM');
			// Said once: the next new tab does not repeat it.
			expect(restoreOwn().link).toBeNull();
		});
	});

	it('sets the own settings aside in Recent for the link’s tab, and says so', () => {
		const [tab1, tab2] = [new MemoryStorage(), new MemoryStorage()];
		inTab(tab1, () => storeCurrent(own));
		later(3);
		inTab(tab2, () => {
			const kept = storeCurrent(colleague, 'link', LINK);
			expect(kept?.config).toEqual(own);
			expect(kept?.label).toBe('Your settings from 2:02 PM');
			expect(listRecent().map((r) => [r.label, r.config])).toEqual([
				['Shared link opened 2:05 PM', colleague],
				['Your settings from 2:02 PM', own]
			]);
			// Only when the link is new to the tab.
			expect(storeCurrent(colleague, 'link', LINK)).toBeNull();
		});
		// Tab 1 goes on working: its settings are current again and leave the list.
		later(1);
		inTab(tab1, () => storeCurrent(variant(2)));
		inTab(new MemoryStorage(), () => {
			expect(listRecent().map((r) => r.config)).toEqual([colleague]);
			expect(loadCurrent()).toEqual(variant(2));
		});
	});

	it('stays in its tab after a reload, and becomes the own settings once a cell changes', () => {
		const [tab1, tab2] = [new MemoryStorage(), new MemoryStorage()];
		inTab(tab1, () => storeCurrent(own));
		inTab(tab2, () => {
			storeCurrent(colleague, 'link', LINK);
			expect(loadTab()).toMatchObject({ origin: 'link', link: LINK, config: colleague });
			later(5);
			const changed = { ...colleague, custom: [...colleague.custom, sqlCell('SELECT 1')] };
			storeCurrent(changed, 'own', LINK);
			expect(loadTab()).toMatchObject({ origin: 'own', link: LINK, config: changed });
		});
		inTab(new MemoryStorage(), () => {
			expect(loadCurrent()?.custom).toHaveLength(2);
			// Tab 1's work, which this replaced, is in Recent once.
			expect(
				listRecent().filter((r) => JSON.stringify(r.config) === JSON.stringify(own))
			).toHaveLength(1);
		});
	});

	it('opened in the tab that made the own settings keeps them in Recent, whatever follows', () => {
		const tab = new MemoryStorage();
		inTab(tab, () => {
			storeCurrent(own);
			later(1);
			storeCurrent(colleague, 'link', LINK);
			later(1);
			const changed = { ...colleague, custom: [sqlCell('SELECT 2')] };
			storeCurrent(changed, 'own', LINK);
			later(1);
			storeCurrent({ ...changed, cells: {} }, 'own', LINK);
			later(1);
			storeCurrent(variant(9), 'link', '#c=another');
		});
		inTab(new MemoryStorage(), () => {
			const configs = listRecent().map((r) => r.config);
			expect(configs).toContainEqual(own);
			expect(configs).toContainEqual(colleague);
			expect(configs).toContainEqual(variant(9));
		});
	});

	it('keeps settings stored by an earlier version (a bare configuration) aside too', () => {
		browser.setItem('segmenta:settings', JSON.stringify(own));
		inTab(new MemoryStorage(), () =>
			expect(storeCurrent(colleague, 'link', LINK)?.config).toEqual(own)
		);
		inTab(new MemoryStorage(), () => {
			const { own: restored, link } = restoreOwn();
			expect(restored).toEqual({ savedAt: null, tab: null, config: own });
			expect(link?.config).toEqual(colleague);
		});
	});
});

describe('two tabs changing the own settings', () => {
	it('move the version one replaces to Recent, one entry per tab', () => {
		const [a, b] = [new MemoryStorage(), new MemoryStorage()];
		inTab(a, () => storeCurrent(variant(1)));
		later(1);
		inTab(b, () => {
			expect(restoreOwn().own?.config).toEqual(variant(1));
			storeCurrent(variant(2));
		});
		// B continued A's version: nothing to set aside.
		inTab(b, () => expect(listRecent()).toEqual([]));
		later(1);
		inTab(a, () => storeCurrent(variant(3)));
		inTab(a, () => expect(listRecent().map((r) => r.config)).toEqual([variant(2)]));
		later(1);
		inTab(b, () => storeCurrent(variant(4)));
		later(1);
		inTab(b, () => storeCurrent(variant(5)));
		inTab(new MemoryStorage(), () => {
			expect(loadCurrent()).toEqual(variant(5));
			expect(listRecent().map((r) => r.config)).toEqual([variant(3)]);
		});
	});

	it('leave another tab’s newer work in place when nothing changed here', () => {
		const [a, b] = [new MemoryStorage(), new MemoryStorage()];
		inTab(a, () => storeCurrent(variant(1)));
		inTab(b, () => restoreOwn());
		later(1);
		inTab(a, () => storeCurrent(variant(2)));
		// B closes: it remembers its settings once more, unchanged since it opened.
		inTab(b, () => storeCurrent(variant(1)));
		inTab(new MemoryStorage(), () => {
			expect(loadCurrent()).toEqual(variant(2));
			expect(listRecent()).toEqual([]);
		});
	});

	it('reset forgets the own settings only when this tab has the latest', () => {
		const [a, b] = [new MemoryStorage(), new MemoryStorage()];
		inTab(a, () => storeCurrent(variant(1)));
		inTab(b, () => restoreOwn());
		later(1);
		inTab(a, () => storeCurrent(variant(2)));
		inTab(b, () => clearCurrent());
		inTab(new MemoryStorage(), () => expect(loadCurrent()).toEqual(variant(2)));
		inTab(a, () => clearCurrent());
		inTab(new MemoryStorage(), () => expect(loadCurrent()).toBeNull());
	});
});

describe('the entries set aside', () => {
	it('are named in the language of the moment, with the date when not today', () => {
		inTab(new MemoryStorage(), () => storeCurrent(own));
		inTab(new MemoryStorage(), () => storeCurrent(colleague, 'link', LINK));
		setLocale('zh');
		inTab(new MemoryStorage(), () => {
			expect(listRecent().map((r) => r.label)).toEqual(['14:02 打开的分享链接', '你 14:02 的设置']);
			later(24 * 60);
			setLocale('en');
			expect(listRecent().map((r) => r.label)).toEqual([
				'Shared link opened Jun 30, 2025, 2:02 PM',
				'Your settings from Jun 30, 2025, 2:02 PM'
			]);
		});
	});
});
