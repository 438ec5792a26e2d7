import { VigieError } from '../errors/index.js';
import { median } from '../stats/descriptive/index.js';
import type { Sample } from '../stats/input.js';
import { requirePositive } from './params.js';
import { encodeNumber, type JsonNumber, openJson } from './serialization.js';
import { flagsFromStatistic, negativeAbs, type UnivariateFlags, withoutNaN } from './univariate-flags.js';

export interface RobustZScoreParams {
  /** A value is an outlier when |modified z| > threshold. Default 3.5 (Iglewicz and Hoaglin). */
  threshold?: number;
}

export interface RobustZScoreJson {
  kind: 'robustZScore';
  version: 1;
  median: JsonNumber;
  mad: JsonNumber;
  threshold: number;
  nObs: number;
}

/** Iglewicz and Hoaglin's constant, Φ⁻¹(0.75) rounded as in their paper. */
const K = 0.6745;

/** A fitted robust z-score detector: the training median and MAD. */
export class FittedRobustZScore {
  readonly kind = 'robustZScore' as const;

  constructor(
    readonly median: number,
    /** Median absolute deviation from the median, unscaled. */
    readonly mad: number,
    readonly threshold: number,
    readonly nObs: number,
  ) {
    Object.freeze(this);
  }

  /** Signed modified z-scores 0.6745 (x − median) / MAD; ±∞ or NaN when MAD is 0, as numpy divides. */
  modifiedZScores(x: Sample): Float64Array {
    const { median, mad } = this;
    const out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = (K * (x[i]! - median)) / mad;
    return out;
  }

  /** −|modified z|: higher is more normal. */
  scoreSamples(x: Sample): Float64Array {
    return negativeAbs(this.modifiedZScores(x));
  }

  /** Outliers are |modified z| > threshold; NaN is reported as missing, never as an outlier. */
  flag(x: Sample): UnivariateFlags {
    return flagsFromStatistic(x, this.modifiedZScores(x), this.threshold);
  }

  toJSON(): RobustZScoreJson {
    return {
      kind: 'robustZScore',
      version: 1,
      median: encodeNumber(this.median),
      mad: encodeNumber(this.mad),
      threshold: this.threshold,
      nObs: this.nObs,
    };
  }

  static fromJSON(json: unknown): FittedRobustZScore {
    const r = openJson(json, 'robustZScore', 1);
    return new FittedRobustZScore(
      r.number('median'),
      r.number('mad'),
      r.number('threshold'),
      r.integer('nObs'),
    );
  }
}

/**
 * Fits Iglewicz and Hoaglin's modified z-score detector: M = 0.6745 (x − median) / MAD with
 * MAD = median(|x − median|) (unscaled, np.median definitions), outlier when |M| > threshold
 * (default 3.5). NaN training values are ignored; NaN scored values are missing, never
 * outliers. When MAD is 0 (more than half the values tie) every value off the median scores ±∞
 * and is flagged: no fallback to the mean absolute deviation.
 *
 * @example
 * robustZScore([1, 2, 3, 4, 100]).flag([2, 100]).isOutlier; // Uint8Array [0, 1]
 */
export function robustZScore(x: Sample, params: RobustZScoreParams = {}): FittedRobustZScore {
  const threshold = requirePositive('robustZScore', 'threshold', params.threshold ?? 3.5);
  const values = withoutNaN(x);
  const n = values.length;
  if (n === 0) throw new VigieError('EMPTY_INPUT', 'robustZScore: the sample has no non-NaN value');
  const center = median(values);
  const deviations = new Float64Array(n);
  for (let i = 0; i < n; i++) deviations[i] = Math.abs(values[i]! - center);
  return new FittedRobustZScore(center, median(deviations), threshold, n);
}
