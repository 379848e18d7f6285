/**
 * The grid's totals agree with the cells it sits beside, on a real file (400 retail customers):
 * the same customers and net spend as RFM over the same window and date, and potential equal to
 * the CLV table's expected value, cut at tertiles worked out here in plain TypeScript.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeEngine } from '../helpers/node-engine';
import { dataFile } from '../helpers/data';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import { parseMapping } from '../../src/ingest/mapping';
import { createResultTable } from '../../src/analyses/cell-sql';
import { parseGridConfig } from '../../src/analyses/grid/config';
import { gridQuery } from '../../src/analyses/grid/query';
import { parseRfmConfig } from '../../src/analyses/rfm/config';
import { rfmQuery } from '../../src/analyses/rfm/query';
import { parseClvConfig } from '../../src/analyses/clv/config';
import { summaryQuery } from '../../src/analyses/clv/summary';

describe('grid totals against RFM and CLV on a real file', () => {
	let real: EngineApi;
	beforeAll(async () => {
		real = await startNodeEngine();
		const file = 'online-retail-uci-customer-subset/online_retail_400_customers.csv.gz';
		const opened = await real.openFile(dataFile(file), {});
		await real.normalise(
			parseMapping({ ...opened.guess.draft, today: '2025-01-01' }, opened.columns)
		);
	}, 120_000);

	it('has RFM’s customers and net spend over the same window and date', async () => {
		const window = {
			windowStart: '2010-12-01',
			windowEnd: '2011-09-30',
			analysisDate: '2011-09-15'
		};
		await real.query(createResultTable('rfm', rfmQuery(parseRfmConfig(window))).text);
		await real.query(createResultTable('grid', gridQuery(parseGridConfig(window))).text);
		const rfm = await rowsOf(real, 'SELECT customer_id, monetary FROM rfm ORDER BY 1');
		const grid = await rowsOf(real, 'SELECT customer_id, net_spend FROM grid ORDER BY 1');
		expect(grid.length).toBeGreaterThan(100);
		expect(grid.map((r) => r.customer_id)).toEqual(rfm.map((r) => r.customer_id));
		const sum = (rows: Record<string, unknown>[], k: string) =>
			rows.reduce((s, r) => s + Number(r[k]), 0);
		expect(sum(grid, 'net_spend')).toBeCloseTo(sum(rfm, 'monetary'), 2);
		for (const [i, r] of grid.entries()) expect(r.net_spend).toBe(rfm[i].monetary);
	});

	it('takes potential from the CLV table and cuts it at its tertiles', async () => {
		await real.query(createResultTable('clv_summary', summaryQuery(parseClvConfig({}))).text);
		await real.fitModel('clv', {});
		await real.query(
			createResultTable('grid', gridQuery(parseGridConfig({ potential: 'clv' }))).text
		);
		const rows = await rowsOf(
			real,
			'SELECT g.customer_id, g.potential, g.potential_tier, c.clv FROM grid g LEFT JOIN clv c USING (customer_id)'
		);
		expect(rows.length).toBeGreaterThan(100);
		for (const r of rows) expect(r.potential).toBe(r.clv ?? 0);
		// Tertiles in plain TypeScript: linear between the sorted values at (n − 1) × p.
		const sorted = rows.map((r) => Number(r.potential)).sort((a, b) => a - b);
		const quantile = (p: number) => {
			const at = (sorted.length - 1) * p;
			const lo = Math.floor(at);
			return sorted[lo] + (at - lo) * ((sorted[lo + 1] ?? sorted[lo]) - sorted[lo]);
		};
		const [low, high] = [quantile(1 / 3), quantile(2 / 3)];
		for (const r of rows) {
			const p = Number(r.potential);
			expect(r.potential_tier).toBe(p <= low ? 'low' : p <= high ? 'medium' : 'high');
		}
		const counts = new Set(rows.map((r) => r.potential_tier));
		expect(counts).toEqual(new Set(['low', 'medium', 'high']));
	}, 120_000);
});
