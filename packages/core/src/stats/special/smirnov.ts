/**
 * The exact distribution of the one-sided Kolmogorov-Smirnov statistic D+_n, as
 * scipy.special.smirnov and friends, by the Birnbaum-Tingey / Smirnov sum
 *   P(D+_n > x) = x sum_{v=0}^{floor(n(1-x))} C(n, v) (1 - x - v/n)^(n-v) (x + v/n)^(v-1).
 * Every term is positive, so the sum has no cancellation; terms are formed in log space from an
 * exact split n x = floor + frac, which keeps ~1e-13 relative accuracy up to n ~ 1e4 and ~1e-11
 * at n ~ 1e6 (scipy's double-double version is a little more precise; agreement is still far
 * inside 1e-9). For small x with only a few terms above n(1-x), the alternating upper sum gives
 * the cdf directly, as scipy does.
 * Reference: van Mulbregt, "Computing the CDF and quantiles of the one-sided Kolmogorov-Smirnov
 * statistic", arXiv:1802.06966.
 */
import type { Probabilities } from './kolmogorov.js';

const EPS = 2.220446049250313e-16;
const MIN_LOG = -708.3964185322641;
const MAX_COMPUTE_N = 1_000_000;
const UPPER_MAX_TERMS = 3;
const UPPER_MIN_N = 10;
const MAX_ITERATIONS = 500;
const SPLITTER = 134217729; // 2^27 + 1, Dekker's splitting constant

/** Exact floor and fractional part of n * x (n an integer), by Dekker's two-product. */
function splitProduct(n: number, x: number): { floor: number; frac: number } {
  const hi = n * x;
  const cn = SPLITTER * n;
  const nHi = cn - (cn - n);
  const nLo = n - nHi;
  const cx = SPLITTER * x;
  const xHi = cx - (cx - x);
  const xLo = x - xHi;
  const lo = nHi * xHi - hi + nHi * xLo + nLo * xHi + nLo * xLo;
  let floor = Math.floor(hi);
  let frac = hi - floor + lo;
  if (frac < 0) {
    floor -= 1;
    frac += 1;
  }
  if (frac >= 1) {
    floor += 1;
    frac = 0;
  }
  return { floor, frac };
}

/** sf, cdf and pdf of D+_n at x, computed together. */
export function smirnovProbabilities(n: number, x: number): Probabilities {
  const nan = { sf: Number.NaN, cdf: Number.NaN, pdf: Number.NaN };
  if (!(n > 0 && Number.isInteger(n) && x >= 0 && x <= 1)) return nan;
  if (n === 1) return { sf: 1 - x, cdf: x, pdf: 1 };
  if (x === 0) return { sf: 1, cdf: 0, pdf: 1 };
  if (x === 1) return { sf: 0, cdf: 1, pdf: 0 };

  const { floor: nxfl, frac: alpha } = splitProduct(n, x);
  const nx = nxfl + alpha;
  let lastLower = n - nxfl - (alpha === 0 ? 0 : 1);
  let firstUpper = n - nxfl;
  if (alpha === 0) {
    // At n x integral the boundary term is zero; leave it out of both sums.
    lastLower -= 1;
    firstUpper += 1;
  }

  if (nxfl === 0 || (nxfl === 1 && alpha === 0)) {
    // x <= 1/n: cdf = x (1 + x)^(n-1).
    const t = Math.exp((n - 1) * Math.log1p(x));
    let pdf = ((nx + 1) * t) / (1 + x);
    const cdf = x * t;
    if (nxfl === 1) pdf -= 0.5;
    return { sf: 1 - cdf, cdf, pdf };
  }
  if (-2 * n * x * x < MIN_LOG) return { sf: 0, cdf: 1, pdf: 0 };
  if (nxfl >= n - 1) {
    // x >= 1 - 1/n: sf = (1 - x)^n.
    const sf = Math.exp(n * Math.log1p(-x));
    return { sf, cdf: 1 - sf, pdf: (n * sf) / (1 - x) };
  }
  if (n > MAX_COMPUTE_N) {
    // Asymptotic form p ~ exp(-(6 n x + 1)^2 / (18 n)), as scipy beyond a million.
    const logp = -((6 * n * x + 1) ** 2) / 18 / n;
    let sf: number;
    let cdf: number;
    if (logp < -Math.LN2) {
      sf = Math.exp(logp);
      cdf = 1 - sf;
    } else {
      cdf = -Math.expm1(logp);
      sf = 1 - cdf;
    }
    return { sf, cdf, pdf: ((6 * n * x + 1) * 2 * sf) / 3 };
  }

  const upperTerms = n - firstUpper + 1;
  const useUpper =
    (upperTerms <= 1 && x < 0.5) ||
    (n >= UPPER_MIN_N && upperTerms <= UPPER_MAX_TERMS && x <= 0.5 / Math.sqrt(n));
  const start = useUpper ? n : 0;
  const step = useUpper ? -1 : 1;
  const nTerms = useUpper ? upperTerms : lastLower + 1;

  let sum = 0;
  let dSum = 0;
  // log C(n, v) is accumulated as an unevaluated sum hi + lo (Knuth's two-sum): it grows to
  // ~n while each term's exponent ends near -700..0, so plain accumulation would lose ~1e-9.
  let logBinomial = 0;
  let logBinomialLow = 0;
  const middle = Math.floor(n / 2);
  for (let j = 0; j < nTerms; j++) {
    const v = start + j * step;
    // 1 - x - v/n and x + v/n from the exact split of n x.
    const base2 = (n - v - nxfl - alpha) / n;
    const base1 = (v + nxfl + alpha) / n;
    let powers = (v - 1) * Math.log(base1);
    if (n - v > 0) powers += (n - v) * Math.log(Math.abs(base2));
    const logAbs = logBinomial + powers + logBinomialLow;
    const negative = base2 < 0 && (n - v) % 2 === 1;
    const term = (negative ? -1 : 1) * Math.exp(logAbs);
    if (Number.isFinite(term) && term !== 0) {
      const slope = (n * (v - 1)) / (nxfl + v + alpha) - ((n - v) * n) / (n - nxfl - v - alpha) + 1 / x;
      sum += term;
      dSum += term * slope;
    }
    if (term !== 0) {
      if (4 * (nTerms - j) * Math.abs(term) < EPS * sum && j !== nTerms - 1) break;
    } else if (j > middle) {
      break;
    }
    // C(n, v') from C(n, v): the same update whichever way v moves, by symmetry of C(n, .).
    const increment = Math.log((n - j) / (j + 1));
    const total = logBinomial + increment;
    const rounded = total - logBinomial;
    logBinomialLow += logBinomial - (total - rounded) + (increment - rounded);
    logBinomial = total;
  }
  const prob = x * sum;
  const deriv = x * dSum;
  let sf: number;
  let cdf: number;
  let pdf: number;
  if (useUpper) {
    cdf = prob;
    sf = 1 - prob;
    pdf = deriv;
  } else {
    sf = prob;
    cdf = 1 - prob;
    pdf = -deriv;
  }
  return { sf: Math.min(Math.max(sf, 0), 1), cdf: Math.min(Math.max(cdf, 0), 1), pdf: Math.max(0, pdf) };
}

/**
 * Finds x with smirnov(n, x) = psf and smirnovc(n, x) = pcdf by bracketed Newton, matching the
 * smaller probability so both tails are accurate; the starting bracket comes from the exact
 * forms near x = 0 and x = 1 and from sf ~ exp(-2 n x^2).
 */
function inverse(n: number, psf: number, pcdf: number): number {
  if (!(n > 0 && Number.isInteger(n) && psf >= 0 && pcdf >= 0 && psf <= 1 && pcdf <= 1)) return Number.NaN;
  if (Math.abs(1 - pcdf - psf) > 4 * EPS) return Number.NaN;
  if (pcdf === 0) return 0;
  if (psf === 0) return 1;
  if (n === 1) return pcdf;

  // psf very close to 0: x in ((n-1)/n, 1), where sf = (1 - x)^n exactly.
  const psfRootN = psf ** (1 / n);
  if (n < 150 && n * psfRootN <= 1) return 1 - psfRootN;

  const logpcdf = pcdf < 0.5 ? Math.log(pcdf) : Math.log1p(-psf);
  let a: number;
  let b: number;
  let x: number;
  // Largest cdf reachable with x <= 1/n: (1/n) (1 + 1/n)^(n-1).
  const maxLogpcdf = -Math.log(n) + (n - 1) * Math.log1p(1 / n);
  if (logpcdf <= maxLogpcdf) {
    // 0 < x <= 1/n, where cdf = x (1 + x)^(n-1): one Newton step on z e^(z-1) = R.
    const xmin = pcdf / Math.E;
    const xmax = pcdf;
    const p1 = Math.exp((n - 1) * Math.log1p(1 / n)) / n;
    const r = pcdf / p1;
    if (r >= 1) return 1 / n;
    const z0 = (r * r + r * Math.exp(1 - r)) / (1 + r);
    x = z0 / n;
    a = Math.max(xmin * (1 - 4 * EPS), 0);
    b = Math.min(xmax * (1 + 4 * EPS), 1 / n);
    x = Math.min(Math.max(x, a), b);
  } else {
    // 1/n < x < (n-1)/n
    const xmin = 1 - psfRootN;
    const logpsf = psf < 0.5 ? Math.log(psf) : Math.log1p(-pcdf);
    const xmax = Math.sqrt(-logpsf / (2 * n));
    a = Math.max(xmin, 1 / n);
    b = Math.min(xmax, 1 - 1 / n);
    x = xmax - 1 / (6 * n);
  }
  if (x < a || x > b) x = (a + b) / 2;

  let dxOld = b - a;
  let dx = dxOld;
  for (let i = 0; i <= MAX_ITERATIONS; i++) {
    const x0 = x;
    const probs = smirnovProbabilities(n, x0);
    const df = pcdf < 0.5 ? pcdf - probs.cdf : probs.sf - psf;
    const slope = -probs.pdf;
    if (df === 0) return x;
    if (df > 0 && x > a) a = x;
    else if (df < 0 && x < b) b = x;
    let delta: number;
    if (slope === 0) {
      x = (a + b) / 2;
      delta = x0 - x;
    } else {
      delta = df / slope;
      x = x0 - delta;
    }
    if (a <= x && x <= b && (Math.abs(2 * delta) <= Math.abs(dxOld) || Math.abs(dxOld) < 256 * EPS)) {
      dxOld = dx;
      dx = delta;
    } else {
      dxOld = dx;
      dx /= 2;
      x = (a + b) / 2;
    }
    // Near psf = 1 the slope is ~-1, so a purely relative test could never pass for tiny x.
    const atol = psf < 0.5 ? 0 : EPS;
    if (Math.abs(x - x0) <= atol + 2 * EPS * Math.abs(x0)) break;
  }
  return x;
}

/**
 * Survival function of the one-sided KS statistic, P(D+_n > d), for integer n >= 1
 * (scipy.special.smirnov; scipy.stats.ksone.sf(d, n)). NaN for d outside [0, 1]; unlike scipy,
 * a non-integer n gives NaN instead of being truncated with a warning.
 * @example smirnov(5, 0.3) // 0.34282
 */
export function smirnov(n: number, d: number): number {
  return smirnovProbabilities(n, d).sf;
}

/**
 * Cdf of the one-sided KS statistic, 1 - smirnov(n, d), computed directly where it is small
 * (scipy.special._ufuncs._smirnovc; scipy.stats.ksone.cdf).
 * @example smirnovc(5, 0.3) // 0.65718
 */
export function smirnovc(n: number, d: number): number {
  return smirnovProbabilities(n, d).cdf;
}

/**
 * Derivative of smirnov(n, d) in d, i.e. minus the density (scipy.special._ufuncs._smirnovp).
 * @example smirnovp(5, 0.3) // -2.286
 */
export function smirnovp(n: number, d: number): number {
  if (!(n > 0 && Number.isInteger(n) && d >= 0 && d <= 1)) return Number.NaN;
  if (n === 1) return -1;
  if (d === 1) return -0;
  if (d === 0) return -1;
  return -smirnovProbabilities(n, d).pdf;
}

/**
 * Inverse of smirnov: d with smirnov(n, d) = p (scipy.special.smirnovi; ksone.isf(p, n)).
 * @example smirnovi(10, 0.05) // 0.36866333261296375
 */
export function smirnovi(n: number, p: number): number {
  if (Number.isNaN(p)) return Number.NaN;
  return inverse(n, p, 1 - p);
}

/**
 * Inverse of smirnovc: d with smirnovc(n, d) = p (scipy.special._ufuncs._smirnovci; ksone.ppf).
 * @example smirnovci(10, 0.95) // 0.36866333261296375
 */
export function smirnovci(n: number, p: number): number {
  if (Number.isNaN(p)) return Number.NaN;
  return inverse(n, 1 - p, p);
}
