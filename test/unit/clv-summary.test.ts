/**
 * The BG/NBD summary built by our SQL from the raw CDNOW sample log equals, for every one of its
 * 2,357 customers, the summaries published with the `lifetimes` package (SOURCE.md in
 * test/data/cdnow-lifetimes: calibration to 1997-09-30, weeks, same-day purchases merged).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeEngine } from '../helpers/node-engine';
import { dataFile, dataText } from '../helpers/data';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import { parseMapping } from '../../src/ingest/mapping';
import { parseClvConfig } from '../../src/analyses/clv/config';
import { summaryQuery } from '../../src/analyses/clv/summary';

const DATA = 'cdnow-lifetimes';

function published(name: string): Map<string, number[]> {
	const [, ...lines] = dataText(`${DATA}/${name}`).trim().split('\n');
	return new Map(lines.map((l) => l.split(',')).map(([id, ...v]) => [id, v.map(Number)]));
}

let engine: EngineApi;
let rows: Record<string, unknown>[];
/** The log writes the sample id zero-padded (`0001`); the summaries write it as a number. */
const id = (r: Record<string, unknown>) => String(Number(r.customer_id));

beforeAll(async () => {
	engine = await startNodeEngine();
	const opened = await engine.openFile(dataFile(`${DATA}/CDNOW_sample.txt.gz`), {});
	// column1 is the sample's own id (1..2357), the `ID` of the published summaries.
	const mapping = parseMapping(
		{ ...opened.guess.draft, customerId: 'column1', today: '2025-01-01' },
		opened.columns
	);
	await engine.normalise(mapping);
	const config = parseClvConfig({
		calibrationEnd: '1997-09-30',
		holdoutEnd: '1998-06-30',
		period: 'weeks'
	});
	rows = await rowsOf(engine, summaryQuery(config).text);
}, 60_000);

describe('the BG/NBD summary of CDNOW', () => {
	it('has every customer of the published summary and no other', () => {
		const ids = published('cdnow_customers_summary.csv');
		expect(rows).toHaveLength(2357);
		expect(new Set(rows.map(id))).toEqual(new Set(ids.keys()));
		// SOURCE.md: 946 customers have x > 0.
		expect(rows.filter((r) => Number(r.x) > 0)).toHaveLength(946);
	});

	it('matches frequency, recency and T (weeks) for every customer, to the published 2 decimals', () => {
		const ids = published('cdnow_customers_summary.csv');
		const wrong = rows.filter((r) => {
			const [frequency, recency, T] = ids.get(id(r))!;
			return (
				Number(r.x) !== frequency ||
				Math.abs(Number(r.t_x) - recency) > 0.005 ||
				Math.abs(Number(r.T) - T) > 0.005
			);
		});
		expect(wrong).toEqual([]);
	});

	it('matches the mean repeat spend zbar for every customer', () => {
		const ids = published('cdnow_customers_summary_with_transactions.csv');
		// Published to 2 decimals, half-cents rounded up (23.475 → 23.48), so allow the half-cent.
		const wrong = rows.filter((r) => Math.abs(Number(r.mbar) - ids.get(id(r))![3]) > 0.005 + 1e-9);
		expect(wrong).toEqual([]);
	});

	it('counts hold-out purchase days after the calibration end', () => {
		// Counted independently from the raw log: distinct purchase days in 1997-10-01 … 1998-06-30.
		const raw = dataText(`${DATA}/CDNOW_sample.txt.gz`)
			.trim()
			.split('\n')
			.map((l) => l.trim().split(/\s+/));
		const holdoutDays = new Map<string, Set<string>>();
		for (const [, id, date] of raw) {
			if (date > '19970930' && date <= '19980630')
				holdoutDays.set(id, (holdoutDays.get(id) ?? new Set()).add(date));
		}
		const wrong = rows.filter(
			(r) => Number(r.x_holdout) !== (holdoutDays.get(String(r.customer_id))?.size ?? 0)
		);
		expect(wrong).toEqual([]);
		expect([...holdoutDays.values()].reduce((n, s) => n + s.size, 0)).toBeGreaterThan(0);
	});
});
