import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden, PVALUE_TOL, STAT_TOL } from '../../../test/support/golden.js';
import { createRandom } from '../../random/index.js';
import type { Alternative } from '../input.js';
import { jackknifeValues } from './bootstrap.js';
import {
  type BootstrapMethod,
  bootstrap,
  bootstrapInterval,
  permutationTest,
  type ResampleStatistic,
} from './index.js';
import { fillUniformIndices } from './uniform-indices.js';

const golden = loadGolden('resampling');

/** numpy's pairwise summation (8-way unrolled blocks of ≤ 128), so statistics here equal numpy's bit for bit. */
function npSum(a: Float64Array, from = 0, to = a.length): number {
  const n = to - from;
  if (n < 8) {
    let res = 0;
    for (let i = from; i < to; i++) res += a[i]!;
    return res;
  }
  if (n <= 128) {
    const r = Array.from(a.subarray(from, from + 8));
    let i = from + 8;
    for (; i < to - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j]! += a[i + j]!;
    let res = r[0]! + r[1]! + (r[2]! + r[3]!) + (r[4]! + r[5]! + (r[6]! + r[7]!));
    for (; i < to; i++) res += a[i]!;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return npSum(a, from, from + n2) + npSum(a, from + n2, to);
}
const npMean = (x: Float64Array) => npSum(x) / x.length;
const deviations = (x: Float64Array) => {
  const m = npMean(x);
  return x.map((v) => v - m);
};
const STATISTICS: Record<string, ResampleStatistic> = {
  mean: npMean,
  sum: (x) => npSum(x),
  median: (x) => {
    const s = x.slice().sort();
    const h = s.length >> 1;
    return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
  },
  std: (x) => {
    const d = deviations(x);
    return Math.sqrt(npSum(d.map((v) => v * v)) / (x.length - 1));
  },
  meanDiff: (x, y) => npMean(x) - npMean(y!),
  pairedMeanDiff: (x, y) => npMean(x.map((v, i) => v - y![i]!)),
  pearson: (x, y) => {
    const a = deviations(x);
    const b = deviations(y!);
    return (
      npSum(a.map((v, i) => v * b[i]!)) / Math.sqrt(npSum(a.map((v) => v * v)) * npSum(b.map((v) => v * v)))
    );
  },
  anovaLike: (...groups) => {
    const means = Float64Array.from(groups.map(npMean));
    const d = deviations(means);
    return npSum(d.map((v) => v * v)) / means.length;
  },
};

interface IntervalCase {
  statistic: string;
  paired: boolean;
  data: number[][];
  distribution: number[];
  standardError: number;
  results: {
    method: BootstrapMethod;
    confidenceLevel: number;
    alternative: Alternative;
    low: number;
    high: number;
  }[];
}

describe('bootstrapInterval', () => {
  it('computes scipy.stats.bootstrap intervals from the same bootstrap distribution', () => {
    for (const c of golden.interval as IntervalCase[]) {
      const statistic = STATISTICS[c.statistic]!;
      const samples = c.data.map((s) => Float64Array.from(s));
      const distribution = Float64Array.from(c.distribution);
      const observed = statistic(...samples);
      const jackknife = jackknifeValues(samples, statistic, c.paired);
      for (const r of c.results) {
        const label = `${c.statistic} n=${samples[0]!.length} ${r.method} ${r.confidenceLevel} ${r.alternative}`;
        const got = bootstrapInterval({ distribution, observed, jackknife, ...r });
        expectGolden(`bootstrap ${r.method}`, got.low, r.low, STAT_TOL, `${label} low`);
        expectGolden(`bootstrap ${r.method}`, got.high, r.high, STAT_TOL, `${label} high`);
      }
    }
  });
});

describe('bootstrap', () => {
  it('agrees with scipy.stats.bootstrap within Monte-Carlo error', () => {
    for (const c of golden.bootstrapScipy) {
      const statistic = STATISTICS[c.statistic]!;
      const res = bootstrap(c.data, statistic, { method: c.method, paired: c.paired, seed: 11 });
      const se: number = c.standardError;
      // Each endpoint is a 2.5% quantile of 9999 draws: its Monte-Carlo sd is ~0.04 SE for the
      // percentile interval and somewhat more for BCa; both sides carry it. 0.2 SE is > 3.5 sd.
      const label = `${c.statistic} ${c.method}`;
      expect(Math.abs(res.confidenceInterval.low - c.low), `${label} low`).toBeLessThan(0.2 * se);
      expect(Math.abs(res.confidenceInterval.high - c.high), `${label} high`).toBeLessThan(0.2 * se);
      expect(Math.abs(res.standardError - se) / se, `${label} se`).toBeLessThan(0.05);
    }
  });

  it('reaches its nominal coverage for the mean of normal data', () => {
    let covered = 0;
    const trials = 200;
    for (let t = 0; t < trials; t++) {
      const rng = createRandom(1000 + t);
      const x = Float64Array.from({ length: 30 }, () => rng.normal());
      const { confidenceInterval: ci } = bootstrap([x], npMean, {
        method: 'percentile',
        nResamples: 999,
        seed: t,
      });
      if (ci.low <= 0 && 0 <= ci.high) covered++;
    }
    // percentile intervals under-cover slightly at n = 30 (~0.93); 200 trials have sd ~0.018.
    expect(covered / trials).toBeGreaterThan(0.86);
    expect(covered / trials).toBeLessThan(0.99);
  });

  it('is deterministic for a seed and changes with it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 2, maxLength: 20 }),
        fc.integer(),
        fc.constantFrom<BootstrapMethod>('percentile', 'basic', 'bca'),
        (x, seed, method) => {
          const a = bootstrap([x], npMean, { seed, method, nResamples: 50 });
          const b = bootstrap([x], npMean, { seed, method, nResamples: 50 });
          expect(Array.from(a.bootstrapDistribution)).toEqual(Array.from(b.bootstrapDistribution));
          expect(a.confidenceInterval).toEqual(b.confidenceInterval);
        },
      ),
      { numRuns: 30 },
    );
    const x = [1.5, 5.25, 2, 8.125, 3, 9.75, 4.5];
    const one = bootstrap([x], npMean, { seed: 1, nResamples: 100 }).bootstrapDistribution;
    const two = bootstrap([x], npMean, { seed: 2, nResamples: 100 }).bootstrapDistribution;
    expect(Array.from(one)).not.toEqual(Array.from(two));
  });

  it('tolerates a statistic that sorts its input in place', () => {
    const inPlaceMedian = (x: Float64Array) => {
      x.sort();
      const h = x.length >> 1;
      return x.length % 2 ? x[h]! : (x[h - 1]! + x[h]!) / 2;
    };
    const x = [5.5, 1, 9, 3.25, 7, 2, 8.5, 4, 6, 0.5, 3];
    const y = [2, 8, 4.5, 1, 6.25, 9, 3, 7, 5, 0, 2.5];
    const pure = bootstrap([x], STATISTICS.median!, { nResamples: 300, seed: 4 });
    const sorting = bootstrap([x], inPlaceMedian, { nResamples: 300, seed: 4 });
    expect(sorting.confidenceInterval).toEqual(pure.confidenceInterval);
    const diff = (a: Float64Array, b: Float64Array) => inPlaceMedian(a) - inPlaceMedian(b);
    const pureDiff: ResampleStatistic = (a, b) => STATISTICS.median!(a) - STATISTICS.median!(b!);
    for (const permutationType of ['independent', 'pairings', 'samples'] as const) {
      const opts = { permutationType, nResamples: 500, seed: 2 };
      expect(permutationTest([x, y], diff, opts).pvalue).toBe(permutationTest([x, y], pureDiff, opts).pvalue);
    }
    expect(bootstrap([x, y], diff, { nResamples: 200, paired: true }).confidenceInterval).toEqual(
      bootstrap([x, y], pureDiff, { nResamples: 200, paired: true }).confidenceInterval,
    );
  });

  it('gives NaN for BCa on degenerate data, and validates its input', () => {
    const res = bootstrap([[2, 2, 2, 2]], npMean, { nResamples: 99 });
    expect(res.confidenceInterval.low).toBeNaN();
    expect(res.standardError).toBe(0);
    expect(() => bootstrap([[1]], npMean)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => bootstrap([], npMean)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() =>
      bootstrap(
        [
          [1, 2],
          [1, 2, 3],
        ],
        STATISTICS.meanDiff!,
        { paired: true },
      ),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => bootstrap([[1, 2]], npMean, { nResamples: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});

describe('fillUniformIndices', () => {
  it('draws every index in [0, n) with equal frequency', () => {
    const rng = createRandom(9);
    for (const n of [1, 2, 3, 7, 1000, 3_000_000]) {
      const out = new Uint32Array(60_000);
      fillUniformIndices(rng, n, out);
      expect(out.every((v) => v < n)).toBe(true);
      if (n > 1000) continue;
      const counts = new Float64Array(n);
      for (const v of out) counts[v]!++;
      // chi-square with n - 1 degrees of freedom stays well under mean + 6 sd
      const expected = out.length / n;
      const chi2 = counts.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
      expect(chi2).toBeLessThan(n - 1 + 6 * Math.sqrt(2 * Math.max(n - 1, 1)) + 1);
    }
  });
});

describe('permutationTest', () => {
  it('matches scipy.stats.permutation_test exactly when all permutations are enumerated', () => {
    for (const c of golden.permutation) {
      const statistic = STATISTICS[c.statistic]!;
      const label = `${c.permutationType} ${c.statistic} n=${c.data[0].length} ${c.alternative}`;
      const res = permutationTest(c.data, statistic, {
        permutationType: c.permutationType,
        nResamples: c.nResamples,
        alternative: c.alternative,
        seed: 5,
      });
      expectGolden('permutationTest statistic', res.statistic, c.observed, STAT_TOL, label);
      expect(res.exact, label).toBe(c.exact);
      expect(res.nullDistribution.length, label).toBe(c.nullSize);
      if (c.exact) {
        expectGolden('permutationTest exact pvalue', res.pvalue, c.pvalue, PVALUE_TOL, label);
      } else {
        // Both p-values are binomial estimates from ≥ 2000 draws: sd ≤ sqrt(p(1 − p)/B) each.
        const sd = Math.sqrt((Math.max(c.pvalue, 0.01) * (1 - Math.min(c.pvalue, 0.99))) / c.nResamples);
        expect(Math.abs(res.pvalue - c.pvalue), label).toBeLessThan(
          5 * Math.SQRT2 * sd * (c.alternative === 'two-sided' ? 2 : 1),
        );
      }
    }
  });

  it('gives p-values in [0, 1], deterministic for a seed', () => {
    const sample = fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 2, maxLength: 12 });
    fc.assert(
      fc.property(sample, sample, fc.integer(), (x, y, seed) => {
        const a = permutationTest([x, y], STATISTICS.meanDiff!, { seed, nResamples: 200 });
        const b = permutationTest([x, y], STATISTICS.meanDiff!, { seed, nResamples: 200 });
        expect(a.pvalue).toBeGreaterThan(0);
        expect(a.pvalue).toBeLessThanOrEqual(1);
        expect(a.pvalue).toBe(b.pvalue);
      }),
      { numRuns: 40 },
    );
  });

  it('validates its input', () => {
    const f = STATISTICS.meanDiff!;
    expect(() => permutationTest([[1, 2]], f)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => permutationTest([[1], [2, 3]], f)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() =>
      permutationTest(
        [
          [1, 2],
          [2, 3, 4],
        ],
        f,
        { permutationType: 'pairings' },
      ),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() =>
      permutationTest(
        [
          [1, 2],
          [2, 3],
        ],
        f,
        { nResamples: 0 },
      ),
    ).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
