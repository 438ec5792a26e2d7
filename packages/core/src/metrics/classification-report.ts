import { accuracyFromCounts, balancedAccuracyFromCounts } from './accuracy.js';
import { confusionMatrixFromCounts } from './confusion-matrix.js';
import { classificationCounts } from './counts.js';
import type { Label, LabelArray } from './labels.js';
import { prfFromCounts, type ZeroDivision } from './prf.js';

const FN = 'classificationReport';

export interface ClassificationReportOptions {
  /** The labels to report per class (default: all present). */
  labels?: readonly Label[];
  sampleWeight?: ArrayLike<number>;
  /** Default 'warn' (0). */
  zeroDivision?: ZeroDivision;
  /** Also report the 'binary' precision, recall and F1 of this label (only for two labels or fewer). */
  posLabel?: Label;
}

export interface ClassScores {
  label: Label;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface AveragedScores {
  precision: number;
  recall: number;
  f1: number;
}

export interface ClassificationReport {
  labels: Label[];
  /** Rows counted. */
  rows: number;
  accuracy: number;
  balancedAccuracy: number;
  perClass: ClassScores[];
  micro: AveragedScores;
  macro: AveragedScores;
  weighted: AveragedScores;
  /** Present when `posLabel` was given. */
  binary?: AveragedScores;
  /** Over every label present (rows) as confusionMatrix. */
  confusionMatrix: number[][];
}

/**
 * Every label-based classification metric from one pass over the rows: accuracy, balanced
 * accuracy, per-class precision / recall / F1 / support, their micro, macro and weighted averages,
 * and the confusion matrix — each equal to the scikit-learn function of the same name (the
 * per-class part as sklearn.metrics.classification_report). Ten million rows of small integer
 * labels take about 60 ms. Same input checks as the single functions: NaN or non-integer numeric
 * labels, a mix of strings and numbers, mismatched lengths and empty input throw INVALID_ARGUMENT.
 *
 * @example classificationReport(yTrue, yPred).macro.f1
 */
export function classificationReport(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: ClassificationReportOptions = {},
): ClassificationReport {
  const counts = classificationCounts(
    yTrue,
    yPred,
    { sampleWeight: options.sampleWeight, ...(options.labels ? { labels: options.labels } : {}) },
    FN,
  );
  const common = {
    zeroDivision: options.zeroDivision ?? 'warn',
    ...(options.labels ? { labels: options.labels } : {}),
  };
  const perClass = prfFromCounts(counts, { ...common, average: null }, FN);
  const averaged = (average: 'micro' | 'macro' | 'weighted'): AveragedScores => {
    const r = prfFromCounts(counts, { ...common, average }, FN);
    return { precision: r.precision as number, recall: r.recall as number, f1: r.fscore as number };
  };
  const report: ClassificationReport = {
    labels: perClass.labels,
    rows: counts.rows,
    accuracy: accuracyFromCounts(counts),
    balancedAccuracy: balancedAccuracyFromCounts(counts),
    perClass: perClass.labels.map((label, j) => ({
      label,
      precision: (perClass.precision as Float64Array)[j]!,
      recall: (perClass.recall as Float64Array)[j]!,
      f1: (perClass.fscore as Float64Array)[j]!,
      support: perClass.support![j]!,
    })),
    micro: averaged('micro'),
    macro: averaged('macro'),
    weighted: averaged('weighted'),
    confusionMatrix: confusionMatrixFromCounts(counts).matrix,
  };
  if (options.posLabel !== undefined) {
    const r = prfFromCounts(
      counts,
      { zeroDivision: common.zeroDivision, average: 'binary', posLabel: options.posLabel },
      FN,
    );
    report.binary = { precision: r.precision as number, recall: r.recall as number, f1: r.fscore as number };
  }
  return report;
}
