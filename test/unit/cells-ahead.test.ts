/**
 * The cells' work done ahead of Apply (src/state/cells-ahead.ts) on the real engine: what it runs,
 * when, and which answers it hands over.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { startNodeEngine } from '../helpers/node-engine';
import type { EngineApi } from '../../src/engine/protocol';
import { CellsAhead } from '../../src/state/cells-ahead';

const STATEMENTS = [
	'CREATE OR REPLACE TABLE ahead_t AS SELECT range AS x FROM range(10)',
	'SELECT count(*) AS n FROM ahead_t',
	'SELECT sum(x) AS s FROM ahead_t'
];

describe('the cells’ work done ahead', () => {
	let engine: EngineApi;
	let ran: string[] = [];
	const client = {
		query: async (text: string) => {
			ran.push(text);
			return tableFromIPC(await engine.query(text));
		}
	};
	beforeAll(async () => {
		engine = await startNodeEngine();
	});
	beforeEach(() => {
		ran = [];
	});

	it('runs every statement once, in order, after the load, and hands each answer over in that order', async () => {
		const ahead = new CellsAhead(client, STATEMENTS, Promise.resolve());
		await vi.waitFor(() => expect(ran).toHaveLength(3));
		const [, count, sum] = STATEMENTS.map((s) => ahead.take(s));
		expect(Number((await count!).get(0)?.n)).toBe(10);
		expect(Number((await sum!).get(0)?.s)).toBe(45);
		expect(ran).toEqual(STATEMENTS);
	});

	it('hands nothing over from the first statement that differs on', async () => {
		const ahead = new CellsAhead(client, STATEMENTS, Promise.resolve());
		await vi.waitFor(() => expect(ran).toHaveLength(3));
		expect(ahead.take(STATEMENTS[0])).not.toBeNull();
		expect(ahead.take('SELECT 1')).toBeNull();
		// The count would be right, but it ran after a table this run builds differently.
		expect(ahead.take(STATEMENTS[1])).toBeNull();
	});

	it('starts nothing once stopped, nor when the load fails', async () => {
		let load!: () => void;
		const stopped = new CellsAhead(client, STATEMENTS, new Promise<void>((resolve) => (load = resolve)));
		stopped.stop();
		load();
		const failed = new CellsAhead(client, STATEMENTS, Promise.reject(new Error('no such file')));
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(ran).toEqual([]);
		expect(stopped.take(STATEMENTS[0])).toBeNull();
		expect(failed.take(STATEMENTS[0])).toBeNull();
	});
});
