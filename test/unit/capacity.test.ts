/**
 * The row estimate behind the "too big for this tab" warning, against the files' own line
 * counts, and the capacity arithmetic.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineApi } from '../../src/engine/protocol';
import { fileFrom, startNodeEngine } from '../helpers/node-engine';
import { dataFile } from '../helpers/data';
import {
	capacityRows,
	estimateRows,
	overCapacity,
	PEAK_BYTES_PER_ROW
} from '../../src/state/capacity';

// Comma-separated, a UTF-8 export with quotes, and whitespace-aligned columns (the last two
// from test/data, uncompressed, so the engine sees the original bytes).
const FILES: [string, () => File][] = [
	['public/sample/orders.csv', () => fileFrom('public/sample/orders.csv')],
	[
		'online_retail_400_customers.csv',
		() => dataFile('online-retail-uci-customer-subset/online_retail_400_customers.csv.gz')
	],
	['CDNOW_sample.txt', () => dataFile('cdnow-lifetimes/CDNOW_sample.txt.gz')]
];

const lines = async (file: File) =>
	(await file.text()).split('\n').filter((l) => l.trim() !== '').length;

describe('the row estimate', () => {
	let engine: EngineApi;
	beforeAll(async () => {
		engine = await startNodeEngine();
	});

	// Padding and quotes are not in the preview, so the estimate may err high, never far low.
	it.each(FILES)('is near the line count of %s, if anything above it', async (_, open) => {
		const file = open();
		const opened = await engine.openFile(file, {});
		const estimate = estimateRows(file.size, opened)!;
		expect(estimate / (await lines(file))).toBeGreaterThan(0.95);
		expect(estimate / (await lines(file))).toBeLessThan(1.25);
	});

	it('says nothing for formats whose size does not tell their rows', () => {
		const preview = [['C1', '2024-01-01', '10']];
		expect(estimateRows(1e9, { format: 'parquet', compressed: false, preview })).toBeNull();
		expect(estimateRows(1e9, { format: 'xlsx', compressed: false, preview })).toBeNull();
		expect(estimateRows(1e9, { format: 'csv', compressed: true, preview })).toBeNull();
		expect(estimateRows(1e9, { format: 'csv', compressed: false, preview: [] })).toBeNull();
	});
});

describe('the capacity', () => {
	it('is the memory limit over the peak bytes a row needs', () => {
		expect(capacityRows(2 ** 30)).toBe(Math.floor(2 ** 30 / PEAK_BYTES_PER_ROW));
	});

	it('flags a file only past it', () => {
		// 17 bytes a line: "C1,2024-01-01,10" and its line end.
		const opened = {
			format: 'csv' as const,
			compressed: false,
			preview: [['C1', '2024-01-01', '10']]
		};
		const memory = 20_000 * PEAK_BYTES_PER_ROW;
		expect(overCapacity(19_000 * 17, opened, memory)).toBeNull();
		expect(overCapacity(30_000 * 17, opened, memory)).toEqual({ rows: 30_000, capacity: 20_000 });
	});
});
