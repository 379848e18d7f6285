/**
 * The value × potential grid on the real engine: its parameters, and the tiers of a hand-built
 * file with the tertiles worked out by hand below, typed cut points, the ABC variant and the
 * comparison date. Totals against RFM and CLV on a real file: grid-totals.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { startNodeEngine, textFile } from '../helpers/node-engine';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import { parseMapping } from '../../src/ingest/mapping';
import { createResultTable, tableRef } from '../../src/analyses/cell-sql';
import { GRID_DEFAULTS, parseGridConfig } from '../../src/analyses/grid/config';
import { parseConfig } from '../../src/state/config';
import { gridQuery, GRID_COLUMNS } from '../../src/analyses/grid/query';
import { gridCharts } from '../../src/analyses/grid/chart';
import { GRID_TIER_KEYS } from '../../src/analyses/grid/tiers';
import { parseAbcConfig } from '../../src/analyses/abc/config';
import { abcQuery } from '../../src/analyses/abc/query';
import { exportLabels, gridTierLabel } from '../../src/analyses/labels';
import { setLocale } from '../../src/i18n/locale';
import { translate } from '../../src/i18n/t';

// Analysis date 2024-07-01 (exclusive); the last 90 days start on 2024-04-02, and 90 days scale
// to a 360-day horizon by × 4. G buys only after the analysis date, H only refunds: neither is in.
const CSV = `order_id,customer_id,order_date,amount
A1,A,2024-06-01 10:00:00,100
A2,A,2024-06-15 10:00:00,200
B1,B,2024-01-10 10:00:00,500
C1,C,2024-05-01 10:00:00,50
D1,D,2023-12-01 10:00:00,20
D2,D,2024-03-01 10:00:00,20
E1,E,2024-06-20 10:00:00,150
E1,E,2024-06-25 10:00:00,-30
F1,F,2024-04-10 10:00:00,80
F2,F,2024-05-10 10:00:00,80
F3,F,2024-06-10 10:00:00,80
G1,G,2024-07-05 10:00:00,999
H9,H,2024-02-01 10:00:00,-10
`;

const RECENT = {
	analysisDate: '2024-07-01',
	potential: 'recent',
	recentDays: 90,
	horizonDays: 360
};

let engine: EngineApi;
beforeAll(async () => {
	engine = await startNodeEngine();
	const opened = await engine.openFile(textFile('grid.csv', CSV), {});
	await engine.normalise(
		parseMapping({ ...opened.guess.draft, today: '2030-01-01' }, opened.columns)
	);
});

async function grid(config: unknown) {
	await engine.query(createResultTable('grid', gridQuery(parseGridConfig(config))).text);
	return rowsOf(engine, 'SELECT * FROM grid ORDER BY customer_id');
}

const pick = (rows: Record<string, unknown>[], ...keys: string[]) =>
	rows.map((r) => Object.fromEntries(['customer_id', ...keys].map((k) => [k, r[k]])));

describe('grid parameters', () => {
	it('falls back to the defaults for anything not valid, and keeps what is', () => {
		expect(parseGridConfig('garbage')).toEqual(GRID_DEFAULTS);
		expect(
			parseGridConfig({
				value: "abc'; DROP TABLE rfm; --",
				potential: 'model',
				recentDays: -5,
				horizonDays: '1e9',
				valueCuts: [300, 100],
				potentialCuts: [1, 'x'],
				analysisDate: '2024-02-30',
				abcA: 0.9,
				abcB: 0.5
			})
		).toEqual({
			...GRID_DEFAULTS,
			recentDays: 1,
			horizonDays: 3650,
			abcA: 0.9,
			abcB: 0.91
		});
		const kept = {
			...GRID_DEFAULTS,
			value: 'abc',
			potential: 'clv',
			valueCuts: [100, 250],
			potentialCuts: [0.5, 2],
			compareDate: '2024-05-01'
		};
		expect(parseGridConfig(kept)).toEqual(kept);
		// A shared configuration names the cell; its own parser checks the values.
		expect(parseConfig({ version: 2, language: 'en', cells: { grid: kept } }).cells.grid).toEqual(
			kept
		);
	});
});

describe('grid tiers on a hand-worked file', () => {
	it('cuts value and potential at the tertiles and names the nine tiers', async () => {
		const rows = await grid(RECENT);
		expect(Object.keys(rows[0])).toEqual([...GRID_COLUMNS]);
		// Net spend: A 100 + 200, B 500, C 50, D 20 + 20, E 150 − 30 (refund of E1), F 3 × 80.
		// Sorted 40, 50, 120, 240, 300, 500 (n = 6). Tertiles, linear between ranks:
		// 1/3 at position 5/3 → 50 + 2/3 × (120 − 50) = 96.67; 2/3 at 10/3 → 240 + 1/3 × 60 = 260.
		// Low: D, C; medium: E, F; high: A, B.
		// Orders since 2024-04-02 × 4: A 2 → 8, B 0, C 1 → 4, D 0 (03-01 is earlier), E 1 → 4 (the
		// refund is not an order), F 3 → 12. Sorted 0, 0, 4, 4, 8, 12: 1/3 at 5/3 → 0 + 2/3 × 4 =
		// 2.67; 2/3 at 10/3 → 4 + 1/3 × 4 = 5.33. Low: B, D; medium: C, E; high: A, F.
		expect(pick(rows, 'net_spend', 'potential', 'value_tier', 'potential_tier', 'tier')).toEqual([
			{
				customer_id: 'A',
				net_spend: 300,
				potential: 8,
				value_tier: 'high',
				potential_tier: 'high',
				tier: 'core'
			},
			{
				customer_id: 'B',
				net_spend: 500,
				potential: 0,
				value_tier: 'high',
				potential_tier: 'low',
				tier: 'win_back'
			},
			{
				customer_id: 'C',
				net_spend: 50,
				potential: 4,
				value_tier: 'low',
				potential_tier: 'medium',
				tier: 'developing'
			},
			{
				customer_id: 'D',
				net_spend: 40,
				potential: 0,
				value_tier: 'low',
				potential_tier: 'low',
				tier: 'low_value'
			},
			{
				customer_id: 'E',
				net_spend: 120,
				potential: 4,
				value_tier: 'medium',
				potential_tier: 'medium',
				tier: 'steady'
			},
			{
				customer_id: 'F',
				net_spend: 240,
				potential: 12,
				value_tier: 'medium',
				potential_tier: 'high',
				tier: 'rising'
			}
		]);
		expect(rows.find((r) => r.customer_id === 'B')?.action).toBe(
			translate('en', 'grid.action_win_back')
		);
	});

	it('uses typed cut points: up to the first low, up to the second medium, above high', async () => {
		const rows = await grid({ ...RECENT, valueCuts: [100, 250], potentialCuts: [3, 10] });
		// A: 300 > 250 high, 8 ≤ 10 medium; B: high, 0 ≤ 3 low; C: 50 low, 4 medium; D low, low;
		// E: 120 medium, 4 medium; F: 240 medium, 12 > 10 high.
		expect(pick(rows, 'tier').map((r) => r.tier)).toEqual([
			'maintain',
			'win_back',
			'developing',
			'low_value',
			'steady',
			'rising'
		]);
	});

	it('takes present value from the ABC class of net spend, as the ABC cell classes it', async () => {
		// Without an analysis date G (999) is in. Largest first: G 999, B 500, A 300, F 240, E 120,
		// C 50, D 40; total 2249. Share of the total before each: G 0, B 999/2249 = .444, A .667,
		// F 1799/2249 = .7999 (all < .8: A); E 2039/2249 = .907 (< .95: B); C .960, D .982 (C).
		const rows = await grid({ value: 'abc' });
		expect(pick(rows, 'value_tier').map((r) => `${r.customer_id}:${r.value_tier}`)).toEqual([
			'A:high',
			'B:high',
			'C:low',
			'D:low',
			'E:medium',
			'F:high',
			'G:high'
		]);
		await engine.query(createResultTable('abc_customers', abcQuery(parseAbcConfig({}))).text);
		const abc = await rowsOf(engine, 'SELECT id, class FROM abc_customers ORDER BY id');
		const level = { A: 'high', B: 'medium', C: 'low' } as Record<string, string>;
		for (const row of rows)
			expect(level[String(abc.find((a) => a.id === row.customer_id)?.class)]).toBe(row.value_tier);
	});

	it('gives each customer the tier they were in at the comparison date', async () => {
		const rows = await grid({ ...RECENT, compareDate: '2024-05-01' });
		// Before 2024-05-01: B 500, D 40, F 80 (F1); A, C (05-01 10:00 is not before) and E not yet.
		// Values 40, 80, 500: 1/3 at 2/3 → 66.67, 2/3 at 4/3 → 80 + 1/3 × 420 = 220: D low, F medium,
		// B high. Orders since 2024-02-01 × 4: B 0, D 1 → 4 (03-01), F 1 → 4; sorted 0, 4, 4: cuts
		// 2.67 and 4: B low, D and F medium.
		expect(pick(rows, 'tier', 'tier_before')).toEqual([
			{ customer_id: 'A', tier: 'core', tier_before: 'not_yet' },
			{ customer_id: 'B', tier: 'win_back', tier_before: 'win_back' },
			{ customer_id: 'C', tier: 'developing', tier_before: 'not_yet' },
			{ customer_id: 'D', tier: 'low_value', tier_before: 'developing' },
			{ customer_id: 'E', tier: 'steady', tier_before: 'not_yet' },
			{ customer_id: 'F', tier: 'rising', tier_before: 'steady' }
		]);
	});

	it('draws all nine cells with counts and revenue, and drills into one', async () => {
		await grid(RECENT);
		const [heatmap, tiers, transitions] = gridCharts({ compareDate: '2024-05-01' });
		const cells = await rowsOf(engine, heatmap.query(tableRef('grid')).text);
		expect(cells).toHaveLength(9);
		expect(cells[0]).toMatchObject({ value_tier: 'high', potential_tier: 'high' });
		const cell = (v: string, p: string) =>
			cells.find((c) => c.value_tier === v && c.potential_tier === p);
		expect(cell('high', 'high')).toMatchObject({ customers: 1, revenue: 300 });
		expect(cell('medium', 'low')).toMatchObject({ customers: 0, revenue: 0 });
		expect(cell('low', 'medium')).toMatchObject({ customers: 1, revenue: 50 });
		const drill = heatmap.drill!({ value_tier: 'high', potential_tier: 'low' }, tableRef('grid'))!;
		expect(drill.label).toBe('Customers: Win-back customers');
		expect((await rowsOf(engine, drill.query.text)).map((r) => r.customer_id)).toEqual(['B']);
		for (const lang of ['en', 'zh'] as const) {
			setLocale(lang);
			const spec = JSON.stringify(heatmap.spec(cells));
			// Words, never keys: the tier and level names are in the spec, the keys only as data.
			expect(spec).toContain(gridTierLabel('win_back'));
			expect(() => compile(heatmap.spec(cells) as never)).not.toThrow();
			expect(() => compile(tiers.spec([]) as never)).not.toThrow();
			expect(() => compile(transitions.spec([]) as never)).not.toThrow();
		}
		setLocale('en');
		expect(gridTierLabel('win_back')).toBe('Win-back customers');
		expect(translate('zh', 'grid.tier_core')).toBe('核心客户');
	});

	it('names every tier in both languages and labels the export', () => {
		for (const key of [...GRID_TIER_KEYS, 'not_yet']) {
			expect(translate('en', `grid.tier_${key}` as never)).not.toMatch(/grid\./);
			expect(translate('zh', `grid.tier_${key}` as never)).toMatch(/[\u4e00-\u9fff]/);
		}
		const labels = exportLabels('grid', {}, [...GRID_COLUMNS, 'tier_before']);
		expect(labels.map((l) => l.column)).toEqual([
			'value_tier',
			'potential_tier',
			'tier',
			'tier_before'
		]);
		expect(labels[2].labels.emerging).toBe('Potential customers');
	});
});
