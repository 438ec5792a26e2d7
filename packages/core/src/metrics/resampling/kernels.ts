import {
  accuracyFromCounts,
  accuracyScore,
  balancedAccuracyFromCounts,
  balancedAccuracyScore,
} from '../accuracy.js';
import { brierPerRow, brierScoreLoss } from '../brier.js';
import { type ClassificationCounts, presenceFromMatrix } from '../counts.js';
import { encodeLabels, type Label, type LabelArray } from '../labels.js';
import { logLoss, logLossRows } from '../log-loss.js';
import { f1Score, fbetaScore, type PrfResult, precisionScore, prfFromCounts, recallScore } from '../prf.js';
import {
  absoluteErrors,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  percentageErrors,
  rootMeanSquaredError,
  squaredErrors,
} from '../regression.js';
import { rocAucScore } from '../roc-auc.js';
import { checkFinite, checkLengths, invalid } from '../validate.js';
import { aucKernel } from './auc-kernel.js';
import { allBut, type Metric, type Rows, takeRows } from './rows.js';

/**
 * A metric prepared for resampling rows: its value on the data, on any bootstrap sample given as
 * row indices, and its leave-one-out (jackknife) values for BCa.
 */
export interface MetricKernel {
  readonly n: number;
  readonly value: number;
  resample(index: Uint32Array): number;
  jackknife(): Float64Array;
  /** Metrics that depend on the rows only through counts per cell (confusion-matrix metrics). */
  readonly cells?: CellCounts;
}

/** A metric as a function of per-cell counts: a bootstrap sample is then a multinomial draw over the cells. */
export interface CellCounts {
  /** Each row's cell. */
  readonly code: Int32Array;
  /** Number of cells. */
  readonly size: number;
  /** The metric from counts per cell (length `size`). */
  evaluate(counts: Float64Array): number;
}

// biome-ignore lint/suspicious/noExplicitAny: options differ per metric
type Options = Record<string, any>;
type Factory = (fn: string, yTrue: Rows, yPred: Rows, options: Options) => MetricKernel;

/** Above this many rows, BCa on a metric without a fast kernel (n full evaluations for the jackknife) is refused. */
export const GENERIC_JACKKNIFE_MAX_ROWS = 5000;

/**
 * The fast kernels, by metric function: confusion-matrix metrics resample counts of (true,
 * predicted) cells, mean-of-row-loss metrics resample row losses, binary ROC AUC reuses one sort.
 * Any other function is re-run on the gathered rows.
 */
const FAST = new Map<Metric, Factory>([
  [accuracyScore, counts((c, o) => accuracyFromCounts(c, o.normalize ?? true))],
  [balancedAccuracyScore, counts((c, o) => balancedAccuracyFromCounts(c, o.adjusted ?? false))],
  [precisionScore, counts(prf('precision'))],
  [recallScore, counts(prf('recall'))],
  [f1Score, counts((c, o) => prf('fscore')(c, { ...o, beta: 1 }))],
  [fbetaScore, counts(prf('fscore'))],
  [meanSquaredError, rowMean((t, p) => squaredErrors(t, p))],
  [rootMeanSquaredError, rowMean((t, p) => squaredErrors(t, p), Math.sqrt)],
  [meanAbsoluteError, rowMean((t, p) => absoluteErrors(t, p))],
  [meanAbsolutePercentageError, rowMean((t, p) => percentageErrors(t, p))],
  [logLoss, lossMean((fn, t, p, o) => logLossRows(fn, t, p as ArrayLike<number>, o.labels, undefined))],
  [brierScoreLoss, lossMean((_fn, t, p, o) => brierRows(t, p, o))],
  [
    rocAucScore,
    (fn, t, p, o) =>
      isBinaryScores(p)
        ? aucKernel(fn, t as LabelArray, p as ArrayLike<number>)
        : generic(rocAucScore)(fn, t, p, o),
  ],
]);

/** The kernel of `metric` on these rows (a fast one when the metric has one). */
export function metricKernel(
  fn: string,
  metric: Metric,
  yTrue: Rows,
  yPred: Rows,
  options: Options = {},
): MetricKernel {
  checkLengths(fn, { yTrue, yPred });
  if (options.sampleWeight !== undefined) invalid(fn, 'sampleWeight is not supported when resampling rows');
  const fast = FAST.get(metric);
  return (fast ?? generic(metric))(fn, yTrue, yPred, options);
}

function isBinaryScores(p: Rows): boolean {
  const first = (p as ArrayLike<unknown>)[0];
  return typeof first === 'number';
}

function prf(field: keyof Pick<PrfResult, 'precision' | 'recall' | 'fscore'>) {
  return (c: ClassificationCounts, o: Options): number => {
    if (o.average === null)
      invalid('metricInterval', 'an interval needs one value: choose an average other than null');
    return prfFromCounts(c, o)[field] as number;
  };
}

/** Confusion-matrix metrics: each row is a cell (true, predicted); a resample is a count per cell. */
function counts(fromCounts: (c: ClassificationCounts, o: Options) => number): Factory {
  return (fn, yTrue, yPred, options) => {
    const extra: readonly Label[] =
      options.average !== 'binary' && options.average !== undefined ? (options.labels ?? []) : [];
    const { classes, codes } = encodeLabels(fn, [yTrue as LabelArray, yPred as LabelArray], extra);
    const k = classes.length;
    const n = codes[0]!.length;
    const cell = new Int32Array(n);
    for (let i = 0; i < n; i++) cell[i] = codes[0]![i]! * k + codes[1]![i]!;
    const matrix = new Float64Array(k * k);
    const inTrue = new Uint8Array(k);
    const inPred = new Uint8Array(k);
    const c: ClassificationCounts = { labels: classes, matrix, inTrue, inPred, rows: n, weighted: false };
    const evaluate = () => {
      inTrue.fill(0);
      inPred.fill(0);
      presenceFromMatrix(matrix, k, inTrue, inPred);
      return fromCounts(c, options);
    };
    for (let i = 0; i < n; i++) matrix[cell[i]!]!++;
    const full = matrix.slice();
    const value = evaluate();
    return {
      n,
      value,
      cells: {
        code: cell,
        size: k * k,
        evaluate(cellCounts) {
          matrix.set(cellCounts);
          return evaluate();
        },
      },
      resample(index) {
        matrix.fill(0);
        for (let i = 0; i < index.length; i++) matrix[cell[index[i]!]!]!++;
        return evaluate();
      },
      jackknife() {
        matrix.set(full);
        const byCell = new Float64Array(k * k);
        for (let j = 0; j < k * k; j++) {
          if (full[j] === 0) continue;
          matrix[j]!--;
          byCell[j] = evaluate();
          matrix[j]!++;
        }
        return Float64Array.from(cell, (j) => byCell[j]!);
      },
    };
  };
}

/** Metrics that are a mean of per-row values (optionally transformed: √ for RMSE). */
function meanOfRows(values: Float64Array, transform: (m: number) => number = (m) => m): MetricKernel {
  const n = values.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += values[i]!;
  return {
    n,
    value: transform(total / n),
    resample(index) {
      let s = 0;
      for (let i = 0; i < index.length; i++) s += values[index[i]!]!;
      return transform(s / index.length);
    },
    jackknife() {
      return values.map((v) => transform((total - v) / (n - 1)));
    },
  };
}

function rowMean(
  perRow: (t: ArrayLike<number>, p: ArrayLike<number>) => Float64Array,
  transform?: (m: number) => number,
): Factory {
  return (fn, yTrue, yPred) => {
    const t = yTrue as ArrayLike<number>;
    const p = yPred as ArrayLike<number>;
    checkFinite(fn, 'yTrue', t);
    checkFinite(fn, 'yPred', p);
    return meanOfRows(perRow(t, p), transform);
  };
}

/** Probability losses: the classes are fixed to those of the whole data, so every resample scores the same columns. */
function lossMean(perRow: (fn: string, t: LabelArray, p: Rows, o: Options) => Float64Array): Factory {
  return (fn, yTrue, yProb, options) => {
    if (options.normalize === false) invalid(fn, 'an interval needs the mean loss (normalize true)');
    return meanOfRows(perRow(fn, yTrue as LabelArray, yProb, options));
  };
}

function brierRows(yTrue: LabelArray, yProb: Rows, options: Options): Float64Array {
  const { rows, columns } = brierPerRow(yTrue, yProb as ArrayLike<number>, options);
  const scale = options.scaleByHalf ?? 'auto';
  if (scale === 'auto' ? columns < 3 : scale) for (let i = 0; i < rows.length; i++) rows[i]! *= 0.5;
  return rows;
}

/** Any metric: re-run on the gathered rows. The jackknife costs n evaluations, so BCa is refused above 5000 rows. */
function generic(metric: Metric): Factory {
  return (fn, yTrue, yPred, options) => {
    const n = yTrue.length;
    const run = (t: Rows, p: Rows): number => {
      const v = metric(t, p, options);
      if (typeof v !== 'number') invalid(fn, 'an interval needs a metric that returns one number');
      return v;
    };
    const value = run(yTrue, yPred);
    return {
      n,
      value,
      resample(index) {
        try {
          return run(takeRows(yTrue, index), takeRows(yPred, index));
        } catch {
          // Undefined on this resample (one class left, say): NaN, as scipy's bootstrap would.
          return Number.NaN;
        }
      },
      jackknife() {
        if (n > GENERIC_JACKKNIFE_MAX_ROWS) {
          invalid(
            fn,
            `'bca' on this metric needs ${n} leave-one-out evaluations; use 'percentile' or at most ${GENERIC_JACKKNIFE_MAX_ROWS} rows`,
          );
        }
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          const keep = allBut(n, i);
          try {
            out[i] = run(takeRows(yTrue, keep), takeRows(yPred, keep));
          } catch {
            out[i] = Number.NaN;
          }
        }
        return out;
      },
    };
  };
}
