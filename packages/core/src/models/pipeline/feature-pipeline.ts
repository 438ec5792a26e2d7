import { VigieError } from '../../errors/index.js';
import type { Matrix } from '../../stats/index.js';
import { BOOL_MISSING, type Column, DICT_MISSING, getColumn, type Table } from '../../table/index.js';

/**
 * How raw columns become model features:
 * - 'linear': numeric (and boolean, as 0/1) columns imputed by their training median and
 *   standardized; categorical ones one-hot encoded (an unseen or missing category is all zeros);
 * - 'trees': numeric columns as they are (NaN stays missing: the trees learn where it goes);
 *   categorical ones as integer codes of their training categories (unseen or missing → NaN).
 * Identifier, free-text and date columns are not features; a column with no value at all is
 * left out (and said so in `dropped`).
 */
export type PipelineKind = 'linear' | 'trees';

export interface PipelineColumn {
  name: string;
  kind: 'numeric' | 'categorical';
  /** numeric: the training median (imputation) and the mean and standard deviation (scaling). */
  median?: number;
  mean?: number;
  std?: number;
  /** categorical: the training categories, most frequent first (ties by name). */
  categories?: string[];
}

export interface FittedPipeline {
  readonly kind: PipelineKind;
  readonly columns: readonly PipelineColumn[];
  /** The features the model sees, in order: a numeric column, or `column=category`. */
  readonly features: readonly string[];
  /** Columns left out, and why. */
  readonly dropped: ReadonlyArray<{ name: string; reason: string }>;
  transform(table: Table): Matrix;
  toJSON(): unknown;
}

export interface PipelineOptions {
  kind: PipelineKind;
  /** The label (and other columns) to leave out. */
  exclude: readonly string[];
  /** A categorical column with more levels is refused (default 1000). */
  maxCategories?: number;
}

const NOT_FEATURES = new Set(['id', 'text', 'datetime']);

function numericValues(col: Column): Float64Array {
  if (col.storage === 'float64') return col.values;
  if (col.storage === 'bool')
    return Float64Array.from(col.values, (v) => (v === BOOL_MISSING ? Number.NaN : v));
  throw new VigieError('TYPE_MISMATCH', `column "${col.name}" is not numeric`);
}

/** Fits the pipeline on the training table: medians, means, scales, category lists. */
export function fitPipeline(table: Table, options: PipelineOptions): FittedPipeline {
  const maxCategories = options.maxCategories ?? 1000;
  const columns: PipelineColumn[] = [];
  const dropped: Array<{ name: string; reason: string }> = [];
  for (const col of table.columns) {
    if (options.exclude.includes(col.name)) continue;
    if (NOT_FEATURES.has(col.type)) {
      dropped.push({ name: col.name, reason: `a ${col.type} column is not a feature` });
      continue;
    }
    if (col.storage === 'dict') {
      const counts = new Map<number, number>();
      for (const c of col.codes) if (c !== DICT_MISSING) counts.set(c, (counts.get(c) ?? 0) + 1);
      if (counts.size === 0) {
        dropped.push({ name: col.name, reason: 'every value is missing' });
        continue;
      }
      if (counts.size > maxCategories)
        throw new VigieError(
          'INVALID_ARGUMENT',
          `column "${col.name}" has ${counts.size} categories (more than ${maxCategories}): declare it an id or text column, or raise the limit`,
          { details: { column: col.name } },
        );
      const categories = [...counts]
        .sort((a, b) => b[1] - a[1] || (col.dictionary[a[0]]! < col.dictionary[b[0]]! ? -1 : 1))
        .map(([c]) => col.dictionary[c]!);
      columns.push({ name: col.name, kind: 'categorical', categories });
      continue;
    }
    const v = numericValues(col);
    const finite: number[] = [];
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      if (Number.isNaN(x)) continue;
      if (!Number.isFinite(x))
        throw new VigieError(
          'INVALID_ARGUMENT',
          `column "${col.name}", row ${i + 1}: ${x} is not a finite value (a model cannot learn from it; treat it as missing or clip it)`,
          {
            details: { column: col.name, row: i + 1 },
          },
        );
      finite.push(x);
    }
    if (finite.length === 0) {
      dropped.push({ name: col.name, reason: 'every value is missing' });
      continue;
    }
    finite.sort((a, b) => a - b);
    const mid = finite.length >> 1;
    const median = finite.length % 2 ? finite[mid]! : (finite[mid - 1]! + finite[mid]!) / 2;
    const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
    // Population standard deviation, as scikit-learn's StandardScaler; imputed values count at the median.
    const n = v.length;
    const imputedMean = (mean * finite.length + median * (n - finite.length)) / n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const x = Number.isNaN(v[i]!) ? median : v[i]!;
      ss += (x - imputedMean) ** 2;
    }
    columns.push({ name: col.name, kind: 'numeric', median, mean: imputedMean, std: Math.sqrt(ss / n) || 1 });
  }
  if (columns.length === 0)
    throw new VigieError(
      'INVALID_ARGUMENT',
      'no feature column left to learn from (only the label, ids, text, dates or empty columns)',
    );
  return fittedPipeline(options.kind, columns, dropped);
}

export function fittedPipeline(
  kind: PipelineKind,
  columns: PipelineColumn[],
  dropped: Array<{ name: string; reason: string }>,
): FittedPipeline {
  const features = columns.flatMap((c) =>
    c.kind === 'numeric' || kind === 'trees' ? [c.name] : c.categories!.map((cat) => `${c.name}=${cat}`),
  );
  return Object.freeze({
    kind,
    columns,
    features,
    dropped,
    transform(table: Table): Matrix {
      const n = table.rowCount;
      const cols = features.length;
      const data = new Float64Array(n * cols);
      let j = 0;
      for (const c of columns) {
        const col = getColumn(table, c.name);
        if (c.kind === 'numeric') {
          const v = numericValues(col);
          for (let i = 0; i < n; i++) {
            let x = v[i]!;
            if (kind === 'linear') {
              if (Number.isNaN(x)) x = c.median!;
              x = (x - c.mean!) / c.std!;
            }
            data[i * cols + j] = x;
          }
          j++;
          continue;
        }
        if (col.storage !== 'dict')
          throw new VigieError(
            'TYPE_MISMATCH',
            `column "${c.name}" was categorical at training and is not now`,
            { details: { column: c.name } },
          );
        const index = new Map(c.categories!.map((cat, k) => [cat, k]));
        const code = Int32Array.from(col.dictionary, (d) => index.get(d) ?? -1);
        if (kind === 'trees') {
          for (let i = 0; i < n; i++) {
            const k = col.codes[i] === DICT_MISSING ? -1 : code[col.codes[i]!]!;
            data[i * cols + j] = k < 0 ? Number.NaN : k;
          }
          j++;
        } else {
          for (let i = 0; i < n; i++) {
            const k = col.codes[i] === DICT_MISSING ? -1 : code[col.codes[i]!]!;
            if (k >= 0) data[i * cols + j + k] = 1;
          }
          j += c.categories!.length;
        }
      }
      return { data, rows: n, cols };
    },
    toJSON() {
      return { kind: 'feature-pipeline', version: 1, pipeline: kind, columns, dropped };
    },
  });
}
