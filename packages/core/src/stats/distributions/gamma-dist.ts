import { gammainc, gammaincc, gammainccinv, gammaincinv } from '../special/index.js';
import { gammaLogPdf, gammaPdf } from './chi2.js';
import { cdfOutside, isfOutside, pdfOutside, positive, ppfOutside, sfOutside } from './support.js';

const INF = Number.POSITIVE_INFINITY;

/**
 * The gamma distribution with shape `a` and `scale` (both > 0), as scipy.stats.gamma(a, scale=scale):
 * cdf = P(a, x/scale) and sf = Q(a, x/scale), each computed directly in its own tail.
 * @example gammaDist.cdf(2, 3, 0.5) // 0.7618966944464556
 */
export const gammaDist = {
  pdf(x: number, a: number, scale = 1): number {
    if (!positive(a) || !(scale > 0)) return Number.NaN;
    const z = x / scale;
    const outside = pdfOutside(z, 0, INF);
    if (outside !== null) return outside;
    return gammaPdf(z, a) / scale;
  },
  logpdf(x: number, a: number, scale = 1): number {
    if (!positive(a) || !(scale > 0)) return Number.NaN;
    const z = x / scale;
    const outside = pdfOutside(z, 0, INF);
    if (outside !== null) return outside === 0 ? -INF : outside;
    return gammaLogPdf(z, a) - Math.log(scale);
  },
  cdf(x: number, a: number, scale = 1): number {
    if (!positive(a) || !(scale > 0)) return Number.NaN;
    const z = x / scale;
    return cdfOutside(z, 0, INF) ?? gammainc(a, z);
  },
  sf(x: number, a: number, scale = 1): number {
    if (!positive(a) || !(scale > 0)) return Number.NaN;
    const z = x / scale;
    return sfOutside(z, 0, INF) ?? gammaincc(a, z);
  },
  ppf(q: number, a: number, scale = 1): number {
    if (!positive(a) || !(scale > 0)) return Number.NaN;
    return scale * (ppfOutside(q, 0, INF) ?? gammaincinv(a, q));
  },
  isf(q: number, a: number, scale = 1): number {
    if (!positive(a) || !(scale > 0)) return Number.NaN;
    return scale * (isfOutside(q, 0, INF) ?? gammainccinv(a, q));
  },
};
