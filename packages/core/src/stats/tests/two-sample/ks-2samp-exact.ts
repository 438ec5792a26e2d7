import type { Alternative } from '../../input.js';
import { binom, createBinom } from './binom.js';
import { roundHalfEven } from './common.js';

/** Outcome of scipy's `_attempt_exact_2kssamp`: `ok` false sends ks2samp to the asymptotic form. */
export interface ExactKs {
  ok: boolean;
  /** The statistic snapped to the lattice, h / lcm(n1, n2), which scipy reports in both cases. */
  d: number;
  prob: number;
}

/**
 * The exact null probability P(D >= d) of the two-sample Kolmogorov-Smirnov statistic, after
 * Hodges (1958), with the same algorithms and failure rules as scipy.stats.ks_2samp:
 * d is snapped to h / lcm(n1, n2); two-sided uses the Horner form for n1 = n2 and Viehmann's
 * "1 - p inside" recursion otherwise; one-sided uses a ratio product for n1 = n2 and the
 * outside-path count over C(n1 + n2, n1) otherwise. The attempt fails (ok false) where scipy's
 * floating-point checks fail: C(n1 + n2, n1) overflows, a count exceeds it, or the probability
 * leaves [0, 1].
 */
export function exactKs2samp(
  n1: number,
  n2: number,
  g: number,
  d: number,
  alternative: Alternative,
): ExactKs {
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const snapped = h / lcm;
  if (h === 0) return { ok: true, d: snapped, prob: 1 };
  let prob: number;
  if (alternative === 'two-sided') {
    prob = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
  } else if (n1 === n2) {
    prob = 1;
    for (let j = 0; j < h; j++) prob *= (n1 - j) / (n1 + j + 1);
  } else {
    const total = binom(n1 + n2, n1);
    if (!Number.isFinite(total)) return { ok: false, d: snapped, prob: Number.NaN };
    const paths = countPathsOutside(n1, n2, g, h);
    if (!Number.isFinite(paths) || paths > total) return { ok: false, d: snapped, prob: Number.NaN };
    prob = paths / total;
  }
  if (!(prob >= 0 && prob <= 1)) return { ok: false, d: snapped, prob };
  return { ok: true, d: snapped, prob };
}

/**
 * P(D_{n,n} >= h/n) = 2 (C(2n, n-h) - C(2n, n-2h) + ...) / C(2n, n), evaluated as
 * 2 A0 (1 - A1 (1 - A2 (...))) with each ratio Ai built from h factors, which avoids the
 * cancellation of the alternating sum.
 */
function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    p = p1 * (1 - p);
  }
  return 2 * p;
}

/**
 * Proportion of lattice paths from (0, 0) to (m, n) that leave the band |x/m - y/n| < h / lcm,
 * computed column by column as a probability (Viehmann 2021) over a sliding window of the
 * column, so no count can overflow. Operation order follows scipy's pythran kernel.
 */
function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const a = new Float64Array(lenA).fill(1);
  a.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (a[jj + minj - lastminj]! * i + val * j) / (i + j);
      a[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) a.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return a[maxj - minj - 1]!;
}

/**
 * Number of lattice paths from (0, 0) to (m, n) that reach m·y <= n·x - h·g somewhere
 * (Hodges' B(x, y) recursion over the first boundary crossing), in floating point: the counts
 * are binomials, so the caller compares with C(m + n, n) and treats overflow as failure.
 */
function countPathsOutside(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  // Only the x values where n·x/m + ng·h crosses an integer need checking.
  const lxj = n + Math.floor((mg - h) / mg);
  if (lxj <= 0) return binom(m + n, n);
  const choose = createBinom(m + n);
  const xj = new Float64Array(lxj);
  for (let j = 0; j < lxj; j++) xj[j] = Math.floor((h + mg * j + ng - 1) / ng);
  const b = new Float64Array(lxj);
  b[0] = 1;
  for (let j = 1; j < lxj; j++) {
    let bj = choose(xj[j]! + j, j);
    for (let i = 0; i < j; i++) bj -= choose(xj[j]! - xj[i]! + j - i, j - i) * b[i]!;
    if (!Number.isFinite(bj)) return Number.NaN;
    b[j] = bj;
  }
  let paths = 0;
  for (let j = 0; j < lxj; j++) paths += b[j]! * choose(m - xj[j]! + (n - j), n - j);
  return paths;
}
