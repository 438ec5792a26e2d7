import type { SemanticType } from '../table/index.js';

/** Version of the profile JSON format; bumped on any incompatible change. */
export const PROFILE_SCHEMA_VERSION = 1;

/** The quantile levels every numeric profile reports. */
export const PROFILE_QUANTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;

/** How quantiles were obtained: exactly (numpy 'linear') or from a KLL sketch with a rank error bound. */
export type QuantileAccuracy =
  | { method: 'exact'; interpolation: 'linear' }
  | { method: 'kll'; rankError: number };

interface ColumnProfileBase {
  name: string;
  type: SemanticType;
  /** Non-missing values. */
  count: number;
  /** Missing values (empty cells, nulls, NaN). */
  missing: number;
  /** Distinct non-missing values: exact, or a HyperLogLog estimate (see distinctExact). */
  distinct: number;
  distinctExact: boolean;
  /** Relative standard error of an estimated distinct count (null when exact). */
  distinctError: number | null;
}

/** Summary fields every column has (null where they do not apply), so tools read one shape. */
interface NoNumericSummary {
  mean: null;
  std: null;
  min: null;
  max: null;
  quantiles: null;
}

/** numeric, integer and datetime columns (datetimes in epoch milliseconds). */
export interface NumericColumnProfile extends ColumnProfileBase {
  kind: 'numeric';
  /** ±Infinity values: counted in `count`, left out of the moments, quantiles and histogram. */
  infinite: number;
  /** Finite values the moments are computed on. */
  finite: number;
  mean: number | null;
  /** Sample standard deviation, ddof = 1. */
  std: number | null;
  min: number | null;
  max: number | null;
  /** Skewness and excess kurtosis as scipy.stats.skew / kurtosis with their defaults (biased, Fisher). */
  skewness: number | null;
  kurtosis: number | null;
  zeros: number;
  negatives: number;
  /** Quantiles at PROFILE_QUANTILES, keyed "0.05" etc. */
  quantiles: Record<string, number | null>;
  quantileAccuracy: QuantileAccuracy;
  /** Exact counts per value (keyed by the number as text) when there are at most 20 distinct values. */
  valueCounts: Record<string, number> | null;
  /** Counts on fixed, equal-width edges from min to max. */
  histogram: { edges: number[]; counts: number[] };
  /** Central sums for exact merging: n (finite values), mean, m2, m3, m4. */
  moments: { n: number; mean: number; m2: number; m3: number; m4: number };
  /** Serialized KLL quantile sketch (for merging and drift against this profile). */
  sketch: unknown;
  /** Serialized HyperLogLog (for merging distinct counts). */
  hll: unknown;
}

/** categorical, text and id columns. */
export interface CategoricalColumnProfile extends ColumnProfileBase, NoNumericSummary {
  kind: 'categorical';
  /** Most frequent values, most frequent first (ties by value). */
  top: Array<{ value: string; count: number }>;
  /**
   * The full frequency table when there are at most `maxCategories` distinct values (exact, for
   * chi-square and Jensen-Shannon drift against this profile); null beyond.
   */
  frequencies: Record<string, number> | null;
  /** Text lengths in characters. */
  length: { min: number | null; mean: number | null; max: number | null };
  hll: unknown;
}

export interface BooleanColumnProfile extends ColumnProfileBase, NoNumericSummary {
  kind: 'boolean';
  trueCount: number;
  falseCount: number;
}

export type ColumnProfile = NumericColumnProfile | CategoricalColumnProfile | BooleanColumnProfile;

export interface DatasetProfile {
  schemaVersion: typeof PROFILE_SCHEMA_VERSION;
  kind: 'vigie.profile';
  source: string | null;
  rows: number;
  /** Rows identical (in every column) to an earlier row; see duplicateRowsExact. */
  duplicateRows: number;
  /** False after merging partitions: duplicates across partitions are not counted. */
  duplicateRowsExact: boolean;
  /**
   * SHA-256 of the data's canonical column encoding (independent of file format and column
   * dictionary order). For merged profiles, the SHA-256 of the parts' hashes in order.
   */
  contentHash: string;
  contentHashOf: 'rows' | 'partitions';
  columns: ColumnProfile[];
  options: ResolvedProfileOptions;
}

export interface ProfileOptions {
  /** Exact quantiles (numpy 'linear') up to this many values per column; KLL beyond. Default 10,000,000. */
  exactQuantileLimit?: number;
  /** Force a quantile method: 'auto' (default) uses exactQuantileLimit. */
  quantiles?: 'auto' | 'exact' | 'sketch';
  histogramBins?: number;
  topK?: number;
  /** Keep the full frequency table up to this many categories. Default 1000. */
  maxCategories?: number;
  /** KLL parameter k (default 200) and HyperLogLog precision (default 14). */
  kllK?: number;
  hllPrecision?: number;
  seed?: number;
  /** Skip the content hash (it costs about 1 ms per 1.3 MB of data). Default true. */
  contentHash?: boolean;
}

export type ResolvedProfileOptions = Required<ProfileOptions>;

export function resolveProfileOptions(options: ProfileOptions = {}): ResolvedProfileOptions {
  return {
    exactQuantileLimit: options.exactQuantileLimit ?? 10_000_000,
    quantiles: options.quantiles ?? 'auto',
    histogramBins: options.histogramBins ?? 20,
    topK: options.topK ?? 20,
    maxCategories: options.maxCategories ?? 1000,
    kllK: options.kllK ?? 200,
    hllPrecision: options.hllPrecision ?? 14,
    seed: options.seed ?? 0,
    contentHash: options.contentHash ?? true,
  };
}
