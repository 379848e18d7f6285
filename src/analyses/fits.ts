/**
 * The models fitted in the worker, by the name a cell asks for: the worker entry hands this map
 * to the engine, which runs a fit without knowing what it computes.
 */
import { fitClvTable } from './clv/fit';
import { fitClustersTable } from './clusters/fit';
import type { ClvFitReport } from './clv/predict';
import type { ClustersReport } from './clusters/report';

export const MODEL_FITS = { clv: fitClvTable, clusters: fitClustersTable };

/** The models the worker fits. */
export type ModelKind = keyof typeof MODEL_FITS;
/** What a fit returns for its cell to show. */
export type ModelReport = ClvFitReport | ClustersReport;
