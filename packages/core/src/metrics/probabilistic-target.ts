import { fewLabels } from './binary-target.js';
import { encodeLabels, formatLabels, type Label, type LabelArray } from './labels.js';
import { readMatrix } from './probability-matrix.js';
import {
  checkFinite,
  checkLengths,
  checkSampleWeight,
  checkUnitInterval,
  invalid,
  isMatrix,
} from './validate.js';

/** Rows whose probabilities sum further than this from 1 are refused. */
export const ROW_SUM_TOLERANCE = 1e-6;

export interface ProbabilisticTarget {
  /** The classes, sorted: yProb's columns follow this order (scikit-learn's LabelBinarizer). */
  classes: Label[];
  /** Per row, the index of its true class. */
  truth: Int32Array;
  /** One column per class; a 1-D binary yProb p becomes [1 − p, p]. */
  columns: Float64Array[];
  n: number;
}

/**
 * Validates yTrue and predicted probabilities as scikit-learn's
 * _validate_multiclass_probabilistic_prediction: probabilities in [0, 1] and finite; classes from
 * `labels` (which must be sorted — scikit-learn sorts them and warns, which silently reorders the
 * columns, so Vigie refuses unsorted labels) or from yTrue, at least two, as many as yProb has
 * columns (a 1-D yProb is the probability of the greater class of two); every true label among
 * the classes. Departure: rows not summing to 1 within 1e-6 throw (scikit-learn warns).
 */
export function probabilisticTarget(
  fn: string,
  yTrue: LabelArray,
  yProb: ArrayLike<number> | ArrayLike<ArrayLike<number>>,
  labels: readonly Label[] | undefined,
  sampleWeight: ArrayLike<number> | undefined,
): ProbabilisticTarget {
  const n = checkLengths(fn, { yTrue, yProb });
  checkSampleWeight(fn, sampleWeight, n);
  let columns: Float64Array[];
  if (isMatrix(yProb)) {
    columns = readMatrix(fn, yProb).columns;
    if (columns.length === 1) columns = [columns[0]!.map((p) => 1 - p), columns[0]!];
  } else {
    const p = Float64Array.from(yProb as ArrayLike<number>);
    columns = [p.map((v) => 1 - v), p];
  }
  for (const col of columns) {
    checkFinite(fn, 'yProb', col);
    checkUnitInterval(fn, 'yProb', col);
  }
  if (labels !== undefined) {
    for (let i = 1; i < labels.length; i++) {
      if (!(labels[i - 1]! < labels[i]!))
        invalid(fn, 'labels must be unique and sorted (they name the columns of yProb in order)');
    }
  }
  const { classes, codes } = encodeLabels(fn, [yTrue], labels ?? []);
  if (labels !== undefined && classes.length !== labels.length) {
    invalid(fn, `yTrue contains labels not in labels ${formatLabels(labels)}`);
  }
  if (classes.length < 2) {
    invalid(
      fn,
      labels === undefined
        ? `yTrue contains only one label (${formatLabels(classes)}): pass every class through labels`
        : 'labels must contain at least two labels',
    );
  }
  if (classes.length !== columns.length) {
    invalid(fn, `${classes.length} classes ${formatLabels(classes)} but yProb has ${columns.length} columns`);
  }
  if (columns.length > 2 || isMatrix(yProb)) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (const col of columns) s += col[i]!;
      if (!(Math.abs(s - 1) <= ROW_SUM_TOLERANCE)) {
        invalid(fn, `yProb rows must sum to 1 (within ${ROW_SUM_TOLERANCE}); row ${i + 1} sums to ${s}`);
      }
    }
  }
  return { classes, truth: codes[0]!, columns, n };
}

/**
 * The binary case of `probabilisticTarget` (1-D yProb, the probability of the greater of two
 * classes) in one pass over the rows, without building the [1 − p, p] matrix.
 */
export function binaryProbabilities(
  fn: string,
  yTrue: LabelArray,
  yProb: ArrayLike<number>,
  labels: readonly Label[] | undefined,
  sampleWeight: ArrayLike<number> | undefined,
): { isPos: Uint8Array; p: ArrayLike<number> } {
  const n = checkLengths(fn, { yTrue, yProb });
  checkSampleWeight(fn, sampleWeight, n);
  let classes: readonly Label[];
  if (labels !== undefined) {
    if (labels.length < 2) invalid(fn, 'labels must contain at least two labels');
    for (let i = 1; i < labels.length; i++) {
      if (!(labels[i - 1]! < labels[i]!))
        invalid(fn, 'labels must be unique and sorted (they name the columns of yProb in order)');
    }
    if (labels.length > 2)
      invalid(fn, `${labels.length} classes ${formatLabels(labels)} but yProb has 2 columns`);
    classes = labels;
  } else {
    const found = fewLabels(fn, yTrue, 2);
    if (found === null)
      invalid(fn, 'yTrue has more than two labels but yProb has 2 columns (a 1-D yProb is binary)');
    if (found.length < 2) {
      invalid(fn, `yTrue contains only one label (${formatLabels(found)}): pass every class through labels`);
    }
    classes = found;
  }
  const [neg, pos] = classes as [Label, Label];
  const isPos = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = yTrue[i];
    if (t === pos) isPos[i] = 1;
    else if (t !== neg) invalid(fn, `yTrue contains labels not in labels ${formatLabels(classes)}`);
    const v = yProb[i]!;
    if (!(v >= 0 && v <= 1))
      invalid(fn, `yProb must be finite probabilities in [0, 1], got ${v} at row ${i + 1}`);
  }
  return { isPos, p: yProb };
}
