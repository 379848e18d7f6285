/**
 * What a model fit needs of the database it runs beside. The engine worker provides it; the
 * fits themselves (CLV, clusters) live with their analyses and never see the engine.
 */
import type { Table } from 'apache-arrow';
import type { Message } from '../i18n/message';
import type { Sql } from '../sql/sql';

/** A synchronous query and an Arrow insert on the engine's connection. */
export interface FitDatabase {
	query(q: Sql): Table;
	insert(table: string, ipc: Uint8Array): void;
}

/** A model fit: reads its input table, writes its cell's table, returns what the cell shows. */
export type ModelFit<Report> = (
	db: FitDatabase,
	config: unknown,
	signal: AbortSignal,
	onProgress: (detail: Message) => void
) => Promise<Report>;
