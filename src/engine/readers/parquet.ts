/** Reads Parquet with hyparquet (DuckDB-WASM's own reader is an extension fetched online). */
import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { cellText, uniqueNames, type TextTable } from './text-table';

/** Reads every row of a Parquet file as text. */
export async function readParquet(file: Blob): Promise<TextTable> {
	const buffer: AsyncBuffer = {
		byteLength: file.size,
		slice: (start, end) => file.slice(start, end).arrayBuffer()
	};
	let metadata;
	try {
		metadata = await parquetMetadataAsync(buffer);
	} catch (e) {
		throw new Error(
			`This Parquet file could not be read (${(e as Error).message}). It may be truncated or damaged: export it again.`
		);
	}
	const names = parquetSchema(metadata).children.map((c) => c.element.name);
	const objects = await parquetReadObjects({ file: buffer, metadata, compressors });
	const columns = uniqueNames(names);
	return { columns, rows: objects.map((o) => names.map((n) => cellText(o[n]))) };
}
