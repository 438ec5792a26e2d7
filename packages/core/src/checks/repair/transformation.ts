/** One applied repair, recorded with its row counts (FEATURES D2). */
export interface Transformation {
  /** The rule's name, or a derived one such as "exclude:sex:is_missing". */
  name: string;
  action: 'exclude' | 'impute' | 'clip';
  column: string | null;
  /** The rule as configured, and what was computed (e.g. the imputed median). */
  parameters: Record<string, unknown>;
  rowsIn: number;
  rowsOut: number;
  /** Rows removed (exclude) or cells changed (impute, clip). */
  affected: number;
}
