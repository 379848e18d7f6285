/**
 * Finds formula cells saved without their calculated value. Excel and LibreOffice store each
 * formula's result beside it; scripts (openpyxl, some exporters) often store the formula alone,
 * and every reader without a formula engine, ours included, then sees an empty cell. The
 * workbook is a zip: this reads its directory, the chosen sheet's XML, and nothing else.
 */

/** How many formula cells of a sheet have no stored value, and the first one's address. */
export interface Uncalculated {
	count: number;
	example: string;
}

interface ZipEntry {
	method: number;
	compressedSize: number;
	offset: number;
}

/** The zip's central directory by file name; empty when it cannot be read (zip64, damage). */
async function zipDirectory(file: Blob): Promise<Map<string, ZipEntry>> {
	const entries = new Map<string, ZipEntry>();
	const tailStart = Math.max(0, file.size - 65_557);
	const tail = new DataView(await file.slice(tailStart).arrayBuffer());
	let end = -1;
	for (let i = tail.byteLength - 22; i >= 0; i--) {
		if (tail.getUint32(i, true) === 0x06054b50) {
			end = i;
			break;
		}
	}
	if (end < 0) return entries;
	const size = tail.getUint32(end + 12, true);
	const start = tail.getUint32(end + 16, true);
	if (start + size > file.size) return entries;
	const dir = new DataView(await file.slice(start, start + size).arrayBuffer());
	const decoder = new TextDecoder();
	for (let at = 0; at + 46 <= dir.byteLength && dir.getUint32(at, true) === 0x02014b50;) {
		const nameLength = dir.getUint16(at + 28, true);
		const name = decoder.decode(new Uint8Array(dir.buffer, at + 46, nameLength));
		entries.set(name, {
			method: dir.getUint16(at + 10, true),
			compressedSize: dir.getUint32(at + 20, true),
			offset: dir.getUint32(at + 42, true)
		});
		at += 46 + nameLength + dir.getUint16(at + 30, true) + dir.getUint16(at + 32, true);
	}
	return entries;
}

/** One zip entry's text (stored or deflated). */
async function entryText(file: Blob, entry: ZipEntry): Promise<string> {
	const local = new DataView(await file.slice(entry.offset, entry.offset + 30).arrayBuffer());
	const dataStart = entry.offset + 30 + local.getUint16(26, true) + local.getUint16(28, true);
	const data = file.slice(dataStart, dataStart + entry.compressedSize);
	if (entry.method === 0) return data.text();
	if (entry.method !== 8) throw new Error(`zip method ${entry.method}`);
	const stream = (data.stream() as ReadableStream<Uint8Array>).pipeThrough(
		new DecompressionStream('deflate-raw') as never as TransformStream<Uint8Array, Uint8Array>
	);
	return new Response(stream).text();
}

const attribute = (tag: string, name: string): string | null =>
	new RegExp(`\\s${name}="([^"]*)"`)
		.exec(tag)?.[1]
		?.replace(/&quot;/g, '"')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&') ?? null;

/** The zip path of the sheet named `sheet`, through the workbook and its relationships. */
function sheetPath(workbook: string, rels: string, sheet: string): string | null {
	const tag = workbook
		.match(/<(?:\w+:)?sheet\s[^>]*>/g)
		?.find((t) => attribute(t, 'name') === sheet);
	const id = tag ? (attribute(tag, 'r:id') ?? attribute(tag, '[\\w]+:id')) : null;
	const rel = rels.match(/<Relationship\s[^>]*>/g)?.find((t) => attribute(t, 'Id') === id);
	const target = rel ? attribute(rel, 'Target') : null;
	if (!target) return null;
	return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/** Formula cells of one sheet's XML that have no `<v>` (no stored result). */
export function uncalculatedCells(xml: string): Uncalculated | null {
	if (!/<(?:\w+:)?f[\s>/]/.test(xml)) return null;
	let count = 0;
	let example = '';
	const formula = /<(?:\w+:)?f[\s>/]/;
	const value = /<(?:\w+:)?v[\s>/]/;
	const close = /<\/(?:\w+:)?c>/g;
	for (const cell of xml.matchAll(/<(?:\w+:)?c((?:\s[^>]*?)?)(\/?)>/g)) {
		if (cell[2]) continue;
		const start = cell.index + cell[0].length;
		close.lastIndex = start;
		const body = xml.slice(start, close.exec(xml)?.index ?? xml.length);
		if (!formula.test(body) || value.test(body)) continue;
		count++;
		if (!example) example = attribute(cell[1], 'r') ?? '';
	}
	return count ? { count, example } : null;
}

/**
 * The chosen sheet's formula cells without a stored value, or null when there are none or the
 * workbook cannot be read this way (the reader's own result then stands without a note).
 */
export async function findUncalculated(file: Blob, sheet: string): Promise<Uncalculated | null> {
	try {
		const dir = await zipDirectory(file);
		const workbook = dir.get('xl/workbook.xml');
		const rels = dir.get('xl/_rels/workbook.xml.rels');
		if (!workbook || !rels) return null;
		const path = sheetPath(await entryText(file, workbook), await entryText(file, rels), sheet);
		const entry = path ? dir.get(path) : undefined;
		return entry ? uncalculatedCells(await entryText(file, entry)) : null;
	} catch {
		return null;
	}
}
