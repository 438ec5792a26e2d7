import { sortFloat64 } from '../stats/index.js';
import type { Label, LabelArray } from './labels.js';
import { trapezoid } from './roc-curve.js';
import { thresholdCounts } from './threshold-counts.js';
import { invalid } from './validate.js';

/**
 * Exact ROC AUC of scores against a 0/1 target: the Mann–Whitney probability
 * P(s⁺ > s⁻) + ½ P(s⁺ = s⁻) over all (positive, negative) pairs. The two classes' scores are
 * radix-sorted separately and merged; the count of pairs is an integer (or half-integer) held
 * exactly in a double, divided once. NaN when a class is empty. With weights, the trapezoid
 * under the weighted ROC curve, as scikit-learn.
 */
export function binaryRocAuc(
  isPos: Uint8Array,
  score: ArrayLike<number>,
  weight?: ArrayLike<number>,
): number {
  if (weight !== undefined) return weightedRocAuc(isPos, Float64Array.from(score), weight);
  const n = score.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += isPos[i]!;
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return Number.NaN;
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(nNeg);
  let p = 0;
  let q = 0;
  for (let i = 0; i < n; i++) {
    if (isPos[i]) pos[p++] = score[i]!;
    else neg[q++] = score[i]!;
  }
  return mannWhitneyAuc(sortFloat64(pos), sortFloat64(neg));
}

/**
 * Unweighted binary AUC straight from labels: one pass counts the positives (and refuses
 * non-finite scores), one splits the scores by class, then the two sorts and the merge.
 */
export function rocAucOfLabels(
  fn: string,
  yTrue: LabelArray,
  posLabel: Label,
  score: ArrayLike<number>,
): number {
  const n = score.length;
  let nPos = 0;
  for (let i = 0; i < n; i++) {
    const v = score[i]!;
    if (!(v - v === 0)) invalid(fn, `yScore contains ${v} at row ${i + 1}; values must be finite numbers`);
    if (yTrue[i] === posLabel) nPos++;
  }
  const pos = new Float64Array(nPos);
  const neg = new Float64Array(n - nPos);
  let p = 0;
  let q = 0;
  for (let i = 0; i < n; i++) {
    if (yTrue[i] === posLabel) pos[p++] = score[i]!;
    else neg[q++] = score[i]!;
  }
  return mannWhitneyAuc(sortFloat64(pos), sortFloat64(neg));
}

/** AUC from the ascending positive and negative scores (both non-empty). */
export function mannWhitneyAuc(pos: Float64Array, neg: Float64Array): number {
  const nNeg = neg.length;
  let below = 0;
  let notAbove = 0;
  let pairs = 0;
  for (let i = 0; i < pos.length; i++) {
    const v = pos[i]!;
    while (below < nNeg && neg[below]! < v) below++;
    if (notAbove < below) notAbove = below;
    while (notAbove < nNeg && neg[notAbove]! <= v) notAbove++;
    pairs += below + 0.5 * (notAbove - below);
  }
  return pairs / (pos.length * nNeg);
}

function weightedRocAuc(isPos: Uint8Array, score: Float64Array, weight: ArrayLike<number>): number {
  const { fps, tps } = thresholdCounts(isPos, score, weight);
  const fTotal = fps[fps.length - 1]!;
  const tTotal = tps[tps.length - 1]!;
  if (!(fTotal > 0) || !(tTotal > 0)) return Number.NaN;
  const m = fps.length + 1;
  const fpr = new Float64Array(m);
  const tpr = new Float64Array(m);
  for (let i = 1; i < m; i++) {
    fpr[i] = fps[i - 1]! / fTotal;
    tpr[i] = tps[i - 1]! / tTotal;
  }
  return trapezoid(fpr, tpr);
}
