/**
 * The analyses the notebook offers, each as a template cell: defaults, the config parser (the
 * trust boundary), the SQL builder, the result table's name and its charts.
 */
import type { Sql } from '../sql/sql';
import { abcCharts } from './abc/chart';
import { ABC_DEFAULTS, parseAbcConfig, type AbcConfig } from './abc/config';
import { abcQuery } from './abc/query';
import type { ChartDef } from './chart-types';
import { clvCharts } from './clv/chart';
import { CLV_DEFAULTS, parseClvConfig, type ClvConfig } from './clv/config';
import { summaryQuery } from './clv/summary';
import { clusterCharts } from './clusters/chart';
import { CLUSTERS_DEFAULTS, parseClustersConfig, type ClustersConfig } from './clusters/config';
import { clusterInputQuery } from './clusters/query';
import { cohortCharts } from './cohort/chart';
import { COHORT_DEFAULTS, parseCohortConfig, type CohortConfig } from './cohort/config';
import { cohortQuery } from './cohort/query';
import { rfmCharts } from './rfm/chart';
import { parseRfmConfig, RFM_DEFAULTS, type RfmConfig } from './rfm/config';
import { rfmQuery } from './rfm/query';
import { lifecycleCharts } from './lifecycle/chart';
import { LIFECYCLE_DEFAULTS, parseLifecycleConfig, type LifecycleConfig } from './lifecycle/config';
import { lifecycleQuery } from './lifecycle/query';
import { personaCharts } from './personas/chart';
import { parsePersonasConfig, PERSONAS_DEFAULTS, type PersonasConfig } from './personas/config';
import { personasQuery } from './personas/query';

/** One analysis template. */
export interface Analysis<C> {
	title: string;
	/** The DuckDB table that keeps the result, for later cells and drill-down. */
	table: string;
	/** When the table's name depends on the parameters (abc_customers / abc_products). */
	tableFor?(config: C): string;
	defaults: C;
	parse(input: unknown): C;
	query(config: C): Sql;
	charts(config: C): ChartDef[];
	/** What the numbers mean, shown in the cell. */
	definitions: string;
	/** Result tables of other cells this one reads: it re-runs when they change. */
	dependsOn?(config: C): string[];
	/**
	 * For a cell whose result a model computes in the worker: the table its SQL builds (the
	 * model's input); the fit then writes `table`.
	 */
	modelInput?: string;
}

export const RFM: Analysis<RfmConfig> = {
	title: 'RFM segments',
	table: 'rfm',
	defaults: RFM_DEFAULTS,
	parse: parseRfmConfig,
	query: rfmQuery,
	charts: rfmCharts,
	definitions:
		'Recency: days from the last purchase to the analysis date. Frequency: distinct orders (or purchase days). Monetary: net spend, refunds included. A refund row lowers spend but is not an order and does not move the last-order date. Quantile scores keep equal values together, so when most customers share a value (for example one order) some scores stay empty.'
};

export const ABC: Analysis<AbcConfig> = {
	title: 'ABC (Pareto) classes',
	table: 'abc_customers',
	tableFor: (c) => (c.subject === 'products' ? 'abc_products' : 'abc_customers'),
	defaults: ABC_DEFAULTS,
	parse: (input) => parseAbcConfig(input),
	query: abcQuery,
	charts: (c) => abcCharts(c),
	definitions:
		'Items are ranked by the measure, largest first (equal values by id). Cumulative method: an item is A while the share of the measure before it is under the A bound, so the item that crosses the bound is still A. Rank method: by rank as a share of all items. Items with a zero or negative measure are C. XYZ (products): coefficient of variation of monthly quantity over every month of the data (months without sales count as 0; without a quantity column each line is one unit).'
};

export const COHORT: Analysis<CohortConfig> = {
	title: 'Cohort retention',
	table: 'cohorts',
	defaults: COHORT_DEFAULTS,
	parse: parseCohortConfig,
	query: cohortQuery,
	charts: cohortCharts,
	definitions:
		'A cohort is the customers whose first purchase fell in the same period. Retention in period k is the share of the cohort buying in that period (bracket) or in it or any later one (unbounded). The period holding the last day of data is marked incomplete and drawn faded, not read as a drop.'
};

export const LIFECYCLE: Analysis<LifecycleConfig> = {
	title: 'Lifecycle stages',
	table: 'lifecycle',
	defaults: LIFECYCLE_DEFAULTS,
	parse: parseLifecycleConfig,
	query: lifecycleQuery,
	charts: lifecycleCharts,
	definitions:
		'At the analysis date, from purchases before it: churned when the last purchase is older than the churn window, at risk when older than the active window; otherwise new (first purchase within the new window), reactivated (returned after a gap longer than the churn window), loyal (at least K orders) or active. Growth accounting: new, retained (active this and the previous period), resurrected (back after a missed period) and dormant (active last period, not this one); quick ratio = (new + resurrected) / dormant.'
};

export const PERSONAS: Analysis<PersonasConfig> = {
	title: 'Personas and playbooks',
	table: 'personas',
	defaults: PERSONAS_DEFAULTS,
	parse: parsePersonasConfig,
	query: personasQuery,
	charts: personaCharts,
	dependsOn: (c) => [c.source],
	definitions:
		'For each RFM segment (or lifecycle stage): customers, share of customers and of net revenue, average order value (net revenue / orders), median days between consecutive orders, the top 3 products by revenue, and the recommended action, which is editable and exported with the RFM table. Lift compares the mix of an attribute in the group with all customers.'
};

export const CLV: Analysis<ClvConfig> = {
	title: 'Lifetime value (BG/NBD + Gamma-Gamma)',
	table: 'clv',
	modelInput: 'clv_summary',
	defaults: CLV_DEFAULTS,
	parse: parseClvConfig,
	query: summaryQuery,
	charts: clvCharts,
	definitions:
		'The SQL builds one row per customer from purchase days (several purchases on one day count once, their values summed): x = repeat purchase days, t_x = time from the first to the last purchase, T = time from the first purchase to the calibration end, both in the chosen period, and mbar = mean value of the repeat days. BG/NBD (Fader, Hardie & Lee 2005) is fitted by maximum likelihood: each customer buys at their own Poisson rate until they drop out, with probability p after any purchase. P(alive) is the chance they have not dropped out; expected purchases are for the next horizon. Gamma-Gamma (Fader & Hardie) gives the expected value of a future purchase; it assumes spend does not depend on frequency, so the cell warns when the two are correlated. CLV = expected purchases month by month × expected value, discounted monthly.'
};

export const CLUSTERS: Analysis<ClustersConfig> = {
	title: 'Clusters (k-means on R, F, M)',
	table: 'clusters',
	modelInput: 'cluster_input',
	defaults: CLUSTERS_DEFAULTS,
	parse: parseClustersConfig,
	query: clusterInputQuery,
	charts: () => clusterCharts(),
	dependsOn: () => ['rfm'],
	definitions:
		'Customers are grouped by k-means on days since the last order, orders and spend from the RFM table (any numeric column you add to the SQL joins them). Each feature goes through ln(1 + v) and is scaled to mean 0 and standard deviation 1, so no one unit dominates. k-means++ starts from a fixed seed: the same data and seed give the same clusters. With k on "suggest", k = 2 … max is tried on a sample of 5,000 customers and the k with the best silhouette (how much closer customers are to their own cluster than to the next) is kept. Clusters are numbered by size and named from their profile; rename them and the personas cell uses your names.'
};

/** The template cells, in notebook order (a cell comes after the cells it reads). */
export const ANALYSES = {
	rfm: RFM,
	abc: ABC,
	cohort: COHORT,
	lifecycle: LIFECYCLE,
	clv: CLV,
	clusters: CLUSTERS,
	personas: PERSONAS
} as const;
export type AnalysisKind = keyof typeof ANALYSES;
