/**
 * The page's handle on the engine worker. Cancelling ends the worker (DuckDB's blocking build
 * cannot be interrupted mid-query) and starts a fresh one at once, so the next action works.
 */
import * as Comlink from 'comlink';
import { tableFromIPC, type Table } from 'apache-arrow';
import type { Mapping } from '../ingest/mapping';
import type { QualityReport } from '../ingest/reasons';
import { LocalisedError } from '../i18n/errors';
import type { EngineApi, EngineInfo, ModelKind, ModelReport, OpenedFile, OpenOptions, Progress } from './protocol';
import { CancelledError } from './errors';
import { keepErrorsAcrossWorker } from './error-transfer';

export { CancelledError };

keepErrorsAcrossWorker();

/** Starts the engine worker and talks to it. */
export class EngineClient {
	private worker!: Worker;
	private api!: Comlink.Remote<EngineApi>;
	private pending = new Set<(e: Error) => void>();
	/** Resolves when DuckDB has started in the current worker. */
	ready!: Promise<EngineInfo>;
	/** Called whenever a new worker has started (after a cancel or a crash). */
	onrestart: (() => void) | null = null;

	constructor() {
		this.start();
	}

	private start() {
		this.worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
			type: 'module',
			name: 'segmenta-engine'
		});
		this.worker.onerror = (event) => {
			event.preventDefault();
			this.restart(
				event.message
					? new LocalisedError('engine.stopped', { detail: event.message })
					: new LocalisedError('engine.stopped_unknown')
			);
		};
		this.api = Comlink.wrap<EngineApi>(this.worker);
		this.ready = this.track(this.api.init());
	}

	private restart(reason: Error) {
		this.worker.terminate();
		for (const reject of this.pending) reject(reason);
		this.pending.clear();
		this.start();
		this.onrestart?.();
	}

	/** Races an engine call against cancellation. */
	private track<T>(call: Promise<T>): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.pending.add(reject);
			call.then(resolve, reject).finally(() => this.pending.delete(reject));
		});
	}

	/**
	 * Stops whatever the engine is doing. A running query stops between two polls and every
	 * table stays; work that cannot be interrupted (reading a file in JS, one long statement)
	 * gets `hardAfterMs` to stop, then the worker is ended and restarted.
	 * Resolves true when the engine kept its tables, false when it had to restart.
	 */
	async cancel(hardAfterMs = 1500): Promise<boolean> {
		if (this.pending.size === 0) return true;
		const settled = new Promise<boolean>((resolve) => {
			const check = setInterval(() => {
				if (this.pending.size === 0) {
					clearInterval(check);
					resolve(true);
				}
			}, 20);
			setTimeout(() => {
				clearInterval(check);
				resolve(this.pending.size === 0);
			}, hardAfterMs);
		});
		void this.api.cancel().catch(() => {});
		if (await settled) return true;
		this.restart(new CancelledError());
		return false;
	}

	/** Registers and reads a file; see `EngineApi.openFile`. */
	async openFile(file: File, options: OpenOptions, onProgress: (p: Progress) => void): Promise<OpenedFile> {
		await this.ready;
		return this.track(this.api.openFile(file, options, Comlink.proxy(onProgress)));
	}

	/** Fits a model in the worker; see `EngineApi.fitModel`. */
	async fitModel(model: ModelKind, config: unknown, onProgress: (p: Progress) => void): Promise<ModelReport> {
		await this.ready;
		return this.track(this.api.fitModel(model, config, Comlink.proxy(onProgress)) as Promise<ModelReport>);
	}

	/** Builds `transactions`; see `EngineApi.normalise`. */
	async normalise(mapping: Mapping, onProgress: (p: Progress) => void): Promise<QualityReport> {
		await this.ready;
		return this.track(this.api.normalise(mapping, Comlink.proxy(onProgress)));
	}

	/** Loads a customer id list; see `EngineApi.loadCustomerList`. */
	async loadCustomerList(file: File): Promise<{ customers: number; column: string }> {
		await this.ready;
		return this.track(this.api.loadCustomerList(file));
	}

	/** A query's result as CSV bytes, written in the worker. */
	async exportCsv(sqlText: string): Promise<Uint8Array> {
		await this.ready;
		return this.track(this.api.exportCsv(sqlText));
	}

	/** A query's result as Parquet bytes, written in the worker. */
	async exportParquet(sqlText: string): Promise<Uint8Array> {
		await this.ready;
		return this.track(this.api.exportParquet(sqlText));
	}

	/** Runs SQL in the worker; the Arrow bytes are decoded here, on the page. */
	async query(sqlText: string): Promise<Table> {
		await this.ready;
		return tableFromIPC(await this.track(this.api.query(sqlText)));
	}
}
