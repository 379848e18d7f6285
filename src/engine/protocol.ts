/**
 * The typed API between the page and the engine worker. Type-only: no runtime imports, so both
 * sides (and the Node tests) can share it.
 */
import type { MappingGuess } from '../ingest/detect-roles';
import type { Mapping } from '../ingest/mapping';
import type { QualityReport } from '../ingest/reasons';
import type { MessageKey } from '../i18n/english';
import type { Message, MessageParams } from '../i18n/message';

/** File formats the engine reads. */
export type FileFormat = 'csv' | 'parquet' | 'json' | 'ndjson' | 'xlsx';

/** Text encodings the engine detects and decodes. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';

/** What the person chose (or the engine guessed) about how to read a file. */
export interface OpenOptions {
	/** Sheet to read from an Excel workbook; the first one with data when absent. */
	sheet?: string;
	/** Overrides the detected text encoding. */
	encoding?: TextEncoding;
}

/** A file the engine has opened: its columns, a preview, and a proposed mapping. */
export interface OpenedFile {
	fileName: string;
	format: FileFormat;
	encoding: TextEncoding | null;
	compressed: boolean;
	/** Bytes of the file's text: its size, or for a gzip CSV the size it expands to. */
	textBytes: number;
	/** Column separator of a text file, as found; `whitespace` for aligned columns. */
	delimiter: string | null;
	sheets: string[];
	sheet: string | null;
	columns: string[];
	/** The first rows, as text, aligned with `columns`. */
	preview: (string | null)[][];
	guess: MappingGuess;
	elapsedMs: number;
}

/** Progress of a long step, for the progress bar. */
export interface Progress {
	phase: 'reading' | 'decoding' | 'normalising' | 'fitting';
	/** 0..1, or null when unknown. */
	fraction: number | null;
	/** What the step is doing: a message for the page to word, or a name (an encoding) as it is. */
	detail?: Message | string;
}

/** Engine facts shown in the page footer and checked by tests. */
export interface EngineInfo {
	duckdbVersion: string;
	bundle: string;
	startMs: number;
}

/**
 * Errors crossing the worker boundary are flattened to this shape; a message written for people
 * keeps its key and params, so the page words it in its own language.
 */
export interface EngineErrorShape {
	name: string;
	message: string;
	stack?: string;
	key?: MessageKey;
	params?: MessageParams;
}

/** How the page starts the engine. */
export interface EngineOptions {
	/**
	 * DuckDB's memory limit, e.g. `'64MB'`: for tests only (`?memory=` in the page's address),
	 * see `memory-limit.ts`. Absent, DuckDB-WASM keeps its default.
	 */
	memoryLimit?: string | null;
	/**
	 * Files bigger than this many bytes are loaded into the compressed in-memory database
	 * (128 MiB when absent). For tests, which cannot afford files that big.
	 */
	packedFromBytes?: number;
	/**
	 * The name of a Web Lock the worker takes at start and holds while it lives: when the worker
	 * dies in any way, the lock is freed and the page notices at once.
	 */
	lifeLock?: string;
}

/** The engine worker's name when the service worker serves its files (see `compileWasm`). */
export const ENGINE_WITH_SERVICE_WORKER = 'segmenta-engine (service worker)';

/** The engine: one DuckDB instance plus the file readers, living in a worker. */
export interface EngineApi {
	/**
	 * Starts DuckDB (idempotent) and locks it down: no extensions, no network, no other files.
	 * Options count at the first call only.
	 */
	init(options?: EngineOptions): Promise<EngineInfo>;
	/** Registers a file, reads its header and first rows, and proposes a mapping. */
	openFile(
		file: File,
		options: OpenOptions,
		onProgress?: (p: Progress) => void
	): Promise<OpenedFile>;
	/**
	 * Opens a made-up order log of about `rows` lines, written here in the worker, as `openFile`
	 * opens a person's file: the page's rehearsal (src/state/rehearsal.ts) runs on it.
	 */
	openPractice(rows: number): Promise<OpenedFile>;
	/** Builds `transactions` and `set_aside` from the open file with this mapping. */
	normalise(mapping: Mapping, onProgress?: (p: Progress) => void): Promise<QualityReport>;
	/**
	 * Loads a list of customer ids (CSV, one id per row, header optional) as the table
	 * `customer_list`, for the lifecycle's "potential" stage. Returns how many distinct ids.
	 */
	loadCustomerList(file: File): Promise<{ customers: number; column: string }>;
	/** Runs SQL and returns the result as Arrow IPC stream bytes (transferred, not copied). */
	query(sqlText: string): Promise<Uint8Array>;
	/** Runs SQL and returns the result as CSV bytes (UTF-8 with BOM, for Excel), made in the worker. */
	exportCsv(sqlText: string): Promise<Uint8Array>;
	/** Runs SQL and returns the result as Parquet bytes, written in the worker. */
	exportParquet(sqlText: string): Promise<Uint8Array>;
	/**
	 * Fits a model in the worker to the input table its cell's SQL built, and writes the cell's
	 * result table; `model` names one of the fits the worker entry wired (the analyses' `MODEL_FITS`).
	 */
	fitModel(model: string, config: unknown, onProgress?: (p: Progress) => void): Promise<unknown>;
	/**
	 * Stops every call made before it: the running query between two polls (within about
	 * 100 ms), a file being decoded at its next chunk, a fit at its next step; calls still
	 * waiting their turn never start. Tables stay.
	 */
	cancel(): Promise<void>;
	/** Drops every table and file, keeping the started engine. */
	reset(): Promise<void>;
}
