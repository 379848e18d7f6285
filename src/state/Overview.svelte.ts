/**
 * The overview shown first after Apply: the file's headline figures and month-1 retention (from
 * the tables the loader keeps), and the segment table (from the RFM cell's table, after each of
 * its runs). Queries go through the engine it is given, which answers in the order asked, so the
 * answer to the latest call is the one that stays.
 */
import type { Table } from 'apache-arrow';
import { findings, type Finding } from '../analyses/overview/findings';
import {
	readHeadline,
	readRetention,
	readSegments,
	type Headline,
	type SegmentRow
} from '../analyses/overview/numbers';
import { headlineQuery, retentionQuery, segmentsQuery } from '../analyses/overview/query';
import { summariseRetention, type RetentionSummary } from '../analyses/overview/summary';
import type { RfmConfig } from '../analyses/rfm/config';
import { messageOf } from '../i18n/errors';
import type { Message } from '../i18n/t';

/** What the overview asks of the engine (the page's `EngineClient`, or the engine in a Node test). */
export interface OverviewEngine {
	query(sqlText: string): Promise<Table>;
}

const rowsOf = (table: Table) =>
	table.toArray().map((r) => ({ ...r.toJSON() }) as Record<string, unknown>);

/** Whether a call ended because a cancel or a newer file stopped it: nothing to report. */
const stopped = (e: unknown) => (e as Error)?.name === 'CancelledError';

export class Overview {
	headline = $state.raw<Headline | null>(null);
	retention = $state.raw<RetentionSummary | null>(null);
	/** The RFM cell's segments; null until it has run, or while it failed. */
	segments = $state.raw<SegmentRow[] | null>(null);
	/** The segment map the segments were made with (which segments are "at risk"). */
	segmentMap = $state<RfmConfig['segmentMap']>('classic');
	/** Why the figures could not be worked out, in DuckDB's words or a message. */
	error = $state.raw<Message | string | null>(null);
	/** Why the segment table could not (an RFM cell whose edited SQL lacks a column, say). */
	segmentsError = $state.raw<Message | string | null>(null);

	constructor(private readonly engine: OverviewEngine) {}

	/** The findings the figures support, as data (the page words them in its language). */
	get findings(): Finding[] {
		if (!this.headline) return [];
		return findings({
			headline: this.headline,
			retention: this.retention,
			segments: this.segments,
			segmentMap: this.segmentMap
		});
	}

	/** Works out the headline and retention of the loaded file (after Apply). */
	async loadFile() {
		try {
			const [headline, retention] = await Promise.all([
				this.engine.query(headlineQuery().text),
				this.engine.query(retentionQuery().text)
			]);
			this.headline = readHeadline(rowsOf(headline)[0] ?? {});
			this.retention = summariseRetention(readRetention(rowsOf(retention)));
			this.error = null;
		} catch (e) {
			if (!stopped(e)) this.error = messageOf(e);
		}
	}

	/** Reads the segments of the RFM cell's table (after each of its runs), made with `map`. */
	async loadSegments(map: RfmConfig['segmentMap'], table = 'rfm') {
		try {
			const segments = readSegments(rowsOf(await this.engine.query(segmentsQuery(table).text)));
			this.segments = segments;
			this.segmentMap = map;
			this.segmentsError = null;
		} catch (e) {
			if (stopped(e)) return;
			this.segments = null;
			this.segmentsError = messageOf(e);
		}
	}

	/** The RFM cell failed: its table (if any) is an earlier run's, so no segments are shown. */
	dropSegments(reason: Message | string | null) {
		this.segments = null;
		this.segmentsError = reason;
	}
}
