import { type ClassificationCounts, classificationCounts } from './counts.js';
import { indexOfLabel, type Label, type LabelArray } from './labels.js';
import { invalid } from './validate.js';

export interface ConfusionMatrixOptions {
  /** Rows and columns, in this order; rows whose true or predicted label is not listed are left out. Default: the sorted union of the labels present. */
  labels?: readonly Label[];
  sampleWeight?: ArrayLike<number>;
  /** Divide by the row sums ('true'), column sums ('pred') or the total ('all'); 0/0 gives 0, as scikit-learn. */
  normalize?: 'true' | 'pred' | 'all';
}

export interface ConfusionMatrix {
  /** matrix[i][j]: rows with true labels[i] predicted as labels[j] (counts, weights or shares). */
  matrix: number[][];
  labels: Label[];
}

/**
 * The confusion matrix, as sklearn.metrics.confusion_matrix: C[i][j] is the number (or total
 * weight) of rows whose true label is labels[i] and predicted label labels[j]. In the binary case
 * C[0][0] are true negatives, C[1][1] true positives. Refuses empty `labels` and `labels` none of
 * which occur in yTrue, as scikit-learn; NaN labels, mismatched lengths and empty input throw
 * INVALID_ARGUMENT.
 *
 * @example confusionMatrix(['a', 'b', 'a'], ['a', 'a', 'a']) // { matrix: [[2, 0], [1, 0]], labels: ['a', 'b'] }
 */
export function confusionMatrix(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ConfusionMatrixOptions = {},
): ConfusionMatrix {
  const fn = 'confusionMatrix';
  if (options.labels !== undefined && options.labels.length === 0)
    invalid(fn, 'labels must hold at least one label');
  const counts = classificationCounts(
    yTrue,
    yPred,
    { sampleWeight: options.sampleWeight, ...(options.labels ? { labels: options.labels } : {}) },
    fn,
  );
  return confusionMatrixFromCounts(counts, options);
}

/** confusionMatrix from confusion counts that cover `options.labels`. */
export function confusionMatrixFromCounts(
  counts: ClassificationCounts,
  options: Pick<ConfusionMatrixOptions, 'labels' | 'normalize'> = {},
): ConfusionMatrix {
  const fn = 'confusionMatrix';
  const { matrix: full, labels: classes } = counts;
  const k = classes.length;
  let index: number[];
  if (options.labels === undefined) {
    index = [];
    for (let c = 0; c < k; c++) if (counts.inTrue[c] || counts.inPred[c]) index.push(c);
  } else {
    index = options.labels.map((l) => indexOfLabel(classes, l));
    if (!index.some((c) => c >= 0 && counts.inTrue[c])) {
      invalid(fn, 'at least one of the labels must occur in yTrue');
    }
  }
  const matrix = index.map((a) => index.map((b) => (a < 0 || b < 0 ? 0 : full[a * k + b]!)));
  normalizeInPlace(matrix, options.normalize);
  return { matrix, labels: index.map((c, i) => (c >= 0 ? classes[c]! : options.labels![i]!)) };
}

function normalizeInPlace(m: number[][], normalize: ConfusionMatrixOptions['normalize']): void {
  if (normalize === undefined) return;
  const k = m.length;
  const safe = (v: number, d: number) => {
    const r = v / d;
    return Number.isFinite(r) ? r : 0;
  };
  if (normalize === 'true') {
    for (const row of m) {
      const s = row.reduce((a, b) => a + b, 0);
      for (let j = 0; j < k; j++) row[j] = safe(row[j]!, s);
    }
  } else if (normalize === 'pred') {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (const row of m) s += row[j]!;
      for (const row of m) row[j] = safe(row[j]!, s);
    }
  } else if (normalize === 'all') {
    let s = 0;
    for (const row of m) for (const v of row) s += v;
    for (const row of m) for (let j = 0; j < k; j++) row[j] = safe(row[j]!, s);
  } else {
    invalid('confusionMatrix', `normalize must be 'true', 'pred' or 'all', got ${String(normalize)}`);
  }
}
