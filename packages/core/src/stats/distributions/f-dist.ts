import { betainc, betaincc, betaincinvPair, betaln, type UnitPair } from '../special/index.js';
import { cdfOutside, isfOutside, pdfOutside, positive, ppfOutside, sfOutside } from './support.js';
import { xlogy } from './xlogy.js';

const INF = Number.POSITIVE_INFINITY;

function valid(dfn: number, dfd: number): boolean {
  return positive(dfn) && positive(dfd);
}

/**
 * Both tails at x > 0: with r = dfd/dfn, u = x / (r + x) and 1 - u = r / (r + x);
 * cdf = I_u(dfn/2, dfd/2), sf = I_{1-u}(dfd/2, dfn/2), each evaluated at the smaller of
 * u and 1 - u so neither loses digits to cancellation.
 */
function tails(x: number, dfn: number, dfd: number): { cdf: number; sf: number } {
  const r = dfd / dfn;
  const u = x / (r + x);
  const v = r / (r + x);
  if (u <= v) return { cdf: betainc(0.5 * dfn, 0.5 * dfd, u), sf: betaincc(0.5 * dfn, 0.5 * dfd, u) };
  return { cdf: betaincc(0.5 * dfd, 0.5 * dfn, v), sf: betainc(0.5 * dfd, 0.5 * dfn, v) };
}

function logDensity(x: number, dfn: number, dfd: number): number {
  // scipy's f._logpdf, with xlogy's 0 * log 0 = 0.
  const n = dfn;
  const m = dfd;
  const power = xlogy(n / 2 - 1, x);
  return (
    (m / 2) * Math.log(m) +
    (n / 2) * Math.log(n) +
    power -
    ((n + m) / 2) * Math.log(m + n * x) -
    betaln(n / 2, m / 2)
  );
}

/** x from u and 1 - u: x = (dfd/dfn) u / (1 - u), through logs when either end underflows. */
function fromPair(pair: UnitPair, dfn: number, dfd: number): number {
  const { x, y, logX, logY } = pair;
  if (x < 1e-300 || y < 1e-300) return (dfd / dfn) * Math.exp(logX - logY);
  return ((dfd / dfn) * x) / y;
}

/**
 * Fisher's F distribution with dfn, dfd > 0 degrees of freedom, as scipy.stats.f. sf is
 * computed directly (sf(1e3, 5, 50) = 7.8e-49). isf solves the upper tail itself, whereas scipy
 * evaluates ppf(1 - q) and so returns Infinity or loses digits for q < ~1e-16; the fixtures
 * take the reference for those from a root of scipy's own sf instead. The density is scipy's
 * log-space formula, so at x = +Infinity it is NaN (dfn != 2) exactly as in scipy.
 * @example fDist.sf(4.06, 3, 20) // 0.020950281592445767
 */
export const fDist = {
  pdf(x: number, dfn: number, dfd: number): number {
    if (!valid(dfn, dfd)) return Number.NaN;
    const outside = pdfOutside(x, 0, INF);
    if (outside !== null) return outside;
    return Math.exp(logDensity(x, dfn, dfd));
  },
  logpdf(x: number, dfn: number, dfd: number): number {
    if (!valid(dfn, dfd)) return Number.NaN;
    const outside = pdfOutside(x, 0, INF);
    if (outside !== null) return outside === 0 ? -INF : outside;
    return logDensity(x, dfn, dfd);
  },
  cdf(x: number, dfn: number, dfd: number): number {
    if (!valid(dfn, dfd)) return Number.NaN;
    return cdfOutside(x, 0, INF) ?? tails(x, dfn, dfd).cdf;
  },
  sf(x: number, dfn: number, dfd: number): number {
    if (!valid(dfn, dfd)) return Number.NaN;
    return sfOutside(x, 0, INF) ?? tails(x, dfn, dfd).sf;
  },
  ppf(q: number, dfn: number, dfd: number): number {
    if (!valid(dfn, dfd)) return Number.NaN;
    const edge = ppfOutside(q, 0, INF);
    if (edge !== null) return edge;
    return fromPair(betaincinvPair(0.5 * dfn, 0.5 * dfd, q, 1 - q), dfn, dfd);
  },
  isf(q: number, dfn: number, dfd: number): number {
    if (!valid(dfn, dfd)) return Number.NaN;
    const edge = isfOutside(q, 0, INF);
    if (edge !== null) return edge;
    return fromPair(betaincinvPair(0.5 * dfn, 0.5 * dfd, 1 - q, q), dfn, dfd);
  },
};
