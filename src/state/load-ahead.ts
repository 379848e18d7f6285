/**
 * A load begun with the proposed mapping while the person reads it. The engine has nothing to do
 * until they press Apply, and most press it with the mapping unchanged: then the load is done, or
 * under way, by the time they do (a 1M-row file takes seconds to load). A changed mapping
 * cancels it and loads again; the result is the same either way.
 */
import type { EngineClient } from '../engine/client';
import type { Progress } from '../engine/protocol';
import type { Mapping } from '../ingest/mapping';
import type { QualityReport } from '../ingest/reasons';
import { CellsAhead, type RunStep } from './cells-ahead';

export class LoadAhead {
	private readonly key: string;
	private readonly report: Promise<QualityReport>;
	private progress: ((p: Progress) => void) | null = null;
	/** Then the template cells' `steps`, until Apply. */
	readonly cells: CellsAhead;

	constructor(engine: EngineClient, mapping: Mapping, steps: readonly RunStep[]) {
		this.key = JSON.stringify(mapping);
		this.report = engine.normalise(mapping, (p) => this.progress?.(p));
		// Read by `take`, or by nobody when the mapping changes or another file comes.
		this.report.catch(() => {});
		this.cells = new CellsAhead(engine, steps, this.report);
	}

	/** Whether this is the load Apply asks for: the same mapping, field for field. */
	serves(mapping: Mapping): boolean {
		return JSON.stringify(mapping) === this.key;
	}

	/** The load's report; its progress goes to `onProgress` from now on. */
	take(onProgress: (p: Progress) => void): Promise<QualityReport> {
		this.progress = onProgress;
		return this.report;
	}
}
