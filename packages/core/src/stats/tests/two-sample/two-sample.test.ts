import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../random/index.js';
import type { Alternative } from '../../input.js';
import {
  andersonKsamp,
  cramervonmises2samp,
  fOneway,
  fOnewayWithOptions,
  kruskal,
  kruskalWithOptions,
  ks2samp,
  mannwhitneyu,
  ttest1samp,
  ttestInd,
  ttestRel,
} from './index.js';

const invalid = expect.objectContaining({ code: 'INVALID_ARGUMENT' });
const NaN_ = Number.NaN;

function normals(n: number, seed: number, shift = 0): Float64Array {
  const rng = createRandom(seed);
  return Float64Array.from({ length: n }, () => rng.normal() + shift);
}

describe('argument checks', () => {
  it('rejects unknown alternatives, methods and NaN policies', () => {
    const bad = 'sideways' as Alternative;
    expect(() => ks2samp([1, 2], [3], { alternative: bad })).toThrow(invalid);
    expect(() => ks2samp([1, 2], [3], { method: 'fast' as 'auto' })).toThrow(invalid);
    expect(() => mannwhitneyu([1, 2], [3], { method: 'exact-ish' as 'auto' })).toThrow(invalid);
    expect(() => ttestInd([1, 2], [3], { alternative: bad })).toThrow(invalid);
    expect(() => cramervonmises2samp([1, 2], [3, 4], { method: 'x' as 'auto' })).toThrow(invalid);
    expect(() => kruskalWithOptions([[1], [2]], { nanPolicy: 'drop' as 'omit' })).toThrow(invalid);
    expect(() =>
      andersonKsamp(
        [
          [1, 2],
          [3, 4],
        ],
        { variant: 'left' as 'right' },
      ),
    ).toThrow(invalid);
  });

  // scipy raises TypeError / IndexError here; Vigie throws its own error on purpose.
  it('k-sample tests need two samples', () => {
    expect(() => fOneway([1, 2, 3])).toThrow(invalid);
    expect(() => kruskal([1, 2, 3])).toThrow(invalid);
    expect(() => andersonKsamp([[1, 2, 3]])).toThrow(invalid);
  });

  it('ttestRel needs samples of equal length (scipy: broadcasting error)', () => {
    expect(() => ttestRel([1, 2], [1, 2, 3])).toThrow(invalid);
  });

  it("nanPolicy 'raise' throws", () => {
    expect(() => ks2samp([1, NaN_], [1, 2], { nanPolicy: 'raise' })).toThrow(/NaN/);
    expect(() => ttestRel([1, NaN_], [1, 2], { nanPolicy: 'raise' })).toThrow(/NaN/);
    expect(() =>
      fOnewayWithOptions(
        [
          [1, NaN_],
          [2, 3],
        ],
        { nanPolicy: 'raise' },
      ),
    ).toThrow(/NaN/);
  });
});

describe('andersonKsamp edge cases', () => {
  // scipy.stats.anderson_ksamp has no nan_policy: NaN sorts as a value and it returns a
  // meaningless number. Vigie applies the usual policy instead.
  it("'propagate' gives NaN, 'omit' equals the test without the NaN, 'raise' throws", () => {
    const a = [1.5, NaN_, -0.5, 2.25, 3, 0.75, 4];
    const b = [0.1, 2.2, 3.3, -1, 5];
    const r = andersonKsamp([a, b]);
    expect(r.statistic).toBeNaN();
    expect(r.pvalue).toBeNaN();
    expect(r.criticalValues).toHaveLength(7);
    const clean = a.filter((v) => !Number.isNaN(v));
    expect(andersonKsamp([a, b], { nanPolicy: 'omit' })).toEqual(andersonKsamp([clean, b]));
    expect(() => andersonKsamp([a, b], { nanPolicy: 'raise' })).toThrow(invalid);
  });

  it('throws where scipy raises: an empty sample, one distinct value, two values in all', () => {
    expect(() => andersonKsamp([[], [1, 2]])).toThrow(invalid);
    expect(() =>
      andersonKsamp([
        [1, 1],
        [1, 1],
      ]),
    ).toThrow(invalid);
    // scipy: IndexError from its harmonic sums over N - 2 terms.
    expect(() => andersonKsamp([[1], [2]])).toThrow(invalid);
  });

  it('caps the p-value at 0.25 and floors it at 0.001 as scipy', () => {
    const a = normals(200, 1);
    expect(andersonKsamp([a, a.slice().reverse()]).pvalue).toBe(0.25);
    expect(andersonKsamp([a, normals(200, 3, 2)]).pvalue).toBe(0.001);
  });

  it("midrank false is scipy's 'right' variant", () => {
    const s = [
      [1, 2, 2, 3, 5],
      [2, 3, 3, 4, 6, 7],
    ];
    expect(andersonKsamp(s, { midrank: false })).toEqual(andersonKsamp(s, { variant: 'right' }));
  });
});

describe('edge behaviour mirrored from scipy', () => {
  it('empty samples give NaN in every field', () => {
    expect(ks2samp([], [1, 2])).toEqual({
      statistic: NaN_,
      pvalue: NaN_,
      statisticLocation: NaN_,
      statisticSign: NaN_,
    });
    expect(mannwhitneyu([1], [])).toEqual({ statistic: NaN_, pvalue: NaN_ });
    expect(ttestInd([], [1, 2])).toEqual({ statistic: NaN_, pvalue: NaN_, df: NaN_ });
    expect(kruskal([], [1, 2])).toEqual({ statistic: NaN_, pvalue: NaN_ });
    expect(fOneway([1, 2], [])).toEqual({ statistic: NaN_, pvalue: NaN_ });
  });

  it('constant input: t-tests NaN, F infinite or NaN, Kruskal NaN', () => {
    expect(ttestInd([1, 1, 1], [1, 1]).statistic).toBeNaN();
    expect(ttestInd([1, 1, 1], [1, 1]).df).toBe(3);
    expect(ttest1samp([2, 2, 2], 2).statistic).toBeNaN();
    expect(fOneway([1, 1], [2, 2])).toEqual({ statistic: Number.POSITIVE_INFINITY, pvalue: 0 });
    expect(fOneway([1, 1], [1, 1]).statistic).toBeNaN();
    expect(kruskal([1, 1], [1, 1]).statistic).toBeNaN();
  });

  it('cramervonmises2samp needs two values per sample', () => {
    expect(cramervonmises2samp([1], [1, 2])).toEqual({ statistic: NaN_, pvalue: NaN_ });
  });

  it('mannwhitneyu picks the exact distribution when either sample has at most 8 values', () => {
    const x = [0.1, 0.5, 0.9, 1.7];
    const y = Array.from({ length: 30 }, (_, i) => i / 10 + 0.05);
    expect(mannwhitneyu(x, y)).toEqual(mannwhitneyu(x, y, { method: 'exact' }));
    expect(mannwhitneyu(x, y)).not.toEqual(mannwhitneyu(x, y, { method: 'asymptotic' }));
  });

  it('ks2samp falls back to the asymptotic p-value when the exact one overflows', () => {
    const a = normals(700, 4);
    const b = normals(800, 5, 0.1);
    const exact = ks2samp(a, b, { alternative: 'greater', method: 'exact' });
    const asymp = ks2samp(a, b, { alternative: 'greater', method: 'asymp' });
    // The fallback keeps the statistic snapped to the lattice h / lcm(n1, n2), as scipy.
    expect(exact.statistic).toBeCloseTo(asymp.statistic, 14);
    expect(exact.pvalue).toBeCloseTo(asymp.pvalue, 14);
  });

  it('ks2samp reports where and in which direction the ECDFs differ most', () => {
    const r = ks2samp([1, 2, 3], [3, 4, 5, 6]);
    expect(r).toMatchObject({ statistic: 0.75, statisticLocation: 3, statisticSign: 1 });
    expect(ks2samp([3, 4, 5, 6], [1, 2, 3]).statisticSign).toBe(-1);
  });
});

describe('ks2samp on presorted samples', () => {
  it('gives the same result as the checked path (drift passes its sorted columns)', () => {
    const rng = createRandom(11);
    for (const [n1, n2] of [
      [40, 55],
      [20_000, 15_000],
    ] as const) {
      const a = Float64Array.from({ length: n1 }, () => rng.normal()).sort();
      const b = Float64Array.from({ length: n2 }, () => rng.normal() + 0.05).sort();
      expect(ks2samp(a, b, { presorted: true })).toEqual(ks2samp(a, b));
    }
    expect(ks2samp(new Float64Array(0), [1, 2], { presorted: true }).statistic).toBeNaN();
  });
});
