import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden, STAT_TOL } from '../../../test/support/golden.js';
import {
  hellinger,
  jensenshannon,
  klDivergence,
  linf,
  psi,
  psiFromCounts,
  totalVariation,
  wassersteinDistance,
  wassersteinNormalized,
} from './index.js';

type Spec = number[] | { ref: string; mul: number; add: number };
const golden = loadGolden('distances');
const samples: Record<string, number[]> = golden.samples;

/** Rebuilds a fixture input: inline values, or a stored sample as x * mul + add (same roundings as numpy). */
function input(spec: Spec): Float64Array {
  if (Array.isArray(spec)) return Float64Array.from(spec);
  const x = samples[spec.ref]!;
  const out = new Float64Array(x.length);
  const plain = spec.mul === 1 && spec.add === 0;
  for (let i = 0; i < x.length; i++) out[i] = plain ? x[i]! : x[i]! * spec.mul + spec.add;
  return out;
}

describe('wassersteinDistance', () => {
  it('matches scipy.stats.wasserstein_distance', () => {
    for (const c of golden.wassersteinDistance) {
      const got = wassersteinDistance(
        input(c.u),
        input(c.v),
        c.uWeights === undefined ? undefined : c.uWeights,
        c.vWeights === undefined ? undefined : c.vWeights,
      );
      expectGolden('wassersteinDistance', got, c.expected, STAT_TOL, c.name);
    }
  });

  it('omits or rejects NaN on request and rejects bad weights', () => {
    expect(wassersteinDistance([1, 2, Number.NaN], [1, 2], undefined, undefined, { nanPolicy: 'omit' })).toBe(
      0,
    );
    expect(() =>
      wassersteinDistance([1, Number.NaN], [1], undefined, undefined, { nanPolicy: 'raise' }),
    ).toThrow(/NaN/);
    expect(() => wassersteinDistance([], [1])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() => wassersteinDistance([1, 2], [1], [1, -1])).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => wassersteinDistance([1, 2], [1], [0, 0])).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => wassersteinDistance([1, 2], [1], [1])).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('is a symmetric, non-negative distance, zero on identical samples, and shift-equivariant', () => {
    const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(sample, sample, fc.double({ min: -100, max: 100, noNaN: true }), (u, v, shift) => {
        const d = wassersteinDistance(u, v);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(wassersteinDistance(v, u)).toBeCloseTo(d, 6);
        expect(wassersteinDistance(u, u)).toBe(0);
        // translating only v moves the mean difference by `shift`: |W1 change| <= |shift|
        const moved = wassersteinDistance(
          u,
          v.map((x) => x + shift),
        );
        expect(Math.abs(moved - d)).toBeLessThanOrEqual(Math.abs(shift) * (1 + 1e-9) + 1e-6);
      }),
    );
  });
});

describe('wassersteinNormalized', () => {
  it('matches W1 / std(reference, ddof=1) computed with scipy and numpy', () => {
    for (const c of golden.wassersteinNormalized) {
      const got = wassersteinNormalized(input(c.reference), input(c.current));
      expectGolden('wassersteinNormalized', got, c.expected, STAT_TOL, c.name);
    }
  });
});

describe('probability-vector distances', () => {
  const fns = {
    jensenshannon: (p: number[], q: number[]) => jensenshannon(p, q),
    jensenshannon2: (p: number[], q: number[]) => jensenshannon(p, q, { base: 2 }),
    jensenshannon10: (p: number[], q: number[]) => jensenshannon(p, q, { base: 10 }),
    kl: (p: number[], q: number[]) => klDivergence(p, q),
    kl2: (p: number[], q: number[]) => klDivergence(p, q, { base: 2 }),
    hellinger,
    totalVariation,
    linf,
  };
  const names: Record<keyof typeof fns, string> = {
    jensenshannon: 'jensenshannon',
    jensenshannon2: 'jensenshannon',
    jensenshannon10: 'jensenshannon',
    kl: 'klDivergence',
    kl2: 'klDivergence',
    hellinger: 'hellinger',
    totalVariation: 'totalVariation',
    linf: 'linf',
  };

  it('match scipy (jensenshannon, entropy) and the numpy definitions (hellinger, TV, L∞)', () => {
    for (const c of golden.probability) {
      for (const key of Object.keys(fns) as (keyof typeof fns)[]) {
        const expected: number = c[key];
        const got = fns[key](c.p, c.q);
        if (Number.isNaN(expected) && key.startsWith('jensenshannon') && c.name === 'near-identical') {
          // scipy's sum rounds a hair below zero and its sqrt gives NaN; Vigie clamps to 0.
          expect(got).toBe(0);
          continue;
        }
        if ((key.startsWith('jensenshannon') || key.startsWith('kl')) && c.name === 'near-identical') {
          // p and q differ by 1e-9: both sides compute rounding noise around a ~1e-18 divergence
          // (sqrt of it for JS), so only absolute agreement is meaningful
          expect(Math.abs(got - expected)).toBeLessThan(key.startsWith('kl') ? 1e-15 : 1e-7);
          continue;
        }
        expectGolden(names[key], got, expected, STAT_TOL, `${c.name} ${key}`);
      }
    }
  });

  it('throw on vectors that cannot be normalized (scipy returns NaN)', () => {
    expect(() => jensenshannon([0, 0], [1, 1])).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => hellinger([1, -1], [1, 1])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => linf([1, 2], [1])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => klDivergence([1], [1], { base: 1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => totalVariation([], [])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
  });

  it('are zero on identical inputs, symmetric (except KL), non-negative and bounded', () => {
    const vec = fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 });
    const pair = vec.chain((p) =>
      fc
        .array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: p.length, maxLength: p.length })
        .map((q) => [p, q] as const),
    );
    fc.assert(
      fc.property(pair, ([p, q]) => {
        fc.pre(p.some((x) => x > 0) && q.some((x) => x > 0));
        for (const f of [jensenshannon, hellinger, totalVariation, linf]) {
          const d = f(p, q);
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThanOrEqual(1);
          expect(Math.abs(f(q, p) - d)).toBeLessThanOrEqual(1e-12);
          expect(f(p, p)).toBe(0);
        }
        expect(jensenshannon(p, q, { base: 2 })).toBeLessThanOrEqual(1 + 1e-12);
        expect(klDivergence(p, q)).toBeGreaterThanOrEqual(-1e-12);
        expect(Math.abs(klDivergence(p, p))).toBeLessThanOrEqual(1e-12);
      }),
    );
  });
});

describe('psi', () => {
  it('matches an independent numpy implementation of the documented definition', () => {
    for (const c of golden.psi) {
      const got = psi(input(c.reference), input(c.current), c.options);
      expectGolden('psi', got, c.expected, STAT_TOL, c.name);
    }
  });

  it('psiFromCounts matches the numpy definition', () => {
    for (const c of golden.psiFromCounts) {
      const got = psiFromCounts(c.ref, c.cur, c.epsilon === undefined ? {} : { epsilon: c.epsilon });
      expectGolden('psiFromCounts', got, c.expected, STAT_TOL, c.name);
    }
  });

  it('is non-negative and zero for the same sample', () => {
    const sample = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(sample, sample, fc.integer({ min: 1, max: 12 }), fc.boolean(), (r, c, bins, uniform) => {
        const options = { bins, binning: uniform ? ('uniform' as const) : ('quantile' as const) };
        expect(psi(r, c, options)).toBeGreaterThanOrEqual(0);
        expect(psi(r, r, options)).toBe(0);
      }),
    );
  });

  it('validates its options and handles NaN by policy', () => {
    expect(() => psi([1, 2], [1], { bins: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => psi([1, 2], [1], { epsilon: 0 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => psiFromCounts([1, 2], [1])).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => psiFromCounts([0, 0], [1, 1])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(psi([1, 2, 3], [1, Number.NaN])).toBeNaN();
    expect(psi([1, 2, 3], [1, Number.NaN, 2, 3], { nanPolicy: 'omit' })).toBe(psi([1, 2, 3], [1, 2, 3]));
  });
});

describe('presorted samples (drift passes its sorted columns)', () => {
  it('give the same Wasserstein distance and PSI as the checked path, and still reject empty input', () => {
    const a = Float64Array.from({ length: 3000 }, (_, i) => Math.sin(i) * 10 + (i % 7)).sort();
    const b = Float64Array.from({ length: 2500 }, (_, i) => Math.cos(i) * 12 + (i % 5)).sort();
    expect(wassersteinDistance(a, b, undefined, undefined, { presorted: true })).toBe(
      wassersteinDistance(a, b),
    );
    for (const binning of ['quantile', 'uniform'] as const) {
      expect(psi(a, b, { bins: 10, binning, presorted: true })).toBe(psi(a, b, { bins: 10, binning }));
    }
    const empty = expect.objectContaining({ code: 'EMPTY_INPUT' });
    expect(() => wassersteinDistance(a, [], undefined, undefined, { presorted: true })).toThrow(empty);
    expect(() => psi([], b, { presorted: true })).toThrow(empty);
  });
});
