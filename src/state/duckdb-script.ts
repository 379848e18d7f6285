/**
 * The notebook as one `.sql` file for the DuckDB command line: the same reading options, the same
 * cleaning rules and every cell's SQL in order, so the analysis runs again outside the browser,
 * on files far larger than a tab can hold, and writes each result table next to the script.
 * Its comments are written in the page's language.
 */
import type { OpenedFile } from '../engine/protocol';
import type { Mapping } from '../ingest/mapping';
import {
	allNormaliseStatements,
	parseErrorsFromRejectsStatement,
	parseErrorsTableStatement,
	qualityQuery,
	setAsideViewStatement,
	TABLES
} from '../ingest/normalise-sql';
import { setAsideWithLabels } from '../ingest/reason-labels';
import { lineComment } from '../sql/inert';
import { typedSql } from '../analyses/cell-sql';
import { ident, lit, raw, sql, type Sql } from '../sql/sql';
import { t } from '../i18n/t';

export interface ScriptCell {
	title: string;
	table: string;
	sql: string;
}

/**
 * A person's SQL as the script runs it: the one query the app ran, as the subquery it ran in
 * (`typedSql`), so a text of several statements (or a line the DuckDB shell would run as a
 * `.command`) never reaches the script as statements of its own. Null when the app refuses it.
 */
export function personSql(text: string): string | null {
	try {
		return typedSql(text).text;
	} catch {
		return null;
	}
}

export interface ScriptInput {
	opened: Pick<
		OpenedFile,
		'fileName' | 'format' | 'encoding' | 'delimiter' | 'compressed' | 'sheet' | 'columns'
	>;
	/** The engine's definition of the `source` view (`SELECT sql FROM duckdb_views()`). */
	sourceView: string;
	mapping: Mapping;
	cells: ScriptCell[];
	format: 'csv' | 'parquet';
	/** Where result files go (default: next to where DuckDB runs). */
	outputDir?: string;
	/** When the script was made, for its header. */
	now?: Date;
}

/** Text read from an uploaded file's internal name inside the browser engine. */
const UPLOADED_PATH = /'uploads\/[^']*'/;

/** The statement that reads the file as text columns, as the app read it. */
function sourceStatement(input: ScriptInput): { statement: string; notes: string[] } {
	const { opened } = input;
	const file = lit(opened.fileName).text;
	const notes: string[] = [];
	if (opened.format === 'csv') {
		if (opened.encoding && opened.encoding !== 'utf-8') {
			notes.push(t('script.note_encoding', { encoding: opened.encoding }));
		}
		if (opened.delimiter === 'whitespace') {
			notes.push(t('script.note_whitespace'));
		}
		// A function, so `$&` or `$'` in the file's name is not read as a replacement pattern.
		const statement = input.sourceView.replace(UPLOADED_PATH, () => file).replace(/;?\s*$/, ';');
		return { statement, notes };
	}
	const asText = (from: string) =>
		`CREATE OR REPLACE VIEW ${TABLES.source} AS SELECT COLUMNS(*)::VARCHAR FROM ${from};`;
	switch (opened.format) {
		case 'parquet':
			return { statement: asText(`read_parquet(${file})`), notes };
		case 'json':
			return { statement: asText(`read_json(${file}, format = 'array')`), notes };
		case 'ndjson':
			return { statement: asText(`read_json(${file}, format = 'newline_delimited')`), notes };
		default:
			notes.push(t('script.note_excel'));
			return {
				statement: asText(
					`read_xlsx(${file}${opened.sheet ? `, sheet = ${lit(opened.sheet).text}` : ''}, all_varchar = true)`
				),
				notes
			};
	}
}

function copyTo(what: Sql, name: string, input: ScriptInput): string {
	const path = `${input.outputDir ?? ''}${name}.${input.format}`;
	const options = input.format === 'csv' ? raw("(HEADER, DELIMITER ',')") : raw('(FORMAT parquet)');
	return sql`COPY ${what} TO ${lit(path)} ${options};`.text;
}

const statement = (s: Sql) => `${s.text};`;
/**
 * A cell's SQL as one statement. Its `;` goes on a line of its own after a trailing `--` comment,
 * which would otherwise hide it and run the next statement into this one.
 */
const cellStatement = (text: string) => {
	const body = text.trim().replace(/;\s*$/, '');
	return /--[^\n]*$/.test(body) ? `${body}\n;` : `${body};`;
};

/** The whole script. */
export function duckdbScript(input: ScriptInput): string {
	const { mapping, opened } = input;
	const source = sourceStatement(input);
	const roles = Object.entries(mapping)
		.filter(([, v]) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0))
		.map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
	const parts: string[] = [
		lineComment([
			input.now
				? t('script.title_made', { time: input.now.toISOString().slice(0, 19).replace('T', ' ') })
				: t('script.title'),
			t('script.run_where', { file: opened.fileName }),
			t('script.other_copy'),
			t('script.written_as', { format: input.format.toUpperCase() }),
			...source.notes.map((note) => t('script.note', { note }))
		]),
		'',
		lineComment([t('script.step_read')]),
		source.statement,
		'',
		lineComment([t('script.step_clean'), t('script.mapping', { roles: roles.join('; ') })]),
		statement(parseErrorsTableStatement()),
		...allNormaliseStatements(mapping, opened.columns).map(statement),
		...(opened.format === 'csv' ? [statement(parseErrorsFromRejectsStatement())] : []),
		statement(setAsideViewStatement(opened.columns)),
		copyTo(sql`(${qualityQuery()})`, 'quality_report', input),
		copyTo(sql`(${setAsideWithLabels()})`, 'set_aside', input),
		''
	];
	input.cells.forEach((cell, i) => {
		parts.push(
			lineComment([`${i + 3}. ${cell.title}`]),
			`CREATE OR REPLACE TABLE ${ident(cell.table).text} AS\n${cellStatement(cell.sql)}`,
			copyTo(ident(cell.table), cell.table, input),
			''
		);
	});
	return parts.join('\n');
}
