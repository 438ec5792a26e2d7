import { type ClassificationCounts, classificationCounts } from './counts.js';
import type { LabelArray } from './labels.js';
import { invalid } from './validate.js';

export interface AccuracyScoreOptions {
  /** Default true: the share of correct rows; false: their number (or total weight). */
  normalize?: boolean;
  sampleWeight?: ArrayLike<number>;
}

/**
 * Accuracy, as sklearn.metrics.accuracy_score: Σ w·[yTrue = yPred] / Σ w (w = 1 without weights),
 * or the numerator alone when `normalize` is false. Labels are integers or strings; NaN labels,
 * mismatched lengths and empty input throw INVALID_ARGUMENT; so do weights summing to 0 (scikit-learn
 * raises ZeroDivisionError there).
 *
 * @example accuracyScore([0, 1, 2, 3], [0, 2, 1, 3]) // 0.5
 */
export function accuracyScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: AccuracyScoreOptions = {},
): number {
  const counts = classificationCounts(yTrue, yPred, { sampleWeight: options.sampleWeight }, 'accuracyScore');
  return accuracyFromCounts(counts, options.normalize ?? true);
}

/** accuracyScore from confusion counts. */
export function accuracyFromCounts(counts: ClassificationCounts, normalize = true): number {
  const { matrix } = counts;
  const k = counts.labels.length;
  let correct = 0;
  let total = 0;
  for (let a = 0; a < k; a++) {
    for (let b = 0; b < k; b++) {
      const v = matrix[a * k + b]!;
      total += v;
      if (a === b) correct += v;
    }
  }
  if (!normalize) return correct;
  if (total === 0) invalid('accuracyScore', 'the sample weights sum to 0');
  return correct / total;
}

export interface BalancedAccuracyScoreOptions {
  /** Default false; true rescales so that chance scores 0 and perfect scores 1. */
  adjusted?: boolean;
  sampleWeight?: ArrayLike<number>;
}

/**
 * Balanced accuracy, as sklearn.metrics.balanced_accuracy_score: the mean over classes of the
 * recall C[i,i] / Σ_j C[i,j] of the confusion matrix of all labels present; classes with no true
 * rows (only predicted) are left out, as scikit-learn does after its warning. `adjusted`: (score −
 * 1/K) / (1 − 1/K) with K the classes kept. Invalid input throws INVALID_ARGUMENT.
 *
 * @example balancedAccuracyScore([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1]) // 0.625
 */
export function balancedAccuracyScore(
  yTrue: LabelArray,
  yPred: LabelArray,
  options: BalancedAccuracyScoreOptions = {},
): number {
  const counts = classificationCounts(
    yTrue,
    yPred,
    { sampleWeight: options.sampleWeight },
    'balancedAccuracyScore',
  );
  return balancedAccuracyFromCounts(counts, options.adjusted ?? false);
}

/** balancedAccuracyScore from confusion counts. */
export function balancedAccuracyFromCounts(counts: ClassificationCounts, adjusted = false): number {
  const { matrix, inTrue, inPred } = counts;
  const k = counts.labels.length;
  let sum = 0;
  let classes = 0;
  for (let a = 0; a < k; a++) {
    if (!inTrue[a] && !inPred[a]) continue;
    let row = 0;
    for (let b = 0; b < k; b++) row += matrix[a * k + b]!;
    if (row === 0) continue;
    sum += matrix[a * k + a]! / row;
    classes++;
  }
  if (classes === 0) invalid('balancedAccuracyScore', 'no class has true rows of positive weight');
  let score = sum / classes;
  if (adjusted) {
    const chance = 1 / classes;
    score = (score - chance) / (1 - chance);
  }
  return score;
}
