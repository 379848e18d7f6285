/**
 * The page's handle on the engine worker. A cancel stops the running call in the worker; work
 * that cannot stop in time ends the worker, and a fresh one starts at once, so the next action
 * works. A worker that dies by itself (closed, crashed, ended by the browser) is noticed through
 * a Web Lock it holds while it lives, and restarted the same way.
 */
import * as Comlink from 'comlink';
import { tableFromIPC, type Table } from 'apache-arrow';
import type { Mapping } from '../ingest/mapping';
import type { QualityReport } from '../ingest/reasons';
import { LocalisedError } from '../i18n/errors';
import {
	ENGINE_WITH_SERVICE_WORKER,
	type EngineApi,
	type EngineInfo,
	type EngineOptions,
	type OpenedFile,
	type OpenOptions,
	type Progress
} from './protocol';
import { CancelledError } from './errors';
import { keepErrorsAcrossWorker } from './error-transfer';
import engineModule from './engine.worker.ts?worker&url';

export { CancelledError };

keepErrorsAcrossWorker();

let engineScript: string | undefined;

/**
 * The `blob:` URL the engine worker starts from; its one line imports the engine's module. A
 * worker started from a blob: URL takes the page's Content-Security-Policy, the `<meta>` one
 * included (CSP3; checked in test/e2e/worker-policy.spec.ts), whereas one started from its own
 * file takes the policy of that file's response, and a static host usually sends none. The
 * worker's own location is then the blob: URL, so the engine resolves its files against
 * `import.meta.url`. The fragment names the module, for DevTools and the tests.
 */
export function engineWorkerScript(): string {
	if (!engineScript) {
		const module = new URL(engineModule, import.meta.url).href;
		const blob = new Blob([`import ${JSON.stringify(module)};\n`], { type: 'text/javascript' });
		const name = new URL(module).pathname.split('/').pop();
		// Kept for the page's life: every restarted worker starts from it.
		engineScript = `${URL.createObjectURL(blob)}#${name}`;
	}
	return engineScript;
}

/** Starts the engine worker and talks to it. */
export class EngineClient {
	private worker!: Worker;
	private api!: Comlink.Remote<EngineApi>;
	/** Every call under way, by its reject; true for those a cancel stops (all but start-up). */
	private pending = new Map<(e: Error) => void, boolean>();
	/** Counts workers started, so a late signal from an ended one is ignored. */
	private generation = 0;
	/** Ends the page's wait on the current worker's life lock. */
	private stopWatching: AbortController | null = null;
	/** Resolves when DuckDB has started in the current worker. */
	ready!: Promise<EngineInfo>;
	/**
	 * Called whenever a new worker has started, with the reason the last one ended: a
	 * `CancelledError` after a cancel, a `LocalisedError` (`engine.stopped…`) after a crash.
	 */
	onrestart: ((reason: Error) => void) | null = null;

	/** Starts the first worker; `options` go to every worker started after it too. */
	constructor(private readonly options: EngineOptions = {}) {
		this.start();
	}

	private start() {
		const generation = ++this.generation;
		this.worker = new Worker(engineWorkerScript(), {
			type: 'module',
			// A worker cannot ask whether a service worker serves its requests; its name tells it.
			name: navigator.serviceWorker?.controller ? ENGINE_WITH_SERVICE_WORKER : 'segmenta-engine'
		});
		let started = false;
		this.worker.onerror = (event) => {
			event.preventDefault();
			const reason = event.message
				? new LocalisedError('engine.stopped', { detail: event.message })
				: new LocalisedError('engine.stopped_unknown');
			if (started) this.restart(reason);
			else this.fail(reason);
		};
		this.api = Comlink.wrap<EngineApi>(this.worker);
		// Web Locks exist in secure contexts (https, localhost), where the app is served.
		const lifeLock = 'locks' in navigator ? `segmenta-engine-${crypto.randomUUID()}` : undefined;
		this.ready = this.track(
			this.api.init({ memoryLimit: this.options.memoryLimit, lifeLock }),
			false
		);
		this.ready.then(
			() => {
				started = true;
				if (lifeLock) this.watchLife(lifeLock, generation);
			},
			() => {}
		);
	}

	/**
	 * A worker that fails before DuckDB has started is not restarted (it would fail again, in a
	 * loop): its calls, start-up included, fail with the reason, which the page shows.
	 */
	private fail(reason: Error) {
		this.worker.terminate();
		for (const reject of this.pending.keys()) reject(reason);
		this.pending.clear();
	}

	/**
	 * Waits for the worker's life lock: the worker holds it from start-up on, so the page gets it
	 * only when the worker has ended. A worker that closes itself or is killed fires no `error`
	 * event, and its calls would wait for ever; this notices it within milliseconds.
	 */
	private watchLife(name: string, generation: number) {
		if (generation !== this.generation) return;
		const watching = new AbortController();
		this.stopWatching = watching;
		navigator.locks
			.request(name, { signal: watching.signal }, () => {
				if (generation === this.generation) this.restart(new LocalisedError('engine.worker_lost'));
			})
			// Aborted: the page ended this worker itself.
			.catch(() => {});
	}

	private restart(reason: Error) {
		this.stopWatching?.abort();
		this.stopWatching = null;
		this.fail(reason);
		this.start();
		this.onrestart?.(reason);
	}

	/** Races an engine call against cancellation and the worker's end. */
	private track<T>(call: Promise<T>, cancellable = true): Promise<T> {
		return new Promise<T>((resolve, reject) => {
			this.pending.set(reject, cancellable);
			call.then(resolve, reject).finally(() => this.pending.delete(reject));
		});
	}

	/**
	 * A file's load that ran out of memory ends its worker and starts a fresh one, so nothing the
	 * failed load left in DuckDB or the WASM heap can fail the next file (after a 3 GB gzip the
	 * next small file was read as empty), and the half-read file is of no use anyway. The page
	 * hears it as a restart with that reason.
	 */
	private async loading<T>(call: Promise<T>): Promise<T> {
		try {
			return await this.track(call);
		} catch (e) {
			if (e instanceof LocalisedError && e.key === 'engine.out_of_memory') this.restart(e);
			throw e;
		}
	}

	/** Whether a call that a cancel stops is under way. */
	private get working(): boolean {
		return [...this.pending.values()].some(Boolean);
	}

	/**
	 * Stops whatever the engine is doing. A running query stops between two polls and every
	 * table stays; work that cannot be interrupted (reading a file in JS, one long statement)
	 * gets `hardAfterMs` to stop, then the worker is ended and restarted.
	 * Resolves true when the engine kept its tables, false when it had to restart.
	 */
	async cancel(hardAfterMs = 1500): Promise<boolean> {
		if (!this.working) return true;
		const settled = new Promise<boolean>((resolve) => {
			const check = setInterval(() => {
				if (!this.working) {
					clearInterval(check);
					resolve(true);
				}
			}, 20);
			setTimeout(() => {
				clearInterval(check);
				resolve(!this.working);
			}, hardAfterMs);
		});
		void this.api.cancel().catch(() => {});
		if (await settled) return true;
		this.restart(new CancelledError());
		return false;
	}

	/** Registers and reads a file; see `EngineApi.openFile`. */
	async openFile(
		file: File,
		options: OpenOptions,
		onProgress: (p: Progress) => void
	): Promise<OpenedFile> {
		await this.ready;
		return this.loading(this.api.openFile(file, options, Comlink.proxy(onProgress)));
	}

	/** Opens the rehearsal's made-up order log; see `EngineApi.openPractice`. */
	async openPractice(rows: number): Promise<OpenedFile> {
		await this.ready;
		return this.track(this.api.openPractice(rows));
	}

	/** Fits a model in the worker; see `EngineApi.fitModel`. */
	async fitModel(
		model: string,
		config: unknown,
		onProgress: (p: Progress) => void
	): Promise<unknown> {
		await this.ready;
		return this.track(this.api.fitModel(model, config, Comlink.proxy(onProgress)));
	}

	/** Builds `transactions`; see `EngineApi.normalise`. */
	async normalise(mapping: Mapping, onProgress: (p: Progress) => void): Promise<QualityReport> {
		await this.ready;
		return this.loading(this.api.normalise(mapping, Comlink.proxy(onProgress)));
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

	/** Drops every table and file, after the calls already made; the started engine stays. */
	async reset(): Promise<void> {
		await this.ready;
		return this.track(this.api.reset(), false);
	}

	/** Runs SQL in the worker; the Arrow bytes are decoded here, on the page. */
	async query(sqlText: string): Promise<Table> {
		await this.ready;
		return tableFromIPC(await this.track(this.api.query(sqlText)));
	}
}
