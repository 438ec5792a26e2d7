import { quantile } from '../stats/index.js';
import { binarize, fewLabels, resolvePosLabel } from './binary-target.js';
import type { Label, LabelArray } from './labels.js';
import { checkFinite, checkLengths, checkUnitInterval, invalid } from './validate.js';

export interface CalibrationCurveOptions {
  /** Number of bins. Default 5, as scikit-learn. */
  nBins?: number;
  /** 'uniform' (default): equal-width bins on [0, 1]; 'quantile': edges at the k/nBins quantiles of yProb (numpy 'linear'), so bins hold about as many rows. */
  strategy?: 'uniform' | 'quantile';
  /** Default 1 when yTrue is {0, 1} or {-1, 1}; required otherwise. */
  posLabel?: Label;
}

export interface CalibrationCurve {
  /** Per non-empty bin: the share of positives. */
  probTrue: Float64Array;
  /** Per non-empty bin: the mean predicted probability. */
  probPred: Float64Array;
  /** Per non-empty bin: its number of rows. */
  binCounts: Float64Array;
  /** All nBins + 1 edges; a probability equal to an inner edge falls in the lower bin. */
  binEdges: Float64Array;
}

/**
 * The reliability curve, as sklearn.calibration.calibration_curve: rows are binned by predicted
 * probability (bin = number of inner edges strictly below p, numpy.searchsorted 'left'), and each
 * non-empty bin reports its share of positives and its mean probability. Binary yTrue only.
 * Probabilities outside [0, 1] or NaN, more than two labels, mismatched lengths and empty input
 * throw INVALID_ARGUMENT.
 *
 * @example calibrationCurve([0, 0, 0, 0, 1, 1, 1, 1, 1], [0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1], { nBins: 3 })
 * // probTrue [0, 0.5, 1], probPred [0.2, 0.525, 0.85]
 */
export function calibrationCurve(
  yTrue: LabelArray,
  yProb: ArrayLike<number>,
  options: CalibrationCurveOptions = {},
): CalibrationCurve {
  return binned('calibrationCurve', yTrue, yProb, options).curve;
}

/**
 * Expected calibration error over the bins of `calibrationCurve` (same nBins, strategy and
 * posLabel): ECE = Σ_b (n_b / n)·|probTrue_b − probPred_b| over the non-empty bins b, n_b the
 * rows of bin b — the mean absolute gap between observed frequency and confidence, weighted by
 * bin size (Naeini et al. 2015, the binary form). 0 for perfect calibration, at most 1. Default
 * nBins is 10 (the usual choice for ECE), not calibrationCurve's 5. Same input checks as
 * calibrationCurve.
 *
 * @example expectedCalibrationError([0, 1, 1, 0], [0.2, 0.9, 0.6, 0.4], { nBins: 2 }) // 0.275
 */
export function expectedCalibrationError(
  yTrue: LabelArray,
  yProb: ArrayLike<number>,
  options: CalibrationCurveOptions = {},
): number {
  const { curve, n } = binned('expectedCalibrationError', yTrue, yProb, { nBins: 10, ...options });
  let ece = 0;
  for (let b = 0; b < curve.probTrue.length; b++) {
    ece += (curve.binCounts[b]! / n) * Math.abs(curve.probTrue[b]! - curve.probPred[b]!);
  }
  return ece;
}

function binned(
  fn: string,
  yTrue: LabelArray,
  yProb: ArrayLike<number>,
  options: CalibrationCurveOptions,
): { curve: CalibrationCurve; n: number } {
  const n = checkLengths(fn, { yTrue, yProb });
  const nBins = options.nBins ?? 5;
  const strategy = options.strategy ?? 'uniform';
  if (!(Number.isInteger(nBins) && nBins >= 1)) invalid(fn, `nBins must be a positive integer, got ${nBins}`);
  if (strategy !== 'uniform' && strategy !== 'quantile') {
    invalid(fn, `strategy must be 'uniform' or 'quantile', got ${String(strategy)}`);
  }
  const classes = fewLabels(fn, yTrue, 2);
  if (classes === null)
    invalid(fn, 'only binary classification is supported: yTrue has more than two labels');
  const isPos = binarize(yTrue, resolvePosLabel(fn, classes, options.posLabel));
  const p = Float64Array.from(yProb);
  checkFinite(fn, 'yProb', p);
  checkUnitInterval(fn, 'yProb', p);

  // numpy.linspace(0, 1, nBins + 1): k·(1/nBins), last exactly 1.
  const step = 1 / nBins;
  const grid = Float64Array.from({ length: nBins + 1 }, (_, k) => (k === nBins ? 1 : k * step));
  // numpy.percentile(p, grid·100) divides by 100 again before numpy.quantile's 'linear' rule.
  const edges =
    strategy === 'uniform'
      ? grid
      : quantile(
          p,
          grid.map((q) => (q * 100) / 100),
        );
  const sums = new Float64Array(nBins);
  const positives = new Float64Array(nBins);
  const totals = new Float64Array(nBins);
  for (let i = 0; i < n; i++) {
    const v = p[i]!;
    let lo = 1;
    let hi = nBins;
    // First inner edge ≥ v (edges[1..nBins−1]); the bin is its position.
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (edges[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    const bin = lo - 1;
    sums[bin]! += v;
    positives[bin]! += isPos[i]!;
    totals[bin]!++;
  }
  const keep: number[] = [];
  for (let b = 0; b < nBins; b++) if (totals[b]! > 0) keep.push(b);
  return {
    curve: {
      probTrue: Float64Array.from(keep, (b) => positives[b]! / totals[b]!),
      probPred: Float64Array.from(keep, (b) => sums[b]! / totals[b]!),
      binCounts: Float64Array.from(keep, (b) => totals[b]!),
      binEdges: edges,
    },
    n,
  };
}
