import { VigieError } from '../../errors/index.js';
import { type BinRule, histogramBinEdges } from '../descriptive/index.js';
import { type Sample, toFloat64 } from '../input.js';
import { type Factorized, factorize } from './labels.js';
import { mutualInfoCodes } from './mutual-info.js';

export interface MutualInfoBinnedOptions {
  /** Bins for each variable: a count or a numpy rule name (default 'fd', Freedman-Diaconis). */
  bins?: number | BinRule;
}

export interface MutualInfoWithTargetOptions extends MutualInfoBinnedOptions {
  /** Treat the feature as categorical: each distinct value is a class (default false: binned). */
  discreteFeature?: boolean;
  /** Treat the target as categorical, e.g. a class label (default false: binned). */
  discreteTarget?: boolean;
}

/**
 * Mutual information in nats of two continuous variables by equal-width binning: each variable
 * is cut at its own `numpy.histogram_bin_edges(v, bins)` (default the Freedman-Diaconis rule
 * 'fd'; a count gives that many bins over [min, max]), a value goes to bin i when
 * e_i <= v < e_i+1 (the last bin is closed), as numpy.histogram; the MI is then
 * `mutualInfoScore` of the two bin codes. Pairs with NaN on either side are dropped first;
 * ±Infinity throws (numpy cannot bin it); no pair left gives NaN. A plug-in estimate: biased
 * upwards, more so with many bins and few pairs.
 *
 * @example mutualInfoBinned([1, 2, 3, 4], [1, 2, 3, 4], { bins: 2 }); // 0.6931471805599453 (ln 2)
 */
export function mutualInfoBinned(x: Sample, y: Sample, options: MutualInfoBinnedOptions = {}): number {
  const { bins = 'fd' } = options;
  const [a, b] = completePairs(x, y, 'mutualInfoBinned');
  return mutualInfoCodes(binCodes(a, bins), binCodes(b, bins));
}

/**
 * Mutual information in nats between a feature and a target, for feature screening: each side
 * is either categorical (its distinct values are the classes) or continuous and binned as in
 * `mutualInfoBinned` (rule or count `bins`, default 'fd'), then `mutualInfoScore` of the codes.
 * Pairs with NaN on either side are dropped (none left: NaN). This is the binned plug-in estimator, not
 * scikit-learn's mutual_info_classif / mutual_info_regression, which use a k-nearest-neighbour
 * (Kraskov) estimator for continuous variables and give different values.
 *
 * @example mutualInfoWithTarget([0.1, 0.2, 0.9, 1.0], [0, 0, 1, 1], { discreteTarget: true, bins: 2 }); // ln 2
 */
export function mutualInfoWithTarget(
  feature: Sample,
  target: Sample,
  options: MutualInfoWithTargetOptions = {},
): number {
  const { bins = 'fd', discreteFeature = false, discreteTarget = false } = options;
  const [f, t] = completePairs(feature, target, 'mutualInfoWithTarget');
  const fCodes = discreteFeature ? factorize(f, 'mutualInfoWithTarget') : binCodes(f, bins);
  const tCodes = discreteTarget ? factorize(t, 'mutualInfoWithTarget') : binCodes(t, bins);
  return mutualInfoCodes(fCodes, tCodes);
}

function completePairs(x: Sample, y: Sample, fn: string): [Float64Array, Float64Array] {
  if (x.length !== y.length) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `${fn}: x and y must have the same length, got ${x.length} and ${y.length}`,
    );
  }
  const a = toFloat64(x);
  const b = toFloat64(y);
  let kept = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === a[i] && b[i] === b[i]) kept++;
  if (kept === a.length) return [a, b];
  const ka = new Float64Array(kept);
  const kb = new Float64Array(kept);
  let w = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === a[i] && b[i] === b[i]) {
      ka[w] = a[i]!;
      kb[w++] = b[i]!;
    }
  }
  return [ka, kb];
}

/** The numpy.histogram bin of each value, recoded densely over the bins in use. */
function binCodes(x: Float64Array, bins: number | BinRule): Factorized {
  const n = x.length;
  if (n === 0) return { codes: new Int32Array(0), count: 0 };
  const edges = histogramBinEdges(x, { bins });
  const m = edges.length - 1;
  const first = edges[0]!;
  const scale = m / (edges[m]! - first);
  const raw = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    // The product guesses the bin; the edges (which it can miss by an ulp) decide.
    let k = Math.trunc((v - first) * scale);
    if (k > m - 1) k = m - 1;
    if (k < 0) k = 0;
    while (k > 0 && v < edges[k]!) k--;
    while (k < m - 1 && v >= edges[k + 1]!) k++;
    raw[i] = k;
  }
  return factorize(raw, 'binCodes');
}
