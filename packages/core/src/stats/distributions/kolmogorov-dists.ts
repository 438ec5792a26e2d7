import {
  kolmogc,
  kolmogci,
  kolmogi,
  kolmogorov,
  kolmogp,
  smirnov,
  smirnovc,
  smirnovci,
  smirnovi,
  smirnovp,
} from '../special/index.js';
import { cdfOutside, isfOutside, pdfOutside, ppfOutside, sfOutside } from './support.js';

const INF = Number.POSITIVE_INFINITY;

/**
 * Kolmogorov's limiting distribution of sqrt(n) D_n on [0, inf), as scipy.stats.kstwobign
 * (sf = scipy.special.kolmogorov, isf = kolmogi). sf(5) = 3.86e-22, computed directly.
 * @example kstwobign.sf(1.3580986393225507) // 0.05
 */
export const kstwobign = {
  pdf(x: number): number {
    return pdfOutside(x, 0, INF) ?? -kolmogp(x);
  },
  cdf(x: number): number {
    return cdfOutside(x, 0, INF) ?? kolmogc(x);
  },
  sf(x: number): number {
    return sfOutside(x, 0, INF) ?? kolmogorov(x);
  },
  ppf(q: number): number {
    return ppfOutside(q, 0, INF) ?? kolmogci(q);
  },
  isf(q: number): number {
    return isfOutside(q, 0, INF) ?? kolmogi(q);
  },
};

/** scipy's argcheck for the KS sample size: an integer n >= 1. */
export function validSampleSize(n: number): boolean {
  return n >= 1 && Number.isInteger(n);
}

/**
 * The exact distribution of the one-sided KS statistic D+_n (or D-_n) for sample size n, on
 * [0, 1], as scipy.stats.ksone (sf = scipy.special.smirnov, isf = smirnovi). n must be an
 * integer >= 1, otherwise NaN.
 * @example ksone.sf(0.36866, 10) // 0.05000268
 */
export const ksone = {
  pdf(d: number, n: number): number {
    if (!validSampleSize(n)) return Number.NaN;
    return pdfOutside(d, 0, 1) ?? -smirnovp(n, d);
  },
  cdf(d: number, n: number): number {
    if (!validSampleSize(n)) return Number.NaN;
    return cdfOutside(d, 0, 1) ?? smirnovc(n, d);
  },
  sf(d: number, n: number): number {
    if (!validSampleSize(n)) return Number.NaN;
    return sfOutside(d, 0, 1) ?? smirnov(n, d);
  },
  ppf(q: number, n: number): number {
    if (!validSampleSize(n)) return Number.NaN;
    return ppfOutside(q, 0, 1) ?? smirnovci(n, q);
  },
  isf(q: number, n: number): number {
    if (!validSampleSize(n)) return Number.NaN;
    return isfOutside(q, 0, 1) ?? smirnovi(n, q);
  },
};
