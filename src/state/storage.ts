/**
 * Settings kept in this browser (configuration only, never data), language included. The
 * browser's own preferences, which a shared link never carries, are in `preferences.ts`.
 *
 * Each tab keeps its settings in its own `sessionStorage`, so a reload or a crashed tab loses
 * nothing and two tabs never overwrite each other. "Your settings", where a new tab starts, live in
 * `localStorage`: a tab writes them only with the person's own work. Settings opened from a link
 * stay in their tab until the person changes a cell; the link and the settings it replaced go to
 * Recent settings. And when a tab writes your settings after another tab changed them, that tab's
 * version goes to Recent first: no tab's work is ever dropped without a trace.
 */
import { isBlank, parseConfig, type NotebookConfig } from './config';
import { read, remove, write } from './browser-storage';
import { INTL_TAG, locale } from '../i18n/locale';
import { t } from '../i18n/t';

const CURRENT = 'segmenta:settings';
const TAB = 'segmenta:tab';
const TAB_ID = 'segmenta:tab-id';
const RECENT = 'segmenta:recent-settings';
const RECENT_LIMIT = 8;

/** Whose a tab's settings are: the person's own work, or a link's, unchanged since it was opened. */
export type Origin = 'own' | 'link';

/** One tab's settings, for a reload of that tab. */
export interface TabSettings {
	savedAt: string;
	origin: Origin;
	/** The fragment of the link the tab opened: reloaded, the tab keeps its settings instead. */
	link: string | null;
	/** The version of your settings the tab last read or wrote (see `version`). */
	basedOn: string | null;
	config: NotebookConfig;
}

/** Your settings: the latest own work of any tab, where a new tab starts. */
export interface OwnSettings {
	/** When and by which tab; null for settings stored before tabs were told apart. */
	savedAt: string | null;
	tab: string | null;
	config: NotebookConfig;
}

/** A configuration in the Recent settings list. */
export interface RecentSettings {
	savedAt: string;
	label: string;
	config: NotebookConfig;
	/**
	 * Set aside by the app rather than shared or saved: your settings that a link or another tab
	 * replaced (`own`, with the tab that made them: a later write of that tab supersedes them), or
	 * a link opened here (`link`).
	 */
	kind?: 'own' | 'link';
	tab?: string;
	/** For a link: whether a restored tab has said it is in the list. */
	announced?: boolean;
}

function parsed(value: unknown): NotebookConfig | null {
	try {
		return parseConfig(value);
	} catch {
		return null;
	}
}

/** Compared after parsing: fields of a saved cell in another order, or dropped, are no change. */
function same(a: NotebookConfig, b: NotebookConfig): boolean {
	return JSON.stringify(parsed(a) ?? a) === JSON.stringify(parsed(b) ?? b);
}

let ownId: string | null = null;

/** This tab's id: in `sessionStorage`, so a reload keeps it; per page load where that is off. */
function tabId(): string {
	const made = () =>
		Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) =>
			b.toString(16).padStart(2, '0')
		).join('');
	try {
		let id = sessionStorage.getItem(TAB_ID);
		if (!id) sessionStorage.setItem(TAB_ID, (id = made()));
		return id;
	} catch {
		return (ownId ??= made());
	}
}

/** Tells one write of your settings from any other (two tabs never write in the same ms as one). */
function version(own: OwnSettings | null): string | null {
	return own?.savedAt ? `${own.tab}@${own.savedAt}` : null;
}

/** When settings were saved, for a label: the time alone today, else the date too. */
export function when(savedAt: string, now = new Date()): string {
	const d = new Date(savedAt);
	const tag = INTL_TAG[locale()];
	return d.toDateString() === now.toDateString()
		? d.toLocaleTimeString(tag, { hour: 'numeric', minute: '2-digit' })
		: d.toLocaleString(tag, { dateStyle: 'medium', timeStyle: 'short' });
}

/** This tab's settings, after a reload; null in a new tab (or when they no longer validate). */
export function loadTab(): TabSettings | null {
	const value = read(TAB, 'session') as Record<string, unknown> | null;
	const config = parsed(value?.config);
	if (!value || !config) return null;
	const text = (v: unknown) => (typeof v === 'string' ? v : null);
	return {
		savedAt: text(value.savedAt) ?? new Date().toISOString(),
		origin: value.origin === 'link' ? 'link' : 'own',
		link: text(value.link),
		basedOn: text(value.basedOn),
		config
	};
}

/** Your settings, or null. Also reads those stored as a bare configuration by earlier versions. */
export function loadOwn(): OwnSettings | null {
	const value = read(CURRENT) as Record<string, unknown> | null;
	if (value === null || typeof value !== 'object') return null;
	if (Object.hasOwn(value, 'version')) {
		const config = parsed(value);
		return config && { savedAt: null, tab: null, config };
	}
	const config = parsed(value.config);
	const text = (v: unknown) => (typeof v === 'string' ? v : null);
	return config && { savedAt: text(value.savedAt), tab: text(value.tab), config };
}

/** The settings a reload of this tab, else a new tab, starts from; null when there are none. */
export function loadCurrent(): NotebookConfig | null {
	return loadTab()?.config ?? loadOwn()?.config ?? null;
}

/**
 * Remembers this tab's settings. Own work also becomes your settings (see the module's comment).
 * A link opened for the first time goes to Recent settings with your settings it replaced in this
 * tab; those are returned, for the notice, else null.
 */
export function storeCurrent(
	config: NotebookConfig,
	origin: Origin = 'own',
	link: string | null = null
): RecentSettings | null {
	const tab = loadTab();
	const savedAt = new Date().toISOString();
	let basedOn = tab?.basedOn ?? null;
	let kept: RecentSettings | null = null;
	if (origin === 'link' && link !== tab?.link) {
		kept = keepForLink(config, savedAt);
		// The tab no longer goes on from your settings: whatever it writes later is no continuation.
		basedOn = null;
	}
	if (origin === 'own') basedOn = claim(config, tab, savedAt) ?? basedOn;
	write(TAB, { savedAt, origin, link, basedOn, config }, 'session');
	return kept;
}

/** Writes your settings; returns their new version, or null when another tab's are left in place. */
function claim(config: NotebookConfig, tab: TabSettings | null, savedAt: string): string | null {
	const previous = loadOwn();
	const id = tabId();
	const changedElsewhere = previous !== null && version(previous) !== (tab?.basedOn ?? null);
	// Nothing new in this tab since it last wrote: another tab's newer work stays where it is.
	if (changedElsewhere && tab && same(tab.config, config)) return null;
	if (changedElsewhere && !same(previous.config, config) && !isBlank(previous.config))
		setAside(previous);
	write(CURRENT, { tab: id, savedAt, config });
	// The version this tab went on from, if set aside meanwhile, is superseded; so is a copy.
	const list = readRecent();
	const superseded = (r: RecentSettings) =>
		r.kind === 'own' &&
		((tab?.basedOn &&
			version({ tab: r.tab ?? null, savedAt: r.savedAt, config }) === tab.basedOn) ||
			same(r.config, config));
	const rest = list.filter((r) => !superseded(r));
	if (rest.length !== list.length) write(RECENT, rest);
	return version({ tab: id, savedAt, config });
}

function setAside(own: OwnSettings): RecentSettings {
	const entry: RecentSettings = {
		kind: 'own',
		savedAt: own.savedAt ?? new Date().toISOString(),
		label: '',
		config: own.config
	};
	if (own.tab) entry.tab = own.tab;
	return labelled(pushRecent(entry));
}

function keepForLink(config: NotebookConfig, savedAt: string): RecentSettings | null {
	const own = loadOwn();
	const kept = own && !isBlank(own.config) && !same(own.config, config) ? setAside(own) : null;
	pushRecent({ kind: 'link', savedAt, label: '', config, announced: false });
	return kept;
}

/**
 * A new tab starts from your settings: returns them (or null), and the newest link opened since a
 * tab last said so, which is now in Recent settings. Remembered as this tab's settings.
 */
export function restoreOwn(): { own: OwnSettings | null; link: RecentSettings | null } {
	const own = loadOwn();
	const list = readRecent();
	const link = list.find((r) => r.kind === 'link' && r.announced === false) ?? null;
	// Said once; and a copy of the settings restored is no longer worth listing.
	const rest = list
		.filter((r) => !(own && r.kind === 'own' && same(r.config, own.config)))
		.map((r) => (r.kind === 'link' ? { ...r, announced: true } : r));
	if (link || rest.length !== list.length) write(RECENT, rest);
	if (own)
		write(
			TAB,
			{
				savedAt: own.savedAt ?? new Date().toISOString(),
				origin: 'own',
				link: null,
				basedOn: version(own),
				config: own.config
			},
			'session'
		);
	return { own, link: link && labelled(link) };
}

/** Forgets this tab's settings (reset), and yours unless another tab changed them meanwhile. */
export function clearCurrent() {
	const own = loadOwn();
	if (own && version(own) === (loadTab()?.basedOn ?? null)) remove(CURRENT);
	remove(TAB, 'session');
}

function pushRecent(entry: RecentSettings): RecentSettings {
	const list = readRecent().filter((r) => !same(r.config, entry.config));
	// The list is keyed by `savedAt` on the page: two entries never share one.
	while (list.some((r) => r.savedAt === entry.savedAt))
		entry.savedAt = new Date(Date.parse(entry.savedAt) + 1).toISOString();
	write(RECENT, [entry, ...list].slice(0, RECENT_LIMIT));
	return entry;
}

/** Adds settings to the recent list (newest first). */
export function storeRecent(label: string, config: NotebookConfig) {
	pushRecent({ savedAt: new Date().toISOString(), label, config });
}

function readRecent(): RecentSettings[] {
	const value = read(RECENT);
	if (!Array.isArray(value)) return [];
	return value.flatMap((item) => {
		const config = parsed(item?.config);
		if (!config) return [];
		const entry: RecentSettings = {
			savedAt: String(item.savedAt),
			label: String(item.label).slice(0, 80),
			config
		};
		if (item.kind === 'own' || item.kind === 'link') entry.kind = item.kind;
		if (typeof item.tab === 'string') entry.tab = item.tab;
		if (typeof item.announced === 'boolean') entry.announced = item.announced;
		return [entry];
	});
}

/** Entries the app set aside are named in the language of the moment. */
function labelled(r: RecentSettings): RecentSettings {
	if (r.kind === 'own') return { ...r, label: t('session.recent_own', { time: when(r.savedAt) }) };
	if (r.kind === 'link')
		return { ...r, label: t('session.recent_link', { time: when(r.savedAt) }) };
	return r;
}

/** The recent settings that still validate, newest first. */
export function listRecent(): RecentSettings[] {
	return readRecent().map(labelled);
}
