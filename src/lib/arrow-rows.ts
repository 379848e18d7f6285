/** Turns a (small) Arrow result into columns and row arrays for the table component. */
import { DataType, type Table } from 'apache-arrow';

/** A page of a result, ready to render. */
export interface RowPage {
	columns: string[];
	/** True for timestamp and date columns, which arrive as epoch milliseconds. */
	isTime: boolean[];
	rows: unknown[][];
}

/** Columns and rows of an Arrow table; call it only on results of a page's size. */
export function toRowPage(table: Table): RowPage {
	const fields = table.schema.fields;
	const vectors = fields.map((_, i) => table.getChildAt(i));
	const rows: unknown[][] = [];
	for (let r = 0; r < table.numRows; r++) rows.push(vectors.map((v) => v?.get(r) ?? null));
	return {
		columns: fields.map((f) => f.name),
		isTime: fields.map((f) => DataType.isTimestamp(f.type) || DataType.isDate(f.type)),
		rows
	};
}
