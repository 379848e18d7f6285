/**
 * The lifetime-value fit inside the worker: reads the summary DuckDB built, fits the models in
 * TypeScript and writes the predictions back as the `clv` table.
 */
import { Table, makeVector, tableToIPC, type Vector } from 'apache-arrow';
import { parseClvConfig } from './config';
import { predictClv, type ClvFitReport } from './predict';
import { ident, raw, sql, type Sql } from '../../sql/sql';
import { LocalisedError } from '../../i18n/errors';
import { msg, type Message } from '../../i18n/message';
import { doublesOf } from '../../lib/arrow-numbers';
import type { FitDatabase } from '../fit-database';
import { writeTracking } from './tracking';
import { readOutlook } from './outlook';

export const CLV_TABLES = {
	summary: 'clv_summary',
	predictions: 'clv_predictions',
	result: 'clv'
} as const;
const NEEDED = ['customer_id', 'x', 't_x', 'T', 'mbar'];
const MIN_CUSTOMERS = 10;

/** Hold-out purchases per customer, or null when the summary has none (the column is all NULL). */
function holdoutColumn(column: Vector | null): Float64Array | null {
	return column && column.nullCount < column.length ? doublesOf(column) : null;
}

/** Days between two yyyy-mm-dd dates. */
function daysBetween(from: string, to: string): number {
	return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/** A prediction column for the result: NaN (no model) as NULL, rounded for reading. */
function shown(column: string, digits: number): Sql {
	return sql`CASE WHEN isnan(p.${ident(column)}) THEN NULL ELSE round(p.${ident(column)}, ${raw(String(digits))}) END AS ${ident(column)}`;
}

/** Fits the models to `clv_summary` and writes `clv`; returns what the cell shows about the fit. */
export async function fitClvTable(
	db: FitDatabase,
	input: unknown,
	signal: AbortSignal,
	onProgress: (detail: Message) => void
): Promise<ClvFitReport> {
	const config = parseClvConfig(input);
	// Rows are matched back by rowid: no million customer ids cross into JavaScript and back.
	const summary = db.query(sql`SELECT rowid AS rid, * FROM ${ident(CLV_TABLES.summary)}`);
	const columns = summary.schema.fields.map((f) => f.name);
	const missing = NEEDED.filter((c) => !columns.includes(c));
	if (missing.length) {
		throw new LocalisedError('fit.clv_columns', {
			needed: NEEDED.join(', '),
			missing: missing.join(', ')
		});
	}
	if (summary.numRows < MIN_CUSTOMERS) {
		throw new LocalisedError('fit.clv_too_few', { n: summary.numRows, min: MIN_CUSTOMERS });
	}
	const data = {
		x: doublesOf(summary.getChild('x')!),
		tx: doublesOf(summary.getChild('t_x')!),
		T: doublesOf(summary.getChild('T')!),
		mbar: doublesOf(summary.getChild('mbar')!),
		xHoldout: holdoutColumn(summary.getChild('x_holdout'))
	};
	const holdoutDays =
		config.calibrationEnd && config.holdoutEnd
			? daysBetween(config.calibrationEnd, config.holdoutEnd)
			: null;
	const predicted = await predictClv(data, config, {
		signal,
		holdoutDays,
		onProgress
	});
	const predictions = new Table({
		rid: makeVector(doublesOf(summary.getChild('rid')!)),
		p_alive: makeVector(predicted.pAlive),
		expected_purchases: makeVector(predicted.expectedPurchases),
		expected_holdout: makeVector(
			predicted.expectedHoldout ?? new Float64Array(summary.numRows).fill(NaN)
		),
		expected_value: makeVector(predicted.expectedValue),
		clv: makeVector(predicted.clv)
	});
	db.query(sql`DROP TABLE IF EXISTS ${ident(CLV_TABLES.predictions)}`);
	db.insert(CLV_TABLES.predictions, tableToIPC(predictions, 'stream'));
	db.query(sql`CREATE OR REPLACE TABLE ${ident(CLV_TABLES.result)} AS
SELECT s.*, ${shown('p_alive', 4)}, ${shown('expected_purchases', 4)}, ${shown('expected_holdout', 4)},
	${shown('expected_value', 2)}, ${shown('clv', 2)}
FROM ${ident(CLV_TABLES.summary)} s JOIN ${ident(CLV_TABLES.predictions)} p ON s.rowid = p.rid
ORDER BY p.clv DESC NULLS LAST, s.customer_id`);
	db.query(sql`DROP TABLE ${ident(CLV_TABLES.predictions)}`);
	onProgress(msg('fit.progress_tracking'));
	writeTracking(db, predicted.model.expectedNew, config);
	return { ...predicted.report, outlook: readOutlook(db, CLV_TABLES.result) };
}
