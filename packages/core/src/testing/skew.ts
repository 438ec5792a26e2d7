import { VigieError } from '../errors/index.js';
import type { Row } from './case.js';

export interface ColumnSkew {
  column: string;
  /** Rows where the two sides differ beyond the tolerance. */
  differing: number;
  /** Largest |training − serving| over numeric values (null when no numeric pair differs or compares). */
  maxAbsDiff: number | null;
  /** Up to `examples` differing rows (1-based) with both values. */
  examples: Array<{ row: number; training: unknown; serving: unknown }>;
}

export interface SkewResult {
  rows: number;
  /** Columns compared (present on both sides). */
  columns: string[];
  /** Columns only one side produces. */
  onlyTraining: string[];
  onlyServing: string[];
  /** Columns with differences, most differing first. */
  skewed: ColumnSkew[];
  tolerance: { absolute: number; relative: number };
}

export interface SkewOptions {
  /** Numbers agree when |a − b| <= absolute + relative·|a|. Defaults 1e-9 and 1e-9. */
  absolute?: number;
  relative?: number;
  examples?: number;
}

const same = (a: unknown, b: unknown, abs: number, rel: number): boolean => {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
    if (a === b) return true;
    return Math.abs(a - b) <= abs + rel * Math.abs(a);
  }
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  if (typeof a === 'object' || typeof b === 'object') return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
};

/**
 * Compares the features the training-time code and the serving-time code computed from the same
 * raw rows, row by row and column by column: numbers within a tolerance (NaN equals NaN), other
 * values exactly, null and undefined alike. Both sides must give one row per raw row.
 *
 * @example
 * const skew = compareFeatures(trainFeatures(raw), serveFeatures(raw)); // skew.skewed: [] when they agree
 */
export function compareFeatures(
  training: readonly Row[],
  serving: readonly Row[],
  options: SkewOptions = {},
): SkewResult {
  if (training.length !== serving.length)
    throw new VigieError(
      'INVALID_ARGUMENT',
      `training-time features have ${training.length} rows and serving-time features ${serving.length}, for the same raw rows`,
    );
  const abs = options.absolute ?? 1e-9;
  const rel = options.relative ?? 1e-9;
  const maxExamples = options.examples ?? 3;
  const keys = (rows: readonly Row[]) => {
    const s = new Set<string>();
    for (const r of rows) for (const k of Object.keys(r)) s.add(k);
    return s;
  };
  const t = keys(training);
  const s = keys(serving);
  const columns = [...t].filter((c) => s.has(c));
  const skewed: ColumnSkew[] = [];
  for (const column of columns) {
    const col: ColumnSkew = { column, differing: 0, maxAbsDiff: null, examples: [] };
    for (let i = 0; i < training.length; i++) {
      const a = training[i]![column];
      const b = serving[i]![column];
      if (same(a, b, abs, rel)) continue;
      col.differing++;
      if (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b))
        col.maxAbsDiff = Math.max(col.maxAbsDiff ?? 0, Math.abs(a - b));
      if (col.examples.length < maxExamples) col.examples.push({ row: i + 1, training: a, serving: b });
    }
    if (col.differing > 0) skewed.push(col);
  }
  skewed.sort((a, b) => b.differing - a.differing || a.column.localeCompare(b.column));
  return {
    rows: training.length,
    columns,
    onlyTraining: [...t].filter((c) => !s.has(c)),
    onlyServing: [...s].filter((c) => !t.has(c)),
    skewed,
    tolerance: { absolute: abs, relative: rel },
  };
}

/** One verdict per compared column (fail when it differs), and one per column only one side has. */
export function skewVerdicts(skew: SkewResult, method: string): import('../verdict/index.js').Verdict[] {
  const differing = new Map(skew.skewed.map((s) => [s.column, s]));
  return [
    ...skew.columns.map((column) => {
      const s = differing.get(column);
      return {
        status: s ? ('fail' as const) : ('pass' as const),
        check: `skew:${column}`,
        kind: 'skew',
        subject: column,
        method,
        value: s?.differing ?? 0,
        threshold: 0,
        comparison: '==' as const,
        sampleSizes: { rows: skew.rows },
        reason: s
          ? `${s.differing} of ${skew.rows} rows differ${s.maxAbsDiff !== null ? ` (max |diff| ${s.maxAbsDiff.toPrecision(4)})` : ''}`
          : `the same on all ${skew.rows} rows`,
        ...(s
          ? {
              examples: s.examples.map((e) => ({
                row: e.row,
                column,
                value: `training ${JSON.stringify(e.training)} / serving ${JSON.stringify(e.serving)}`,
              })),
              details: { maxAbsDiff: s.maxAbsDiff },
            }
          : {}),
      };
    }),
    ...[
      ...skew.onlyTraining.map((c) => [c, 'training'] as const),
      ...skew.onlyServing.map((c) => [c, 'serving'] as const),
    ].map(([column, side]) => ({
      status: 'fail' as const,
      check: `skew:${column}`,
      kind: 'skew',
      subject: column,
      method,
      value: null,
      threshold: null,
      sampleSizes: { rows: skew.rows },
      reason: `only the ${side}-time code gives "${column}"`,
    })),
  ];
}
