/**
 * The clusters cell through the engine: three groups of customers built by hand, far apart in
 * recency, orders and spend, come back as three clusters with the right members and names,
 * the same on every run with the same seed; "suggest" finds k = 3. Names are keys, worded in
 * either language.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { startNodeEngine } from '../helpers/node-engine';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import { createResultTable } from '../../src/analyses/cell-sql';
import { parseClustersConfig } from '../../src/analyses/clusters/config';
import { clusterInputQuery } from '../../src/analyses/clusters/query';
import type { ClustersReport } from '../../src/analyses/clusters/report';
import { personasQuery } from '../../src/analyses/personas/query';
import { clusterLabel } from '../../src/analyses/labels';
import { cellText } from '../../src/ui/tables/cell-text';
import { setLocale, type Locale } from '../../src/i18n/locale';

/** A cluster's name as a person reads it in `lang`. */
function worded(lang: Locale, name: string): string {
	setLocale(lang);
	try {
		return clusterLabel(name);
	} finally {
		setLocale('en');
	}
}
import { parsePersonasConfig } from '../../src/analyses/personas/config';
import { customerOrdersStatement, customerSummaryStatement } from '../../src/ingest/normalise-sql';

// 120 champions (5 days, 20 orders, 2,000), 200 regulars (60 days, 4 orders, 300), 300 lapsed
// one-timers (400 days, 1 order, 40), each with a little deterministic jitter.
const GROUPS = [
	{ prefix: 'A', n: 120, r: 5, f: 20, m: 2000 },
	{ prefix: 'B', n: 200, r: 60, f: 4, m: 300 },
	{ prefix: 'C', n: 300, r: 400, f: 1, m: 40 }
];

let engine: EngineApi;

async function cluster(config: unknown): Promise<ClustersReport> {
	await engine.query(
		createResultTable('cluster_input', clusterInputQuery(parseClustersConfig(config))).text
	);
	return (await engine.fitModel('clusters', config)) as ClustersReport;
}

beforeAll(async () => {
	engine = await startNodeEngine();
	const rows = GROUPS.flatMap((g) =>
		Array.from({ length: g.n }, (_, i) => {
			const jitter = 1 + ((i % 7) - 3) / 30;
			return `('${g.prefix}${String(i).padStart(3, '0')}', ${Math.round(g.r * jitter)}, ${Math.max(1, Math.round(g.f * jitter))}, ${(g.m * jitter).toFixed(2)})`;
		})
	);
	await engine.query(
		`CREATE OR REPLACE TABLE rfm AS SELECT * FROM (VALUES ${rows.join(', ')}) AS t(customer_id, recency_days, frequency, monetary)`
	);
}, 60_000);

describe('k-means clusters of customers', () => {
	it('recovers the three groups exactly and names them from their profiles', async () => {
		const report = await cluster({ k: 3, seed: 7 });
		expect(report.k).toBe(3);
		expect(report.clusters.map((c) => c.customers)).toEqual([300, 200, 120]);
		const members = await rowsOf(
			engine,
			'SELECT cluster, min(left(customer_id, 1)) AS lo, max(left(customer_id, 1)) AS hi, count(*) AS n FROM clusters GROUP BY 1 ORDER BY 1'
		);
		expect(members).toEqual([
			{ cluster: 1, lo: 'C', hi: 'C', n: 300 },
			{ cluster: 2, lo: 'B', hi: 'B', n: 200 },
			{ cluster: 3, lo: 'A', hi: 'A', n: 120 }
		]);
		// Terciles of the 620 customers (type 7: sorted positions 206.33 and 412.67). Recency: A's
		// 120 values (5–6 days) come first, then B's 54 ×29, 56 ×29, 58 ×29, 60 ×29 …: position
		// 206.33 is B's 86.33rd, between 58 and 60 → 58.67; 412.67 is C's 92.67th (360 ×43,
		// 373 ×43, 387 ×43 …) → 387. Orders: C's 300 ones, B's 200 fours, then A → 1 and 4. Spend:
		// C's 36 ×43, 37.33 ×43, 38.67 ×43, 40 ×43, 41.33 ×43 … → 41.33 at 206.33; B's 270 ×29,
		// 280 ×29, 290 ×29, 300 ×29 … → 300 at 412.67. Centres (each cluster's median member):
		// A (5, 20, 2000) → recent, frequent, high; B (60, 4, 300: its 100th and 101st values)
		// → mid, regular (4 ≤ 4), mid (300 ≤ 300); C (400, 1, 40) → lapsed, rare, low.
		expect(report.clusters.map((c) => c.name)).toEqual([
			'lapsed-rare-low_spend',
			'mid_recency-regular-mid_spend',
			'recent-frequent-high_spend'
		]);
		expect(report.clusters[1].centre).toEqual({ recency_days: 60, frequency: 4, monetary: 300 });
		expect(report.terciles?.frequency).toEqual([1, 4]);
		expect(report.terciles?.recency_days[0]).toBeCloseTo(58 + 2 / 3, 9);
		expect(report.terciles?.monetary[1]).toBe(300);
		expect(report.clusters.map((c) => worded('en', c.name))).toEqual([
			'Lapsed · rare · low spend',
			'Mid-recency · regular · mid spend',
			'Recent · frequent · high spend'
		]);
		expect(report.clusters.map((c) => worded('zh', c.name))).toEqual([
			'久未消费 · 低频 · 低消费',
			'间隔一般 · 中频 · 中消费',
			'近期 · 高频 · 高消费'
		]);
	});

	it('gives the same clusters for the same seed', async () => {
		await cluster({ k: 3, seed: 11 });
		const first = await rowsOf(engine, 'SELECT customer_id, cluster FROM clusters ORDER BY 1');
		await cluster({ k: 3, seed: 11 });
		expect(await rowsOf(engine, 'SELECT customer_id, cluster FROM clusters ORDER BY 1')).toEqual(
			first
		);
	});

	it('suggests k = 3 from k = 3 … 6, and keeps the candidates and the choice for the chart', async () => {
		const report = await cluster({ k: null, kMax: 6 });
		expect(report.suggested).toBe(true);
		expect(report.k).toBe(3);
		const choice = await rowsOf(engine, 'SELECT k, chosen FROM cluster_k_choice ORDER BY k');
		expect(choice).toEqual([
			{ k: 3, chosen: true },
			{ k: 4, chosen: false },
			{ k: 5, chosen: false },
			{ k: 6, chosen: false }
		]);
		expect(report.candidates.map((c) => c.k)).toEqual([3, 4, 5, 6]);
	});

	it('never suggests fewer than 3 or more than 8 clusters', async () => {
		const report = await cluster({ k: null, kMax: 12 });
		expect(report.candidates.map((c) => c.k)).toEqual([3, 4, 5, 6, 7, 8]);
		expect(parseClustersConfig({ kMax: 12 }).kMax).toBe(8);
		expect(parseClustersConfig({ kMax: 2 }).kMax).toBe(3);
	});

	it('uses the names people type, and the personas cell describes the clusters', async () => {
		await cluster({ k: 3, seed: 7, names: { '3': 'VIP' } });
		// One order per customer, so the personas cell's customer counts are the cluster sizes.
		await engine.query(`CREATE OR REPLACE TABLE transactions AS SELECT customer_id, 'o' || customer_id AS order_id,
			TIMESTAMP '2024-01-01' + to_days(CAST(recency_days AS INTEGER)) AS order_ts, monetary AS amount,
			CAST(NULL AS DOUBLE) AS quantity, CAST(NULL AS VARCHAR) AS product_id FROM rfm`);
		// The loader's per-order and per-customer tables, built by its own statements.
		await engine.query(customerOrdersStatement().text);
		await engine.query(customerSummaryStatement().text);
		const personas = await rowsOf(
			engine,
			`SELECT segment, customers FROM (${personasQuery(parsePersonasConfig({ source: 'clusters' })).text}) ORDER BY customers`
		);
		expect(personas).toEqual([
			{ segment: 'VIP', customers: 120 },
			// B's centre in the middle third of all three (the first test works out the terciles).
			{ segment: 'mid_recency-regular-mid_spend', customers: 200 },
			{ segment: 'lapsed-rare-low_spend', customers: 300 }
		]);
	});
});

describe('names from where each centre sits among all customers', () => {
	// 60 customers at four points: 4 wholesale buyers W (19 days, 2 orders, 50,000), 16 good
	// customers V (19 days, 6 orders, 1,757), 20 middling M (90, 2, 400), 20 lapsed S (300, 1, 60).
	const POINTS = [
		{ prefix: 'W', n: 4, r: 19, f: 2, m: 50_000 },
		{ prefix: 'V', n: 16, r: 19, f: 6, m: 1757 },
		{ prefix: 'M', n: 20, r: 90, f: 2, m: 400 },
		{ prefix: 'S', n: 20, r: 300, f: 1, m: 60 }
	];
	beforeAll(async () => {
		const rows = POINTS.flatMap((p) =>
			Array.from({ length: p.n }, (_, i) => `('${p.prefix}${i}', ${p.r}, ${p.f}, ${p.m})`)
		);
		await engine.query(
			`CREATE OR REPLACE TABLE rfm AS SELECT * FROM (VALUES ${rows.join(', ')}) AS t(customer_id, recency_days, frequency, monetary)`
		);
	});

	it('names the 1,757 spender of 19 days ago recent and high-spend, whatever the whales do', async () => {
		// Sorted values and type-7 terciles at positions 59/3 = 19.67 and 118/3 = 39.33:
		// recency 19 ×20, 90 ×20, 300 ×20 → 19 + ⅔·71 = 66.33 and 90 + ⅓·210 = 160;
		// orders 1 ×20, 2 ×24, 6 ×16 → 1 + ⅔·1 = 1.67 and 2 (positions 39 and 40 are both 2);
		// spend 60 ×20, 400 ×20, 1,757 ×16, 50,000 ×4 → 60 + ⅔·340 = 286.67 and 400 + ⅓·1,357 = 852.33.
		// W: 19 ≤ 66.33 recent, 2 ≤ 2 regular, high; V: recent, 6 > 2 frequent, 1,757 > 852.33 high;
		// M: 90 in (66.33, 160] mid, 2 regular, 400 in (286.67, 852.33] mid; S: 300 > 160 lapsed,
		// 1 ≤ 1.67 rare, 60 low. (Against the mean spend, 3,955.2, V would have been "low spend".)
		const report = await cluster({ k: 4, seed: 3 });
		expect(report.terciles?.recency_days[0]).toBeCloseTo(19 + (2 / 3) * 71, 9);
		expect(report.terciles?.recency_days[1]).toBeCloseTo(160, 9);
		expect(report.terciles?.frequency[0]).toBeCloseTo(1 + 2 / 3, 9);
		expect(report.terciles?.frequency[1]).toBe(2);
		expect(report.terciles?.monetary[0]).toBeCloseTo(60 + (2 / 3) * 340, 9);
		expect(report.terciles?.monetary[1]).toBeCloseTo(400 + 1357 / 3, 9);
		const named = report.clusters.map((c) => [c.name, c.customers]);
		expect(named.sort()).toEqual([
			['lapsed-rare-low_spend', 20],
			['mid_recency-regular-mid_spend', 20],
			['recent-frequent-high_spend', 16],
			['recent-regular-high_spend', 4]
		]);
		const v = report.clusters.find((c) => c.customers === 16)!;
		expect(v.centre.recency_days).toBeCloseTo(19, 9);
		expect(v.centre.monetary).toBeCloseTo(1757, 9);
		expect(worded('en', v.name)).toBe('Recent · frequent · high spend');
		expect(worded('zh', v.name)).toBe('近期 · 高频 · 高消费');
		// What a person reads in the cell's result table and drill-down: the words, never the key.
		const [row] = await rowsOf(
			engine,
			"SELECT cluster_name FROM clusters WHERE customer_id = 'V0'"
		);
		expect(row.cluster_name).toBe('recent-frequent-high_spend');
		expect(cellText('cluster_name', row.cluster_name, false)).toBe(
			'Recent · frequent · high spend'
		);
		setLocale('zh');
		try {
			expect(cellText('cluster_name', row.cluster_name, false)).toBe('近期 · 高频 · 高消费');
		} finally {
			setLocale('en');
		}
	});
});
