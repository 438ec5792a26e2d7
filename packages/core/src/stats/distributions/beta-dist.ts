import { betainc, betaincc, betainccinv, betaincinv, betaln } from '../special/index.js';
import { cdfOutside, isfOutside, pdfOutside, positive, ppfOutside, sfOutside } from './support.js';
import { xlogy } from './xlogy.js';

const INF = Number.POSITIVE_INFINITY;

function logDensity(x: number, a: number, b: number): number {
  // (a-1) log x + (b-1) log(1-x) - log B(a, b), with 0 * log 0 = 0 at the ends (scipy's xlogy).
  const right = b === 1 ? 0 : (b - 1) * Math.log1p(-x);
  return xlogy(a - 1, x) + right - betaln(a, b);
}

/**
 * The beta distribution on [0, 1] with shapes a, b > 0, as scipy.stats.beta: cdf = I_x(a, b),
 * sf = 1 - I_x(a, b) computed directly, quantiles by the incomplete beta inverse.
 * @example betaDist.cdf(0.4, 2, 3) // 0.5248
 */
export const betaDist = {
  pdf(x: number, a: number, b: number): number {
    if (!positive(a) || !positive(b)) return Number.NaN;
    const outside = pdfOutside(x, 0, 1);
    if (outside !== null) return outside;
    return Math.exp(logDensity(x, a, b));
  },
  logpdf(x: number, a: number, b: number): number {
    if (!positive(a) || !positive(b)) return Number.NaN;
    const outside = pdfOutside(x, 0, 1);
    if (outside !== null) return outside === 0 ? -INF : outside;
    return logDensity(x, a, b);
  },
  cdf(x: number, a: number, b: number): number {
    if (!positive(a) || !positive(b)) return Number.NaN;
    return cdfOutside(x, 0, 1) ?? betainc(a, b, x);
  },
  sf(x: number, a: number, b: number): number {
    if (!positive(a) || !positive(b)) return Number.NaN;
    return sfOutside(x, 0, 1) ?? betaincc(a, b, x);
  },
  ppf(q: number, a: number, b: number): number {
    if (!positive(a) || !positive(b)) return Number.NaN;
    return ppfOutside(q, 0, 1) ?? betaincinv(a, b, q);
  },
  isf(q: number, a: number, b: number): number {
    if (!positive(a) || !positive(b)) return Number.NaN;
    return isfOutside(q, 0, 1) ?? betainccinv(a, b, q);
  },
};
