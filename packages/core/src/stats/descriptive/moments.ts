import type { Sample } from '../input.js';

/**
 * One-pass summary of a sample: count, mean, central sums and range. `m2`, `m3`, `m4` are
 * central *sums* Σ(x - mean)^k (not divided by n), the form that merges exactly, so:
 * variance = m2 / (n - ddof), biased skewness = √n·m3 / m2^1.5, biased excess kurtosis
 * = n·m4 / m2² - 3.
 */
export interface Moments {
  /** Number of non-NaN values. */
  n: number;
  mean: number;
  m2: number;
  m3: number;
  m4: number;
  min: number;
  max: number;
  /** Number of NaN values skipped. */
  nanCount: number;
}

/** Values per block: small enough that the second pass over a block reads from L1 cache. */
const BLOCK = 2048;

/** The moments of an empty sample, the identity of `mergeMoments`. */
export function emptyMoments(): Moments {
  return { n: 0, mean: Number.NaN, m2: 0, m3: 0, m4: 0, min: Number.NaN, max: Number.NaN, nanCount: 0 };
}

/**
 * Count, mean, central sums m2..m4, min and max in one read of the data, for profiles computed
 * per partition and combined with `mergeMoments`.
 *
 * Each block of 2048 values is summed twice while it sits in cache (block mean, then central
 * sums about it, corrected by the residual Σ(x - block mean)); blocks are combined with Pébay's
 * parallel update. Accuracy matches a two-pass algorithm (about 1e-15 relative on well-conditioned
 * data) at the speed of one pass.
 *
 * The mean is as accurate as a two-pass mean (error about ε·Σ|x|/n): fine unless the values
 * cancel catastrophically (e.g. 1e16, 1, -1e16), where only the compensated `sum` is exact.
 *
 * NaN policy: NaN values are skipped and counted in `nanCount` (a profile wants both numbers).
 * If ±Infinity is present, mean is ±Infinity (NaN when both signs occur) and m2..m4 are NaN;
 * min and max include the infinities. An empty sample gives `emptyMoments()`: mean, min and max
 * NaN, sums 0. Fourth powers overflow for |x - mean| beyond ~1e77.
 *
 * @example
 * const m = moments([1, 2, 3, 4]); // { n: 4, mean: 2.5, m2: 5, m3: 0, m4: 10.25, min: 1, max: 4, nanCount: 0 }
 * m.m2 / (m.n - 1); // sample variance 1.6666666666666667
 */
export function moments(x: Sample): Moments {
  const a = x instanceof Float64Array ? x : Float64Array.from(x);
  const acc = emptyMoments();
  const scratch = new Float64Array(Math.min(BLOCK, a.length));
  let posInf = 0;
  let negInf = 0;
  for (let lo = 0; lo < a.length; lo += BLOCK) {
    const hi = Math.min(a.length, lo + BLOCK);
    let s0 = 0;
    let s1 = 0;
    let mn = Number.POSITIVE_INFINITY;
    let mx = Number.NEGATIVE_INFINITY;
    let i = lo;
    for (; i + 1 < hi; i += 2) {
      const u = a[i]!;
      const v = a[i + 1]!;
      s0 += u;
      s1 += v;
      if (u < mn) mn = u;
      if (u > mx) mx = u;
      if (v < mn) mn = v;
      if (v > mx) mx = v;
    }
    if (i < hi) {
      const u = a[i]!;
      s0 += u;
      if (u < mn) mn = u;
      if (u > mx) mx = u;
    }
    const total = s0 + s1;
    if (Number.isFinite(total)) {
      accumulateBlock(acc, a, lo, hi, total / (hi - lo), mn, mx);
      continue;
    }
    // Rare path: the block holds NaN or ±Infinity (or its sum overflowed). Keep finite values only.
    let m = 0;
    for (let j = lo; j < hi; j++) {
      const v = a[j]!;
      if (v !== v) acc.nanCount++;
      else if (v === Number.POSITIVE_INFINITY) posInf++;
      else if (v === Number.NEGATIVE_INFINITY) negInf++;
      else scratch[m++] = v;
    }
    if (m === 0) continue;
    let s = 0;
    let fmn = Number.POSITIVE_INFINITY;
    let fmx = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < m; j++) {
      const v = scratch[j]!;
      s += v;
      if (v < fmn) fmn = v;
      if (v > fmx) fmx = v;
    }
    accumulateBlock(acc, scratch, 0, m, s / m, fmn, fmx);
  }
  if (posInf + negInf > 0) addInfinities(acc, posInf, negInf);
  return acc;
}

/** Central sums of a[lo..hi) about the provisional mean `c`, corrected to the exact block mean, merged into `acc`. */
function accumulateBlock(
  acc: Moments,
  a: Float64Array,
  lo: number,
  hi: number,
  c: number,
  mn: number,
  mx: number,
): void {
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let j = lo; j < hi; j++) {
    const d = a[j]! - c;
    const d2 = d * d;
    s1 += d;
    s2 += d2;
    s3 += d2 * d;
    s4 += d2 * d2;
  }
  const n = hi - lo;
  // Shift the sums from c to the block's exact mean c + e (e = s1 / n is rounding-sized).
  const e = s1 / n;
  const block: Moments = {
    n,
    mean: c + e,
    m2: s2 - s1 * e,
    m3: s3 - 3 * e * s2 + 2 * e * e * s1,
    m4: s4 - 4 * e * s3 + 6 * e * e * s2 - 3 * e * e * e * s1,
    min: mn,
    max: mx,
    nanCount: 0,
  };
  mergeInto(acc, block);
}

function addInfinities(acc: Moments, posInf: number, negInf: number): void {
  acc.n += posInf + negInf;
  acc.mean =
    posInf > 0 && negInf > 0 ? Number.NaN : posInf > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  acc.m2 = Number.NaN;
  acc.m3 = Number.NaN;
  acc.m4 = Number.NaN;
  if (negInf > 0) acc.min = Number.NEGATIVE_INFINITY;
  else if (Number.isNaN(acc.min)) acc.min = Number.POSITIVE_INFINITY;
  if (posInf > 0) acc.max = Number.POSITIVE_INFINITY;
  else if (Number.isNaN(acc.max)) acc.max = Number.NEGATIVE_INFINITY;
}

/**
 * Combines the moments of two disjoint samples into the moments of their union (Chan et al.'s
 * and Pébay's parallel formulas for central sums up to order 4). Associative and commutative up
 * to rounding, so partitions can be profiled independently and merged in any order.
 *
 * @example mergeMoments(moments([1, 2]), moments([3, 4])); // same as moments([1, 2, 3, 4])
 */
export function mergeMoments(a: Moments, b: Moments): Moments {
  const out = { ...a };
  mergeInto(out, b);
  return out;
}

function mergeInto(acc: Moments, b: Moments): void {
  acc.nanCount += b.nanCount;
  if (b.n === 0) return;
  if (acc.n === 0) {
    acc.n = b.n;
    acc.mean = b.mean;
    acc.m2 = b.m2;
    acc.m3 = b.m3;
    acc.m4 = b.m4;
    acc.min = b.min;
    acc.max = b.max;
    return;
  }
  const na = acc.n;
  const nb = b.n;
  const n = na + nb;
  if (b.min < acc.min) acc.min = b.min;
  if (b.max > acc.max) acc.max = b.max;
  if (!Number.isFinite(acc.mean) || !Number.isFinite(b.mean)) {
    // A side holding ±Infinity: the union's mean is the IEEE sum of the infinities, sums undefined.
    acc.n = n;
    acc.mean = Number.isFinite(acc.mean) ? b.mean : Number.isFinite(b.mean) ? acc.mean : acc.mean + b.mean;
    acc.m2 = Number.NaN;
    acc.m3 = Number.NaN;
    acc.m4 = Number.NaN;
    return;
  }
  const delta = b.mean - acc.mean;
  const dn = delta / n;
  const dn2 = dn * dn;
  const m2 = acc.m2 + b.m2 + delta * dn * na * nb;
  const m3 = acc.m3 + b.m3 + delta * dn2 * na * nb * (na - nb) + 3 * dn * (na * b.m2 - nb * acc.m2);
  const m4 =
    acc.m4 +
    b.m4 +
    delta * dn2 * dn * na * nb * (na * na - na * nb + nb * nb) +
    6 * dn2 * (na * na * b.m2 + nb * nb * acc.m2) +
    4 * dn * (na * b.m3 - nb * acc.m3);
  acc.n = n;
  acc.mean = acc.mean + dn * nb;
  acc.m2 = m2;
  acc.m3 = m3;
  acc.m4 = m4;
}
