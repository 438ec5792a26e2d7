import { binaryRocAuc, rocAucOfLabels } from './binary-auc.js';
import { binarize, fewLabels } from './binary-target.js';
import { encodeLabels, formatLabel, formatLabels, type Label, type LabelArray } from './labels.js';
import { type ProbabilityMatrix, readMatrix } from './probability-matrix.js';
import { checkFinite, checkLengths, checkSampleWeight, invalid, isMatrix } from './validate.js';

export interface RocAucScoreOptions {
  /** Multiclass averaging: 'macro' (default), 'weighted' (by class prevalence), 'micro' ('ovr' only) or null (per class, 'ovr' only). */
  average?: 'macro' | 'weighted' | 'micro' | null;
  /** Multiclass scheme: 'ovr' (one-vs-rest) or 'ovo' (one-vs-one, Hand & Till 2001). Required for multiclass input, as scikit-learn ('raise' by default). */
  multiClass?: 'ovr' | 'ovo';
  /** Multiclass: the labels of yScore's columns, sorted; default the sorted labels of yTrue. */
  labels?: readonly Label[];
  /** Not with 'ovo', as scikit-learn. */
  sampleWeight?: ArrayLike<number>;
}

const FN = 'rocAucScore';

/**
 * Area under the ROC curve, as sklearn.metrics.roc_auc_score.
 * - Binary: yTrue holds exactly two labels and yScore the scores of the greater one (the second
 *   of the sorted labels, as scikit-learn). Unweighted, the value is exact: the Mann–Whitney
 *   P(s⁺ > s⁻) + ½ P(s⁺ = s⁻) from one radix sort of each class's scores (ten million rows in
 *   under a second); weighted, the trapezoid under the weighted ROC curve, as scikit-learn.
 * - Multiclass: yScore is a matrix of class probabilities (rows summing to 1, as scikit-learn
 *   checks with numpy.allclose), columns in the order of `labels`. 'ovr' averages the
 *   one-vs-rest AUCs ('weighted' by the number of true rows of each class, 'micro' over the
 *   flattened one-hot matrix); 'ovo' averages, over pairs of classes present, the mean of the two
 *   AUCs restricted to the pair's rows ('weighted' by the pair's share of rows).
 * Departure: a single class in yTrue throws INVALID_ARGUMENT (scikit-learn warns and returns
 * NaN), and so does a class of `labels` absent from yTrue under 'macro'. NaN or infinite scores,
 * mismatched lengths and empty input throw INVALID_ARGUMENT.
 *
 * @example rocAucScore([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) // 0.75
 */
export function rocAucScore(
  yTrue: LabelArray,
  yScore: ArrayLike<number> | ArrayLike<ArrayLike<number>>,
  options: RocAucScoreOptions = {},
): number | Float64Array {
  const n = checkLengths(FN, { yTrue, yScore });
  checkSampleWeight(FN, options.sampleWeight, n);
  if (isMatrix(yScore)) {
    const matrix = readMatrix(FN, yScore);
    if (matrix.k > 2) return multiclassRocAuc(yTrue, matrix, options);
    invalid(FN, 'binary yScore must be one score per row (the greater label), not a matrix');
  }
  const classes = fewLabels(FN, yTrue, 2);
  if (classes === null) {
    invalid(
      FN,
      'yTrue has more than two labels: pass yScore as a matrix of class probabilities and multiClass',
    );
  }
  if (classes.length < 2) {
    invalid(FN, `only one class (${formatLabel(classes[0]!)}) in yTrue: ROC AUC is undefined`);
  }
  const score = yScore as ArrayLike<number>;
  if (options.sampleWeight === undefined) return rocAucOfLabels(FN, yTrue, classes[1]!, score);
  checkFinite(FN, 'yScore', score);
  return binaryRocAuc(binarize(yTrue, classes[1]!), score, options.sampleWeight);
}

function multiclassRocAuc(
  yTrue: LabelArray,
  scores: ProbabilityMatrix,
  options: RocAucScoreOptions,
): number | Float64Array {
  const { multiClass, sampleWeight } = options;
  const average = options.average === undefined ? 'macro' : options.average;
  if (multiClass !== 'ovr' && multiClass !== 'ovo') {
    invalid(FN, "multiclass input needs multiClass 'ovr' or 'ovo'");
  }
  const allowed = multiClass === 'ovr' ? ['macro', 'weighted', 'micro', null] : ['macro', 'weighted'];
  if (!allowed.includes(average)) {
    invalid(FN, `average must be one of ${allowed.map(String).join(', ')} for multiClass '${multiClass}'`);
  }
  const { k, columns } = scores;
  for (const col of columns) checkFinite(FN, 'yScore', col);
  checkRowsSumToOne(scores);
  const { classes, codes } = encodeLabels(FN, [yTrue], options.labels ?? []);
  const truth = codes[0]!;
  if (options.labels !== undefined) {
    checkSortedUnique(options.labels);
    if (classes.length !== options.labels.length) {
      invalid(FN, `yTrue contains labels not in labels ${formatLabels(options.labels)}`);
    }
  }
  if (classes.length !== k) {
    invalid(FN, `${classes.length} classes ${formatLabels(classes)} but yScore has ${k} columns`);
  }
  if (multiClass === 'ovo') {
    if (sampleWeight !== undefined) invalid(FN, "sampleWeight is not supported with multiClass 'ovo'");
    return ovo(truth, columns, k, average === 'weighted');
  }
  return ovr(truth, columns, classes, average, sampleWeight);
}

function ovr(
  truth: Int32Array,
  columns: Float64Array[],
  classes: readonly Label[],
  average: 'macro' | 'weighted' | 'micro' | null,
  w: ArrayLike<number> | undefined,
): number | Float64Array {
  const k = columns.length;
  const n = truth.length;
  if (average === 'micro') {
    const isPos = new Uint8Array(n * k);
    const flat = new Float64Array(n * k);
    const fw = w === undefined ? undefined : new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      isPos[i * k + truth[i]!] = 1;
      for (let c = 0; c < k; c++) {
        flat[i * k + c] = columns[c]![i]!;
        if (fw) fw[i * k + c] = w![i]!;
      }
    }
    return binaryRocAuc(isPos, flat, fw);
  }
  const scores = new Float64Array(k);
  const support = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const isPos = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (truth[i] === c) {
        isPos[i] = 1;
        support[c]! += w === undefined ? 1 : w[i]!;
      }
    }
    scores[c] = binaryRocAuc(isPos, columns[c]!, w);
  }
  if (average === null) return scores;
  if (average === 'weighted') {
    let sum = 0;
    let wsum = 0;
    for (let c = 0; c < k; c++) {
      wsum += support[c]!;
      if (support[c]! > 0) sum += scores[c]! * support[c]!;
    }
    return wsum === 0 ? 0 : sum / wsum;
  }
  let sum = 0;
  for (let c = 0; c < k; c++) {
    if (Number.isNaN(scores[c]!)) {
      invalid(
        FN,
        `class ${formatLabel(classes[c]!)} has no rows in yTrue: its one-vs-rest ROC AUC is undefined`,
      );
    }
    sum += scores[c]!;
  }
  return sum / k;
}

/** Hand & Till (2001): over pairs (a, b) of classes present, the mean of AUC(a vs b) and AUC(b vs a). */
function ovo(truth: Int32Array, columns: Float64Array[], k: number, weighted: boolean): number {
  const n = truth.length;
  const present: number[] = [];
  const count = new Float64Array(k);
  for (let i = 0; i < n; i++) count[truth[i]!]!++;
  for (let c = 0; c < k; c++) if (count[c]! > 0) present.push(c);
  let sum = 0;
  let wsum = 0;
  let pairs = 0;
  for (let x = 0; x < present.length; x++) {
    for (let y = x + 1; y < present.length; y++) {
      const a = present[x]!;
      const b = present[y]!;
      const m = count[a]! + count[b]!;
      const isA = new Uint8Array(m);
      const sa = new Float64Array(m);
      const sb = new Float64Array(m);
      let r = 0;
      for (let i = 0; i < n; i++) {
        const t = truth[i]!;
        if (t !== a && t !== b) continue;
        isA[r] = t === a ? 1 : 0;
        sa[r] = columns[a]![i]!;
        sb[r] = columns[b]![i]!;
        r++;
      }
      const isB = isA.map((v) => 1 - v);
      const pairScore = (binaryRocAuc(isA, sa) + binaryRocAuc(isB, sb)) / 2;
      const prevalence = m / n;
      sum += weighted ? pairScore * prevalence : pairScore;
      wsum += prevalence;
      pairs++;
    }
  }
  if (pairs === 0) invalid(FN, 'only one class in yTrue: ROC AUC is undefined');
  return weighted ? sum / wsum : sum / pairs;
}

/** scikit-learn refuses multiclass scores whose rows do not sum to 1 (numpy.allclose: |s − 1| ≤ 1e-8 + 1e-5·|s|). */
function checkRowsSumToOne({ columns, n }: ProbabilityMatrix): void {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (const col of columns) s += col[i]!;
    if (!(Math.abs(1 - s) <= 1e-8 + 1e-5 * Math.abs(s))) {
      invalid(FN, `yScore rows must be class probabilities summing to 1; row ${i + 1} sums to ${s}`);
    }
  }
}

function checkSortedUnique(labels: readonly Label[]): void {
  for (let i = 1; i < labels.length; i++) {
    if (!(labels[i - 1]! < labels[i]!)) invalid(FN, 'labels must be unique and sorted');
  }
}
