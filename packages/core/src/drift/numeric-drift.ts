import { sortedQuantile } from '../profile/index.js';
import { firstAbove, ks2samp, kstwo, psi, psiFromCounts, wassersteinDistance } from '../stats/index.js';
import type { NumericSide } from './sides.js';

export interface Measure {
  statistic: number;
  pvalue: number | null;
  exact: boolean;
}

/** P(X <= x) at each point. */
export function sideCdf(side: NumericSide, points: Float64Array): Float64Array {
  if (side.kind === 'sketch') return side.sketch.cdf(points);
  const out = new Float64Array(points.length);
  for (let i = 0; i < points.length; i++) out[i] = firstAbove(side.sorted, points[i]!) / side.n;
  return out;
}

export function sideQuantile(side: NumericSide, q: number): number {
  return side.kind === 'sketch' ? side.sketch.quantile(q) : sortedQuantile(side.sorted, q);
}

function evaluationPoints(side: NumericSide): Float64Array {
  if (side.kind === 'values') return side.sorted;
  const qs = new Float64Array(1001);
  for (let i = 0; i <= 1000; i++) qs[i] = side.sketch.quantile(i / 1000);
  return qs;
}

/**
 * Two-sample Kolmogorov-Smirnov. On raw values: scipy.stats.ks_2samp (method 'auto'). When a
 * side is a sketch: D is the largest CDF gap over both sides' points (within the sketch's rank
 * error) and the p-value is scipy's asymptotic one, kstwo.sf(D, round(n·m / (n + m))).
 */
export function ksMeasure(ref: NumericSide, cur: NumericSide): Measure {
  if (ref.kind === 'values' && cur.kind === 'values') {
    const r = ks2samp(ref.sorted, cur.sorted, { presorted: true });
    return { statistic: r.statistic, pvalue: r.pvalue, exact: true };
  }
  let d = 0;
  for (const points of [evaluationPoints(ref), evaluationPoints(cur)]) {
    const a = sideCdf(ref, points);
    const b = sideCdf(cur, points);
    for (let i = 0; i < points.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  }
  const en = (ref.n * cur.n) / (ref.n + cur.n);
  return { statistic: d, pvalue: Math.min(1, Math.max(0, kstwo.sf(d, Math.round(en)))), exact: false };
}

/**
 * Wasserstein-1 distance divided by the reference's sample standard deviation (ddof = 1). From a
 * sketch, W1 = ∫|Q_ref(q) − Q_cur(q)| dq is integrated on 2,000 midpoints.
 */
export function wassersteinMeasure(ref: NumericSide, cur: NumericSide): Measure {
  let w1: number;
  let exact = true;
  if (ref.kind === 'values' && cur.kind === 'values') {
    w1 = wassersteinDistance(ref.sorted, cur.sorted, undefined, undefined, { presorted: true });
  } else {
    const steps = 2000;
    let sum = 0;
    for (let i = 0; i < steps; i++) {
      const q = (i + 0.5) / steps;
      sum += Math.abs(sideQuantile(ref, q) - sideQuantile(cur, q));
    }
    w1 = sum / steps;
    exact = false;
  }
  const sd = ref.std;
  const statistic = sd > 0 ? w1 / sd : w1 === 0 ? 0 : Number.POSITIVE_INFINITY;
  return { statistic, pvalue: null, exact };
}

/** Inner bin edges at the reference's k/bins quantiles, duplicates removed. */
export function referenceQuantileEdges(ref: NumericSide, bins: number): Float64Array {
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const e = sideQuantile(ref, k / bins);
    if (edges.length === 0 || e > edges[edges.length - 1]!) edges.push(e);
  }
  return Float64Array.from(edges);
}

/** Counts of each side in the bins (−∞, e1], (e1, e2], ..., (ek, ∞). */
export function binCounts(side: NumericSide, inner: Float64Array): Float64Array {
  const cdf = sideCdf(side, inner);
  const out = new Float64Array(inner.length + 1);
  let prev = 0;
  for (let i = 0; i < inner.length; i++) {
    out[i] = (cdf[i]! - prev) * side.n;
    prev = cdf[i]!;
  }
  out[inner.length] = (1 - prev) * side.n;
  return out;
}

/** Population stability index on the reference's quantile bins (see psi in stats/distances). */
export function psiMeasure(ref: NumericSide, cur: NumericSide, bins: number, epsilon: number): Measure {
  if (ref.kind === 'values' && cur.kind === 'values') {
    return {
      statistic: psi(ref.sorted, cur.sorted, { bins, epsilon, presorted: true }),
      pvalue: null,
      exact: true,
    };
  }
  const inner = referenceQuantileEdges(ref, bins);
  return {
    statistic: psiFromCounts(binCounts(ref, inner), binCounts(cur, inner), { epsilon }),
    pvalue: null,
    exact: false,
  };
}
