import { VigieError } from '../../errors/index.js';
import { emptyMoments, type Moments, mergeMoments, moments } from '../descriptive/index.js';
import type { Sample } from '../input.js';
import {
  decodeNumber,
  encodeNumber,
  invalid,
  type JsonNumber,
  readEnvelope,
  readInteger,
} from './serialization.js';

const KIND = 'vigie.moments-sketch';
const VERSION = 1;

/** Serialized moments sketch (version 1). */
export interface MomentsSketchJSON {
  kind: typeof KIND;
  version: typeof VERSION;
  n: number;
  nanCount: number;
  mean: JsonNumber;
  m2: JsonNumber;
  m3: JsonNumber;
  m4: JsonNumber;
  min: JsonNumber;
  max: JsonNumber;
}

/**
 * Streaming moments: n, mean, the central sums M2, M3, M4, min, max and the NaN count, as a
 * mergeable, serializable object around stats/descriptive's `moments` (batches: blockwise
 * two-pass sums) and `mergeMoments` (Chan et al. / Pébay pairwise formulas), so any partitioning
 * of the data gives the moments of the whole up to rounding.
 *
 * NaN is ignored and counted in `nanCount`; ±Infinity make the mean infinite (NaN with both
 * signs) and the central sums NaN, as `moments` documents. `update`/`updateMany` mutate; `merge`
 * returns a new sketch.
 *
 * @example
 * const m = createMomentsSketch();
 * m.updateMany(column);
 * m.variance(1); m.skewness(); m.kurtosis();
 */
export class MomentsSketch {
  private state: Moments = emptyMoments();
  private readonly single = new Float64Array(1);

  get n(): number {
    return this.state.n;
  }
  get nanCount(): number {
    return this.state.nanCount;
  }
  /** Mean of the non-NaN values (NaN when empty). */
  get mean(): number {
    return this.state.mean;
  }
  /** Σ (x − mean)². */
  get m2(): number {
    return this.state.m2;
  }
  /** Σ (x − mean)³. */
  get m3(): number {
    return this.state.m3;
  }
  /** Σ (x − mean)⁴. */
  get m4(): number {
    return this.state.m4;
  }
  /** Exact minimum of the non-NaN values (NaN when empty). */
  get min(): number {
    return this.state.min;
  }
  /** Exact maximum of the non-NaN values (NaN when empty). */
  get max(): number {
    return this.state.max;
  }

  /** The summary as stats/descriptive's `Moments` (a copy). */
  moments(): Moments {
    return { ...this.state };
  }

  update(x: number): void {
    this.single[0] = x;
    this.state = mergeMoments(this.state, moments(this.single));
  }

  updateMany(values: Sample): void {
    this.state = mergeMoments(this.state, moments(values));
  }

  /** The moments of both streams together, as a new sketch. */
  merge(other: MomentsSketch): MomentsSketch {
    if (!(other instanceof MomentsSketch)) {
      throw new VigieError('INVALID_ARGUMENT', 'MomentsSketch.merge: the argument is not a MomentsSketch');
    }
    return MomentsSketch.of(mergeMoments(this.state, other.state));
  }

  clone(): MomentsSketch {
    return MomentsSketch.of({ ...this.state });
  }

  /** A sketch holding the given summary (e.g. from stats/descriptive's `moments`). */
  static of(summary: Moments): MomentsSketch {
    const sketch = new MomentsSketch();
    sketch.state = { ...summary };
    return sketch;
  }

  /** Variance M2 / (n − ddof) (numpy's default ddof = 0); NaN when n ≤ ddof. */
  variance(ddof = 0): number {
    const { n, m2 } = this.state;
    return n - ddof > 0 ? m2 / (n - ddof) : Number.NaN;
  }

  /** √variance(ddof). */
  std(ddof = 0): number {
    return Math.sqrt(this.variance(ddof));
  }

  /**
   * Sample skewness as scipy.stats.skew: g1 = m3 / m2^1.5 with m_p = M_p / n, or with
   * `bias: false` the adjusted G1 = √(n(n−1))/(n−2)·g1 (when n > 2). NaN when the variance is
   * zero up to rounding (m2 ≤ (ε·mean)², scipy's test) or the sketch is empty.
   */
  skewness(options: { bias?: boolean } = {}): number {
    const { n, m2, m3 } = this.state;
    const v2 = m2 / n;
    if (n === 0 || this.isDegenerate(v2)) return Number.NaN;
    const g1 = m3 / n / v2 ** 1.5;
    if (options.bias === false && n > 2) return (Math.sqrt((n - 1) * n) / (n - 2)) * g1;
    return g1;
  }

  /**
   * Sample kurtosis as scipy.stats.kurtosis: m4 / m2² (minus 3 when `fisher`, the default), or
   * with `bias: false` the unbiased-cumulant estimator (when n > 3). NaN as for `skewness`.
   */
  kurtosis(options: { fisher?: boolean; bias?: boolean } = {}): number {
    const { n, m2, m4 } = this.state;
    const v2 = m2 / n;
    if (n === 0 || this.isDegenerate(v2)) return Number.NaN;
    let value = m4 / n / (v2 * v2);
    if (options.bias === false && n > 3) {
      value = ((n * n - 1) * value - 3 * (n - 1) ** 2) / ((n - 2) * (n - 3)) + 3;
    }
    return options.fisher === false ? value : value - 3;
  }

  private isDegenerate(v2: number): boolean {
    return v2 <= (Number.EPSILON * this.state.mean) ** 2;
  }

  toJSON(): MomentsSketchJSON {
    const s = this.state;
    return {
      kind: KIND,
      version: VERSION,
      n: s.n,
      nanCount: s.nanCount,
      mean: encodeNumber(s.mean),
      m2: encodeNumber(s.m2),
      m3: encodeNumber(s.m3),
      m4: encodeNumber(s.m4),
      min: encodeNumber(s.min),
      max: encodeNumber(s.max),
    };
  }

  /** Rebuilds a sketch from `toJSON()` output; rejects malformed or foreign objects. */
  static fromJSON(value: unknown): MomentsSketch {
    const record = readEnvelope(value, KIND, VERSION);
    const state: Moments = {
      n: readInteger(record, 'n', 0, Number.MAX_SAFE_INTEGER),
      nanCount: readInteger(record, 'nanCount', 0, Number.MAX_SAFE_INTEGER),
      mean: decodeNumber(record.mean, `${KIND} mean`),
      m2: decodeNumber(record.m2, `${KIND} m2`),
      m3: decodeNumber(record.m3, `${KIND} m3`),
      m4: decodeNumber(record.m4, `${KIND} m4`),
      min: decodeNumber(record.min, `${KIND} min`),
      max: decodeNumber(record.max, `${KIND} max`),
    };
    if (state.n === 0) {
      const empty = emptyMoments();
      const same = (a: number, b: number): boolean => Object.is(a, b);
      if (!(same(state.mean, empty.mean) && state.m2 === 0 && state.m3 === 0 && state.m4 === 0)) {
        invalid(`${KIND}: an empty sketch has mean NaN and zero central sums`);
      }
      if (!(Number.isNaN(state.min) && Number.isNaN(state.max)))
        invalid(`${KIND}: an empty sketch has NaN min/max`);
    } else {
      if (!(state.min <= state.max)) invalid(`${KIND}: min must be ≤ max`);
      if (state.m2 < 0 || state.m4 < 0) invalid(`${KIND}: even central sums cannot be negative`);
    }
    return MomentsSketch.of(state);
  }
}

/**
 * Creates an empty moments sketch.
 *
 * @example
 * const m = createMomentsSketch();
 */
export function createMomentsSketch(): MomentsSketch {
  return new MomentsSketch();
}
