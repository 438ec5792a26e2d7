/**
 * The limiting distribution of sqrt(n) D_n (Kolmogorov's K), as scipy.special.kolmogorov and
 * friends. Two theta-function series are used: for x <= 0.82 the cdf
 * sqrt(2 pi)/x sum_k exp(-(2k-1)^2 pi^2 / (8 x^2)), otherwise the survival function
 * 2 sum_k (-1)^(k-1) exp(-2 k^2 x^2); each needs at most four terms there.
 * Reference: van Mulbregt, "Computing the CDF and quantiles of the limit of the two-sided
 * Kolmogorov-Smirnov statistic", arXiv:1803.00426.
 */

const CUTOVER = 0.82;
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const LOG_SQRT_2PI = Math.log(SQRT_2PI);
const EPS = 2.220446049250313e-16;
/** Below this x the cdf underflows (exp(-pi^2 / (8 x^2)) < 1e-324). */
const X_UNDERFLOW = Math.PI / Math.sqrt(8 * 746);
const MAX_ITERATIONS = 500;

export interface Probabilities {
  sf: number;
  cdf: number;
  pdf: number;
}

/** cdf, sf and pdf of Kolmogorov's distribution at x, computed together. */
export function kolmogorovProbabilities(x: number): Probabilities {
  if (Number.isNaN(x)) return { sf: Number.NaN, cdf: Number.NaN, pdf: Number.NaN };
  if (x <= X_UNDERFLOW) return { sf: 1, cdf: 0, pdf: 0 };
  if (x === Number.POSITIVE_INFINITY) return { sf: 0, cdf: 1, pdf: 0 };
  let sf: number;
  let cdf: number;
  let pdf: number;
  if (x <= CUTOVER) {
    // cdf = w u (1 + u^8 + u^24 + u^48), u = exp(-pi^2 / (8 x^2)), w = sqrt(2 pi) / x
    const w = SQRT_2PI / x;
    const logU8 = (-Math.PI * Math.PI) / (x * x);
    const u = Math.exp(logU8 / 8);
    if (u === 0) {
      cdf = Math.exp(logU8 / 8 + Math.log(w));
      pdf = 0;
    } else {
      const u8 = Math.exp(logU8);
      const u16 = u8 * u8;
      const p = 1 + u8 * (1 + u16 * (1 + u8 * u16));
      const squares = 1 + u8 * (9 + 25 * u16);
      cdf = w * u * p;
      pdf = (((Math.PI * Math.PI) / (4 * x * x)) * squares - p) * ((w * u) / x);
    }
    sf = 1 - cdf;
  } else {
    // sf = 2 v (1 - v^3 + v^8 - v^15), v = exp(-2 x^2)
    const v = Math.exp(-2 * x * x);
    const v3 = v * v * v;
    const v5 = v3 * v * v;
    const p = 1 - v3 * (1 - v5 * (1 - v5 * v * v));
    sf = 2 * v * p;
    pdf = 8 * v * x * (1 - v3 * (4 - 9 * v5));
    cdf = 1 - sf;
  }
  return { sf: clamp01(sf), cdf: clamp01(cdf), pdf: Math.max(0, pdf) };
}

function clamp01(p: number): number {
  return Math.min(Math.max(p, 0), 1);
}

/**
 * Finds x with kolmogorov(x) = psf and kolmogc(x) = pcdf (psf + pcdf = 1), matching the smaller
 * of the two so tail quantiles are accurate. Bracketed Newton from the tail approximations
 * cdf ~ sqrt(2 pi)/x exp(-pi^2 / (8 x^2)) and sf ~ 2 exp(-2 x^2).
 */
function inverse(psf: number, pcdf: number): number {
  if (!(psf >= 0 && pcdf >= 0 && psf <= 1 && pcdf <= 1)) return Number.NaN;
  if (Math.abs(1 - pcdf - psf) > 4 * EPS) return Number.NaN;
  if (pcdf === 0) return 0;
  if (psf === 0) return Number.POSITIVE_INFINITY;
  let a: number;
  let b: number;
  let x: number;
  if (pcdf <= 0.5) {
    const logp = Math.log(pcdf);
    const bound = (logx: number) => Math.PI / (2 * Math.SQRT2 * Math.sqrt(-(logp + logx - LOG_SQRT_2PI)));
    a = bound(logp / 2);
    b = bound(0);
    a = bound(Math.log(a));
    b = bound(Math.log(b));
    x = (a + b) / 2;
  } else {
    const jiggle = 256 * EPS;
    a = Math.sqrt(-0.5 * Math.log(psf / (1 - Math.exp(-4)) / 2));
    b = Math.sqrt(-0.5 * Math.log((psf * (1 - jiggle)) / 2));
    // Inverts p = q - q^4 + q^9 - ... as q = p + p^4 + 4 p^7 - p^9 + 22 p^10 - 13 p^12 + 140 p^13.
    const p = psf / 2;
    const p2 = p * p;
    const p3 = p2 * p;
    const q0 = p * (1 + p3 * (1 + p3 * (4 + p2 * (-1 + p * (22 + p2 * (-13 + 140 * p))))));
    x = Math.sqrt(-Math.log(q0) / 2);
    if (x < a || x > b) x = (a + b) / 2;
  }
  for (let i = 0; i <= MAX_ITERATIONS; i++) {
    const x0 = x;
    const probs = kolmogorovProbabilities(x0);
    const df = pcdf < 0.5 ? pcdf - probs.cdf : probs.sf - psf;
    if (df === 0) break;
    if (df > 0 && x > a) a = x;
    else if (df < 0 && x < b) b = x;
    const slope = -probs.pdf;
    x = slope === 0 ? (a + b) / 2 : x0 - df / slope;
    if (x >= a && x <= b) {
      if (withinTolerance(x, x0)) break;
      if (x === a || x === b) {
        x = (a + b) / 2;
        if (x === a || x === b) break;
      }
    } else {
      x = (a + b) / 2;
      if (withinTolerance(x, x0)) break;
    }
  }
  return x;
}

function withinTolerance(x: number, y: number): boolean {
  return Math.abs(x - y) <= EPS + 2 * EPS * Math.abs(y);
}

/**
 * Survival function of Kolmogorov's limiting distribution, P(K > x) = 2 sum_k (-1)^(k-1)
 * exp(-2 k^2 x^2), as scipy.special.kolmogorov (and scipy.stats.kstwobign.sf). 1 for x <= 0.
 * @example kolmogorov(1) // 0.26999967167735456
 */
export function kolmogorov(x: number): number {
  return kolmogorovProbabilities(x).sf;
}

/**
 * Cdf of Kolmogorov's limiting distribution, 1 - kolmogorov(x), computed directly for small x
 * (scipy.stats.kstwobign.cdf).
 * @example kolmogc(0.5) // 0.036054756335124914
 */
export function kolmogc(x: number): number {
  return kolmogorovProbabilities(x).cdf;
}

/**
 * Derivative of kolmogorov(x), i.e. minus the density (scipy.special._ufuncs._kolmogp).
 * @example kolmogp(1) // -1.0719485583585628
 */
export function kolmogp(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return -0;
  return -kolmogorovProbabilities(x).pdf;
}

/**
 * Inverse of kolmogorov: x with kolmogorov(x) = p (scipy.special.kolmogi). +Infinity at 0,
 * 0 at 1, NaN outside [0, 1].
 * @example kolmogi(0.05) // 1.3580986393225507
 */
export function kolmogi(p: number): number {
  if (Number.isNaN(p)) return Number.NaN;
  return inverse(p, 1 - p);
}

/**
 * Inverse of kolmogc: x with kolmogc(x) = p (scipy.stats.kstwobign.ppf).
 * @example kolmogci(0.95) // 1.3580986393225507
 */
export function kolmogci(p: number): number {
  if (Number.isNaN(p)) return Number.NaN;
  return inverse(1 - p, p);
}
