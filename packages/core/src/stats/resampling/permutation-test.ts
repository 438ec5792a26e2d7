import { VigieError } from '../../errors/index.js';
import { createRandom, type Random } from '../../random/index.js';
import { type Alternative, type Sample, toFloat64 } from '../input.js';
import { forEachPartition, forEachPermutation, multinomial } from './enumerate.js';
import type { ResampleStatistic } from './types.js';

export type PermutationType = 'independent' | 'samples' | 'pairings';

export interface PermutationTestOptions {
  /**
   * 'independent' (default): observations are exchanged between samples (sizes kept);
   * 'samples': within each pair/tuple the values are exchanged between samples (one sample: the
   * signs are flipped); 'pairings': each sample is permuted on its own, breaking the pairing.
   */
  permutationType?: PermutationType;
  /** Random permutations when the exact test would need more. Default 9999; Infinity forces exact. */
  nResamples?: number;
  /** Default 'two-sided'. */
  alternative?: Alternative;
  /** Seed of the random permutations (createRandom). Default 0. */
  seed?: number;
}

export interface PermutationTestResult {
  statistic: number;
  pvalue: number;
  /** The statistic on every permutation evaluated. */
  nullDistribution: Float64Array;
  /** True when every distinct permutation was enumerated. */
  exact: boolean;
}

/**
 * Permutation test of `statistic`, as scipy.stats.permutation_test. When the number of distinct
 * permutations (multinomial for 'independent', (n!)^k for 'pairings', (k!)^n for 'samples') is
 * at most nResamples, all are enumerated and the p-value is exact, as scipy (identical there);
 * otherwise nResamples random permutations are drawn and the p-value is (count + 1) /
 * (nResamples + 1). Null values within 100·eps·|observed| of the observed statistic count as
 * ties (scipy's tolerance for rounding). Two-sided is twice the smaller one-sided p-value,
 * capped at 1. The generator differs from numpy's, so random-mode p-values match scipy's within
 * Monte-Carlo error. The statistic gets reused buffers, refilled before every call: it may
 * reorder them in place but must not keep references to them.
 *
 * @example permutationTest([x, y], (a, b) => mean(a) - mean(b), { seed: 1 }).pvalue
 */
export function permutationTest(
  data: Sample[],
  statistic: ResampleStatistic,
  options: PermutationTestOptions = {},
): PermutationTestResult {
  const type = options.permutationType ?? 'independent';
  const nResamples = options.nResamples ?? 9999;
  const alternative = options.alternative ?? 'two-sided';
  if (!(nResamples >= 1) || (!Number.isInteger(nResamples) && nResamples !== Number.POSITIVE_INFINITY)) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `permutationTest: nResamples must be a positive integer, got ${nResamples}`,
    );
  }
  if (alternative !== 'two-sided' && alternative !== 'less' && alternative !== 'greater') {
    throw new VigieError('INVALID_ARGUMENT', `permutationTest: unknown alternative '${alternative}'`);
  }
  const samples = checkSamples(data, type);
  const observed = statistic(...samples.map((s) => s.slice()));
  const rng = createRandom(options.seed ?? 0);
  const nulls =
    type === 'independent'
      ? nullIndependent(samples, statistic, nResamples, rng)
      : type === 'pairings'
        ? nullPairings(samples, statistic, nResamples, rng)
        : nullSamples(samples, statistic, nResamples, rng);
  const { values, exact } = nulls;
  const adjustment = exact ? 0 : 1;
  const gamma = Math.abs(2.220446049250313e-16 * 100 * observed);
  let atMost = 0;
  let atLeast = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i]! <= observed + gamma) atMost++;
    if (values[i]! >= observed - gamma) atLeast++;
  }
  const total = values.length + adjustment;
  const less = (atMost + adjustment) / total;
  const greater = (atLeast + adjustment) / total;
  const p = alternative === 'less' ? less : alternative === 'greater' ? greater : Math.min(less, greater) * 2;
  return { statistic: observed, pvalue: Math.min(Math.max(p, 0), 1), nullDistribution: values, exact };
}

interface NullDistribution {
  values: Float64Array;
  exact: boolean;
}

/** Reassign pooled observations to groups of the original sizes. */
function nullIndependent(
  samples: Float64Array[],
  statistic: ResampleStatistic,
  nResamples: number,
  rng: Random,
): NullDistribution {
  const sizes = samples.map((s) => s.length);
  const pooled = concat(samples);
  const buffers = sizes.map((n) => new Float64Array(n));
  const count = multinomial(sizes);
  if (count <= nResamples) {
    const values = new Float64Array(count);
    let k = 0;
    forEachPartition(sizes, (groups) => {
      for (let g = 0; g < groups.length; g++) {
        const idx = groups[g]!;
        const dst = buffers[g]!;
        for (let i = 0; i < idx.length; i++) dst[i] = pooled[idx[i]!]!;
      }
      values[k++] = statistic(...buffers);
    });
    return { values, exact: true };
  }
  const values = new Float64Array(nResamples);
  const order = new Uint32Array(pooled.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  for (let b = 0; b < nResamples; b++) {
    shuffle(order, rng);
    let w = 0;
    for (const dst of buffers) for (let i = 0; i < dst.length; i++) dst[i] = pooled[order[w++]!]!;
    values[b] = statistic(...buffers);
  }
  return { values, exact: false };
}

/** Permute each sample on its own (all n! orders of every sample when exact, as scipy). */
function nullPairings(
  samples: Float64Array[],
  statistic: ResampleStatistic,
  nResamples: number,
  rng: Random,
): NullDistribution {
  const n = samples[0]!.length;
  const k = samples.length;
  const count = factorial(n) ** k;
  const buffers = samples.map(() => new Float64Array(n));
  if (count <= nResamples) {
    const values = new Float64Array(count);
    let w = 0;
    const orders: Uint32Array[] = [];
    forEachPermutation(n, (p) => orders.push(p.slice()));
    const choice = new Uint32Array(k);
    for (let c = 0; c < count; c++) {
      let rest = c;
      for (let s = k - 1; s >= 0; s--) {
        choice[s] = rest % orders.length;
        rest = Math.floor(rest / orders.length);
      }
      for (let s = 0; s < k; s++) gather(samples[s]!, orders[choice[s]!]!, buffers[s]!);
      values[w++] = statistic(...buffers);
    }
    return { values, exact: true };
  }
  const values = new Float64Array(nResamples);
  const order = new Uint32Array(n);
  for (let b = 0; b < nResamples; b++) {
    for (let s = 0; s < k; s++) {
      for (let i = 0; i < n; i++) order[i] = i;
      shuffle(order, rng);
      gather(samples[s]!, order, buffers[s]!);
    }
    values[b] = statistic(...buffers);
  }
  return { values, exact: false };
}

/**
 * Exchange values between samples within each observation index. One sample is paired with its
 * negation, so this flips signs, as scipy; the statistic then sees only the first sample.
 */
function nullSamples(
  samples: Float64Array[],
  statistic: ResampleStatistic,
  nResamples: number,
  rng: Random,
): NullDistribution {
  const single = samples.length === 1;
  const rows = single ? [samples[0]!, samples[0]!.map((v) => -v)] : samples;
  const k = rows.length;
  const n = rows[0]!.length;
  const count = factorial(k) ** n;
  const buffers = rows.map(() => new Float64Array(n));
  const args = single ? [buffers[0]!] : buffers;
  const fill = (perms: Uint32Array[], pick: (i: number) => number) => {
    for (let i = 0; i < n; i++) {
      const p = perms[pick(i)]!;
      for (let s = 0; s < k; s++) buffers[s]![i] = rows[p[s]!]![i]!;
    }
  };
  if (count <= nResamples) {
    const perms: Uint32Array[] = [];
    forEachPermutation(k, (p) => perms.push(p.slice()));
    const values = new Float64Array(count);
    const digits = new Uint32Array(n);
    for (let c = 0; c < count; c++) {
      let rest = c;
      for (let i = n - 1; i >= 0; i--) {
        digits[i] = rest % perms.length;
        rest = Math.floor(rest / perms.length);
      }
      fill(perms, (i) => digits[i]!);
      values[c] = statistic(...args);
    }
    return { values, exact: true };
  }
  const values = new Float64Array(nResamples);
  const order = new Uint32Array(k);
  for (let b = 0; b < nResamples; b++) {
    for (let i = 0; i < n; i++) {
      for (let s = 0; s < k; s++) order[s] = s;
      shuffle(order, rng);
      for (let s = 0; s < k; s++) buffers[s]![i] = rows[order[s]!]![i]!;
    }
    values[b] = statistic(...args);
  }
  return { values, exact: false };
}

function gather(src: Float64Array, order: Uint32Array, dst: Float64Array): void {
  for (let i = 0; i < order.length; i++) dst[i] = src[order[i]!]!;
}

function shuffle(order: Uint32Array, rng: Random): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
}

function concat(samples: Float64Array[]): Float64Array {
  const out = new Float64Array(samples.reduce((n, s) => n + s.length, 0));
  let o = 0;
  for (const s of samples) {
    out.set(s, o);
    o += s.length;
  }
  return out;
}

function factorial(n: number): number {
  let f = 1;
  for (let i = 2; i <= n; i++) f *= i;
  return f;
}

function checkSamples(data: Sample[], type: PermutationType): Float64Array[] {
  const fn = 'permutationTest';
  if (type !== 'independent' && type !== 'samples' && type !== 'pairings') {
    throw new VigieError('INVALID_ARGUMENT', `${fn}: unknown permutationType '${type}'`);
  }
  if (data.length === 0 || (type === 'independent' && data.length < 2)) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `${fn}: data must hold at least ${type === 'independent' ? 2 : 1} samples`,
    );
  }
  const samples = data.map((s) => toFloat64(s, true));
  for (const s of samples) {
    if (s.length < 2)
      throw new VigieError('INVALID_ARGUMENT', `${fn}: each sample needs two or more observations`);
    if (type !== 'independent' && s.length !== samples[0]!.length) {
      throw new VigieError('INVALID_ARGUMENT', `${fn}: '${type}' permutations need samples of equal length`);
    }
  }
  return samples;
}
