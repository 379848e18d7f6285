/**
 * The analyses the notebook offers, each as a template cell: defaults, the config parser (the
 * trust boundary), the SQL builder, the result table's name and its charts.
 */
import { t } from '../i18n/t';
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
import { gridCharts } from './grid/chart';
import { GRID_DEFAULTS, parseGridConfig, type GridConfig } from './grid/config';
import { CLV_TABLE, gridQuery } from './grid/query';
import { rfmCharts } from './rfm/chart';
import { parseRfmConfig, RFM_DEFAULTS, type RfmConfig } from './rfm/config';
import { rfmQuery } from './rfm/query';
import { lifecycleCharts } from './lifecycle/chart';
import { LIFECYCLE_DEFAULTS, parseLifecycleConfig, type LifecycleConfig } from './lifecycle/config';
import { lifecycleQuery } from './lifecycle/query';
import { personaCharts } from './personas/chart';
import { parsePersonasConfig, PERSONAS_DEFAULTS, type PersonasConfig } from './personas/config';
import { personasQuery } from './personas/query';

/** One analysis template. `title` and `definitions` are in the language of the moment. */
export interface Analysis<C> {
	readonly title: string;
	/** The DuckDB table that keeps the result, for later cells and drill-down. */
	table: string;
	/** When the table's name depends on the parameters (abc_customers / abc_products). */
	tableFor?(config: C): string;
	defaults: C;
	parse(input: unknown): C;
	query(config: C): Sql;
	charts(config: C): ChartDef[];
	/** What the numbers mean, shown in the cell. */
	readonly definitions: string;
	/** Result tables of other cells this one reads: it re-runs when they change. */
	dependsOn?(config: C): string[];
	/**
	 * For a cell whose result a model computes in the worker: the table its SQL builds (the
	 * model's input); the fit then writes `table`.
	 */
	modelInput?: string;
}

export const RFM: Analysis<RfmConfig> = {
	get title() {
		return t('analysis.rfm_title');
	},
	table: 'rfm',
	defaults: RFM_DEFAULTS,
	parse: parseRfmConfig,
	query: rfmQuery,
	charts: rfmCharts,
	get definitions() {
		return t('analysis.rfm_definitions');
	}
};

export const ABC: Analysis<AbcConfig> = {
	get title() {
		return t('analysis.abc_title');
	},
	table: 'abc_customers',
	tableFor: (c) => (c.subject === 'products' ? 'abc_products' : 'abc_customers'),
	defaults: ABC_DEFAULTS,
	parse: (input) => parseAbcConfig(input),
	query: abcQuery,
	charts: (c) => abcCharts(c),
	get definitions() {
		return t('analysis.abc_definitions');
	}
};

export const COHORT: Analysis<CohortConfig> = {
	get title() {
		return t('analysis.cohort_title');
	},
	table: 'cohorts',
	defaults: COHORT_DEFAULTS,
	parse: parseCohortConfig,
	query: cohortQuery,
	charts: cohortCharts,
	get definitions() {
		return t('analysis.cohort_definitions');
	}
};

export const LIFECYCLE: Analysis<LifecycleConfig> = {
	get title() {
		return t('analysis.lifecycle_title');
	},
	table: 'lifecycle',
	defaults: LIFECYCLE_DEFAULTS,
	parse: parseLifecycleConfig,
	query: lifecycleQuery,
	charts: lifecycleCharts,
	get definitions() {
		return t('analysis.lifecycle_definitions');
	}
};

export const PERSONAS: Analysis<PersonasConfig> = {
	get title() {
		return t('analysis.personas_title');
	},
	table: 'personas',
	defaults: PERSONAS_DEFAULTS,
	parse: parsePersonasConfig,
	query: personasQuery,
	charts: personaCharts,
	dependsOn: (c) => [c.source],
	get definitions() {
		return t('analysis.personas_definitions');
	}
};

export const CLV: Analysis<ClvConfig> = {
	get title() {
		return t('analysis.clv_title');
	},
	table: 'clv',
	modelInput: 'clv_summary',
	defaults: CLV_DEFAULTS,
	parse: parseClvConfig,
	query: summaryQuery,
	charts: clvCharts,
	get definitions() {
		return t('analysis.clv_definitions');
	}
};

export const CLUSTERS: Analysis<ClustersConfig> = {
	get title() {
		return t('analysis.clusters_title');
	},
	table: 'clusters',
	modelInput: 'cluster_input',
	defaults: CLUSTERS_DEFAULTS,
	parse: parseClustersConfig,
	query: clusterInputQuery,
	charts: () => clusterCharts(),
	dependsOn: () => ['rfm'],
	get definitions() {
		return t('analysis.clusters_definitions');
	}
};

export const GRID: Analysis<GridConfig> = {
	get title() {
		return t('grid.title');
	},
	table: 'grid',
	defaults: GRID_DEFAULTS,
	parse: parseGridConfig,
	query: gridQuery,
	charts: gridCharts,
	dependsOn: (c) => (c.potential === 'clv' ? [CLV_TABLE] : []),
	get definitions() {
		return t('grid.definitions');
	}
};

/** The template cells, in notebook order (a cell comes after the cells it reads). */
export const ANALYSES = {
	rfm: RFM,
	abc: ABC,
	cohort: COHORT,
	lifecycle: LIFECYCLE,
	clv: CLV,
	grid: GRID,
	clusters: CLUSTERS,
	personas: PERSONAS
} as const;
export type AnalysisKind = keyof typeof ANALYSES;

/**
 * Whether `key` (from a link, a file or storage) names an analysis. An own-property check: `in`
 * also finds what every object inherits (`constructor`, `toString`, `__proto__`).
 */
export function isAnalysisKind(key: string): key is AnalysisKind {
	return Object.hasOwn(ANALYSES, key);
}
