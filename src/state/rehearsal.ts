/**
 * A rehearsal while the page waits for a file: a made-up order log goes through the whole path
 * (reading, mapping, loading, every cell and its fits), then everything it built is dropped.
 *
 * Why: DuckDB-WASM compiles its code lazily and optimises it only once it has run a while, so a
 * person's first file paid for that. A person takes seconds to pick a file; the engine uses them.
 * Nothing of the rehearsal reaches the page, and a file chosen meanwhile stops it at once.
 */
import type { EngineClient } from '../engine/client';
import { parseMapping } from '../ingest/mapping';
import { Notebook } from './Notebook.svelte';

/**
 * Enough rows for every step to run its real code paths long enough for the engine to optimise
 * them, few enough to finish while a person looks for their file (a file chosen sooner stops it).
 */
export const REHEARSAL_ROWS = 500_000;

const ignore = () => {};

export class Rehearsal {
	/** True when the rehearsal ran to its end; false when it was stopped or failed. */
	readonly done: Promise<boolean>;
	private stopped = false;
	private notebook: Notebook | null = null;

	constructor(private readonly engine: EngineClient) {
		this.done = this.run();
	}

	/**
	 * Nothing of the rehearsal starts after this. The caller cancels the engine's running call
	 * (as it does before any new file) and then owns the engine.
	 */
	stop() {
		this.stopped = true;
		if (this.notebook) this.notebook.stopRequested = true;
	}

	private async run(): Promise<boolean> {
		try {
			// Written in the worker, so making the lines never holds the page.
			const opened = await this.engine.openPractice(REHEARSAL_ROWS);
			if (this.stopped) return false;
			await this.engine.normalise(parseMapping(opened.guess.draft, opened.columns), ignore);
			if (this.stopped) return false;
			this.notebook = new Notebook(this.engine, false);
			await this.notebook.runAll();
			return !this.stopped && this.notebook.cells.every((c) => c.status === 'done');
		} catch {
			// Whatever stopped it (a cancel, a failure, a low memory limit), a person's file starts afresh.
			return false;
		} finally {
			// A file chosen meanwhile has replaced the rehearsal's tables already: leave them be.
			if (!this.stopped) await this.engine.reset().catch(ignore);
		}
	}
}
