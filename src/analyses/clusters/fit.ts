/**
 * k-means in the worker: features from `cluster_input` (built by the clusters cell's SQL),
 * ln(1 + v) and standardised, k from the person or suggested on a sample (../../models/choose-k);
 * writes `clusters` (each customer with its cluster and name) and `cluster_k_choice` (the
 * candidates, with the chosen k and the elbow flagged).
 */
import {
	Bool,
	Float64,
	Int32,
	Table,
	Utf8,
	makeVector,
	tableToIPC,
	vectorFromArray
} from 'apache-arrow';
import type { Table as ArrowTable } from 'apache-arrow';
import { parseClustersConfig } from './config';
import {
	clusterName,
	numberedClusterName,
	quantile,
	terciles,
	type Profile,
	type Terciles
} from './names';
import type { ClustersReport } from './report';
import { suggestK, type KSuggestion } from '../../models/choose-k';
import { kmeans } from '../../models/kmeans';
import { standardise } from '../../models/standardise';
import { ident, sql } from '../../sql/sql';
import { LocalisedError } from '../../i18n/errors';
import { msg, type Message } from '../../i18n/message';
import { doublesOf } from '../../lib/arrow-numbers';
import type { FitDatabase } from '../fit-database';

export const CLUSTER_TABLES = {
	input: 'cluster_input',
	result: 'clusters',
	choice: 'cluster_k_choice'
} as const;
/** Rows are matched back by rowid: no hundred thousand customer ids cross into JavaScript and back. */
const ROW_KEY = '__cluster_row';
const MIN_CUSTOMERS = 20;
/** The smallest k suggested: analysts segment customers into 3 to 8 groups. */
const K_MIN = 3;
/** The features a generated name speaks of. */
const NAMED = ['recency_days', 'frequency', 'monetary'] as const;

function numericColumns(table: ArrowTable): string[] {
	return table.schema.fields
		.filter(
			(f) =>
				f.name !== 'customer_id' &&
				f.name !== ROW_KEY &&
				/^(Float|Int|Decimal)/.test(String(f.type))
		)
		.map((f) => f.name);
}

/** The terciles of recency, orders and spend over every customer; null if one is missing. */
function populationTerciles(data: Float64Array, features: string[]): Terciles | null {
	if (!NAMED.every((f) => features.includes(f))) return null;
	const cols = features.length;
	const column = (j: number) =>
		Float64Array.from({ length: data.length / cols }, (_, i) => data[i * cols + j]);
	const [r, f, m] = NAMED.map((name) => terciles(column(features.indexOf(name))));
	return { recency_days: r, frequency: f, monetary: m };
}

/**
 * Each cluster's centre as its median member on each feature, in the original units: the
 * typical customer, on a value customers really have (a cluster of one-order customers with a
 * few two-order ones is at 1 order, where their mean, 1.2, would rank above a third of everyone).
 */
function clusterMedians(
	data: Float64Array,
	cols: number,
	assignment: Uint32Array,
	k: number
): Float64Array[] {
	return Array.from({ length: k }, (_, c) => {
		const members: number[] = [];
		assignment.forEach((a, i) => a === c && members.push(i));
		return Float64Array.from({ length: cols }, (_, j) =>
			quantile(Float64Array.from(members, (i) => data[i * cols + j]).sort(), 0.5)
		);
	});
}

export async function fitClustersTable(
	db: FitDatabase,
	input: unknown,
	signal: AbortSignal,
	onProgress: (detail: Message) => void
): Promise<ClustersReport> {
	const started = performance.now();
	const config = parseClustersConfig(input);
	const table = db.query(
		sql`SELECT rowid AS ${ident(ROW_KEY)}, * FROM ${ident(CLUSTER_TABLES.input)}`
	);
	const features = numericColumns(table);
	if (!table.schema.fields.some((f) => f.name === 'customer_id') || features.length === 0) {
		throw new LocalisedError('fit.clusters_columns');
	}
	const rows = table.numRows;
	if (rows < MIN_CUSTOMERS)
		throw new LocalisedError('fit.clusters_too_few', { n: rows, min: MIN_CUSTOMERS });
	const data = new Float64Array(rows * features.length);
	features.forEach((name, j) => {
		const values = doublesOf(table.getChild(name)!);
		for (let i = 0; i < rows; i++) data[i * features.length + j] = values[i];
	});
	// Skewed, non-negative features (counts, days, money) are compared on a log scale.
	const logTransform = features.map((_, j) => {
		for (let i = 0; i < rows; i++) if (data[i * features.length + j] < 0) return false;
		return true;
	});
	const scaled = standardise({ data, rows, cols: features.length }, logTransform).matrix;
	let k = config.k;
	let suggestion: KSuggestion | null = null;
	if (k === null) {
		onProgress(msg('fit.progress_choosing_k', { max: config.kMax }));
		suggestion = await suggestK(scaled, {
			kMin: K_MIN,
			kMax: config.kMax,
			seed: config.seed,
			signal
		});
		k = suggestion.k;
	}
	const candidates = suggestion?.candidates ?? [];
	const result = await kmeans(scaled, {
		k,
		seed: config.seed,
		signal,
		onProgress: (p) =>
			onProgress(msg('fit.progress_kmeans', { iteration: p.iteration, moved: p.changed }))
	});
	// Profiles in the original units: the members' means.
	const sums = Array.from({ length: k }, () => new Float64Array(features.length));
	for (let i = 0; i < rows; i++) {
		const c = result.assignment[i];
		for (let j = 0; j < features.length; j++) sums[c][j] += data[i * features.length + j];
	}
	const asProfile = (values: Float64Array, n: number) =>
		Object.fromEntries(features.map((f, j) => [f, values[j] / Math.max(1, n)]));
	const centres = clusterMedians(data, features.length, result.assignment, k);
	const cuts = populationTerciles(data, features);
	// Clusters numbered by size, largest first, so numbers (and typed names) stay put between runs.
	const order = Array.from({ length: k }, (_, c) => c).sort(
		(a, b) => result.sizes[b] - result.sizes[a]
	);
	const numberOf = new Uint32Array(k);
	order.forEach((c, rank) => (numberOf[c] = rank + 1));
	const clusters = order.map((c) => {
		const centre = Object.fromEntries(features.map((f, j) => [f, centres[c][j]]));
		const cluster = numberOf[c];
		const automatic = cuts
			? clusterName(centre as unknown as Profile, cuts)
			: numberedClusterName(cluster);
		return {
			cluster,
			name: config.names[String(cluster)] ?? automatic,
			customers: result.sizes[c],
			profile: asProfile(sums[c], result.sizes[c]),
			centre
		};
	});
	const assigned = new Table({
		[ROW_KEY]: makeVector(doublesOf(table.getChild(ROW_KEY)!)),
		cluster: makeVector(Int32Array.from(result.assignment, (c) => numberOf[c]))
	});
	const names = new Table({
		cluster: makeVector(Int32Array.from(clusters, (c) => c.cluster)),
		cluster_name: vectorFromArray(
			clusters.map((c) => c.name),
			new Utf8()
		)
	});
	db.query(sql`DROP TABLE IF EXISTS cluster_assignment`);
	db.query(sql`DROP TABLE IF EXISTS cluster_names`);
	db.insert('cluster_assignment', tableToIPC(assigned, 'stream'));
	db.insert('cluster_names', tableToIPC(names, 'stream'));
	db.query(sql`CREATE OR REPLACE TABLE ${ident(CLUSTER_TABLES.result)} AS
SELECT i.*, a.cluster, n.cluster_name
FROM ${ident(CLUSTER_TABLES.input)} i
JOIN cluster_assignment a ON i.rowid = a.${ident(ROW_KEY)}
JOIN cluster_names n USING (cluster)
ORDER BY a.cluster, i.customer_id`);
	db.query(sql`DROP TABLE cluster_assignment`);
	db.query(sql`DROP TABLE cluster_names`);
	const choice = new Table({
		k: vectorFromArray(
			candidates.map((c) => c.k),
			new Int32()
		),
		silhouette: makeVector(Float64Array.from(candidates.map((c) => c.silhouette))),
		inertia: vectorFromArray(
			candidates.map((c) => c.inertia),
			new Float64()
		),
		chosen: vectorFromArray(
			candidates.map((c) => c.k === k),
			new Bool()
		),
		elbow: vectorFromArray(
			candidates.map((c) => c.k === suggestion?.elbow),
			new Bool()
		)
	});
	db.query(sql`DROP TABLE IF EXISTS ${ident(CLUSTER_TABLES.choice)}`);
	if (candidates.length) db.insert(CLUSTER_TABLES.choice, tableToIPC(choice, 'stream'));
	else
		db.query(
			sql`CREATE TABLE ${ident(CLUSTER_TABLES.choice)} (k INTEGER, silhouette DOUBLE, inertia DOUBLE, chosen BOOLEAN, elbow BOOLEAN)`
		);
	return {
		k,
		suggested: config.k === null,
		elbow: suggestion?.elbow ?? null,
		bestSilhouette: suggestion?.bestSilhouette ?? null,
		candidates,
		terciles: cuts,
		features,
		clusters,
		iterations: result.iterations,
		ms: performance.now() - started
	};
}
