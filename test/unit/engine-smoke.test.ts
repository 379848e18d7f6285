import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeEngine, textFile } from '../helpers/node-engine';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import { parseMapping } from '../../src/ingest/mapping';

let engine: EngineApi;
beforeAll(async () => {
	engine = await startNodeEngine();
});

describe('engine smoke', () => {
	it('opens a small CSV and normalises it', async () => {
		const opened = await engine.openFile(
			textFile('o.csv', 'order_id,customer_id,order_date,amount\nA,00123,2024-01-05,10.50\nB,123,2024-01-06,(2.50)\nB,123,2024-01-06,(2.50)\nC,,2024-01-07,1\n'),
			{}
		);
		console.log(JSON.stringify(opened.guess, null, 1));
		const mapping = parseMapping({ ...opened.guess.draft, today: '2025-01-01' }, opened.columns);
		const report = await engine.normalise(mapping);
		console.log(report);
		console.log(await rowsOf(engine, 'SELECT * FROM transactions'));
		console.log(await rowsOf(engine, 'SELECT * FROM set_aside'));
		expect(report.rowsRead).toBe(4);
	});
});
