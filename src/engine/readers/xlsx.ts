/** Reads Excel workbooks (.xlsx) with read-excel-file; the person chooses the sheet. */
import readXlsxFile from 'read-excel-file/universal';
import { LocalisedError } from '../../i18n/errors';
import { msg, type Message } from '../../i18n/message';
import { cellText, uniqueNames, type TextTable } from './text-table';
import { findUncalculated } from './xlsx-formulas';

/**
 * A workbook's sheet names and the chosen sheet as text (first row = header), with notes on
 * what could not be read (formulas saved without their results).
 */
export async function readXlsx(
	file: Blob,
	sheet: string | undefined
): Promise<{ sheets: string[]; sheet: string; table: TextTable; notes: Message[] }> {
	let sheets;
	try {
		sheets = await readXlsxFile(file);
	} catch (e) {
		throw new LocalisedError('reader.xlsx_unreadable', { detail: (e as Error).message });
	}
	const names = sheets.map((s) => s.sheet);
	const filled = (s: (typeof sheets)[number]) =>
		s.data.reduce((n, row) => n + row.filter((c) => c !== null && c !== '').length, 0);
	// A notes sheet often comes first: by default take the sheet with the most filled cells.
	const chosen =
		sheets.find((s) => s.sheet === sheet) ??
		sheets.reduce<(typeof sheets)[number] | undefined>(
			(best, s) => (!best || filled(s) > filled(best) ? s : best),
			undefined
		);
	if (!chosen) throw new LocalisedError('reader.xlsx_no_sheets');
	const data = chosen.data.filter((row) => row.some((c) => c !== null && c !== ''));
	// Report exports put a title (often merged across the columns) above the header: the header
	// is the first row filled at least half as wide as the widest of the first rows.
	const filledCells = (row: unknown[]) => row.filter((c) => c !== null && c !== '').length;
	const widest = Math.max(0, ...data.slice(0, 20).map(filledCells));
	const start = Math.max(
		0,
		data.findIndex((row) => filledCells(row) >= Math.max(2, widest / 2))
	);
	const [header = [], ...body] = data.slice(start);
	const width = body.reduce((w, r) => Math.max(w, r.length), header.length);
	const columns = uniqueNames(Array.from({ length: width }, (_, i) => header[i] ?? null));
	const rows = body.map((r) => columns.map((_, i) => cellText(roundTime(r[i] ?? null))));
	const uncalculated = await findUncalculated(file, chosen.sheet);
	const notes = uncalculated
		? [msg('reader.xlsx_uncalculated', { n: uncalculated.count, cell: uncalculated.example })]
		: [];
	return { sheets: names, sheet: chosen.sheet, table: { columns, rows }, notes };
}

/** Excel stores times as binary fractions of a day: 09:15 comes back as 09:14:59.999. */
function roundTime(value: unknown): unknown {
	return value instanceof Date ? new Date(Math.round(value.getTime() / 1000) * 1000) : value;
}
