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
		expect(report.clusters[2].name).toBe('recent-frequent-high_spend');
		expect(report.clusters[0].name).toBe('lapsed-rare-low_spend');
		expect(report.clusters.map((c) => worded('en', c.name))).toEqual([
			'Lapsed, rare, low-spend',
			'Recent, rare, low-spend',
			'Recent, frequent, high-spend'
		]);
		expect(report.clusters.map((c) => worded('zh', c.name))).toEqual([
			'久未消费、低频、低消费',
			'近期消费、低频、低消费',
			'近期消费、高频、高消费'
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

	it('suggests k = 3 by the silhouette, and keeps the candidates for the chart', async () => {
		const report = await cluster({ k: null, kMax: 6 });
		expect(report.suggested).toBe(true);
		expect(report.k).toBe(3);
		const choice = await rowsOf(engine, 'SELECT k FROM cluster_k_choice ORDER BY k');
		expect(choice.map((r) => r.k)).toEqual([2, 3, 4, 5, 6]);
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
			// B against everyone's means (213.9 days, 5.65 orders, 503.2): 60 < 0.8 × 213.9, 4 < 0.8 × 5.65, 300 < 0.8 × 503.2.
			{ segment: 'recent-rare-low_spend', customers: 200 },
			{ segment: 'lapsed-rare-low_spend', customers: 300 }
		]);
	});
});
