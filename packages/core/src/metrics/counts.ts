import { encodeLabels, type Label, type LabelArray } from './labels.js';
import { checkLengths, checkSampleWeight } from './validate.js';

/**
 * The sufficient statistics of every label-based classification metric: the full confusion
 * matrix over the sorted union of the labels seen, with which labels occur in yTrue and yPred.
 * Accuracy, balanced accuracy, precision, recall, F-scores and the confusion matrix are all
 * derived from it, so one pass over the rows serves them all (see `classificationReport`).
 */
export interface ClassificationCounts {
  /** Sorted union of the labels of yTrue and yPred, plus any `labels` asked for. */
  readonly labels: readonly Label[];
  /** K×K row-major: matrix[t·K + p] = count (or weight) of rows with true labels[t], predicted labels[p]. */
  readonly matrix: Float64Array;
  /** Per label, 1 when it occurs in yTrue (whatever its weight). */
  readonly inTrue: Uint8Array;
  /** Per label, 1 when it occurs in yPred. */
  readonly inPred: Uint8Array;
  /** Number of rows counted. */
  readonly rows: number;
  /** True when sample weights were applied. */
  readonly weighted: boolean;
}

export interface ClassificationCountsOptions {
  /** Labels to include even when absent from the data. */
  labels?: readonly Label[];
  sampleWeight?: ArrayLike<number>;
}

/** Integer labels spanning at most this many values are counted straight into a range × range table. */
const DIRECT_RANGE = 256;

/**
 * Counts the confusion matrix of yTrue against yPred in one pass. Integer labels in a small range
 * (typed arrays or plain arrays, e.g. 0..K-1 or -1/1) are counted directly into a table indexed by
 * value, without building code arrays; other labels are encoded once, then counted. NaN or
 * non-integer numeric labels, a mix of strings and numbers, mismatched lengths, empty input and
 * invalid weights throw INVALID_ARGUMENT.
 *
 * @example classificationCounts([0, 1, 1], [0, 1, 0]).matrix // Float64Array [1, 0, 1, 1]
 */
export function classificationCounts(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ClassificationCountsOptions = {},
  fn = 'classificationCounts',
): ClassificationCounts {
  const n = checkLengths(fn, { yTrue, yPred });
  const w = options.sampleWeight;
  checkSampleWeight(fn, w, n);
  const extra = options.labels ?? [];
  const direct = numericRange(yTrue, yPred, extra);
  if (direct !== null)
    return countDirect(yTrue as ArrayLike<number>, yPred as ArrayLike<number>, extra as number[], direct, w);
  const { classes, codes } = encodeLabels(fn, [yTrue, yPred], extra);
  return countCodes(classes, codes[0]!, codes[1]!, w);
}

/** Confusion counts from label codes into `classes` (presence derived from the codes). */
export function countCodes(
  classes: readonly Label[],
  t: Int32Array,
  p: Int32Array,
  w?: ArrayLike<number>,
): ClassificationCounts {
  const k = classes.length;
  const matrix = new Float64Array(k * k);
  const inTrue = new Uint8Array(k);
  const inPred = new Uint8Array(k);
  const n = t.length;
  if (w === undefined) {
    for (let i = 0; i < n; i++) matrix[t[i]! * k + p[i]!]!++;
    presenceFromMatrix(matrix, k, inTrue, inPred);
  } else {
    for (let i = 0; i < n; i++) {
      const a = t[i]!;
      const b = p[i]!;
      matrix[a * k + b]! += w[i]!;
      inTrue[a] = 1;
      inPred[b] = 1;
    }
  }
  return { labels: classes, matrix, inTrue, inPred, rows: n, weighted: w !== undefined };
}

/** Marks the labels whose row (true) or column (predicted) of an unweighted matrix is non-empty. */
export function presenceFromMatrix(
  matrix: Float64Array,
  k: number,
  inTrue: Uint8Array,
  inPred: Uint8Array,
): void {
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      if (matrix[a * k + b]! > 0) {
        inTrue[a] = 1;
        inPred[b] = 1;
      }
    }
  }
}

interface Range {
  min: number;
  size: number;
}

/** The value range when every label (and extra label) is an integer in a small range, else null. */
function numericRange(yTrue: LabelArray, yPred: LabelArray, extra: readonly Label[]): Range | null {
  if (!isNumeric(yTrue) || !isNumeric(yPred)) return null;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const n = yTrue.length;
  for (let i = 0; i < n; i++) {
    const a = yTrue[i]!;
    const b = yPred[i]!;
    // Also false for NaN and for non-integers, which the encoder then reports.
    if (!(Math.floor(a) === a && Math.floor(b) === b)) return null;
    if (a < min) min = a;
    if (a > max) max = a;
    if (b < min) min = b;
    if (b > max) max = b;
  }
  for (const v of extra) {
    if (typeof v !== 'number' || Math.floor(v) !== v) return null;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const size = max - min + 1;
  return size <= DIRECT_RANGE ? { min, size } : null;
}

function isNumeric(x: LabelArray): x is ArrayLike<number> {
  if (ArrayBuffer.isView(x)) return true;
  for (let i = 0; i < x.length; i++) if (typeof x[i] !== 'number') return false;
  return true;
}

function countDirect(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  extra: readonly number[],
  { min, size }: Range,
  w?: ArrayLike<number>,
): ClassificationCounts {
  const table = new Float64Array(size * size);
  const seenTrue = new Uint8Array(size);
  const seenPred = new Uint8Array(size);
  const n = yTrue.length;
  const offset = min * size + min;
  if (w === undefined) {
    for (let i = 0; i < n; i++) table[yTrue[i]! * size + yPred[i]! - offset]!++;
    presenceFromMatrix(table, size, seenTrue, seenPred);
  } else {
    for (let i = 0; i < n; i++) {
      const a = yTrue[i]! - min;
      const b = yPred[i]! - min;
      table[a * size + b]! += w[i]!;
      seenTrue[a] = 1;
      seenPred[b] = 1;
    }
  }
  const keep: number[] = [];
  const isExtra = new Uint8Array(size);
  for (const v of extra) isExtra[v - min] = 1;
  for (let v = 0; v < size; v++) if (seenTrue[v] || seenPred[v] || isExtra[v]) keep.push(v);
  const k = keep.length;
  const matrix = new Float64Array(k * k);
  const inTrue = new Uint8Array(k);
  const inPred = new Uint8Array(k);
  for (let a = 0; a < k; a++) {
    const ra = keep[a]!;
    inTrue[a] = seenTrue[ra]!;
    inPred[a] = seenPred[ra]!;
    for (let b = 0; b < k; b++) matrix[a * k + b] = table[ra * size + keep[b]!]!;
  }
  return {
    labels: keep.map((v) => v + min),
    matrix,
    inTrue,
    inPred,
    rows: n,
    weighted: w !== undefined,
  };
}
