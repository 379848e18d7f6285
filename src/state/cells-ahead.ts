/**
 * The template cells' work, done in notebook order while the person still reads the mapping,
 * once the load ahead is done: each cell's table, then what its first showing asks for (row
 * count, first page, chart data). Apply then finds it done or under way. An answer serves only
 * the very same statement, and only while everything before it served: from the first statement
 * that differs on, the notebook runs its own (a later cell may read the table that differs).
 */
import type { Table } from 'apache-arrow';
import type { EngineClient } from '../engine/client';

type Engine = Pick<EngineClient, 'query'>;

export class CellsAhead {
	private readonly started: [text: string, done: Promise<Table>][] = [];
	private next = 0;
	private stopped = false;

	constructor(engine: Engine, statements: readonly string[], after: Promise<unknown>) {
		void this.run(engine, statements, after);
	}

	private async run(engine: Engine, statements: readonly string[], after: Promise<unknown>) {
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

	/** Nothing more starts ahead: the notebook runs from here. */
	stop() {
		this.stopped = true;
	}

	/** This statement's run begun ahead, if it serves; null when the cell must run it itself. */
	take(text: string): Promise<Table> | null {
		const [ahead, done] = this.started[this.next] ?? [];
		if (ahead !== text || !done) {
			this.next = Infinity;
			return null;
		}
		this.next++;
		return done;
	}
}
