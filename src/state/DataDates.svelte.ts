/**
 * The days the data gives the cells' empty date fields (first and last purchase, the RFM cell's
 * analysis date in use), for the header and the settings lines. Worked out after Apply and after
 * each run of the RFM cell; the engine answers in the order asked, so the latest answer stays.
 */
import type { Table } from 'apache-arrow';
import type { RfmConfig } from '../analyses/rfm/config';
import { dataDatesQuery, readDataDates, type DataDates } from '../analyses/settings-line-dates';

/** What the dates ask of the engine (the page's `EngineClient`, or the engine in a Node test). */
export interface DatesEngine {
	query(sqlText: string): Promise<Table>;
}

export class DataDatesState {
	/** Null until worked out for the applied file, and while a new file is being applied. */
	current = $state.raw<DataDates | null>(null);

	constructor(private readonly engine: DatesEngine) {}

	/** Works the dates out for the applied file and the RFM config `rfm`. */
	async load(rfm: RfmConfig) {
		try {
			const table = await this.engine.query(dataDatesQuery(rfm).text);
			const row = table.get(0);
			this.current = row ? readDataDates({ ...row.toJSON() }) : null;
		} catch {
			// A cancel or a newer file stopped it (a new file clears the dates first): the dates
			// worked out last still hold.
		}
	}

	/** Forgets the dates of a file no longer applied. */
	clear() {
		this.current = null;
	}
}
