/**
 * The template cells' work, done in notebook order while the person still reads the mapping,
 * once the load ahead is done: each cell's table (a model's input and fit), then what its first
 * showing asks for (row count, first page, chart data). Apply then finds it done or under way. A
 * result serves only the very same step, and only while everything before it served: from the
 * first step that differs on, the notebook runs its own (a later cell may read the table that
 * differs).
 */
import type { Table } from 'apache-arrow';
import type { EngineClient } from '../engine/client';
import type { ModelKind, ModelReport } from '../analyses/fits';

/** One thing a cell's run asks of the engine: a statement, or a model's fit with its parameters. */
export type RunStep = { sql: string } | { fit: ModelKind; config: unknown };

type Engine = Pick<EngineClient, 'query' | 'fitModel'>;

const keyOf = (step: RunStep) =>
	'sql' in step ? step.sql : `fit ${step.fit} ${JSON.stringify(step.config)}`;

export class CellsAhead {
	private readonly started: [key: string, done: Promise<unknown>][] = [];
	private next = 0;
	private stopped = false;

	constructor(engine: Engine, steps: readonly RunStep[], after: Promise<unknown>) {
		void this.run(engine, steps, after);
	}

	private async run(engine: Engine, steps: readonly RunStep[], after: Promise<unknown>) {
		try {
			await after;
		} catch {
			return;
		}
		// One at a time, so that from Apply on the notebook's own calls queue behind at most one.
		for (const step of steps) {
			if (this.stopped) return;
			const done =
				'sql' in step ? engine.query(step.sql) : engine.fitModel(step.fit, step.config, () => {});
			this.started.push([keyOf(step), done]);
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
	take(sql: string): Promise<Table> | null {
		return this.taken({ sql }) as Promise<Table> | null;
	}

	/** This fit begun ahead, if it serves; null when the cell must fit the model itself. */
	takeFit(fit: ModelKind, config: unknown): Promise<ModelReport> | null {
		return this.taken({ fit, config }) as Promise<ModelReport> | null;
	}

	private taken(step: RunStep): Promise<unknown> | null {
		const [ahead, done] = this.started[this.next] ?? [];
		if (ahead !== keyOf(step) || !done) {
			this.next = Infinity;
			return null;
		}
		this.next++;
		return done;
	}
}
