/**
 * The hypergeometric distribution behind Fisher's exact test, with scipy.stats.hypergeom's
 * parameters: M objects in total, n of them successes, N drawn; X counts the successes drawn.
 * The mass uses Loader's saddle-point form (as R's dhyper), accurate to ~1e-14 relative for
 * any M; the tails sum the mass with its ratio recurrence from the requested point outwards,
 * the way Boost (and so scipy) does. Arguments are nonnegative integers.
 */

const LN_2PI = 1.8378770664093453;

// stirlerr(n) = log(n!) - log(sqrt(2 pi n) (n/e)^n) for n = 0..15 (exact to double precision).
const STIRLERR_SMALL = [
  0, 0.08106146679532726, 0.0413406959554093, 0.02767792568499834, 0.020790672103765093, 0.016644691189821193,
  0.013876128823070748, 0.01189670994589177, 0.010411265261972096, 0.009255462182712733, 0.00833056343336287,
  0.007573675487951841, 0.00694284010720953, 0.006408994188004207, 0.0059513701127588475,
  0.005554733551962801,
];

const S0 = 1 / 12;
const S1 = 1 / 360;
const S2 = 1 / 1260;
const S3 = 1 / 1680;
const S4 = 1 / 1188;

/** Error of Stirling's formula for log n!, n a nonnegative integer. */
function stirlerr(n: number): number {
  if (n <= 15) return STIRLERR_SMALL[n]!;
  const nn = n * n;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/** x log(x/np) + np - x without cancellation when x is near np (Loader's deviance term). */
function bd0(x: number, np: number): number {
  if (Math.abs(x - np) < 0.1 * (x + np)) {
    let v = (x - np) / (x + np);
    let s = (x - np) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
  }
  return x * Math.log(x / np) + np - x;
}

/** Binomial mass C(n, x) p^x q^(n-x) in Loader's form (q = 1 - p given separately). */
function dbinomRaw(x: number, n: number, p: number, q: number): number {
  if (p === 0) return x === 0 ? 1 : 0;
  if (q === 0) return x === n ? 1 : 0;
  if (x === 0) {
    if (n === 0) return 1;
    return Math.exp(p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log(q));
  }
  if (x === n) return Math.exp(q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p));
  if (x < 0 || x > n) return 0;
  const lc = stirlerr(n) - stirlerr(x) - stirlerr(n - x) - bd0(x, n * p) - bd0(n - x, n * q);
  const lf = LN_2PI + Math.log(x) + Math.log1p(-x / n);
  return Math.exp(lc - 0.5 * lf);
}

/** P(X = k). */
export function hypergeomPmf(k: number, M: number, n: number, N: number): number {
  if (k < 0 || k > n || k > N || N - k > M - n) return 0;
  if (N === 0) return k === 0 ? 1 : 0;
  const p = N / M;
  const q = (M - N) / M;
  return (dbinomRaw(k, n, p, q) * dbinomRaw(N - k, M - n, p, q)) / dbinomRaw(N, M, p, q);
}

/** P(X <= k), summed directly below the mode, as 1 - P(X > k) above it. */
export function hypergeomCdf(k: number, M: number, n: number, N: number): number {
  if (k < Math.max(0, N + n - M)) return 0;
  if (k >= Math.min(n, N)) return 1;
  return k < mode(M, n, N) ? lowerTail(k, M, n, N, false) : 1 - upperTail(k, M, n, N, true);
}

/** P(X > k), summed directly at or above the mode, as 1 - P(X <= k) below it. */
export function hypergeomSf(k: number, M: number, n: number, N: number): number {
  if (k < Math.max(0, N + n - M)) return 1;
  if (k >= Math.min(n, N)) return 0;
  return k < mode(M, n, N) ? 1 - lowerTail(k, M, n, N, true) : upperTail(k, M, n, N, false);
}

function mode(M: number, n: number, N: number): number {
  return Math.floor(((n + 1) * (N + 1)) / (M + 2));
}

/**
 * Σ_{j<=k} P(X = j), by the recurrence P(j-1) = P(j)·j(M-n-N+j) / ((n-j+1)(N-j+1)). Summation
 * stops once a term is below ε of the sum, or of 1 when the caller will take the complement.
 */
function lowerTail(k: number, M: number, n: number, N: number, complement: boolean): number {
  const lower = Math.max(0, N + n - M);
  let term = hypergeomPmf(k, M, n, N);
  let sum = term;
  for (let j = k; j > lower; j--) {
    term *= (j * (M - n - N + j)) / ((n - j + 1) * (N - j + 1));
    sum += term;
    if (term <= (complement ? 1 : sum) * Number.EPSILON) break;
  }
  return sum;
}

/** Σ_{j>k} P(X = j), by the recurrence P(j+1) = P(j)·(n-j)(N-j) / ((j+1)(M-n-N+j+1)). */
function upperTail(k: number, M: number, n: number, N: number, complement: boolean): number {
  const upper = Math.min(n, N);
  let term = hypergeomPmf(k + 1, M, n, N);
  let sum = term;
  for (let j = k + 1; j < upper; j++) {
    term *= ((n - j) * (N - j)) / ((j + 1) * (M - n - N + j + 1));
    sum += term;
    if (term <= (complement ? 1 : sum) * Number.EPSILON) break;
  }
  return sum;
}
