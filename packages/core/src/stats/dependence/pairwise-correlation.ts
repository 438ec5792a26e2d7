import { VigieError } from '../../errors/index.js';
import { mean, rankdata } from '../descriptive/index.js';
import type { Matrix } from '../multivariate/index.js';
import { crossProducts } from './cross-products.js';
import { pearsonWithMissing, spearmanWithMissing } from './pair-with-missing.js';
import { clipUnit } from './paired.js';

export interface PairwiseCorrelationOptions {
  /** 'pearson' (default) or 'spearman' (Pearson's r of average ranks). */
  method?: 'pearson' | 'spearman';
}

/** What each column contributes to its pairs: its values (or ranks), their centre, its missing rows. */
interface Prepared {
  values: Float64Array;
  /** Number of finite values. */
  valid: number;
  /** True when every value is finite: its pairs need no masking. */
  complete: boolean;
  /** Fewer than 2 finite values, or all finite values equal: every correlation is NaN. */
  degenerate: boolean;
  /** Mean of the finite values (of the ranks, (valid + 1) / 2, for Spearman). */
  centre: number;
}

/**
 * The k × k correlation matrix of k columns with pairwise deletion, as
 * `pandas.DataFrame.corr(method)`: each pair uses the rows where both values are finite (pandas
 * masks NaN and ±Infinity alike). 'spearman' ranks each pair's complete rows (average ranks for
 * ties), as pandas; when two columns miss the same rows, the ranks of each column serve directly.
 * A pair with fewer than 2 complete rows, or constant over them, gives NaN; the diagonal is 1, or
 * NaN for such a column. Values are clipped to [-1, 1].
 *
 * Pearson reads each pair once and copies nothing: pairs of complete columns are accumulated
 * together, block by block, from values centred on the column means (exact two-pass sums); a pair
 * with missing values is summed around the column means in one pass with a correction, redone in
 * two passes in the rare case where that correction would cancel. Spearman ranks each column
 * once; only a pair whose columns miss different rows gathers its complete rows to rank them again.
 * Departure: pandas reuses ranks computed with infinities when both columns are non-finite on the
 * same rows (so its Spearman r is off there); here ranks are always of the complete rows.
 *
 * @example pairwiseCorrelation([Float64Array.of(1, 2, 3, NaN), Float64Array.of(2, 4, 7, 1)]).data; // [1, 0.99.., 0.99.., 1]
 */
export function pairwiseCorrelation(
  columns: readonly Float64Array[],
  options: PairwiseCorrelationOptions = {},
): Matrix {
  const { method = 'pearson' } = options;
  if (method !== 'pearson' && method !== 'spearman') {
    throw new VigieError('INVALID_ARGUMENT', `pairwiseCorrelation: unknown method '${method}'`);
  }
  const k = columns.length;
  const n = k === 0 ? 0 : columns[0]!.length;
  for (let j = 0; j < k; j++) {
    if (columns[j]!.length !== n) {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `pairwiseCorrelation: column ${j} has ${columns[j]!.length} values, expected ${n}`,
      );
    }
  }
  const prepared = columns.map((c) => prepare(c, method));
  const out = new Float64Array(k * k).fill(Number.NaN);
  for (let j = 0; j < k; j++) if (!prepared[j]!.degenerate) out[j * k + j] = 1;

  const full: number[] = [];
  for (let j = 0; j < k; j++) if (prepared[j]!.complete && !prepared[j]!.degenerate) full.push(j);
  const sums = crossProducts(
    full.map((j) => prepared[j]!.values),
    Float64Array.from(full, (j) => prepared[j]!.centre),
  );
  const p = full.length;
  for (let a = 0; a < p; a++) {
    for (let b = a + 1; b < p; b++) {
      const r = sums[a * p + b]! / (Math.sqrt(sums[a * p + a]!) * Math.sqrt(sums[b * p + b]!));
      set(out, k, full[a]!, full[b]!, r);
    }
  }

  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const x = prepared[i]!;
      const y = prepared[j]!;
      if (x.degenerate || y.degenerate || (x.complete && y.complete)) continue;
      const r =
        method === 'pearson'
          ? pearsonWithMissing(x.values, y.values, x.centre, y.centre)
          : spearmanWithMissing(x.values, y.values, x.valid, y.valid);
      set(out, k, i, j, r);
    }
  }
  return { data: out, rows: k, cols: k };
}

function set(out: Float64Array, k: number, i: number, j: number, r: number): void {
  const v = clipUnit(r);
  out[i * k + j] = v;
  out[j * k + i] = v;
}

function prepare(column: Float64Array, method: 'pearson' | 'spearman'): Prepared {
  const n = column.length;
  let valid = 0;
  let first = Number.NaN;
  let varies = false;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = column[i]!;
    // v - v is 0 for finite v, NaN for NaN and ±Infinity.
    if (v - v !== 0) continue;
    if (valid === 0) first = v;
    else if (v !== first) varies = true;
    valid++;
    total += v;
  }
  const complete = valid === n;
  const degenerate = valid < 2 || !varies;
  if (method === 'spearman') {
    let values: Float64Array;
    // A degenerate column's correlations are all NaN: its ranks would never be read.
    if (degenerate) values = column;
    else if (complete) values = rankdata(column);
    else {
      // rankdata omits NaN only: make ±Infinity missing too.
      const masked = column.map((v) => (v - v === 0 ? v : Number.NaN));
      values = rankdata(masked, { nanPolicy: 'omit' });
    }
    return { values, valid, complete, degenerate, centre: (valid + 1) / 2 };
  }
  const centre = complete ? mean(column) : total / valid;
  return { values: column, valid, complete, degenerate, centre };
}
