import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose, expectGolden, loadGolden, STAT_TOL } from '../../../test/support/golden.js';
import { createRandom } from '../../random/index.js';
import { emptyMoments, type Moments, mergeMoments, moments } from './moments.js';

const G = loadGolden('descriptive');
const FIELDS = ['n', 'mean', 'm2', 'm3', 'm4', 'min', 'max', 'nanCount'] as const;

function normals(seed: number, n: number, loc = 0, scale = 1): Float64Array {
  const rng = createRandom(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = loc + scale * rng.normal();
  return out;
}

/**
 * Central sums compared relative to their natural scale n·spread^k (m3 can be near 0), with a
 * floor of 1e-300 for values whose powers underflow.
 */
function expectMomentsClose(got: Moments, want: Moments, rel: number, label: string): void {
  expect(got.n).toBe(want.n);
  expect(got.nanCount).toBe(want.nanCount);
  const spread = Math.sqrt(want.m2 / Math.max(want.n, 1));
  const scale = (k: number) => ({ rel, abs: rel * want.n * spread ** k + 1e-300 });
  expectClose(got.mean, want.mean, { rel, abs: rel * spread + 1e-300 }, `${label} mean`);
  expectClose(got.m2, want.m2, scale(2), `${label} m2`);
  expectClose(got.m3, want.m3, scale(3), `${label} m3`);
  expectClose(got.m4, want.m4, scale(4), `${label} m4`);
  expect(got.min).toBe(want.min);
  expect(got.max).toBe(want.max);
}

describe('moments', () => {
  it.each(G.moments as (Moments & { input: string })[])('$input matches exact rational arithmetic', (c) => {
    const got = moments(G.inputs[c.input]);
    for (const f of FIELDS) expectGolden(`moments.${f}`, got[f], c[f], STAT_TOL, c.input);
  });

  it('gives the documented example and works on plain arrays', () => {
    expect(moments([1, 2, 3, 4])).toEqual({
      n: 4,
      mean: 2.5,
      m2: 5,
      m3: 0,
      m4: 10.25,
      min: 1,
      max: 4,
      nanCount: 0,
    });
  });

  it('skips NaN across block boundaries and counts it', () => {
    const x = normals(1, 10_000, 5, 2);
    const withNan = Float64Array.from(x);
    const clean: number[] = [];
    for (let i = 0; i < withNan.length; i++) {
      if (i % 997 === 3 || (i >= 4096 && i < 6144)) withNan[i] = Number.NaN;
      else clean.push(withNan[i]!);
    }
    const got = moments(withNan);
    expect(got.nanCount).toBe(10_000 - clean.length);
    expectMomentsClose(got, { ...moments(clean), nanCount: got.nanCount }, 1e-12, 'nan blocks');
  });

  it('handles infinities, empty and all-NaN input', () => {
    const inf = moments([1, Number.POSITIVE_INFINITY, 2]);
    expect(inf).toMatchObject({
      n: 3,
      mean: Number.POSITIVE_INFINITY,
      min: 1,
      max: Number.POSITIVE_INFINITY,
    });
    expect(inf.m2).toBeNaN();
    expect(moments([Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY]).mean).toBeNaN();
    expect(moments([Number.NEGATIVE_INFINITY]).min).toBe(Number.NEGATIVE_INFINITY);
    expect(moments([])).toEqual(emptyMoments());
    expect(moments([Number.NaN, Number.NaN])).toEqual({ ...emptyMoments(), nanCount: 2 });
  });

  it('matches a two-pass computation on a large shifted sample', () => {
    const x = normals(7, 50_000, 1e9, 3);
    const got = moments(x);
    let s = 0;
    for (const v of x) s += v;
    const mu = s / x.length;
    let m2 = 0;
    for (const v of x) m2 += (v - mu) ** 2;
    expectClose(got.m2, m2, { rel: 1e-9 }, 'm2');
    expectClose(got.mean, mu, { rel: 1e-14 }, 'mean');
  });
});

describe('mergeMoments', () => {
  const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 0, maxLength: 60 });

  it('equals moments of the union (property)', () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const merged = mergeMoments(moments(a), moments(b));
        const whole = moments([...a, ...b]);
        if (whole.n === 0) expect(merged).toEqual(whole);
        else expectMomentsClose(merged, whole, 1e-9, 'merge');
      }),
    );
  });

  it('merges many partitions of a large sample in any order', () => {
    const x = normals(3, 30_000, -20, 4);
    const parts: Moments[] = [];
    for (let lo = 0; lo < x.length; lo += 2_777) parts.push(moments(x.subarray(lo, lo + 2_777)));
    const forward = parts.reduce(mergeMoments, emptyMoments());
    const backward = parts.reduceRight(mergeMoments, emptyMoments());
    expectMomentsClose(forward, moments(x), 1e-9, 'forward');
    expectMomentsClose(backward, moments(x), 1e-9, 'backward');
  });

  it('keeps NaN counts and infinities', () => {
    const m = mergeMoments(moments([1, Number.NaN]), moments([Number.POSITIVE_INFINITY, 3]));
    expect(m).toMatchObject({
      n: 3,
      nanCount: 1,
      mean: Number.POSITIVE_INFINITY,
      max: Number.POSITIVE_INFINITY,
    });
    expect(mergeMoments(emptyMoments(), moments([2]))).toEqual(moments([2]));
  });
});

describe('moments properties', () => {
  // Multiples of 1e-3: a shift b stays within ~1e5 spreads, so rounding cannot swamp the moments.
  const value = fc.integer({ min: -1_000_000, max: 1_000_000 }).map((v) => v / 1000);
  const data = fc.array(value, { minLength: 2, maxLength: 80 });

  it('is invariant under permutation', () => {
    fc.assert(
      fc.property(data, fc.integer(), (x, seed) => {
        const rng = createRandom(seed);
        const y = x.slice();
        for (let i = y.length - 1; i > 0; i--) {
          const j = rng.int(i + 1);
          [y[i], y[j]] = [y[j]!, y[i]!];
        }
        expectMomentsClose(moments(y), moments(x), 1e-9, 'permuted');
      }),
    );
  });

  it('shifts the mean and scales central sums by a^k', () => {
    fc.assert(
      fc.property(
        data,
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (x, b, a) => {
          const base = moments(x);
          const t = moments(x.map((v) => a * v + b));
          const spread = Math.sqrt(base.m2 / base.n) * a;
          expectClose(
            t.mean,
            a * base.mean + b,
            { rel: 1e-9, abs: 1e-9 * (Math.abs(b) + spread + 1e-300) },
            'mean',
          );
          expectClose(t.m2, a * a * base.m2, { rel: 1e-8, abs: 1e-8 * base.n * spread ** 2 }, 'm2');
          expectClose(t.m3, a ** 3 * base.m3, { rel: 1e-8, abs: 1e-8 * base.n * spread ** 3 }, 'm3');
          expectClose(t.m4, a ** 4 * base.m4, { rel: 1e-8, abs: 1e-8 * base.n * spread ** 4 }, 'm4');
        },
      ),
    );
  });
});
