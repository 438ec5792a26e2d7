import { VigieError } from '../errors/index.js';
import { quantile } from '../stats/descriptive/index.js';
import type { Sample } from '../stats/input.js';
import { requireFinite } from './params.js';
import { openJson } from './serialization.js';
import { type UnivariateFlags, withoutNaN } from './univariate-flags.js';

export interface IqrFencesParams {
  /** Fence multiplier: outliers lie below Q1 − k·IQR or above Q3 + k·IQR. Default 1.5 (Tukey). */
  k?: number;
}

export interface IqrFencesJson {
  kind: 'iqrFences';
  version: 1;
  q1: number;
  q3: number;
  k: number;
  nObs: number;
}

/** A fitted Tukey-fences detector: the training quartiles. */
export class FittedIqrFences {
  readonly kind = 'iqrFences' as const;
  readonly iqr: number;
  readonly lower: number;
  readonly upper: number;

  constructor(
    readonly q1: number,
    readonly q3: number,
    readonly k: number,
    readonly nObs: number,
  ) {
    this.iqr = q3 - q1;
    this.lower = q1 - k * this.iqr;
    this.upper = q3 + k * this.iqr;
    Object.freeze(this);
  }

  /**
   * −max(Q1 − x, x − Q3) / IQR: positive inside the box, −k at a fence, lower outside; NaN for
   * NaN. With IQR = 0, values off the quartile score −∞ and the quartile itself NaN.
   */
  scoreSamples(x: Sample): Float64Array {
    const { q1, q3, iqr } = this;
    const out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const v = x[i]!;
      out[i] = -Math.max(q1 - v, v - q3) / iqr;
    }
    return out;
  }

  /** Outliers are x < lower or x > upper (strict); NaN is reported as missing, never as an outlier. */
  flag(x: Sample): UnivariateFlags {
    const { lower, upper } = this;
    const n = x.length;
    const isOutlier = new Uint8Array(n);
    const isMissing = new Uint8Array(n);
    let nOutliers = 0;
    let nMissing = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i]!;
      if (Number.isNaN(v)) {
        isMissing[i] = 1;
        nMissing++;
      } else if (v < lower || v > upper) {
        isOutlier[i] = 1;
        nOutliers++;
      }
    }
    return { isOutlier, isMissing, nOutliers, nMissing };
  }

  toJSON(): IqrFencesJson {
    return { kind: 'iqrFences', version: 1, q1: this.q1, q3: this.q3, k: this.k, nObs: this.nObs };
  }

  static fromJSON(json: unknown): FittedIqrFences {
    const r = openJson(json, 'iqrFences', 1);
    return new FittedIqrFences(r.number('q1'), r.number('q3'), r.number('k'), r.integer('nObs'));
  }
}

/**
 * Fits Tukey's fences: Q1 and Q3 of the non-NaN training values (numpy's 'linear' percentile),
 * fences Q1 − k·IQR and Q3 + k·IQR with k = 1.5 by default. A value is an outlier when it lies
 * strictly outside a fence. NaN training values are ignored; NaN scored values are missing,
 * never outliers.
 *
 * @example
 * iqrFences([1, 2, 3, 4, 100]).flag([2, 100]).isOutlier; // Uint8Array [0, 1]
 */
export function iqrFences(x: Sample, params: IqrFencesParams = {}): FittedIqrFences {
  const k = requireFinite('iqrFences', 'k', params.k ?? 1.5, 0);
  const values = withoutNaN(x);
  if (values.length === 0) throw new VigieError('EMPTY_INPUT', 'iqrFences: the sample has no non-NaN value');
  const [q1, q3] = quantile(values, [0.25, 0.75]);
  return new FittedIqrFences(q1!, q3!, k, values.length);
}
