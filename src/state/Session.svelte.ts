/**
 * One person's session: the engine, the open file, the mapping being edited and the quality
 * report. Components read its fields and call its actions; they never talk to DuckDB.
 *
 * Over 300 lines: it still does several jobs (file, settings, drill-down, status, exports);
 * issue #22 splits it into classes with injected collaborators.
 */
import { CancelledError, EngineClient } from '../engine/client';
import type { EngineInfo, OpenedFile, OpenOptions, Progress } from '../engine/protocol';
import type { MappingDraft } from '../ingest/detect-roles';
import { MappingError, parseMapping, type Mapping } from '../ingest/mapping';
import type { QualityReport } from '../ingest/reasons';
import { setAsideWithLabels } from '../ingest/reason-labels';
import { toRowPage, type RowPage } from '../lib/arrow-rows';
import { downloadBytes } from '../lib/download';
import {
	countRows,
	createResultTable,
	customerTransactions,
	pageQuery,
	tableRef,
	wholeTable
} from '../analyses/cell-sql';
import type { ChartDef } from '../analyses/chart-types';
import { sql, type Sql } from '../sql/sql';
import { exportLabels, withLabelColumns } from '../analyses/labels';
import { Notebook } from './Notebook.svelte';
import { Audiences } from './Audiences.svelte';
import { DataDatesState } from './DataDates.svelte';
import { Rehearsal } from './rehearsal';
import { LoadAhead } from './load-ahead';
import type { CellsAhead } from './cells-ahead';
import { duckdbScript } from './duckdb-script';
import { rfmWithClvQuery } from '../analyses/clv/export';
import { CONFIG_VERSION, isBlank, parseConfig, type NotebookConfig } from './config';
import { decodeConfig, encodeConfig } from './url-codec';
import {
	clearCurrent,
	listRecent,
	loadTab,
	restoreOwn,
	storeCurrent,
	storeRecent,
	when,
	type OwnSettings,
	type RecentSettings,
	type TabSettings
} from './storage';
import { ROLES } from '../ingest/mapping';
import { Cell } from './Cell.svelte';
import { memoryBytesOf, overCapacity } from './capacity';
import type { SqlCell } from './SqlCell.svelte';
import { LocalisedError, messageOf } from '../i18n/errors';
import { INTL_TAG, locale, preferredLocale, setLocale } from '../i18n/locale';
import { msg, show, t, type Message } from '../i18n/t';

/** A message around another one (an error's own words), both shown in the language of the moment. */
export interface Wrapped extends Message {
	inner: Message | string;
}

/** What the page tells the person: a message, DuckDB's own words, or a message around either. */
export type Notice = Message | string | Wrapped;

/** Renders a notice in the current language. */
export function showNotice(notice: Notice): string {
	if (typeof notice !== 'string' && 'inner' in notice)
		return t(notice.key, { ...notice.params, inner: show(notice.inner) });
	return show(notice);
}

/** The rows behind a clicked chart mark. */
export interface DrillState {
	/** A chart's drill label (written when the mark was clicked), or a message. */
	label: Message | string;
	query: Sql;
	count: number;
	page: RowPage | null;
}

const DRILL_TABLE = 'drill_down';
const DRILL_PREVIEW = 200;

/** The long step under way, for the progress panel. */
export interface BusyState {
	label: Message;
	progress: Progress | null;
	startedAt: number;
}

const SAMPLE_URL = './sample/orders.csv';
export const PREVIEW_LIMIT = 100;
export const SET_ASIDE_PAGE = 50;

function mark(name: string) {
	performance.mark(`segmenta:${name}`);
}

/** The local date and time, for the names of saved settings. */
function now(): string {
	return new Date().toLocaleString(INTL_TAG[locale()]);
}

/** What the person made of the notebook: the cells' parameters and their own cells. */
function cellsOf(config: NotebookConfig): string {
	return JSON.stringify([config.cells, config.custom]);
}

/** What a new tab says it restored (nothing for settings that set nothing). */
function restoredNotice(own: OwnSettings | null, link: RecentSettings | null): Message | null {
	if (!own || isBlank(own.config))
		return link ? msg('session.link_in_recent', { time: when(link.savedAt) }) : null;
	if (!own.savedAt) return msg('session.restored');
	const time = when(own.savedAt);
	return link
		? msg('session.restored_own_link', { time, link: when(link.savedAt) })
		: msg('session.restored_own', { time });
}

/** The session behind the page. */
export class Session {
	// `?memory=64MB` starts DuckDB with a low memory limit: for the tests of the out-of-memory path.
	private readonly memoryLimit = new URLSearchParams(location.search).get('memory');
	readonly engine = new EngineClient({ memoryLimit: this.memoryLimit });
	engineInfo = $state.raw<EngineInfo | null>(null);
	engineError = $state.raw<Wrapped | null>(null);
	busy = $state.raw<BusyState | null>(null);
	error = $state.raw<Notice | null>(null);
	notice = $state.raw<Notice | null>(null);
	opened = $state.raw<OpenedFile | null>(null);
	draft = $state<MappingDraft | null>(null);
	mappingError = $state.raw<{ field: string; message: Message | string } | null>(null);
	report = $state.raw<QualityReport | null>(null);
	preview = $state.raw<RowPage | null>(null);
	setAside = $state.raw<RowPage | null>(null);
	setAsideOffset = $state(0);
	drill = $state.raw<DrillState | null>(null);
	/** The link made by Share, shown so it can be copied. */
	shareLink = $state<string | null>(null);
	recent = $state.raw<RecentSettings[]>([]);
	/** A mapping from a link or file, applied by header name when the next file opens. */
	private savedMapping: Record<string, unknown> | null = null;
	readonly notebook = new Notebook(this.engine);
	readonly audiences = new Audiences(this.engine, this.notebook);
	/** The days the data gives empty date fields: for the header and the cells' settings lines. */
	readonly dates = new DataDatesState(this.engine);
	private file: File | null = null;
	/** The mapping behind the current `transactions`, for the DuckDB script. */
	private applied: Mapping | null = null;
	/** Counts files chosen: work for a file that another has replaced is dropped, never shown. */
	private generation = 0;
	/** The engine's rehearsal while no file has been chosen yet (see `rehearsal.ts`). */
	private rehearsal: Rehearsal | null = null;
	/** A sign of intent came before the engine was ready: the rehearsal starts when it is. */
	private wantsWarmUp = false;
	/** The load begun with the proposed mapping while the person reads it (see `load-ahead.ts`). */
	private loadAhead: LoadAhead | null = null;

	constructor() {
		this.watchEngine();
		this.engine.onrestart = (reason) => this.restarted(reason);
		this.notebook.onchange = () => this.remember();
		// The browser's language first; the last visit's settings or a shared link may say otherwise.
		setLocale(preferredLocale(navigator.languages));
		void this.start();
		// setLocale sets `lang` only on a change; stored settings are applied by now (only a link waits).
		document.documentElement.lang = INTL_TAG[locale()];
	}

	private async start() {
		try {
			const tab = loadTab();
			// A shared link carries its configuration in the fragment, which never reaches a server.
			// Reloaded, the tab that opened it keeps its settings, the person's changes included.
			if (location.hash.includes('c=') && tab?.link !== location.hash)
				await this.openLink(location.hash);
			else if (tab) this.restoreTab(tab);
			else this.restoreOwn();
		} catch (e) {
			this.error = messageOf(e);
		}
		this.recent = listRecent();
		// `?sample` in the address opens the bundled sample at once (the README's first command).
		if (new URLSearchParams(location.search).has('sample')) await this.trySample();
	}

	/** Opens a link's settings in this tab; the person's own settings stay, and both are in Recent. */
	private async openLink(fragment: string) {
		const config = await decodeConfig(fragment);
		if (!config) return;
		this.useConfig(config);
		this.link = fragment;
		this.linkCells = cellsOf(this.currentConfig());
		const kept = this.remember();
		this.notice = kept
			? msg('session.opened_shared_kept', { time: when(kept.savedAt) })
			: msg('session.opened_shared');
	}

	/** After a reload: this tab's settings, whether its own or a link's. */
	private restoreTab(tab: TabSettings) {
		this.useConfig(tab.config, tab.origin === 'link');
		this.link = tab.link;
		if (tab.origin === 'link') this.linkCells = cellsOf(this.currentConfig());
		if (!isBlank(tab.config)) this.notice = msg('session.restored_tab');
	}

	/** A new tab: your settings (not a link's), saying from when, and where a link opened meanwhile is. */
	private restoreOwn() {
		const { own, link } = restoreOwn();
		// Restored from this browser only: its cells have not been shared or saved yet.
		if (own) this.useConfig(own.config, false);
		this.notice = restoredNotice(own, link);
	}

	private watchEngine() {
		this.engineInfo = null;
		this.engine.ready.then(
			(info) => {
				this.engineInfo = info;
				this.engineError = null;
				mark('engine-ready');
				if (this.wantsWarmUp) this.warmUp();
			},
			(e: Error) => {
				if (!(e instanceof CancelledError) && e.name !== 'CancelledError') {
					this.engineError = { key: 'session.engine_failed', inner: messageOf(e) };
				}
			}
		);
	}

	/**
	 * The person is about to choose a file (a drag entered the window, the pointer or keyboard is on
	 * "Choose a file"): the engine rehearses until it arrives, so the file runs in warmed-up code.
	 * Not before: a page left open costs no CPU (#26). Once a file was chosen the code is warm.
	 */
	warmUp() {
		this.wantsWarmUp = true;
		if (!this.engineInfo || this.generation > 0 || this.rehearsal) return;
		const rehearsal = new Rehearsal(this.engine);
		this.rehearsal = rehearsal;
		void rehearsal.done.then((finished) => {
			if (finished) mark('engine-rehearsed');
		});
	}

	/**
	 * A new worker started. After a crash, or a load that ran out of memory, its tables are gone:
	 * the page goes back to the start, says why, and keeps the settings and the notebook (the
	 * mapping comes back with the file).
	 * After a cancel, `cancel()` words what happened.
	 */
	private restarted(reason: Error) {
		this.watchEngine();
		if (reason.name === 'CancelledError') return;
		this.generation++;
		this.forgetData();
		this.error = messageOf(reason);
	}

	/** Forgets the file and everything built from it; the configuration stays. */
	private forgetData() {
		this.notebook.stopRequested = true;
		this.notebook.clear();
		// Reopening the file (or another with the same headers) maps it as before.
		if (this.draft) this.savedMapping = $state.snapshot(this.draft) as Record<string, unknown>;
		this.opened = null;
		this.draft = null;
		this.applied = null;
		this.loadAhead = null;
		this.report = null;
		this.preview = null;
		this.setAside = null;
		this.drill = null;
	}

	/** Runs a long step with a progress panel; a cancel or failure leaves the page usable. */
	private async step<T>(label: Message, work: (progress: (p: Progress) => void) => Promise<T>) {
		this.error = null;
		this.notice = null;
		const generation = this.generation;
		const busy: BusyState = { label, progress: null, startedAt: performance.now() };
		this.busy = busy;
		try {
			return await work((p) => {
				if (this.busy?.startedAt === busy.startedAt) this.busy = { ...busy, progress: p };
			});
		} catch (e) {
			// A step replaced by a newer file ends in silence: the newer file is what the person sees.
			if (generation !== this.generation) return undefined;
			if ((e as Error).name === 'CancelledError')
				this.notice = { key: 'session.step_cancelled', inner: label };
			else this.error = messageOf(e);
			return undefined;
		} finally {
			if (this.busy?.startedAt === busy.startedAt) this.busy = null;
		}
	}

	/**
	 * Opens a file the person dropped or picked, and proposes a mapping. A file chosen while
	 * another loads (or while cells run) replaces it: that work is cancelled first, and nothing
	 * of the earlier file reaches the page.
	 */
	async open(file: File, options: OpenOptions = {}) {
		mark('file-chosen');
		const generation = ++this.generation;
		this.rehearsal?.stop();
		this.notebook.stopRequested = true;
		this.file = file;
		this.loadAhead = null;
		this.notebook.clear();
		// A customer list belongs to the file it was loaded with; a new file starts without one.
		for (const cell of this.notebook.cells)
			if (cell.kind === 'lifecycle') cell.config.potentialList = false;
		this.opened = null;
		this.draft = null;
		this.report = null;
		this.preview = null;
		this.setAside = null;
		this.mappingError = null;
		await this.engine.cancel();
		if (generation !== this.generation) return;
		const opened = await this.step(msg('progress.reading', { name: file.name }), (p) =>
			this.engine.openFile(file, options, p)
		);
		if (!opened || generation !== this.generation) return;
		mark('mapping-detected');
		this.opened = opened;
		this.draft = structuredClone(opened.guess.draft);
		if (this.savedMapping) this.applySavedMapping(this.savedMapping);
		this.startLoadAhead();
	}

	/**
	 * Loads with the proposed mapping while the person reads it. Not when the file may not fit in
	 * memory (the person decides that first), nor when the mapping is incomplete.
	 */
	private startLoadAhead() {
		if (!this.draft || !this.opened || this.sizeWarning) return;
		let mapping: Mapping;
		try {
			mapping = parseMapping($state.snapshot(this.draft), this.opened.columns);
		} catch {
			return;
		}
		mark('load-started');
		this.loadAhead = new LoadAhead(this.engine, mapping, this.notebook.stepsAhead());
	}

	/**
	 * The load Apply asks for: the one begun ahead when it serves (with the cells' work done after it),
	 * else a new one (after stopping that).
	 */
	private async load(
		mapping: Mapping,
		progress: (p: Progress) => void
	): Promise<{ report: QualityReport; cells: CellsAhead | null } | undefined> {
		const ahead = this.loadAhead;
		this.loadAhead = null;
		ahead?.cells.stop();
		// Its failure or cancel is this Apply's: only another file or the person's cancel stops it.
		if (ahead?.serves(mapping)) return { report: await ahead.take(progress), cells: ahead.cells };
		if (ahead && !(await this.engine.cancel())) {
			this.restartedUnderLoad();
			return undefined;
		}
		mark('load-started');
		return { report: await this.engine.normalise(mapping, progress), cells: null };
	}

	/** Applies a saved mapping by header name; says which names this file does not have. */
	private applySavedMapping(saved: Record<string, unknown>) {
		if (!this.draft || !this.opened) return;
		const columns = this.opened.columns;
		const missing: string[] = [];
		const draft = this.draft as Record<string, unknown>;
		for (const role of ROLES) {
			const name = saved[role];
			if (typeof name !== 'string') continue;
			if (columns.includes(name)) draft[role] = name;
			else missing.push(name);
		}
		for (const key of [
			'dateFormat',
			'decimalSeparator',
			'customerIdFormat',
			'refunds',
			'dropDuplicates'
		]) {
			if (saved[key] !== undefined) draft[key] = saved[key];
		}
		if (Array.isArray(saved.attributes)) {
			draft.attributes = saved.attributes.filter(
				(a): a is string => typeof a === 'string' && columns.includes(a)
			);
		}
		this.notice = missing.length
			? msg('session.mapping_missing', { names: missing.map((m) => `“${m}”`).join(', ') })
			: msg('session.mapping_found');
	}

	/** Takes a configuration (from a link or a file): language and cells now, the mapping when data arrives. */
	useConfig(config: NotebookConfig, kept = true) {
		// Chosen here (or restored): this tab's own from now on; `openLink` says otherwise.
		this.linkCells = null;
		setLocale(config.language);
		this.notebook.apply(config);
		if (kept) this.keepCells();
		this.savedMapping = config.mapping;
		if (this.savedMapping && this.opened) this.applySavedMapping(this.savedMapping);
	}

	/** The current configuration: language, mapping, every cell's parameters, the person's cells. Never data. */
	currentConfig(): NotebookConfig {
		const mapping = this.draft
			? ($state.snapshot(this.draft) as Record<string, unknown>)
			: this.savedMapping;
		if (mapping) delete mapping.today;
		return { version: CONFIG_VERSION, language: locale(), mapping, ...this.notebook.snapshot() };
	}

	/**
	 * Remembers the settings in this browser, so a reload or a crash loses nothing. A link's cells
	 * are the colleague's until the person changes one: until then they stay in this tab, and the
	 * person's own settings (where a new tab starts) stay as they were. Returns the own settings a
	 * newly opened link set aside in Recent, if any.
	 */
	remember(): RecentSettings | null {
		const config = this.currentConfig();
		if (this.linkCells !== null && this.linkCells !== cellsOf(config)) this.linkCells = null;
		return storeCurrent(config, this.linkCells === null ? 'own' : 'link', this.link);
	}

	/** The person's own cells as last shared, saved to a file or opened: what a colleague has too. */
	private keptCells = '[]';
	/** The fragment of the link this tab opened, so a reload restores the tab rather than the link. */
	private link: string | null = null;
	/** The cells as the link gave them, while the person has not changed them (see `remember`). */
	private linkCells: string | null = null;

	/** Said before loading, when the opened file likely holds more rows than this tab can analyse. */
	get sizeWarning(): Message | null {
		if (!this.file || !this.opened) return null;
		const over = overCapacity(this.file.size, this.opened, memoryBytesOf(this.memoryLimit));
		return over ? msg('mapping.too_big', { rows: over.rows, capacity: over.capacity }) : null;
	}

	/**
	 * Whether the person's own cells changed since they were last shared or saved: this browser
	 * keeps them, but closing the tab is the moment to warn that nobody else has them.
	 */
	get unsavedCells(): boolean {
		const custom = JSON.stringify(this.notebook.snapshot().custom);
		return custom !== '[]' && custom !== this.keptCells;
	}

	private keepCells() {
		this.keptCells = JSON.stringify(this.notebook.snapshot().custom);
	}

	/** Back to the default settings, in the same language (the data stays loaded). */
	async resetSettings() {
		this.notebook.apply({
			version: CONFIG_VERSION,
			language: locale(),
			mapping: null,
			cells: Object.fromEntries(this.notebook.cells.map((c) => [c.kind, {}])),
			custom: []
		});
		this.savedMapping = null;
		clearCurrent();
		this.notice = msg('session.reset');
		if (this.report) await this.notebook.runAll();
	}

	/** Applies settings from the recent list. */
	async useRecent(index: number) {
		const item = this.recent[index];
		if (!item) return;
		this.useConfig(item.config);
		this.notice = msg('session.recent_applied', { label: item.label });
		if (this.report) await this.notebook.runAll();
	}

	/** Makes a link carrying the configuration, and copies it when the browser allows. */
	async share() {
		this.keepCells();
		storeRecent(t('session.shared_at', { time: now() }), this.currentConfig());
		this.recent = listRecent();
		const fragment = await encodeConfig(this.currentConfig());
		const link = `${location.origin}${location.pathname}#${fragment}`;
		this.shareLink = link;
		await navigator.clipboard?.writeText(link).catch(() => {});
	}

	/** Downloads the configuration as a JSON file. */
	saveConfigFile() {
		this.keepCells();
		storeRecent(t('session.saved_at', { time: now() }), this.currentConfig());
		this.recent = listRecent();
		const json = JSON.stringify(this.currentConfig(), null, 2);
		downloadBytes(
			new TextEncoder().encode(json),
			'segmenta-configuration.json',
			'application/json'
		);
	}

	/** Downloads the notebook as a script for the DuckDB command line (no data inside). */
	async downloadScript(format: 'csv' | 'parquet' = 'csv') {
		const opened = this.opened;
		const mapping = this.applied;
		if (!opened || !mapping || !this.report) return;
		const views = await this.page("SELECT sql FROM duckdb_views() WHERE view_name = 'source'");
		const sourceView = views?.rows[0]?.[0];
		if (typeof sourceView !== 'string') return;
		const script = duckdbScript({
			opened,
			sourceView,
			mapping,
			cells: this.notebook.scriptCells(),
			format,
			now: new Date()
		});
		downloadBytes(
			new TextEncoder().encode(script),
			`${this.baseName()}-segmenta.sql`,
			'application/sql'
		);
	}

	/** Reads a configuration file saved earlier (or by a colleague). */
	async loadConfigFile(file: File) {
		try {
			this.useConfig(parseConfig(JSON.parse(await file.text())));
			this.notice = msg('session.config_applied', { name: file.name });
			if (this.report) await this.notebook.runAll();
		} catch (e) {
			this.error = { key: 'session.config_bad', params: { name: file.name }, inner: messageOf(e) };
		}
	}

	/** Reopens the current file with another sheet or encoding. */
	async reopen(options: OpenOptions) {
		if (this.file) await this.open(this.file, options);
	}

	/** Loads the bundled sample file, as if the person had dropped it. */
	async trySample() {
		const response = await this.step(msg('progress.fetching_sample'), async () => {
			const res = await fetch(SAMPLE_URL);
			if (!res.ok)
				throw new LocalisedError('session.sample_failed', { status: String(res.status) });
			return new File([await res.blob()], 'sample-orders.csv', { type: 'text/csv' });
		});
		if (!response) return;
		await this.open(response);
	}

	/** Checks the mapping being edited; null when it is complete and valid. */
	validate(): Mapping | null {
		if (!this.draft || !this.opened) return null;
		try {
			const mapping = parseMapping($state.snapshot(this.draft), this.opened.columns);
			this.mappingError = null;
			return mapping;
		} catch (e) {
			if (e instanceof MappingError) this.mappingError = { field: e.field, message: messageOf(e) };
			else throw e;
			return null;
		}
	}

	/** Builds `transactions` with the mapping and shows the quality report. */
	async apply() {
		const mapping = this.validate();
		if (!mapping) return;
		const generation = this.generation;
		const loaded = await this.step(msg('progress.normalising'), (p) => this.load(mapping, p));
		if (!loaded || generation !== this.generation) return;
		const { report, cells } = loaded;
		this.applied = mapping;
		mark('table-loaded');
		this.report = report;
		this.remember();
		void this.notebook.runAll(cells);
		const preview = await this.page(pageQuery('transactions', 0, PREVIEW_LIMIT, null).text);
		const setAside = report.rowsSetAside > 0 ? await this.page(this.setAsideSql(0)) : null;
		if (generation !== this.generation) return;
		this.preview = preview;
		this.setAsideOffset = 0;
		this.setAside = setAside;
	}

	private setAsideSql(offset: number) {
		return pageQuery('set_aside', offset, SET_ASIDE_PAGE, { column: 'reason', descending: false })
			.text;
	}

	/** Shows another page of the rows set aside. */
	async showSetAside(offset: number) {
		if (!this.report) return;
		const clamped = Math.min(Math.max(0, offset), Math.max(0, this.report.rowsSetAside - 1));
		const page = await this.page(this.setAsideSql(clamped - (clamped % SET_ASIDE_PAGE)));
		if (page) {
			this.setAside = page;
			this.setAsideOffset = clamped - (clamped % SET_ASIDE_PAGE);
		}
	}

	private async page(sqlText: string): Promise<RowPage | null> {
		try {
			return toRowPage(await this.engine.query(sqlText));
		} catch (e) {
			// A cancel (or a newer file) stopped it: nothing went wrong.
			if ((e as Error).name !== 'CancelledError') this.error = messageOf(e);
			return null;
		}
	}

	/** Downloads every row set aside, with its reason's key and meaning, as CSV. */
	async downloadSetAside() {
		const bytes = await this.step(msg('progress.writing_set_aside'), () =>
			this.engine.exportCsv(setAsideWithLabels().text)
		);
		if (bytes) downloadBytes(bytes, `${this.baseName()}-set-aside.csv`, 'text/csv');
	}

	/** Downloads the normalised transactions as CSV. */
	async downloadTransactions() {
		const bytes = await this.step(msg('progress.writing_transactions'), () =>
			this.engine.exportCsv(wholeTable('transactions').text)
		);
		if (bytes) downloadBytes(bytes, `${this.baseName()}-transactions.csv`, 'text/csv');
	}

	private baseName() {
		return (this.opened?.fileName ?? 'segmenta').replace(/\.[^.]+(\.gz)?$/, '');
	}

	/** Loads a list of customer ids so the lifecycle can show listed customers without orders. */
	async loadCustomerList(file: File) {
		const loaded = await this.step(msg('progress.reading', { name: file.name }), () =>
			this.engine.loadCustomerList(file)
		);
		if (!loaded) return;
		this.notice = msg('session.customer_list', {
			n: loaded.customers,
			column: loaded.column,
			name: file.name
		});
		const lifecycle = this.notebook.cells.find((c) => c.kind === 'lifecycle');
		if (lifecycle) {
			lifecycle.config.potentialList = true;
			await this.notebook.run(lifecycle);
		}
	}

	/** Downloads a cell's whole result table as CSV (safe for spreadsheets) or Parquet. */
	async exportCell(cell: Cell | SqlCell, format: 'csv' | 'parquet' = 'csv') {
		const clvDone = this.notebook.cells.some((c) => c.kind === 'clv' && c.status === 'done');
		// The RFM export carries the lifetime-value columns once they exist.
		const base = cell.table === 'rfm' && clvDone ? rfmWithClvQuery() : wholeTable(cell.table);
		const bytes = await this.step(msg('progress.exporting', { table: cell.table }), async () => {
			// Key columns (segment, stage, class…) get a label column in the language of the moment.
			const columns = (
				await this.engine.query(sql`SELECT * FROM (${base}) AS q LIMIT 0`.text)
			).schema.fields.map((f) => f.name);
			const labels = cell instanceof Cell ? exportLabels(cell.kind, cell.parsed, columns) : [];
			const query = withLabelColumns(base, columns, labels).text;
			return format === 'csv' ? this.engine.exportCsv(query) : this.engine.exportParquet(query);
		});
		const type = format === 'csv' ? 'text/csv' : 'application/vnd.apache.parquet';
		if (bytes) downloadBytes(bytes, `${this.baseName()}-${cell.table}.${format}`, type);
	}

	/** Opens the transactions of the customer in a clicked result row, if the row has one. */
	async openRowDrill(row: unknown[], columns: string[]) {
		const at = columns.indexOf('customer_id');
		const id = at >= 0 ? row[at] : null;
		if (typeof id !== 'string') return;
		await this.showDrill({ label: msg('drill.customer', { id }), query: customerTransactions(id) });
	}

	/** Opens the list of rows behind a clicked mark, kept as the `drill_down` table. */
	async openDrill(cell: Cell, chart: ChartDef, datum: Record<string, unknown>) {
		const drill = chart.drill?.(datum, tableRef(cell.table));
		if (drill) await this.showDrill(drill);
	}

	private async showDrill(drill: { label: Message | string; query: Sql }) {
		try {
			await this.engine.query(createResultTable(DRILL_TABLE, drill.query).text);
			const count = Number((await this.engine.query(countRows(DRILL_TABLE).text)).get(0)?.n ?? 0);
			const page = toRowPage(
				await this.engine.query(pageQuery(DRILL_TABLE, 0, DRILL_PREVIEW, null).text)
			);
			this.drill = { ...drill, count, page };
		} catch (e) {
			this.error = messageOf(e);
		}
	}

	/** Downloads the drill-down list as CSV (ready for a CRM campaign). */
	async exportDrill() {
		if (!this.drill) return;
		// Letters of any script: a Chinese label still names the file.
		const name = show(this.drill.label)
			.toLowerCase()
			.replace(/[^\p{L}\p{N}]+/gu, '-');
		const bytes = await this.step(msg('progress.exporting_list'), () =>
			this.engine.exportCsv(wholeTable(DRILL_TABLE).text)
		);
		if (bytes) downloadBytes(bytes, `${this.baseName()}-${name}.csv`, 'text/csv');
	}

	closeDrill() {
		this.drill = null;
	}

	/**
	 * Stops the running step or cell. A query stops and the tables stay; if the engine had to
	 * be restarted (a file being read), the page goes back to the start with the file forgotten.
	 */
	async cancel() {
		const normalising = this.busy?.label.key === 'progress.normalising';
		this.notebook.stopRequested = true;
		const kept = await this.engine.cancel();
		if (kept && !normalising) return;
		if (!kept) {
			this.restartedUnderLoad();
			return;
		}
		this.notebook.clear();
		this.report = null;
		this.preview = null;
		this.setAside = null;
	}

	/** The engine had to restart to stop: the file it held is gone, the settings stay. */
	private restartedUnderLoad() {
		this.generation++;
		this.forgetData();
		this.notice = msg('session.engine_restarted');
	}

	/** Back to the landing page. */
	close() {
		this.file = null;
		this.opened = null;
		this.draft = null;
		this.report = null;
		this.preview = null;
		this.setAside = null;
		this.error = null;
		this.notice = null;
	}
}
