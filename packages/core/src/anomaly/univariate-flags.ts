import type { Sample } from '../stats/input.js';

/** The non-NaN values of `x`, in order, in a new array (NaN is "missing" for these detectors). */
export function withoutNaN(x: Sample): Float64Array {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) n++;
  const out = new Float64Array(n);
  for (let i = 0, w = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isNaN(v)) out[w++] = v;
  }
  return out;
}

/**
 * The verdict of a univariate detector on a sample. NaN values are never flagged as outliers:
 * they are reported as missing instead, so that "no outlier" never hides "no data".
 */
export interface UnivariateFlags {
  /** 1 where the value is an outlier, else 0 (always 0 for NaN). */
  readonly isOutlier: Uint8Array;
  /** 1 where the value is NaN. */
  readonly isMissing: Uint8Array;
  readonly nOutliers: number;
  readonly nMissing: number;
}

/** Flags |statistic| > threshold (strictly), NaN input as missing. */
export function flagsFromStatistic(x: Sample, statistic: Float64Array, threshold: number): UnivariateFlags {
  const n = x.length;
  const isOutlier = new Uint8Array(n);
  const isMissing = new Uint8Array(n);
  let nOutliers = 0;
  let nMissing = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(x[i])) {
      isMissing[i] = 1;
      nMissing++;
    } else if (Math.abs(statistic[i]!) > threshold) {
      isOutlier[i] = 1;
      nOutliers++;
    }
  }
  return { isOutlier, isMissing, nOutliers, nMissing };
}

/** −|statistic|: higher means more normal, as scikit-learn's score_samples. */
export function negativeAbs(statistic: Float64Array): Float64Array {
  const out = new Float64Array(statistic.length);
  for (let i = 0; i < out.length; i++) out[i] = -Math.abs(statistic[i]!);
  return out;
}
