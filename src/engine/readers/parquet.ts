/** Reads Parquet with hyparquet (DuckDB-WASM's own reader is an extension fetched online). */
import {
	parquetMetadataAsync,
	parquetReadObjects,
	parquetSchema,
	type AsyncBuffer
} from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { LocalisedError } from '../../i18n/errors';
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
		throw new LocalisedError('reader.parquet_unreadable', { detail: (e as Error).message });
	}
	// A struct becomes one column per field (`customer.id`), so an id inside it can be mapped;
	// lists and maps stay one JSON text column.
	const paths = parquetSchema(metadata).children.flatMap((c) => fieldPaths(c, []));
	const objects = await parquetReadObjects({ file: buffer, metadata, compressors });
	const columns = uniqueNames(paths.map((p) => p.join('.')));
	const at = (o: unknown, path: string[]) =>
		path.reduce<unknown>(
			(v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined),
			o
		);
	return { columns, rows: objects.map((o) => paths.map((p) => cellText(at(o, p)))) };
}

type SchemaNode = ReturnType<typeof parquetSchema>;

function fieldPaths(node: SchemaNode, parent: string[]): string[][] {
	const path = [...parent, node.element.name];
	const nested =
		node.element.converted_type === 'LIST' ||
		node.element.converted_type === 'MAP' ||
		node.element.logical_type?.type === 'LIST' ||
		node.element.logical_type?.type === 'MAP';
	if (node.children.length === 0 || nested || node.element.repetition_type === 'REPEATED')
		return [path];
	return node.children.flatMap((c) => fieldPaths(c, path));
}
