/**
 * Hostile input files for the ingest corpus test (issue #8), built in memory: the same bytes on
 * every run, nothing committed. Each case carries the truth it was built from (the rows a correct
 * reader keeps and the rows it must set aside, by reason), so a test can work out what to expect
 * without asking Segmenta. `npx tsx test/corpus/make-corpus.ts <dir>` writes every case to a
 * folder for a look by hand (the gzip bomb is left out unless `--bomb` is given).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { Reason } from '../../src/ingest/reasons';

/** One transaction as the file means it: ids as text, the date as written, the amount in cents. */
export interface Txn {
	order: string;
	customer: string;
	date: string;
	cents: number;
}

/** A generated file and the truth it was built from. */
export interface CorpusFile {
	name: string;
	bytes: Uint8Array<ArrayBuffer>;
	/** Rows a correct reader uses, in file order. */
	kept: Txn[];
	/** Rows a correct reader reads but sets aside, by reason. */
	setAside: Partial<Record<Reason, number>>;
}

const HEADER = 'order_id,customer_id,order_date,amount';
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const enc = new TextEncoder();

/** `n` plain transactions: 7 customers, dates in 2024, amounts from 1.00 to 500.99. */
export function txns(n: number, prefix = 'O'): Txn[] {
	return Array.from({ length: n }, (_, i) => ({
		order: `${prefix}${1000 + i}`,
		customer: `C${pad(i % 7, 3)}`,
		date: `2024-${pad(1 + (i % 12))}-${pad(1 + ((i * 7) % 28))}`,
		cents: 100 + ((i * 7919) % 50000)
	}));
}

/** Cents as `1234.56`. */
export const money = (cents: number): string =>
	`${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${pad(Math.abs(cents) % 100)}`;

const line = (t: Txn, sep = ','): string => [t.order, t.customer, t.date, money(t.cents)].join(sep);
const text = (lines: string[]): Uint8Array<ArrayBuffer> => enc.encode(lines.join('\n') + '\n');
const file = (name: string, bytes: Uint8Array<ArrayBuffer>, kept: Txn[], setAside: CorpusFile['setAside'] = {}) => ({
	name,
	bytes,
	kept,
	setAside
});

/** Joins byte arrays. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
	const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
	let at = 0;
	for (const p of parts) {
		out.set(p, at);
		at += p.length;
	}
	return out;
}

/** Latin-1 bytes of a string whose characters are all below U+0100. */
export const latin1 = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(s, (c) => c.charCodeAt(0));

const WINDOWS_1252: Record<string, number> = { '€': 0x80, '–': 0x96, '“': 0x93, '”': 0x94 };
/** Windows-1252 bytes of a string of Latin-1 characters and the few above that `WINDOWS_1252` maps. */
const windows1252 = (s: string): Uint8Array<ArrayBuffer> => Uint8Array.from(s, (c) => WINDOWS_1252[c] ?? c.charCodeAt(0));

/** Plain CSV text files; each builder documents what makes it hostile. */
export const csvCases = {
	/** A German export: `;` between fields, decimal commas, dd.mm.yyyy dates. */
	semicolonDecimalComma(): CorpusFile {
		const rows = txns(40);
		const de = (t: Txn) => {
			const [y, m, d] = t.date.split('-');
			return [t.order, t.customer, `${d}.${m}.${y}`, money(t.cents).replace('.', ',')].join(';');
		};
		return file('export.csv', text(['Bestellnummer;Kunde;Datum;Betrag', ...rows.map(de)]), rows);
	},
	/** A second export appended with `;` instead of `,`: its 40 lines cannot be split. */
	mixedDelimiters(): CorpusFile {
		const comma = txns(60);
		const semi = txns(40, 'S');
		return file('appended.csv', text([HEADER, ...comma.map((t) => line(t)), ...semi.map((t) => line(t, ';'))]), comma, {
			malformed_line: semi.length
		});
	},
	/** Quoted notes with commas, and a last line cut off inside a quoted field. */
	unclosedQuote(): CorpusFile {
		const rows = txns(30);
		const lines = rows.map((t) => `${line(t)},"Gift, wrapped"`);
		lines[lines.length - 1] = `${line(rows[rows.length - 1])},"Leave at the do`;
		return file('cut-off.csv', text([`${HEADER},note`, ...lines]), rows.slice(0, -1), { malformed_line: 1 });
	},
	/** 400 good lines and two ragged ones: one field short, one field too many. */
	raggedRows(): CorpusFile {
		const [a, b] = [txns(200), txns(200, 'P')];
		const lines = [HEADER, ...a.map((t) => line(t)), 'X1,C001,2024-03-05', 'X2,C002,2024-03-05,5.00,extra'];
		return file('ragged.csv', text([...lines, ...b.map((t) => line(t))]), [...a, ...b], { malformed_line: 2 });
	},
	/** 21,000 good lines, then a short one: past the 20,480 lines the sniffer samples. */
	lateShortLine(): CorpusFile {
		const rows = txns(21_000);
		return file('late-short.csv', text([HEADER, ...rows.map((t) => line(t)), 'X1,C001,2024-03-05']), rows, {
			malformed_line: 1
		});
	},
	/** Old Mac line endings (CR only), and Shopify-style order names that start with `#`. */
	crOnlyHashOrders(): CorpusFile {
		const rows = txns(15).map((t, i) => ({ ...t, order: `#${1001 + i}` }));
		return file('shopify.csv', enc.encode([HEADER, ...rows.map((t) => line(t))].join('\r') + '\r'), rows);
	},
	/** CRLF lines, and one bare CR inside an unquoted note (a line break pasted from a Mac). */
	strayCarriageReturn(): CorpusFile {
		const rows = txns(100);
		const lines = rows.map((t, i) => `${line(t)},${i === 50 ? 'call\rback' : 'ok'}`);
		return file('stray-cr.csv', enc.encode([`${HEADER},note`, ...lines].join('\r\n') + '\r\n'), rows);
	},
	/** Line i has i + 1 fields: there is no table in it. */
	everyLineDifferentWidth(): CorpusFile {
		const lines = Array.from({ length: 12 }, (_, i) => Array.from({ length: i + 1 }, (_, j) => `v${i}_${j}`).join(','));
		return file('staircase.csv', text(lines), []);
	},
	/** A NUL byte inside a customer id on the second line (within the sniffed head). */
	nulEarly(): CorpusFile {
		const rows = txns(20);
		const lines = [HEADER, ...rows.map((t) => line(t))];
		lines[2] = lines[2].replace('C', 'C\u0000');
		return file('nul-early.csv', text(lines), []);
	},
	/** A NUL byte at the start of a customer id on line 3,000 (far past the sniffed head). */
	nulLate(): CorpusFile {
		const rows = txns(3000);
		rows[2998] = { ...rows[2998], customer: `\u0000${rows[2998].customer}` };
		return file('nul-late.csv', text([HEADER, ...rows.map((t) => line(t))]), rows);
	},
	/** UTF-8 lines and one Latin-1 line (`Zürich` as 0xFC) in the same file. */
	mixedEncodings(): CorpusFile {
		const rows = txns(6);
		const cities = ['Zürich', 'Köln', 'Zürich', 'Genève', 'Malmö', 'Basel'];
		const lines = rows.map((t, i) => (i === 2 ? latin1 : (s: string) => enc.encode(s))(`${line(t)},${cities[i]}\n`));
		return file('mixed-encodings.csv', concatBytes([enc.encode(`${HEADER},city\n`), ...lines]), rows);
	},
	/** A Windows-1252 file: German names and cities, accented letters inside words. */
	latin1Only(): CorpusFile {
		const names = ['Müller', 'Gärtner', 'Müller', 'Jäger', 'Gärtner'];
		const rows = txns(5).map((t, i) => ({ ...t, customer: names[i] }));
		const cities = ['Zürich', 'Köln', 'Düsseldorf', 'Tübingen', 'Köln'];
		const lines = rows.map((t, i) => `${line(t)},${cities[i]}`);
		return file('kunden.csv', latin1([`${HEADER},city`, ...lines].join('\r\n') + '\r\n'), rows);
	},
	/** Windows-1252 notes with €, curly quotes and a dash: bytes 0x80-0x9F, which Latin-1 leaves undefined. */
	windows1252Symbols(): CorpusFile {
		const rows = txns(8);
		const notes = ['Preis in €', '“Geschenk”', 'Größe – XL', 'ok'];
		const lines = rows.map((t, i) => `${line(t)},${notes[i % notes.length]}`);
		return file('preise.csv', windows1252([`${HEADER},note`, ...lines].join('\r\n') + '\r\n'), rows);
	},
	/** A CRLF export with an LF export appended: line endings change halfway. */
	appendedLineEnds(): CorpusFile {
		const [a, b] = [txns(30), txns(30, 'P')];
		const crlf = [HEADER, ...a.map((t) => line(t))].join('\r\n') + '\r\n';
		return file('joined.csv', enc.encode(crlf + b.map((t) => line(t)).join('\n') + '\n'), [...a, ...b]);
	},
	/** A CRLF file with one bare CR inside a field on line 3,001, far past the sniffed head. */
	lateStrayCarriageReturn(): CorpusFile {
		const rows = txns(3100);
		const lines = rows.map((t, i) => `${line(t)},${i === 3000 ? 'call\rback' : 'ok'}`);
		return file('late-stray-cr.csv', enc.encode([`${HEADER},note`, ...lines].join('\r\n') + '\r\n'), rows);
	},
	/** 3,000 UTF-8 lines, then a Latin-1 one: the sniffed head cannot see it. */
	invalidUtf8Late(): CorpusFile {
		const rows = txns(3001);
		const head = enc.encode([`${HEADER},city`, ...rows.slice(0, 3000).map((t) => `${line(t)},Basel`)].join('\n') + '\n');
		return file('late-latin1.csv', concatBytes([head, latin1(`${line(rows[3000])},Zürich\n`)]), rows);
	},
	/** 400 good lines and one line of 10,000 fields. */
	tenThousandFieldRow(): CorpusFile {
		const [a, b] = [txns(200), txns(200, 'P')];
		const wide = Array.from({ length: 10_000 }, (_, i) => `x${i}`).join(',');
		return file('one-wide-line.csv', text([HEADER, ...a.map((t) => line(t)), wide, ...b.map((t) => line(t))]), [...a, ...b], {
			malformed_line: 1
		});
	},
	/** `columns` columns: the three roles first, then numbered extras; 5 rows. */
	wide(columns: number): CorpusFile {
		const rows = txns(5);
		const extra = Array.from({ length: columns - 3 }, (_, i) => `extra_${i + 1}`);
		const header = ['customer_id', 'order_date', 'amount', ...extra].join(',');
		const body = rows.map((t) => [t.customer, t.date, money(t.cents), ...extra.map((_, i) => `${i}`)].join(','));
		return file(`wide-${columns}.csv`, text([header, ...body]), rows);
	},
	/** 100,000-character notes on every row, and one 100,000-character customer id. */
	hundredKbCells(): CorpusFile {
		const rows = txns(20).map((t, i) => (i === 7 ? { ...t, customer: 'K'.repeat(100_000) } : t));
		const note = (i: number) => String.fromCharCode(97 + (i % 26)).repeat(100_000);
		return file('long-cells.csv', text([`${HEADER},note`, ...rows.map((t, i) => `${line(t)},${note(i)}`)]), rows);
	},
	/** A 3,000,000-character cell: longer than the CSV reader's 2 MB line limit. */
	overlongLine(): CorpusFile {
		const rows = txns(10);
		const lines = rows.map((t, i) => `${line(t)},${i === 4 ? 'y'.repeat(3_000_000) : 'ok'}`);
		return file('overlong.csv', text([`${HEADER},note`, ...lines]), rows.filter((_, i) => i !== 4), {
			malformed_line: 1
		});
	},
	/** Order dates from year 1 to 1900: readable, so used. */
	datesFarPast(): CorpusFile {
		const dates = ['0001-01-01', '1066-10-14', '1582-10-15', '1899-12-30', '1900-01-01'];
		const rows = txns(5).map((t, i) => ({ ...t, date: dates[i] }));
		return file('old.csv', text([HEADER, ...rows.map((t) => line(t))]), rows);
	},
	/** Order dates from 2100 to 9999: all after `today`. */
	datesFarFuture(): CorpusFile {
		const dates = ['2100-01-01', '2999-06-30', '3000-01-01', '9999-12-30', '9999-12-31'];
		const rows = txns(5).map((t, i) => ({ ...t, date: dates[i] }));
		return file('future.csv', text([HEADER, ...rows.map((t) => line(t))]), [], { future_date: rows.length });
	},
	/** Every amount is 0.00. */
	zeroAmounts(): CorpusFile {
		const rows = txns(30).map((t) => ({ ...t, cents: 0 }));
		return file('zeros.csv', text([HEADER, ...rows.map((t) => line(t))]), rows);
	},
	/** One customer, 25 orders. */
	oneCustomer(): CorpusFile {
		const rows = txns(25).map((t) => ({ ...t, customer: 'ONLY-1' }));
		return file('one.csv', text([HEADER, ...rows.map((t) => line(t))]), rows);
	},
	/** Ids that look like numbers on some lines and text on others; zeros must survive. */
	idsMixed(): CorpusFile {
		const ids = ['00123', '123', '0123', '123.0', 'A123', '00123', '123', '1.23E+2'];
		const rows = txns(ids.length).map((t, i) => ({ ...t, customer: ids[i] }));
		return file('ids.csv', text([HEADER, ...rows.map((t) => line(t))]), rows);
	},
	/** Two columns named `customer_id` (the second holds names) and two named `amount`. */
	duplicateHeaders(): CorpusFile {
		const rows = txns(12);
		const lines = rows.map((t) => [t.order, t.customer, `Name ${t.customer}`, t.date, money(t.cents), '0'].join(','));
		return file('dupes.csv', text(['order_id,customer_id,customer_id,order_date,amount,Amount', ...lines]), rows);
	},
	/** The order-id and date headers are empty. */
	emptyHeaders(): CorpusFile {
		const rows = txns(12);
		return file('blank-names.csv', text([',customer_id,,amount', ...rows.map((t) => line(t))]), rows);
	},
	/** Zero bytes. */
	empty: (): CorpusFile => file('empty.csv', new Uint8Array(0), []),
	/** A header and nothing else. */
	headerOnly: (): CorpusFile => file('header.csv', text([HEADER]), []),
	/** Only a UTF-8 byte-order mark. */
	bomOnly: (): CorpusFile => file('bom.csv', Uint8Array.of(0xef, 0xbb, 0xbf), []),
	/** Blank lines and spaces only. */
	blankLines: (): CorpusFile => file('blank.csv', enc.encode('\r\n\r\n   \r\n\t\r\n'), [])
} satisfies Record<string, (...args: never[]) => CorpusFile>;

/** JSON files that are not an array of records, and one whose ids are numbers and text. */
export const jsonCases = {
	object: () => file('object.json', enc.encode('{"orders": {"a": 1}, "count": 2}'), []),
	twoArrays: () => file('two.json', enc.encode('{"orders": [{"a": 1}], "refunds": [{"a": 2}]}'), []),
	scalar: () => file('scalar.json', enc.encode('42'), []),
	nullValue: () => file('null.json', enc.encode('null'), []),
	arrayOfScalars: () => file('numbers.json', enc.encode('[1, 2, 3]'), []),
	emptyArray: () => file('none.json', enc.encode('[]'), []),
	broken: () => file('broken.json', enc.encode('[{"customer_id": "C1", "amount": 1.5}, {"customer_id": "C2", "am'), []),
	/** Ids written as JSON numbers and strings; two numbers are above 2^53. */
	idsMixed(): CorpusFile {
		const ids: (number | string)[] = [123, '00123', '123', 17850, '17850'];
		const big = ['12345678901234567891', '12345678901234567892'];
		const rows = txns(ids.length + big.length).map((t, i) => ({ ...t, customer: String([...ids, ...big][i]) }));
		const records = rows.map((t, i) => {
			const id = i < ids.length ? JSON.stringify(ids[i]) : big[i - ids.length];
			return `{"order_id": "${t.order}", "customer_id": ${id}, "order_date": "${t.date}", "amount": ${money(t.cents)}}`;
		});
		return file('ids.json', enc.encode(`[\n${records.join(',\n')}\n]\n`), rows);
	}
} satisfies Record<string, () => CorpusFile>;

/** A cell of the xlsx writer: text, a number, empty, or a formula with an optional cached value. */
export type XlsxCell = string | number | null | { f: string; v?: number | string; error?: boolean };

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'http://schemas.openxmlformats.org';
const MAIN = `${NS}/spreadsheetml/2006/main`;
const REL = `${NS}/officeDocument/2006/relationships`;
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
const ZIP_TIME = new Date(2024, 0, 1, 0, 0, 0);
const esc = (s: string): string => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** Column letters: 0 → A, 26 → AA. */
export function columnName(index: number): string {
	let name = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
	return name;
}

function cellXml(cell: XlsxCell, ref: string): string {
	if (cell === null) return '';
	if (typeof cell === 'number') return `<c r="${ref}"><v>${cell}</v></c>`;
	if (typeof cell === 'string') return `<c r="${ref}" t="inlineStr"><is><t>${esc(cell)}</t></is></c>`;
	const type = cell.error ? ' t="e"' : typeof cell.v === 'string' ? ' t="str"' : '';
	const cached = cell.v === undefined ? '' : `<v>${esc(String(cell.v))}</v>`;
	return `<c r="${ref}"${type}><f>${esc(cell.f)}</f>${cached}</c>`;
}

/** A one-sheet workbook (sheet `Orders`), with merged ranges such as `A1:D1`. */
export function xlsx(rows: XlsxCell[][], merges: string[] = []): Uint8Array<ArrayBuffer> {
	const body = rows
		.map((cells, r) => `<row r="${r + 1}">${cells.map((c, i) => cellXml(c, `${columnName(i)}${r + 1}`)).join('')}</row>`)
		.join('');
	const merged = merges.length
		? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`
		: '';
	const rels = (type: string, target: string) =>
		`${XML}<Relationships xmlns="${NS}/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/${type}" Target="${target}"/></Relationships>`;
	const files: Record<string, string> = {
		'[Content_Types].xml':
			`${XML}<Types xmlns="${NS}/package/2006/content-types">` +
			'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
			'<Default Extension="xml" ContentType="application/xml"/>' +
			`<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>` +
			`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${CT}.worksheet+xml"/></Types>`,
		'_rels/.rels': rels('officeDocument', 'xl/workbook.xml'),
		'xl/workbook.xml': `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="Orders" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		'xl/_rels/workbook.xml.rels': rels('worksheet', 'worksheets/sheet1.xml'),
		'xl/worksheets/sheet1.xml': `${XML}<worksheet xmlns="${MAIN}"><sheetData>${body}</sheetData>${merged}</worksheet>`
	};
	const entries = Object.entries(files).map(([name, xml]) => [name, strToU8(xml)] as const);
	return new Uint8Array(zipSync(Object.fromEntries(entries), { level: 6, mtime: ZIP_TIME }));
}

const xlsxRow = (t: Txn): XlsxCell[] => [t.order, t.customer, t.date, t.cents / 100];
const XLSX_HEADER = HEADER.split(',');

/** Excel workbooks with merged cells, formulas and ids stored as numbers. */
export const xlsxCases = {
	/** A merged title row and a blank row above the real header, as report exports have. */
	mergedTitle(): CorpusFile {
		const rows = txns(10);
		const sheet = [['Orders 2024 (all shops)', null, null, null], [], XLSX_HEADER, ...rows.map(xlsxRow)];
		return file('report.xlsx', xlsx(sheet, ['A1:D1']), rows);
	},
	/** The customer id merged down over each customer's rows: only the first row holds it. */
	mergedIds(): CorpusFile {
		const rows = txns(9).map((t, i) => ({ ...t, customer: `C${Math.floor(i / 3)}` }));
		const sheet = [XLSX_HEADER, ...rows.map((t, i) => xlsxRow(t).map((c, j) => (j === 1 && i % 3 ? null : c)))];
		const merges = [0, 1, 2].map((g) => `B${2 + g * 3}:B${4 + g * 3}`);
		return file('merged.xlsx', xlsx(sheet, merges), rows.filter((_, i) => i % 3 === 0), { missing_customer: 6 });
	},
	/** Amounts as formulas with cached results, a text formula, and a #DIV/0! error. */
	formulas(): CorpusFile {
		const rows = txns(8);
		const sheet: XlsxCell[][] = [[...XLSX_HEADER, 'qty', 'price']];
		rows.forEach((t, i) => {
			const r = i + 2;
			const amount: XlsxCell = i === 5 ? { f: `E${r}/0`, v: '#DIV/0!', error: true } : { f: `E${r}*F${r}`, v: t.cents / 100 };
			const customer: XlsxCell = i === 3 ? { f: '"C"&"007"', v: t.customer } : t.customer;
			sheet.push([t.order, customer, t.date, amount, 2, t.cents / 200]);
		});
		return file('formulas.xlsx', xlsx(sheet), rows.filter((_, i) => i !== 5), { bad_amount: 1 });
	},
	/** Amount formulas never calculated (no cached value), as scripts such as openpyxl write them. */
	formulasNotCalculated(): CorpusFile {
		const rows = txns(6);
		const sheet: XlsxCell[][] = [XLSX_HEADER];
		rows.forEach((t) => sheet.push([t.order, t.customer, t.date, { f: `ROUND(${t.cents}/100,2)` }]));
		return file('uncalculated.xlsx', xlsx(sheet), [], { bad_amount: rows.length });
	},
	/** Customer ids stored as numbers in some cells and as text in others. */
	idsMixed(): CorpusFile {
		const ids: (string | number)[] = [123, '00123', '123', 17850, '017850', 17850];
		const rows = txns(ids.length).map((t, i) => ({ ...t, customer: String(ids[i]) }));
		const sheet = [XLSX_HEADER, ...rows.map((t, i) => [t.order, ids[i], t.date, t.cents / 100])];
		return file('ids.xlsx', xlsx(sheet), rows);
	}
} satisfies Record<string, () => CorpusFile>;

/** Parquet with a struct column (`customer`) and a list-of-structs column (`items`). */
export function parquetNested(): CorpusFile {
	const rows = txns(12);
	const tier = (i: number) => (i % 3 === 0 ? null : ['gold', 'silver'][i % 2]);
	const items = (i: number) => (i % 4 === 3 ? null : Array.from({ length: i % 3 }, (_, k) => ({ sku: `P-${i}-${k}`, qty: k + 1 })));
	const utf8 = (name: string, repetition: 'REQUIRED' | 'OPTIONAL' = 'REQUIRED') =>
		({ name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: repetition }) as const;
	const buffer = parquetWriteBuffer({
		columnData: [
			{ name: 'order_id', data: rows.map((t) => t.order) },
			{ name: 'customer', data: rows.map((t, i) => ({ id: t.customer, tier: tier(i) })) },
			{ name: 'order_date', data: rows.map((t) => t.date) },
			{ name: 'amount', data: rows.map((t) => t.cents / 100) },
			{ name: 'items', data: rows.map((_, i) => items(i)) }
		],
		schema: [
			{ name: 'root', num_children: 5 },
			utf8('order_id'),
			{ name: 'customer', repetition_type: 'REQUIRED', num_children: 2 },
			utf8('id'),
			utf8('tier', 'OPTIONAL'),
			utf8('order_date'),
			{ name: 'amount', type: 'DOUBLE', repetition_type: 'REQUIRED' },
			{ name: 'items', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
			{ name: 'list', repetition_type: 'REPEATED', num_children: 1 },
			{ name: 'element', repetition_type: 'OPTIONAL', num_children: 2 },
			utf8('sku'),
			{ name: 'qty', type: 'INT32', repetition_type: 'REQUIRED' }
		]
	});
	return file('nested.parquet', new Uint8Array(buffer), rows);
}

/**
 * A gzip file named `.csv.gz` that expands to `gib` GiB of valid CSV lines (about 2.6 MB per
 * GiB: deflate cannot pass about 1,000 : 1, so "a few hundred KB to several GB" cannot exist).
 * One 1 MiB block is compressed once with a full flush, so it can be repeated as is.
 */
export function gzipBomb(gib = 5): CorpusFile {
	const header = enc.encode(`customer_id,order_date,amount\n`);
	const unit = 'C1,2024-01-05,1.00\n';
	const chunk = enc.encode(unit.repeat(Math.floor(2 ** 20 / unit.length)));
	const flush = { level: 9, finishFlush: constants.Z_FULL_FLUSH };
	const block = deflateRawSync(chunk, flush);
	const copies = Math.round(gib * 1024);
	let crc = crc32(header);
	for (let i = 0; i < copies; i++) crc = crc32(chunk, crc);
	const size = header.length + copies * chunk.length;
	const trailer = new Uint8Array(8);
	new DataView(trailer.buffer).setUint32(0, crc >>> 0, true);
	new DataView(trailer.buffer).setUint32(4, size % 2 ** 32, true);
	const gzipHeader = Uint8Array.of(0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff);
	const parts = [gzipHeader, deflateRawSync(header, flush), ...Array<Uint8Array>(copies).fill(block)];
	// An empty final block with fixed codes ends the deflate stream.
	return file('orders.csv.gz', concatBytes([...parts, Uint8Array.of(3, 0), trailer]), []);
}

/** Every case by a unique id, for writing them out. */
export function allCases(bomb = false): Record<string, () => CorpusFile> {
	const prefixed = (prefix: string, cases: Record<string, () => CorpusFile>) =>
		Object.fromEntries(Object.entries(cases).map(([id, build]) => [`${prefix}-${id}`, build]));
	return {
		...prefixed('csv', { ...csvCases, wide: () => csvCases.wide(10_000) }),
		...prefixed('json', jsonCases),
		...prefixed('xlsx', xlsxCases),
		'parquet-nested': parquetNested,
		...(bomb ? { 'gzip-bomb': () => gzipBomb() } : {})
	};
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const dir = process.argv[2] ?? 'corpus-out';
	mkdirSync(dir, { recursive: true });
	for (const [id, build] of Object.entries(allCases(process.argv.includes('--bomb')))) {
		const built = build();
		writeFileSync(join(dir, `${id}--${built.name}`), built.bytes);
	}
	console.log(`wrote ${Object.keys(allCases()).length} files to ${dir}`);
}
