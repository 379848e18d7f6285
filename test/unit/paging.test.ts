/**
 * Paging through a sorted result: every row exactly once, however many share the sorted value.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeEngine } from '../helpers/node-engine';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import { pageQuery } from '../../src/analyses/cell-sql';

let engine: EngineApi;

beforeAll(async () => {
	engine = await startNodeEngine();
	// 1,000 customers in 3 segments: each sorted value is shared by hundreds of rows.
	await engine.query(`CREATE TABLE ties AS SELECT 'C' || lpad(CAST(i AS VARCHAR), 4, '0') AS customer_id,
		['a', 'b', 'c'][i % 3 + 1] AS segment, CAST(i % 7 AS DOUBLE) AS monetary FROM range(1000) r(i)`);
});

describe('pageQuery', () => {
	it.each([
		{ column: 'segment', descending: false },
		{ column: 'monetary', descending: true }
	])('pages sorted by $column hold every row once', async (sort) => {
		const seen: string[] = [];
		for (let offset = 0; offset < 1000; offset += 37) {
			const page = await rowsOf(engine, pageQuery('ties', offset, 37, sort).text);
			seen.push(...page.map((r) => String(r.customer_id)));
		}
		expect(seen).toHaveLength(1000);
		expect(new Set(seen).size).toBe(1000);
	});
});
