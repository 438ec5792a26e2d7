import { VigieError } from '../../errors/index.js';
import { sortFloat64, sum } from '../descriptive/index.js';
import { type Factorized, factorize } from './labels.js';

export type AverageMethod = 'arithmetic' | 'geometric' | 'min' | 'max';

export interface NormalizedMutualInfoOptions {
  /** How the two entropies are averaged into the normalizer, as scikit-learn (default 'arithmetic'). */
  averageMethod?: AverageMethod;
}

/** Dense tables up to this many cells; sparser label pairs are counted by sorting pair keys. */
const MAX_DENSE_CELLS = 1 << 22;
const EPS = 2.220446049250313e-16;

/**
 * Mutual information of two labelings in nats, as `sklearn.metrics.mutual_info_score`:
 * Σ (n_ij / n) log(n·n_ij / (a_i b_j)) over the non-empty cells of their contingency table, with
 * scikit-learn's arrangement of the logarithms, terms below machine epsilon set to 0 and the sum
 * clipped at 0. Labels are any numbers, each distinct value one class (-1 too: there is no
 * missing code, as in scikit-learn; NaN throws). A labeling with a single class gives 0. Empty
 * labelings give NaN (departure: scikit-learn fails on log 0).
 *
 * @example mutualInfoScore([0, 0, 1, 1], [1, 1, 0, 0]); // 0.6931471805599453 (ln 2)
 */
export function mutualInfoScore(labelsA: ArrayLike<number>, labelsB: ArrayLike<number>): number {
  checkLengths(labelsA, labelsB, 'mutualInfoScore');
  return mutualInfoCodes(factorize(labelsA, 'mutualInfoScore'), factorize(labelsB, 'mutualInfoScore'));
}

/**
 * Normalized mutual information, as `sklearn.metrics.normalized_mutual_info_score`:
 * MI / mean(H(A), H(B)) with the arithmetic mean by default (see `averageMethod`), entropies in
 * nats. Two labelings with a single class each (or both empty) score 1, a zero MI scores 0.
 *
 * @example normalizedMutualInfoScore([0, 0, 1, 1], [1, 1, 0, 0]); // 1
 */
export function normalizedMutualInfoScore(
  labelsA: ArrayLike<number>,
  labelsB: ArrayLike<number>,
  options: NormalizedMutualInfoOptions = {},
): number {
  const { averageMethod = 'arithmetic' } = options;
  if (!['arithmetic', 'geometric', 'min', 'max'].includes(averageMethod)) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `normalizedMutualInfoScore: averageMethod must be 'arithmetic', 'geometric', 'min' or 'max'`,
    );
  }
  checkLengths(labelsA, labelsB, 'normalizedMutualInfoScore');
  const a = factorize(labelsA, 'normalizedMutualInfoScore');
  const b = factorize(labelsB, 'normalizedMutualInfoScore');
  if (a.count === b.count && (a.count === 1 || a.count === 0)) return 1;
  const mi = mutualInfoCodes(a, b);
  if (mi === 0) return 0;
  const ha = entropy(a);
  const hb = entropy(b);
  const normalizer =
    averageMethod === 'arithmetic'
      ? (ha + hb) / 2
      : averageMethod === 'geometric'
        ? Math.sqrt(ha * hb)
        : averageMethod === 'min'
          ? Math.min(ha, hb)
          : Math.max(ha, hb);
  return mi / normalizer;
}

function checkLengths(a: ArrayLike<number>, b: ArrayLike<number>, fn: string): void {
  if (a.length !== b.length) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `${fn}: the labelings differ in length (${a.length} and ${b.length})`,
    );
  }
}

/** MI of two factorized labelings of equal length (the kernel behind every MI function here). */
export function mutualInfoCodes(a: Factorized, b: Factorized): number {
  if (a.count === 1 || b.count === 1) return 0;
  const n = a.codes.length;
  if (n === 0) return Number.NaN;
  const rowSums = new Float64Array(a.count);
  const colSums = new Float64Array(b.count);
  for (let i = 0; i < n; i++) {
    rowSums[a.codes[i]!]!++;
    colSums[b.codes[i]!]!++;
  }
  const logN = Math.log(n);
  // scikit-learn: c/n (log c - log n) + c/n (-log(a_i b_j) + log n + log n), per non-empty cell.
  const term = (cell: number, c: number): number => {
    const i = Math.floor(cell / b.count);
    const j = cell - i * b.count;
    const p = c / n;
    const t = p * (Math.log(c) - logN) + p * (-Math.log(rowSums[i]! * colSums[j]!) + logN + logN);
    return Math.abs(t) < EPS ? 0 : t;
  };
  const terms: number[] = [];
  if (a.count * b.count <= MAX_DENSE_CELLS) {
    const table = new Float64Array(a.count * b.count);
    for (let i = 0; i < n; i++) table[a.codes[i]! * b.count + b.codes[i]!]!++;
    for (let cell = 0; cell < table.length; cell++) {
      const c = table[cell]!;
      if (c > 0) terms.push(term(cell, c));
    }
  } else {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = a.codes[i]! * b.count + b.codes[i]!;
    const sorted = sortFloat64(keys);
    let k = 0;
    while (k < n) {
      const cell = sorted[k]!;
      let end = k + 1;
      while (end < n && sorted[end] === cell) end++;
      terms.push(term(cell, end - k));
      k = end;
    }
  }
  return Math.max(0, sum(terms));
}

/** Entropy in nats of a labeling from its class counts, as scikit-learn's `_entropy`. */
function entropy(labels: Factorized): number {
  const n = labels.codes.length;
  if (n === 0) return 1;
  if (labels.count === 1) return 0;
  const counts = new Float64Array(labels.count);
  for (let i = 0; i < n; i++) counts[labels.codes[i]!]!++;
  const logN = Math.log(n);
  const terms = new Float64Array(labels.count);
  for (let k = 0; k < labels.count; k++) terms[k] = (counts[k]! / n) * (Math.log(counts[k]!) - logN);
  return -sum(terms);
}
