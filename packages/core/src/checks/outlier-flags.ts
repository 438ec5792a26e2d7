import { iqrFences, robustZScore, zScore } from '../anomaly/index.js';

export type UnivariateMethod = 'zscore' | 'robust_zscore' | 'iqr';

export const DEFAULT_OUTLIER_THRESHOLD: Readonly<Record<UnivariateMethod, number>> = {
  zscore: 3,
  robust_zscore: 3.5,
  iqr: 1.5,
};

export interface OutlierFlags {
  /** 1 where the value is an outlier (±Infinity always is); never set for missing values. */
  isOutlier: Uint8Array;
  nOutliers: number;
  /** Non-missing values (finite and infinite). */
  present: number;
  /** The fitted detector, as JSON (null when there was no finite value to fit on). */
  detector: unknown;
}

export function outlierMethodLabel(method: UnivariateMethod, threshold: number): string {
  return method === 'zscore'
    ? `|z| > ${threshold} (mean and sample sd of the finite values)`
    : method === 'robust_zscore'
      ? `|0.6745·(x − median) / MAD| > ${threshold}`
      : `outside the Tukey fences Q1 − ${threshold}·IQR, Q3 + ${threshold}·IQR`;
}

/**
 * Flags univariate outliers, as the outliers check and the `exclude … outlier` repair rule both
 * need: the detector is fitted on the finite values (an infinite value would leave the mean and
 * standard deviation undefined), ±Infinity counts as an outlier by definition, missing values are
 * never outliers. With no finite value at all, only the infinities are flagged.
 */
export function univariateOutliers(
  values: Float64Array,
  method: UnivariateMethod,
  threshold = DEFAULT_OUTLIER_THRESHOLD[method],
): OutlierFlags {
  const n = values.length;
  const isOutlier = new Uint8Array(n);
  let finite = 0;
  let present = 0;
  for (let i = 0; i < n; i++) {
    const x = values[i]!;
    if (x !== x) continue;
    present++;
    if (x - x === 0) finite++;
    else isOutlier[i] = 1;
  }
  let nOutliers = present - finite;
  if (finite === 0) return { isOutlier, nOutliers, present, detector: null };
  const sample = finite === present ? values : values.filter((x) => x - x === 0);
  const fitted =
    method === 'zscore'
      ? zScore(sample, { threshold, ddof: 1 })
      : method === 'robust_zscore'
        ? robustZScore(sample, { threshold })
        : iqrFences(sample, { k: threshold });
  const flags = fitted.flag(values);
  for (let i = 0; i < n; i++) {
    if (flags.isOutlier[i] && !isOutlier[i]) {
      isOutlier[i] = 1;
      nOutliers++;
    }
  }
  return { isOutlier, nOutliers, present, detector: fitted.toJSON() };
}
