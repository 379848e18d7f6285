/**
 * The template cells' tables, built in notebook order while the person still reads the mapping,
 * once the load ahead is done: Apply then finds them built or under way. A table serves only the
 * same statement, and only while every table before it served: a cell whose statement differs
 * builds its own, and the cells after it build theirs again (they may read it).
 */
import type { EngineClient } from '../engine/client';

export class TablesAhead {
	private readonly started: [text: string, done: Promise<unknown>][] = [];
	private next = 0;
	private stopped = false;

	constructor(engine: EngineClient, statements: readonly string[], after: Promise<unknown>) {
		void this.build(engine, statements, after);
	}

	private async build(engine: EngineClient, statements: readonly string[], after: Promise<unknown>) {
		try {
			await after;
		} catch {
			return;
		}
		// One at a time, so that from Apply on the notebook's own calls queue behind at most one.
		for (const text of statements) {
			if (this.stopped) return;
			const done = engine.query(text);
			this.started.push([text, done]);
			try {
				await done;
			} catch {
				return;
			}
		}
	}

	/** No more tables start ahead: the notebook runs from here. */
	stop() {
		this.stopped = true;
	}

	/** The build of this statement begun ahead, if it serves; null when the cell must build its own. */
	take(text: string): Promise<unknown> | null {
		const [ahead, done] = this.started[this.next] ?? [];
		if (ahead !== text || !done) {
			this.next = Infinity;
			return null;
		}
		this.next++;
		return done;
	}
}
