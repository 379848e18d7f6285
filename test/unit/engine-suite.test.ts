import { beforeAll, describe, it } from 'vitest';
import { engineCases } from '../engine-suite';
import { fileFrom, startNodeEngine } from '../helpers/node-engine';
import type { EngineApi } from '../../src/engine/protocol';

let engine: EngineApi;
beforeAll(async () => {
	engine = await startNodeEngine();
});

describe('EngineApi in Node (blocking DuckDB-WASM, Node runtime)', () => {
	for (const c of engineCases) {
		it(c.name, () => c.run(engine, async (name) => fileFrom(`test/fixtures/${name}`)));
	}
});
