import type { SemanticType } from '../table/index.js';
import type { VerdictStatus } from '../verdict/index.js';

export type DriftMethod = 'ks' | 'wasserstein' | 'psi' | 'jensenshannon' | 'chisquare';
export type DriftMethodChoice = 'auto' | DriftMethod;
export type Correction = 'fdr_bh' | 'holm' | 'bonferroni' | 'none';

export const DRIFT_SCHEMA_VERSION = 1;

/** Methods that give a p-value (drift when the corrected p-value is below the threshold). */
export const PVALUE_METHODS: ReadonlySet<DriftMethod> = new Set(['ks', 'chisquare']);

/** Default thresholds: significance level for tests, distance for the others. */
export const DEFAULT_THRESHOLDS: Readonly<Record<DriftMethod, number>> = {
  ks: 0.05,
  chisquare: 0.05,
  wasserstein: 0.1,
  jensenshannon: 0.1,
  psi: 0.1,
};

/** PSI above this fails (between the threshold and this it warns), as the usual PSI bands. */
export const PSI_FAIL = 0.25;

/** Below this many values on either side, a column's drift is inconclusive. */
export const MIN_SAMPLE = 30;

/** At most this many reference rows: tests (KS, chi-square) by default; distances above. */
export const SMALL_REFERENCE = 1000;

/** Numeric columns with at most this many distinct reference values are compared as categories. */
export const FEW_DISTINCT = 5;

export interface ColumnDriftOptions {
  method?: DriftMethodChoice;
  threshold?: number;
  ignore?: boolean;
}

export interface DriftOptions {
  /** Method for every column ('auto' picks per column as documented in docs/drift.md). */
  method?: DriftMethodChoice;
  /** Overrides the chosen method's default threshold. */
  threshold?: number;
  correction?: Correction;
  /** Dataset drift when at least this share of evaluated columns drifted. Default 0.5. */
  datasetShare?: number;
  /** Columns to compare. Default: every column except ids, text and datetimes. */
  columns?: readonly string[];
  perColumn?: Readonly<Record<string, ColumnDriftOptions>>;
  /** PSI bins (default 10, quantile binning on the reference) and epsilon floor (default 1e-4). */
  psiBins?: number;
  psiEpsilon?: number;
}

export interface ColumnDrift {
  name: string;
  type: SemanticType;
  /** How the column was compared: as numbers or as categories. */
  kind: 'numeric' | 'categorical';
  method: DriftMethod;
  statistic: number | null;
  /** Null for distances. */
  pvalue: number | null;
  /** After the multiple-testing correction across columns (null for distances). */
  pvalueAdjusted: number | null;
  threshold: number;
  /** Null when inconclusive. */
  drift: boolean | null;
  status: VerdictStatus;
  referenceSize: number;
  currentSize: number;
  /** False when a side came from a profile's sketch (values within its stated error). */
  exact: boolean;
  /** Other measures reported alongside the decisive one. */
  alongside: Partial<
    Record<'ksStatistic' | 'ksPvalue' | 'psi' | 'wassersteinNormalized' | 'jensenshannon', number>
  >;
  /** Categories seen only in the current data (categorical comparisons). */
  newCategories?: string[];
  reason: string;
}

export interface DriftResult {
  schemaVersion: typeof DRIFT_SCHEMA_VERSION;
  kind: 'vigie.drift';
  reference: { source: string | null; rows: number };
  current: { source: string | null; rows: number };
  correction: Correction;
  datasetDrift: {
    drift: boolean;
    share: number;
    threshold: number;
    driftedColumns: number;
    evaluatedColumns: number;
  };
  columns: ColumnDrift[];
}
