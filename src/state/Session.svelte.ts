/**
 * One person's session: the engine, the open file, the mapping being edited and the quality
 * report. Components read its fields and call its actions; they never talk to DuckDB.
 */
import { CancelledError, EngineClient } from '../engine/client';
import type { EngineInfo, OpenedFile, OpenOptions, Progress } from '../engine/protocol';
import type { MappingDraft } from '../ingest/detect-roles';
import { MappingError, parseMapping, type Mapping } from '../ingest/mapping';
import type { QualityReport } from '../ingest/reasons';
import { toRowPage, type RowPage } from '../lib/arrow-rows';
import { downloadBytes } from '../lib/download';
import { countRows, createResultTable, customerTransactions, pageQuery, tableRef, wholeTable } from '../analyses/cell-sql';
import type { ChartDef } from '../analyses/chart-types';
import type { Sql } from '../sql/sql';
import { Notebook } from './Notebook.svelte';
import { duckdbScript } from './duckdb-script';
import { rfmWithClvQuery } from '../analyses/clv/export';
import { CONFIG_VERSION, parseConfig, type NotebookConfig } from './config';
import { decodeConfig, encodeConfig } from './url-codec';
import { clearCurrent, listRecent, loadCurrent, storeCurrent, storeRecent, type RecentSettings } from './storage';
import { ROLES } from '../ingest/mapping';
import type { Cell } from './Cell.svelte';

/** The rows behind a clicked chart mark. */
export interface DrillState {
	label: string;
	query: Sql;
	count: number;
	page: RowPage | null;
}

const DRILL_TABLE = 'drill_down';
const DRILL_PREVIEW = 200;

/** The long step under way, for the progress panel. */
export interface BusyState {
	label: string;
	progress: Progress | null;
	startedAt: number;
}

const SAMPLE_URL = './sample/orders.csv';
export const PREVIEW_LIMIT = 100;
export const SET_ASIDE_PAGE = 50;

function mark(name: string) {
	performance.mark(`segmenta:${name}`);
}

/** The session behind the page. */
export class Session {
	readonly engine = new EngineClient();
	engineInfo = $state.raw<EngineInfo | null>(null);
	engineError = $state<string | null>(null);
	busy = $state.raw<BusyState | null>(null);
	error = $state<string | null>(null);
	notice = $state<string | null>(null);
	opened = $state.raw<OpenedFile | null>(null);
	draft = $state<MappingDraft | null>(null);
	mappingError = $state<{ field: string; message: string } | null>(null);
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
	private file: File | null = null;
	/** The mapping behind the current `transactions`, for the DuckDB script. */
	private applied: Mapping | null = null;

	constructor() {
		this.watchEngine();
		this.engine.onrestart = () => this.watchEngine();
		this.notebook.onchange = () => this.remember();
		void this.start();
	}

	private async start() {
		// A shared link carries its configuration in the fragment, which never reaches a server.
		this.recent = listRecent();
		try {
			const config = await decodeConfig(location.hash);
			if (config) {
				this.useConfig(config);
				this.notice = 'Opened a shared configuration: drop your copy of the data to see the same analysis.';
			} else if (!location.hash.includes('c=')) {
				// Without a link, the settings of the last visit come back (a reload loses nothing).
				const stored = loadCurrent();
				if (stored && (stored.mapping || stored.custom.length || Object.keys(stored.cells).length)) {
					this.useConfig(stored);
					this.notice = 'Your settings from last time were restored (Reset settings starts afresh).';
				}
			}
		} catch (e) {
			this.error = (e as Error).message;
		}
		// `?sample` in the address opens the bundled sample at once (the README's first command).
		if (new URLSearchParams(location.search).has('sample')) await this.trySample();
	}

	private watchEngine() {
		this.engineInfo = null;
		this.engine.ready.then(
			(info) => {
				this.engineInfo = info;
				this.engineError = null;
				mark('engine-ready');
			},
			(e: Error) => {
				if (!(e instanceof CancelledError) && e.name !== 'CancelledError') {
					this.engineError = `The engine could not start: ${e.message}. Reload the page; if it keeps failing, use a current Chrome, Edge, Firefox or Safari.`;
				}
			}
		);
	}

	/** Runs a long step with a progress panel; a cancel or failure leaves the page usable. */
	private async step<T>(label: string, work: (progress: (p: Progress) => void) => Promise<T>) {
		this.error = null;
		this.notice = null;
		const busy: BusyState = { label, progress: null, startedAt: performance.now() };
		this.busy = busy;
		try {
			return await work((p) => {
				if (this.busy?.startedAt === busy.startedAt) this.busy = { ...busy, progress: p };
			});
		} catch (e) {
			const err = e as Error;
			if (err.name === 'CancelledError') this.notice = `${label}: cancelled.`;
			else this.error = err.message;
			return undefined;
		} finally {
			if (this.busy?.startedAt === busy.startedAt) this.busy = null;
		}
	}

	/** Opens a file the person dropped or picked, and proposes a mapping. */
	async open(file: File, options: OpenOptions = {}) {
		mark('file-chosen');
		this.file = file;
		this.notebook.clear();
		// A customer list belongs to the file it was loaded with; a new file starts without one.
		for (const cell of this.notebook.cells) if (cell.kind === 'lifecycle') cell.config.potentialList = false;
		this.opened = null;
		this.draft = null;
		this.report = null;
		this.preview = null;
		this.setAside = null;
		this.mappingError = null;
		const opened = await this.step(`Reading ${file.name}`, (p) => this.engine.openFile(file, options, p));
		if (!opened) return;
		mark('mapping-detected');
		this.opened = opened;
		this.draft = structuredClone(opened.guess.draft);
		if (this.savedMapping) this.applySavedMapping(this.savedMapping);
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
		for (const key of ['dateFormat', 'decimalSeparator', 'customerIdFormat', 'refunds', 'dropDuplicates']) {
			if (saved[key] !== undefined) draft[key] = saved[key];
		}
		if (Array.isArray(saved.attributes)) {
			draft.attributes = saved.attributes.filter((a): a is string => typeof a === 'string' && columns.includes(a));
		}
		this.notice = missing.length
			? `The saved mapping was applied by column name; this file has no column named ${missing.map((m) => `“${m}”`).join(', ')}: choose those by hand.`
			: 'The saved mapping was applied by column name: every column was found.';
	}

	/** Takes a configuration (from a link or a file): cells now, the mapping when data arrives. */
	useConfig(config: NotebookConfig) {
		this.notebook.apply(config);
		this.savedMapping = config.mapping;
		if (this.savedMapping && this.opened) this.applySavedMapping(this.savedMapping);
	}

	/** The current configuration: mapping, every cell's parameters, the person's cells. Never data. */
	currentConfig(): NotebookConfig {
		const mapping = this.draft ? ($state.snapshot(this.draft) as Record<string, unknown>) : this.savedMapping;
		if (mapping) delete mapping.today;
		return { version: CONFIG_VERSION, mapping, ...this.notebook.snapshot() };
	}

	/** Remembers the settings in this browser, so a reload or a crash loses nothing. */
	remember() {
		storeCurrent(this.currentConfig());
	}

	/** Back to the default settings (the data stays loaded). */
	async resetSettings() {
		this.notebook.apply({ version: CONFIG_VERSION, mapping: null, cells: Object.fromEntries(this.notebook.cells.map((c) => [c.kind, {}])), custom: [] });
		this.savedMapping = null;
		clearCurrent();
		this.notice = 'Settings reset to the defaults.';
		if (this.report) await this.notebook.runAll();
	}

	/** Applies settings from the recent list. */
	async useRecent(index: number) {
		const item = this.recent[index];
		if (!item) return;
		this.useConfig(item.config);
		this.notice = `Settings “${item.label}” applied.`;
		if (this.report) await this.notebook.runAll();
	}

	/** Makes a link carrying the configuration, and copies it when the browser allows. */
	async share() {
		storeRecent(`Shared ${new Date().toLocaleString()}`, this.currentConfig());
		this.recent = listRecent();
		const fragment = await encodeConfig(this.currentConfig());
		const link = `${location.origin}${location.pathname}#${fragment}`;
		this.shareLink = link;
		await navigator.clipboard?.writeText(link).catch(() => {});
	}

	/** Downloads the configuration as a JSON file. */
	saveConfigFile() {
		storeRecent(`Saved ${new Date().toLocaleString()}`, this.currentConfig());
		this.recent = listRecent();
		const json = JSON.stringify(this.currentConfig(), null, 2);
		downloadBytes(new TextEncoder().encode(json), 'segmenta-configuration.json', 'application/json');
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
		downloadBytes(new TextEncoder().encode(script), `${this.baseName()}-segmenta.sql`, 'application/sql');
	}

	/** Reads a configuration file saved earlier (or by a colleague). */
	async loadConfigFile(file: File) {
		try {
			this.useConfig(parseConfig(JSON.parse(await file.text())));
			this.notice = `Configuration ${file.name} applied.`;
			if (this.report) await this.notebook.runAll();
		} catch (e) {
			this.error = `${file.name} is not a Segmenta configuration: ${(e as Error).message}. The current settings are kept.`;
		}
	}

	/** Reopens the current file with another sheet or encoding. */
	async reopen(options: OpenOptions) {
		if (this.file) await this.open(this.file, options);
	}

	/** Loads the bundled sample file, as if the person had dropped it. */
	async trySample() {
		const response = await this.step('Fetching the sample data', async () => {
			const res = await fetch(SAMPLE_URL);
			if (!res.ok) throw new Error(`The sample data could not be loaded (HTTP ${res.status}).`);
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
			if (e instanceof MappingError) this.mappingError = { field: e.field, message: e.message };
			else throw e;
			return null;
		}
	}

	/** Builds `transactions` with the mapping and shows the quality report. */
	async apply() {
		const mapping = this.validate();
		if (!mapping) return;
		const report = await this.step('Normalising transactions', (p) => this.engine.normalise(mapping, p));
		if (!report) return;
		this.applied = mapping;
		mark('table-loaded');
		this.report = report;
		this.remember();
		void this.notebook.runAll();
		this.preview = await this.page(pageQuery('transactions', 0, PREVIEW_LIMIT, null).text);
		this.setAsideOffset = 0;
		this.setAside = report.rowsSetAside > 0 ? await this.page(this.setAsideSql(0)) : null;
	}

	private setAsideSql(offset: number) {
		return pageQuery('set_aside', offset, SET_ASIDE_PAGE, { column: 'reason', descending: false }).text;
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
			this.error = (e as Error).message;
			return null;
		}
	}

	/** Downloads every row set aside, with its reason, as CSV. */
	async downloadSetAside() {
		const bytes = await this.step('Writing the set-aside rows', () =>
			this.engine.exportCsv(wholeTable('set_aside').text)
		);
		if (bytes) downloadBytes(bytes, `${this.baseName()}-set-aside.csv`, 'text/csv');
	}

	/** Downloads the normalised transactions as CSV. */
	async downloadTransactions() {
		const bytes = await this.step('Writing the transactions', () =>
			this.engine.exportCsv(wholeTable('transactions').text)
		);
		if (bytes) downloadBytes(bytes, `${this.baseName()}-transactions.csv`, 'text/csv');
	}

	private baseName() {
		return (this.opened?.fileName ?? 'segmenta').replace(/\.[^.]+(\.gz)?$/, '');
	}

	/** Loads a list of customer ids so the lifecycle can show listed customers without orders. */
	async loadCustomerList(file: File) {
		const loaded = await this.step(`Reading ${file.name}`, () => this.engine.loadCustomerList(file));
		if (!loaded) return;
		this.notice = `${loaded.customers.toLocaleString()} customer ids read from column “${loaded.column}” of ${file.name}.`;
		const lifecycle = this.notebook.cells.find((c) => c.kind === 'lifecycle');
		if (lifecycle) {
			lifecycle.config.potentialList = true;
			await this.notebook.run(lifecycle);
		}
	}

	/** Downloads a cell's whole result table as CSV (safe for spreadsheets) or Parquet. */
	async exportCell(cell: { table: string }, format: 'csv' | 'parquet' = 'csv') {
		const clvDone = this.notebook.cells.some((c) => c.kind === 'clv' && c.status === 'done');
		// The RFM export carries the lifetime-value columns once they exist.
		const query = (cell.table === 'rfm' && clvDone ? rfmWithClvQuery() : wholeTable(cell.table)).text;
		const bytes = await this.step(`Exporting ${cell.table}`, () =>
			format === 'csv' ? this.engine.exportCsv(query) : this.engine.exportParquet(query)
		);
		const type = format === 'csv' ? 'text/csv' : 'application/vnd.apache.parquet';
		if (bytes) downloadBytes(bytes, `${this.baseName()}-${cell.table}.${format}`, type);
	}

	/** Opens the transactions of the customer in a clicked result row, if the row has one. */
	async openRowDrill(row: unknown[], columns: string[]) {
		const at = columns.indexOf('customer_id');
		const id = at >= 0 ? row[at] : null;
		if (typeof id !== 'string') return;
		await this.showDrill({ label: `Customer ${id}`, query: customerTransactions(id) });
	}

	/** Opens the list of rows behind a clicked mark, kept as the `drill_down` table. */
	async openDrill(cell: Cell, chart: ChartDef, datum: Record<string, unknown>) {
		const drill = chart.drill?.(datum, tableRef(cell.table));
		if (drill) await this.showDrill(drill);
	}

	private async showDrill(drill: { label: string; query: Sql }) {
		try {
			await this.engine.query(createResultTable(DRILL_TABLE, drill.query).text);
			const count = Number((await this.engine.query(countRows(DRILL_TABLE).text)).get(0)?.n ?? 0);
			const page = toRowPage(await this.engine.query(pageQuery(DRILL_TABLE, 0, DRILL_PREVIEW, null).text));
			this.drill = { ...drill, count, page };
		} catch (e) {
			this.error = (e as Error).message;
		}
	}

	/** Downloads the drill-down list as CSV (ready for a CRM campaign). */
	async exportDrill() {
		if (!this.drill) return;
		const name = this.drill.label.toLowerCase().replace(/[^a-z0-9]+/g, '-');
		const bytes = await this.step('Exporting the list', () => this.engine.exportCsv(wholeTable(DRILL_TABLE).text));
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
		const normalising = this.busy?.label.startsWith('Normalising') ?? false;
		this.notebook.stopRequested = true;
		const kept = await this.engine.cancel();
		if (kept && !normalising) return;
		this.notebook.clear();
		this.report = null;
		this.preview = null;
		this.setAside = null;
		if (!kept) {
			this.opened = null;
			this.draft = null;
			this.notice = 'Cancelled. The engine was restarted: open the file again to continue.';
		}
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
