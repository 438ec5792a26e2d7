import { VigieError } from '../errors/index.js';
import type { Sample } from '../stats/input.js';
import { requireFinite, requirePositive } from './params.js';
import { encodeNumber, type JsonNumber, openJson } from './serialization.js';
import { flagsFromStatistic, negativeAbs, type UnivariateFlags } from './univariate-flags.js';

export interface ZScoreParams {
  /** Delta degrees of freedom of the standard deviation (divisor n − ddof), as numpy. Default 0. */
  ddof?: number;
  /** A value is an outlier when |z| > threshold. Default 3. */
  threshold?: number;
}

export interface ZScoreJson {
  kind: 'zScore';
  version: 1;
  mean: JsonNumber;
  std: JsonNumber;
  ddof: number;
  threshold: number;
  nObs: number;
}

const EPS = Number.EPSILON;

/** A fitted z-score detector: the training mean and standard deviation, nothing else. */
export class FittedZScore {
  readonly kind = 'zScore' as const;

  constructor(
    readonly mean: number,
    /** 0 when the training spread is zero up to rounding (see `zScore`). */
    readonly std: number,
    readonly ddof: number,
    readonly threshold: number,
    /** Number of non-NaN training values. */
    readonly nObs: number,
  ) {
    Object.freeze(this);
  }

  /** Signed z-scores (x − mean) / std, as scipy.stats.zmap(x, train, ddof); NaN for NaN. */
  zScores(x: Sample): Float64Array {
    const { mean, std } = this;
    const out = new Float64Array(x.length);
    if (std > 0 || Number.isNaN(std)) {
      for (let i = 0; i < x.length; i++) out[i] = (x[i]! - mean) / std;
      return out;
    }
    // Zero spread: values equal to the mean up to rounding have no z-score; others are infinitely far.
    const tol = EPS * Math.abs(mean);
    for (let i = 0; i < x.length; i++) {
      const d = x[i]! - mean;
      out[i] = Math.abs(d) <= tol ? Number.NaN : d / 0;
    }
    return out;
  }

  /** −|z|: higher is more normal, as scikit-learn's score_samples. */
  scoreSamples(x: Sample): Float64Array {
    return negativeAbs(this.zScores(x));
  }

  /** Outliers are |z| > threshold; NaN is reported as missing, never as an outlier. */
  flag(x: Sample): UnivariateFlags {
    return flagsFromStatistic(x, this.zScores(x), this.threshold);
  }

  toJSON(): ZScoreJson {
    return {
      kind: 'zScore',
      version: 1,
      mean: encodeNumber(this.mean),
      std: encodeNumber(this.std),
      ddof: this.ddof,
      threshold: this.threshold,
      nObs: this.nObs,
    };
  }

  static fromJSON(json: unknown): FittedZScore {
    const r = openJson(json, 'zScore', 1);
    return new FittedZScore(
      r.number('mean'),
      r.number('std'),
      r.number('ddof'),
      r.number('threshold'),
      r.integer('nObs'),
    );
  }
}

/**
 * Fits a z-score outlier detector: z = (x − mean) / std over the non-NaN training values, std with
 * divisor max(n − ddof, 0) as numpy (so ddof ≥ n gives NaN or ∞). Outlier when |z| > threshold
 * (default 3). NaN training values are ignored; NaN scored values are missing, never outliers.
 * As scipy.stats.zscore, a spread of zero up to rounding (std ≤ ε·|mean|) yields NaN z-scores
 * for the training values (values away from the mean then score ±∞). The mean is computed in two
 * passes so that a constant sample has exactly its value as mean.
 *
 * @example
 * zScore([1, 2, 3, 4, 100]).flag([2, 1000]).isOutlier; // Uint8Array [0, 1]
 */
export function zScore(x: Sample, params: ZScoreParams = {}): FittedZScore {
  const ddof = requireFinite('zScore', 'ddof', params.ddof ?? 0, 0);
  const threshold = requirePositive('zScore', 'threshold', params.threshold ?? 3);
  let n = 0;
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isNaN(v)) {
      n++;
      sum += v;
    }
  }
  if (n === 0) throw new VigieError('EMPTY_INPUT', 'zScore: the sample has no non-NaN value');
  let mean = sum / n;
  let correction = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isNaN(v)) correction += v - mean;
  }
  mean += correction / n;
  let ss = 0;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!Number.isNaN(v)) ss += (v - mean) * (v - mean);
  }
  let std = Math.sqrt(ss / Math.max(n - ddof, 0));
  if (std <= EPS * Math.abs(mean)) std = 0;
  return new FittedZScore(mean, std, ddof, threshold, n);
}
