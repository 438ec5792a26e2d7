/**
 * Samplers drawn from Vigie's seeded generator (`createRandom`), for benchmark data only.
 * Every sampler takes the generator as its first argument so one column keeps one stream and the
 * same seed always yields the same values. Tables (Poisson, categorical) are built once per column;
 * drawing is then a uniform plus a binary search, which keeps 1M-row generation cheap.
 */

/** Normal(mean, sd) via the generator's Marsaglia polar method. */
export function normal(rng, mean, sd) {
  return mean + sd * rng.normal();
}

/** Lognormal: exp(mu + sigma Z). Mean exp(mu + sigma^2 / 2). */
export function lognormal(rng, mu, sigma) {
  return Math.exp(mu + sigma * rng.normal());
}

/** Uniform on [low, high). */
export function uniform(rng, low, high) {
  return low + (high - low) * rng.float();
}

/** Exponential with rate lambda (mean 1 / lambda), by inversion; 1 - U avoids log(0). */
export function exponential(rng, rate) {
  return -Math.log(1 - rng.float()) / rate;
}

/** Student t with `df` degrees of freedom (integer df): Z / sqrt(chi2_df / df), chi2 as a sum of squares. */
export function studentT(rng, df) {
  const z = rng.normal();
  let chi2 = 0;
  for (let i = 0; i < df; i++) {
    const g = rng.normal();
    chi2 += g * g;
  }
  return z / Math.sqrt(chi2 / df);
}

/** Uniform integer in [low, high] inclusive. */
export function uniformInt(rng, low, high) {
  return low + rng.int(high - low + 1);
}

/**
 * Cumulative table of a discrete distribution from unnormalised weights; the last entry is exactly 1
 * so that every uniform in [0, 1) lands on an index.
 */
export function cumulative(weights) {
  const cum = new Float64Array(weights.length);
  let total = 0;
  for (const w of weights) total += w;
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i];
    cum[i] = acc / total;
  }
  cum[cum.length - 1] = 1;
  return cum;
}

/** Index drawn from a cumulative table: the first i with cum[i] > u (binary search). */
export function drawIndex(rng, cum) {
  const u = rng.float();
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Poisson(lambda) by inversion over a precomputed CDF table, exact up to the 1e-16 tail (which is
 * folded into the last entry). Returns the table for `drawIndex`.
 */
export function poissonTable(lambda) {
  const weights = [];
  let p = Math.exp(-lambda);
  let acc = 0;
  for (let k = 0; acc < 1 - 1e-16 && k < lambda + 40 * Math.sqrt(lambda) + 40; k++) {
    weights.push(p);
    acc += p;
    p *= lambda / (k + 1);
  }
  return cumulative(weights);
}

/** Zipf-like probabilities over k levels: p_i proportional to 1 / i^s, i = 1..k. */
export function zipfProbabilities(k, s) {
  const p = new Array(k);
  let total = 0;
  for (let i = 0; i < k; i++) {
    p[i] = 1 / (i + 1) ** s;
    total += p[i];
  }
  for (let i = 0; i < k; i++) p[i] /= total;
  return p;
}
