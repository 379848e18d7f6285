/**
 * The cells' work done ahead of Apply (src/state/cells-ahead.ts) on the real engine: what it runs,
 * when, and which answers it hands over.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { startNodeEngine } from '../helpers/node-engine';
import type { EngineApi, Progress } from '../../src/engine/protocol';
import type { ModelKind } from '../../src/analyses/fits';
import { CellsAhead } from '../../src/state/cells-ahead';

const STATEMENTS = [
	'CREATE OR REPLACE TABLE ahead_t AS SELECT range AS x FROM range(10)',
	'SELECT count(*) AS n FROM ahead_t',
	'SELECT sum(x) AS s FROM ahead_t'
];
const STEPS = STATEMENTS.map((sql) => ({ sql }));

// Two far-apart groups of 20 customers each, as the clusters cell's SQL would write its input.
const CLUSTER_INPUT = `CREATE OR REPLACE TABLE cluster_input AS
SELECT 'c' || range AS customer_id, CASE WHEN range < 20 THEN 5 ELSE 400 END + range % 3 AS recency_days,
	CASE WHEN range < 20 THEN 12 ELSE 1 END AS frequency, CASE WHEN range < 20 THEN 900 ELSE 30 END + range AS monetary
FROM range(40)`;

describe('the cells’ work done ahead', () => {
	let engine: EngineApi;
	let ran: string[] = [];
	const client = {
		query: async (text: string) => {
			ran.push(text);
			return tableFromIPC(await engine.query(text));
		},
		fitModel: async (model: ModelKind, config: unknown, onProgress: (p: Progress) => void) => {
			ran.push(`fit ${model}`);
			return engine.fitModel(model, config, onProgress);
		}
	};
	beforeAll(async () => {
		engine = await startNodeEngine();
	});
	beforeEach(() => {
		ran = [];
	});

	it('runs every statement once, in order, after the load, and hands each answer over in that order', async () => {
		const ahead = new CellsAhead(client, STEPS, Promise.resolve());
		await vi.waitFor(() => expect(ran).toHaveLength(3));
		const [, count, sum] = STATEMENTS.map((s) => ahead.take(s));
		expect(Number((await count!).get(0)?.n)).toBe(10);
		expect(Number((await sum!).get(0)?.s)).toBe(45);
		expect(ran).toEqual(STATEMENTS);
	});

	it('hands nothing over from the first statement that differs on', async () => {
		const ahead = new CellsAhead(client, STEPS, Promise.resolve());
		await vi.waitFor(() => expect(ran).toHaveLength(3));
		expect(ahead.take(STATEMENTS[0])).not.toBeNull();
		expect(ahead.take('SELECT 1')).toBeNull();
		// The count would be right, but it ran after a table this run builds differently.
		expect(ahead.take(STATEMENTS[1])).toBeNull();
	});

	it('starts nothing once stopped, nor when the load fails', async () => {
		let load!: () => void;
		const stopped = new CellsAhead(client, STEPS, new Promise<void>((resolve) => (load = resolve)));
		stopped.stop();
		load();
		const failed = new CellsAhead(client, STEPS, Promise.reject(new Error('no such file')));
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(ran).toEqual([]);
		expect(stopped.take(STATEMENTS[0])).toBeNull();
		expect(failed.take(STATEMENTS[0])).toBeNull();
	});

	it('fits a model in its place, and hands the fit over only for the same parameters', async () => {
		const config = { k: 2, seed: 1 };
		const count = 'SELECT count(DISTINCT cluster) AS k FROM clusters';
		const steps = [{ sql: CLUSTER_INPUT }, { fit: 'clusters' as const, config }, { sql: count }];
		const ahead = new CellsAhead(client, steps, Promise.resolve());
		await vi.waitFor(() => expect(ran).toHaveLength(3));
		expect(ran.slice(0, 2)).toEqual([CLUSTER_INPUT, 'fit clusters']);
		expect(ahead.take(CLUSTER_INPUT)).not.toBeNull();
		expect(await ahead.takeFit('clusters', { k: 2, seed: 1 })).toMatchObject({ k: 2 });
		expect(Number((await ahead.take(count)!).get(0)?.k)).toBe(2);

		const other = new CellsAhead(client, steps, Promise.resolve());
		await vi.waitFor(() => expect(ran).toHaveLength(6));
		other.take(CLUSTER_INPUT);
		// Another k: the person changed the parameters, so the cell fits again.
		expect(other.takeFit('clusters', { k: 3, seed: 1 })).toBeNull();
	});
});
