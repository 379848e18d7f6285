/**
 * Fuzzing: randomly damaged copies of two real datasets (test/data: the CDNOW sample, and
 * the first 3,000 lines of the UCI Online Retail sample) go through the real engine. The damage
 * comes from a fixed seed, so every run tries the same files in the same order; a time budget
 * stops it early on a slow machine, and the test prints how many ran.
 *
 * For every file: either `openFile` refuses it with a message for people, or it opens; when the
 * automatic mapping is complete it is normalised, and then rows read = rows used + rows set
 * aside, every set-aside row has a known reason, and no more rows are read than the file has
 * lines. After every file the engine still answers a query.
 *
 * `FUZZ_DUMP=<dir>` writes every damaged file there as `<number>-<name>`, to replay a finding.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeEngine } from '../helpers/node-engine';
import { dataText, readData } from '../helpers/data';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import { MappingError, parseMapping } from '../../src/ingest/mapping';
import { REASONS } from '../../src/ingest/reasons';
import { LocalisedError } from '../../src/i18n/errors';
import { mulberry32 } from '../../src/models/random';

const SEED = 0x5e6e17a;
/** Files per run: 30-45 s on a 2-core machine. */
const MAX_FILES = 100;
/** A slower machine stops early (fewer files, so a known bug may not be met). */
const BUDGET_MS = 45_000;

const random = mulberry32(SEED);
const int = (n: number): number => Math.floor(random() * n);
const pick = <T>(items: readonly T[]): T => items[int(items.length)];

interface Base {
	name: string;
	bytes: Uint8Array<ArrayBuffer>;
	header: boolean;
}

const bases: Base[] = [
	{
		name: 'CDNOW_sample.txt',
		bytes: new Uint8Array(readData('cdnow-lifetimes/CDNOW_sample.txt.gz')),
		header: false
	},
	{
		name: 'online_retail_sample.csv',
		bytes: new TextEncoder().encode(
			dataText('online-retail-uci-sample/online_retail_sample.csv.gz')
				.split('\r\n')
				.slice(0, 3001)
				.join('\r\n') + '\r\n'
		),
		header: true
	}
];

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const utf8 = (s: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(s);

/** Splits into lines that keep their line ending, so joining them gives the bytes back. */
function lines(s: string): string[] {
	return s.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** One kind of damage: a name for the log and what it does. */
type Mutation<T> = [string, (input: T) => T];

/** Damage to the text, applied first. */
const TEXT: Mutation<string>[] = [
	[
		'delete lines',
		(s) => {
			const ls = lines(s);
			for (let k = 1 + int(20); k > 0 && ls.length > 1; k--) ls.splice(int(ls.length), 1);
			return ls.join('');
		}
	],
	[
		'duplicate lines',
		(s) => {
			const ls = lines(s);
			for (let k = 1 + int(20); k > 0; k--) ls.splice(int(ls.length), 0, ls[int(ls.length)]);
			return ls.join('');
		}
	],
	[
		'cut a line short',
		(s) => {
			const ls = lines(s);
			const i = int(ls.length);
			ls[i] = ls[i].slice(0, int(ls[i].length)) + '\n';
			return ls.join('');
		}
	],
	[
		'insert quotes, delimiters, NULs',
		(s) => {
			let out = s;
			for (let k = 1 + int(4); k > 0; k--) {
				const at = int(out.length);
				out = out.slice(0, at) + pick(['"', ',', ';', '\t', '|', '\0', '\\', "'"]) + out.slice(at);
			}
			return out;
		}
	],
	['change line endings', (s) => s.replace(/\r?\n/g, pick(['\n', '\r\n', '\r']))],
	['accents in a description', (s) => s.replace(/ (\w)/, ' £é $1')]
];

/** The encoding the text is written in, applied second; `utf8` leaves it as it is. */
const ENCODINGS = [
	'utf8',
	'utf8',
	'utf8',
	'utf8-bom',
	'utf16le-bom',
	'utf16be-bom',
	'win1252',
	'gb18030'
] as const;
type Encoding = (typeof ENCODINGS)[number];

function encode(s: string, encoding: Encoding): Uint8Array<ArrayBuffer> {
	if (encoding === 'utf8') return utf8(s);
	if (encoding === 'utf8-bom') return utf8(`\ufeff${s}`);
	if (encoding === 'gb18030')
		return new Uint8Array(iconv.encode(s.replace('United Kingdom', '英国'), 'gb18030'));
	return new Uint8Array(
		iconv.encode(s, encoding.replace('-bom', ''), { addBOM: encoding.endsWith('-bom') })
	);
}

/** Damage to the bytes, applied last. */
const BYTES: Mutation<Uint8Array<ArrayBuffer>>[] = [
	[
		'flip bits',
		(b) => {
			const out = b.slice();
			for (let k = 1 + int(8); k > 0; k--) out[int(out.length)] ^= 1 << int(8);
			return out;
		}
	],
	['truncate', (b) => b.subarray(0, int(b.length))],
	[
		'one line in Windows-1252',
		(b) => {
			const at = text(b).indexOf('\n', int(b.length));
			return at < 0
				? b
				: Uint8Array.from([
						...b.subarray(0, at + 1),
						...iconv.encode('X1,Zürich Straße,1.5\n', 'win1252'),
						...b.subarray(at + 1)
					]);
		}
	]
];

/** A randomly damaged copy of a base file, and what was done to it. */
function damage(base: Base): {
	bytes: Uint8Array<ArrayBuffer>;
	what: string[];
	encoding: Encoding;
} {
	const what: string[] = [];
	let s = text(base.bytes);
	for (let k = int(3); k > 0; k--) {
		const [name, mutate] = pick(TEXT);
		s = mutate(s);
		what.push(name);
	}
	const encoding = pick(ENCODINGS);
	if (encoding !== 'utf8') what.push(encoding);
	let bytes = encode(s, encoding);
	if (what.length === 0 || random() < 0.4) {
		const [name, mutate] = pick(BYTES);
		bytes = mutate(bytes);
		what.push(name);
	}
	return { bytes, what, encoding };
}

interface Outcome {
	file: string;
	what: string;
}

const stats = { files: 0, refused: 0, unmapped: 0, loaded: 0, rowsRead: 0 };
const unclear: Outcome[] = [];
const unbalanced: Outcome[] = [];
const invented: Outcome[] = [];
const silent: Outcome[] = [];
const broken: Outcome[] = [];
let engine: EngineApi;

beforeAll(async () => {
	engine = await startNodeEngine();
});

/** True for a refusal written for people (a catalogue message), not a raw internal error. */
function isClear(e: Error): boolean {
	return e instanceof LocalisedError;
}

const nonBlankLines = (s: string): number =>
	s.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '').length;

/**
 * Non-blank lines of a damaged file: `known` in the encoding it was written in, and `most`, an
 * upper bound for any reading (every byte a character, NULs dropped).
 */
function lineCounts(bytes: Uint8Array, encoding: Encoding): { known: number; most: number } {
	const label = {
		utf8: 'utf8',
		'utf8-bom': 'utf8',
		'utf16le-bom': 'utf16le',
		'utf16be-bom': 'utf16be',
		win1252: 'win1252',
		gb18030: 'gb18030'
	}[encoding];
	const known = nonBlankLines(iconv.decode(Buffer.from(bytes), label));
	return {
		known,
		most: Math.max(
			known,
			nonBlankLines(iconv.decode(Buffer.from(bytes), 'latin1').replaceAll('\0', ''))
		)
	};
}

const KNOWN_REASONS = REASONS.map((r) => `'${r}'`).join(', ');

async function check(base: Base, damaged: ReturnType<typeof damage>): Promise<void> {
	const file = `#${stats.files} ${base.name} (${damaged.what.join(' + ')})`;
	if (process.env.FUZZ_DUMP)
		writeFileSync(join(process.env.FUZZ_DUMP, `${stats.files}-${base.name}`), damaged.bytes);
	const gzip = random() < 0.15;
	const bytes = damaged.bytes;
	const upload = new File([gzip ? gzipSync(bytes) : bytes], gzip ? `${base.name}.gz` : base.name);
	try {
		const opened = await engine.openFile(upload, {});
		const mapping = parseMapping({ ...opened.guess.draft, today: '2025-01-01' }, opened.columns);
		const report = await engine.normalise(mapping);
		stats.loaded++;
		stats.rowsRead += report.rowsRead;
		const [t] = await rowsOf(
			engine,
			`SELECT (SELECT count(*) FROM transactions) AS used, (SELECT count(*) FROM set_aside) AS aside,
			(SELECT count(*) FROM set_aside WHERE reason IS NULL OR reason NOT IN (${KNOWN_REASONS})) AS no_reason`
		);
		const sum = report.rowsUsed + report.rowsSetAside;
		if (
			report.rowsRead !== sum ||
			t.used !== report.rowsUsed ||
			t.aside !== report.rowsSetAside ||
			t.no_reason !== 0
		) {
			unbalanced.push({
				file,
				what: `report ${JSON.stringify(report.byReason)} read ${report.rowsRead}, tables ${JSON.stringify(t)}`
			});
		}
		const { known, most } = lineCounts(bytes, damaged.encoding);
		if (report.rowsRead > most)
			invented.push({ file, what: `${report.rowsRead} rows read from ${most} lines` });
		// A damaged file can leave few usable rows, but every line must be counted somewhere (a
		// quoted field may span a few lines): lines that vanish without a trace are a silent loss.
		const header = base.header && !opened.columns.every((c) => /^column\d+$/.test(c)) ? 1 : 0;
		if (report.rowsRead + header < known - 10 && report.rowsRead + header < 0.9 * known) {
			silent.push({
				file,
				what: `${report.rowsRead} rows read (+${header} header) of ${known} lines`
			});
		}
	} catch (e) {
		const error = e as Error;
		if (error instanceof MappingError) stats.unmapped++;
		else stats.refused++;
		if (!isClear(error))
			unclear.push({ file, what: `${error.name}: ${error.message.split('\n')[0].slice(0, 200)}` });
	}
	try {
		const [row] = await rowsOf(engine, 'SELECT 40 + 2 AS answer');
		if (row?.answer !== 42) broken.push({ file, what: JSON.stringify(row) });
	} catch (e) {
		broken.push({ file, what: (e as Error).message });
	}
}

const report = (list: Outcome[]): string[] => list.map((o) => `${o.file}: ${o.what}`);

describe('randomly damaged real datasets', () => {
	it('run through the engine within the time budget', { timeout: 120_000 }, async () => {
		const started = performance.now();
		while (stats.files < MAX_FILES && performance.now() - started < BUDGET_MS) {
			const base = bases[stats.files % bases.length];
			stats.files++;
			await check(base, damage(base));
		}
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		console.log(
			`fuzz: ${stats.files} files in ${seconds} s (seed ${SEED.toString(16)}): ${stats.loaded} loaded (${stats.rowsRead} rows read), ${stats.unmapped} without a complete automatic mapping, ${stats.refused} refused`
		);
		for (const [label, list] of Object.entries({ unclear, unbalanced, invented, silent, broken })) {
			if (list.length) console.log(`fuzz ${label}:\n  ${report(list).slice(0, 10).join('\n  ')}`);
		}
		expect(stats.files).toBeGreaterThanOrEqual(20);
	});

	it('every load accounts for every row, each set-aside row with a reason', () => {
		expect(report(unbalanced)).toEqual([]);
	});

	it('no load reads more rows than the file has lines', () => {
		expect(report(invented)).toEqual([]);
	});

	it('no load loses lines without counting them', () => {
		expect(report(silent)).toEqual([]);
	});

	it('every refusal is worded for people, not a raw internal error', () => {
		expect(report(unclear)).toEqual([]);
	});

	it('the engine answered a query after every file', () => {
		expect(report(broken)).toEqual([]);
	});
});
