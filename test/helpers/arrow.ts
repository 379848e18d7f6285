/** Decodes the engine's Arrow IPC bytes into plain objects, for assertions. */
import { tableFromIPC } from 'apache-arrow';
import type { EngineApi } from '../../src/engine/protocol';

/** Runs SQL on the engine and returns its rows as plain objects. */
export async function rowsOf(
	engine: EngineApi,
	sqlText: string
): Promise<Record<string, unknown>[]> {
	const table = tableFromIPC(await engine.query(sqlText));
	return table.toArray().map((r) => ({ ...r.toJSON() }));
}
