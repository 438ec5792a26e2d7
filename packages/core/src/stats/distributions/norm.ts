import { logNdtr, ndtr, ndtri } from '../special/index.js';

const LOG_SQRT_2PI = 0.9189385332046728;
const INV_SQRT_2PI = 0.3989422804014327;

/**
 * The normal distribution N(loc, scale^2), as scipy.stats.norm. Tails are computed directly
 * (sf(12) = 1.78e-33, not 0). scale <= 0 or NaN inputs give NaN, as scipy.
 * @example norm.sf(1.959963984540054) // 0.025 (norm.sf(12) = 1.78e-33)
 */
export const norm = {
  pdf(x: number, loc = 0, scale = 1): number {
    if (!(scale > 0) || Number.isNaN(x)) return Number.NaN;
    const z = (x - loc) / scale;
    return (INV_SQRT_2PI * Math.exp(-0.5 * z * z)) / scale;
  },
  logpdf(x: number, loc = 0, scale = 1): number {
    if (!(scale > 0) || Number.isNaN(x)) return Number.NaN;
    const z = (x - loc) / scale;
    return -0.5 * z * z - LOG_SQRT_2PI - Math.log(scale);
  },
  cdf(x: number, loc = 0, scale = 1): number {
    if (!(scale > 0)) return Number.NaN;
    return ndtr((x - loc) / scale);
  },
  logcdf(x: number, loc = 0, scale = 1): number {
    if (!(scale > 0)) return Number.NaN;
    return logNdtr((x - loc) / scale);
  },
  sf(x: number, loc = 0, scale = 1): number {
    if (!(scale > 0)) return Number.NaN;
    return ndtr(-(x - loc) / scale);
  },
  logsf(x: number, loc = 0, scale = 1): number {
    if (!(scale > 0)) return Number.NaN;
    return logNdtr(-(x - loc) / scale);
  },
  ppf(q: number, loc = 0, scale = 1): number {
    if (!(scale > 0)) return Number.NaN;
    return loc + scale * ndtri(q);
  },
  isf(q: number, loc = 0, scale = 1): number {
    if (!(scale > 0)) return Number.NaN;
    return loc - scale * ndtri(q);
  },
};
