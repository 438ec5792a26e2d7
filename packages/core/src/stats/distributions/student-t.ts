import { betainc, betaincc, betaincinvPair, betaln } from '../special/index.js';
import { norm } from './norm.js';
import { isfOutside, pdfOutside, positive, ppfOutside } from './support.js';

/**
 * P(T > |t|) for t != 0: 0.5 I_z(df/2, 1/2) with z = df / (df + t^2), or its complement form
 * 0.5 (1 - I_w(1/2, df/2)) with w = t^2 / (df + t^2), whichever argument is smaller (so it is
 * formed without cancellation). Ratios are built from s = |t| / sqrt(df) to avoid overflow.
 */
function upperTail(t: number, df: number): number {
  const s = Math.abs(t) / Math.sqrt(df);
  if (s > 1) {
    const r = 1 / s;
    if (r < 1e-150) {
      // z = r^2 / (1 + r^2) would be subnormal; there I_z(a, 1/2) = z^a / (a B(a, 1/2)) exactly
      // to double precision.
      const a = 0.5 * df;
      return 0.5 * Math.exp(2 * a * Math.log(r) - Math.log(a) - betaln(a, 0.5));
    }
    const r2 = r * r;
    return 0.5 * betainc(0.5 * df, 0.5, r2 / (1 + r2));
  }
  const s2 = s * s;
  return 0.5 * betaincc(0.5, 0.5 * df, s2 / (1 + s2));
}

/** t > 0 with P(T > t) = p, for 0 < p <= 1/2: z = df / (df + t^2) solves I_z(df/2, 1/2) = 2p. */
function upperQuantile(p: number, df: number): number {
  const { x: z, y: w, logX, logY } = betaincinvPair(0.5 * df, 0.5, 2 * p, 1 - 2 * p);
  // Far in the tail z underflows; its logarithm is still exact.
  if (z < 1e-300) return Math.sqrt(df) * Math.exp(0.5 * (logY - logX));
  return Math.sqrt(df) * Math.sqrt(w / z);
}

/**
 * Student's t distribution with `df` degrees of freedom (df > 0; +Infinity gives the normal), as
 * scipy.stats.t. cdf, sf and the quantiles go through the regularized incomplete beta function in
 * whichever tail is small, so sf(40, 30) = 6.86e-28 keeps full precision. Invalid df give NaN.
 * @example studentT.sf(2.042272456301238, 30) // 0.025
 */
export const studentT = {
  pdf(x: number, df: number): number {
    if (!positive(df)) return Number.NaN;
    if (df === Number.POSITIVE_INFINITY) return norm.pdf(x);
    return Math.exp(studentT.logpdf(x, df));
  },
  logpdf(x: number, df: number): number {
    if (!positive(df)) return Number.NaN;
    if (df === Number.POSITIVE_INFINITY) return norm.logpdf(x);
    const outside = pdfOutside(x, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
    if (outside !== null) return outside === 0 ? Number.NEGATIVE_INFINITY : outside;
    // log of 1 / (sqrt(df) B(df/2, 1/2)) (1 + x^2/df)^(-(df+1)/2)
    return -betaln(0.5 * df, 0.5) - 0.5 * Math.log(df) - 0.5 * (df + 1) * Math.log1p((x * x) / df);
  },
  cdf(x: number, df: number): number {
    if (!positive(df) || Number.isNaN(x)) return Number.NaN;
    if (df === Number.POSITIVE_INFINITY) return norm.cdf(x);
    if (x === 0) return 0.5;
    if (x === Number.POSITIVE_INFINITY) return 1;
    if (x === Number.NEGATIVE_INFINITY) return 0;
    const tail = upperTail(x, df);
    return x < 0 ? tail : 1 - tail;
  },
  sf(x: number, df: number): number {
    return studentT.cdf(-x, df);
  },
  ppf(q: number, df: number): number {
    if (!positive(df)) return Number.NaN;
    if (df === Number.POSITIVE_INFINITY) return norm.ppf(q);
    const edge = ppfOutside(q, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
    if (edge !== null) return edge;
    if (q === 0.5) return 0;
    return q < 0.5 ? -upperQuantile(q, df) : upperQuantile(1 - q, df);
  },
  isf(q: number, df: number): number {
    if (!positive(df)) return Number.NaN;
    if (df === Number.POSITIVE_INFINITY) return norm.isf(q);
    const edge = isfOutside(q, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
    if (edge !== null) return edge;
    if (q === 0.5) return 0;
    return q < 0.5 ? upperQuantile(q, df) : -upperQuantile(1 - q, df);
  },
};
