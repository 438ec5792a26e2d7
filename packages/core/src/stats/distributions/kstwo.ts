import { gammaln, kolmogci, smirnov } from '../special/index.js';
import { brentRoot } from './brent.js';
import { ksone, validSampleSize } from './kolmogorov-dists.js';
import {
  kolmogornDurbin,
  kolmogornPelzGood,
  kolmogornPomeranz,
  logFactorialOverPower,
} from './kstwo-algorithms.js';

interface Tails {
  cdf: number;
  sf: number;
}

function clip(p: number): number {
  return Math.min(Math.max(p, 0), 1);
}

function fromCdf(cdf: number): Tails {
  return { cdf: clip(cdf), sf: clip(1 - cdf) };
}

function fromSf(sf: number): Tails {
  return { cdf: clip(1 - sf), sf: clip(sf) };
}

/**
 * P(D_n <= x) and P(D_n > x), choosing among the exact forms as scipy's kolmogn does
 * (Simard & L'Ecuyer 2011): closed forms near both ends of the support, 2 smirnov(n, x) where
 * the two one-sided events cannot both happen (x >= 1/2) or where it is the dominant term of a
 * tiny sf, Durbin's matrix or Pomeranz for n <= 140, Durbin or Pelz-Good above.
 */
function kolmogn(n: number, x: number, wantSf: boolean): Tails {
  if (x >= 1) return { cdf: 1, sf: 0 };
  if (x <= 0) return { cdf: 0, sf: 1 };
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return { cdf: 0, sf: 1 };
    // Ruben-Gambino: cdf = n!/n^n (2t - 1)^n on [1/(2n), 1/n].
    let prob: number;
    if (n <= 140) {
      prob = 1;
      for (let i = 1; i <= n; i++) prob *= (i / n) * (2 * t - 1);
    } else {
      prob = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    }
    return fromCdf(prob);
  }
  if (t >= n - 1) return fromSf(2 * (1 - x) ** n);
  if (x >= 0.5) return fromSf(2 * smirnov(n, x));
  const nxx = t * x;
  if (n <= 140) {
    if (nxx <= 0.754693) return fromCdf(kolmogornDurbin(n, x));
    if (nxx <= 4) return fromCdf(kolmogornPomeranz(n, x));
    return fromSf(2 * smirnov(n, x));
  }
  if (wantSf) {
    if (nxx >= 370) return { cdf: 1, sf: 0 };
    if (nxx >= 2.2) return fromSf(2 * smirnov(n, x));
  }
  if (nxx >= 18) return { cdf: 1, sf: 0 };
  if (n <= 100000 && n * x ** 1.5 <= 1.4) return fromCdf(kolmogornDurbin(n, x));
  return fromCdf(kolmogornPelzGood(n, x));
}

/** Density: closed forms at the ends, 2 ksone.pdf above 1/2, else a 5-point central difference. */
function density(n: number, x: number): number {
  if (x >= 1 || x <= 0) return 0;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 0;
    let prd: number;
    if (n <= 140) {
      prd = 1;
      for (let i = 1; i < n; i++) prd *= (i / n) * (2 * t - 1);
    } else {
      prd = Math.exp(logFactorialOverPower(n) + (n - 1) * Math.log(2 * t - 1));
    }
    return prd * 2 * n * n;
  }
  if (t >= n - 1) return 2 * (1 - x) ** (n - 1) * n;
  if (x >= 0.5) return 2 * ksone.pdf(x, n);
  let h = x / 2 ** 16;
  h = Math.min(h, x - 1 / n, 0.5 - x);
  const cdf = (d: number) => kolmogn(n, d, false).cdf;
  return (cdf(x - 2 * h) - 8 * cdf(x - h) + 8 * cdf(x + h) - cdf(x + 2 * h)) / (12 * h);
}

/**
 * x with P(D_n <= x) = p, P(D_n > x) = q. Closed forms at both ends as scipy; otherwise Brent's
 * method on whichever of cdf - p or q - sf involves the smaller probability. (scipy always uses
 * cdf - p, so its isf loses accuracy for q below ~1e-10; the fixtures' references there come from
 * a root of scipy's own sf.)
 */
function quantile(n: number, p: number, q: number): number {
  if (p <= 0) return 1 / n;
  if (q <= 0) return 1;
  const delta = Math.exp((Math.log(p) - gammaln(n + 1)) / n);
  if (delta <= 1 / n) return (delta + 1 / n) / 2;
  const x = -Math.expm1(Math.log(q / 2) / n);
  if (x >= 1 - 1 / n) return x;
  const upper = Math.min(kolmogci(p) / Math.sqrt(n), 1 - 1 / n);
  const f = p <= q ? (d: number) => kolmogn(n, d, false).cdf - p : (d: number) => q - kolmogn(n, d, true).sf;
  const root = brentRoot(f, 1 / n, upper, 1e-15);
  return Number.isNaN(root) ? brentRoot(f, 1 / n, 1 - 1 / n, 1e-15) : root;
}

/**
 * The exact distribution of the two-sided one-sample KS statistic D_n = sup |F_n - F| for a
 * sample of size n (integer >= 1), on [1/(2n), 1], as scipy.stats.kstwo. sf is computed directly
 * in the upper tail (sf(0.9, 50) = 2.0e-50).
 * @example kstwo.sf(0.2, 50) // 0.03143877776953241
 */
export const kstwo = {
  pdf(d: number, n: number): number {
    if (!validSampleSize(n) || Number.isNaN(d)) return Number.NaN;
    if (d < 0.5 / n || d > 1) return 0;
    return density(n, d);
  },
  cdf(d: number, n: number): number {
    if (!validSampleSize(n) || Number.isNaN(d)) return Number.NaN;
    if (d <= 0.5 / n) return 0;
    if (d >= 1) return 1;
    return kolmogn(n, d, false).cdf;
  },
  sf(d: number, n: number): number {
    if (!validSampleSize(n) || Number.isNaN(d)) return Number.NaN;
    if (d <= 0.5 / n) return 1;
    if (d >= 1) return 0;
    return kolmogn(n, d, true).sf;
  },
  ppf(q: number, n: number): number {
    if (!validSampleSize(n) || !(q >= 0 && q <= 1)) return Number.NaN;
    if (q === 0) return 0.5 / n;
    if (q === 1) return 1;
    return quantile(n, q, 1 - q);
  },
  isf(q: number, n: number): number {
    if (!validSampleSize(n) || !(q >= 0 && q <= 1)) return Number.NaN;
    if (q === 0) return 1;
    if (q === 1) return 0.5 / n;
    return quantile(n, 1 - q, q);
  },
};
