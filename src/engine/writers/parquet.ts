/**
 * Writes a query result as Parquet in the worker (hyparquet-writer): DuckDB-WASM's own writer
 * is part of the Parquet extension, which would be downloaded from the internet.
 */
import { DataType, type Table } from 'apache-arrow';
import { parquetWriteBuffer } from 'hyparquet-writer';

type ParquetType = 'STRING' | 'DOUBLE' | 'INT32' | 'BOOLEAN' | 'TIMESTAMP';

function parquetType(type: DataType): ParquetType {
	if (DataType.isTimestamp(type) || DataType.isDate(type)) return 'TIMESTAMP';
	if (DataType.isBool(type)) return 'BOOLEAN';
	if (DataType.isInt(type) && type.bitWidth <= 32) return 'INT32';
	if (DataType.isInt(type) || DataType.isFloat(type) || DataType.isDecimal(type)) return 'DOUBLE';
	return 'STRING';
}

/** The table as Parquet bytes, one column per field, types kept where Parquet has them. */
export function tableToParquet(table: Table): Uint8Array {
	const columnData = table.schema.fields.map((field, i) => {
		const vector = table.getChildAt(i);
		const type = parquetType(field.type);
		const data: unknown[] = [];
		for (let r = 0; r < table.numRows; r++) {
			const v = vector?.get(r) ?? null;
			if (v === null) data.push(null);
			else if (type === 'TIMESTAMP')
				data.push(new Date(v instanceof Date ? v.getTime() : Number(v)));
			else if (type === 'DOUBLE') data.push(Number(v));
			else if (type === 'STRING')
				data.push(
					typeof v === 'string'
						? v
						: JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x))
				);
			else data.push(v);
		}
		return { name: field.name, data, type };
	});
	return new Uint8Array(parquetWriteBuffer({ columnData, createdBy: 'Segmenta' }));
}
