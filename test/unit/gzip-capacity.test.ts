/**
 * A compressed file's rows are judged by the size of its text, not of the file: 20 MB of gzip
 * can hold 3 GB of repetitive lines, which must be flagged as too big before the load starts
 * (issue #27 item 5). The engine counts the expanded bytes; the page estimates rows from them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { startNodeEngine } from '../helpers/node-engine';
import type { EngineApi, OpenedFile } from '../../src/engine/protocol';
import { capacityRows, overCapacity } from '../../src/state/capacity';

const LINE = 'c1,o1,2024-01-01,5.00,p1\n';
const ROWS = 100_000;
const text = 'customer,order,date,amount,product\n' + LINE.repeat(ROWS);
const gzipped = gzipSync(new TextEncoder().encode(text), { level: 1 });

let engine: EngineApi;
let opened: OpenedFile;
beforeAll(async () => {
	engine = await startNodeEngine();
	opened = await engine.openFile(new File([gzipped], 'orders.csv.gz'), {});
});

describe('a gzip CSV', () => {
	it('reports the bytes of its text, counted by expanding it', () => {
		expect(gzipped.length).toBeLessThan(text.length / 50);
		expect(opened.compressed).toBe(true);
		expect(opened.textBytes).toBe(new TextEncoder().encode(text).length);
	});

	it('is flagged when its text holds more rows than the tab can analyse', () => {
		// 16 MB of engine memory holds 49,344 rows at 340 bytes a row; the file holds 100,000.
		const memory = 16 * 2 ** 20;
		const over = overCapacity(gzipped.length, opened, memory);
		expect(over?.capacity).toBe(capacityRows(memory));
		// Each preview row is 5 fields of 2–10 bytes with separators: 25 bytes, as LINE.
		expect(over?.rows).toBe(ROWS + 1);
		expect(overCapacity(gzipped.length, opened, 2 ** 30)).toBeNull();
	});

	it('an uncompressed file reports its own size', async () => {
		const plain = await engine.openFile(new File([text], 'orders.csv'), {});
		expect(plain.textBytes).toBe(text.length);
	});
});
