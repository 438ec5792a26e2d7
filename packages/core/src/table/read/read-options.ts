import type { SemanticType } from '../column.js';
import type { FileFormat } from './source.js';

export interface ReadOptions {
  /** File format; guessed from the name when absent (CSV by default). */
  format?: FileFormat;
  /** CSV delimiter; detected from the header line when absent. */
  delimiter?: string;
  /**
   * CSV cells read as missing. Default: as pandas, '', NA, N/A, n/a, NULL, null, NaN, nan, None,
   * #N/A, -NaN, -nan.
   */
  nullValues?: readonly string[];
  /** CSV text encoding (DuckDB's names). Default utf-8. */
  encoding?: 'utf-8' | 'latin-1' | 'utf-16';
  /** Semantic types that override inference, by column name. */
  types?: Readonly<Record<string, SemanticType>>;
  /** Read only these columns (in this order). */
  columns?: readonly string[];
  /** Refuse data that would need more memory than this once loaded (bytes). */
  maxMemoryBytes?: number;
  /** Read a seeded uniform sample of this many rows instead of all rows. */
  sampleRows?: number;
  seed?: number;
  /**
   * How DuckDB's output becomes a Table: 'direct' (default) converts the parsed rows in
   * JavaScript and uses a temporary DuckDB table only for what it does not convert itself;
   * 'table' always goes through the temporary table (slower; the reference the direct way is
   * tested against).
   */
  loader?: 'direct' | 'table';
  /** Called with the number of rows copied so far. */
  onProgress?: (rows: number, total: number) => void;
}

export const DEFAULT_NULL_VALUES: readonly string[] = [
  '',
  'NA',
  'N/A',
  'n/a',
  'NULL',
  'null',
  'NaN',
  'nan',
  '-NaN',
  '-nan',
  'None',
  '#N/A',
];
