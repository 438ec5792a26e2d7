import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden, STAT_TOL } from '../../../test/support/golden.js';
import type { NanPolicy } from '../input.js';
import type { QuantileMethod } from './quantile.js';
import { iqr, medianAbsDeviation } from './robust.js';

const G = loadGolden('descriptive');

interface MadCase {
  input: string;
  scale: number | 'normal';
  nanPolicy: NanPolicy;
  expected: number;
}

interface IqrCase {
  input: string;
  rng: [number, number];
  scale: number | 'normal';
  interpolation: QuantileMethod;
  nanPolicy: NanPolicy;
  expected: number;
}

describe('medianAbsDeviation', () => {
  it.each(G.medianAbsDeviation as MadCase[])('$input scale=$scale $nanPolicy', (c) => {
    const got = medianAbsDeviation(G.inputs[c.input], { scale: c.scale, nanPolicy: c.nanPolicy });
    expectGolden('medianAbsDeviation', got, c.expected, STAT_TOL, c.input);
  });

  it('leaves a Float64Array input untouched and handles empty input', () => {
    const x = Float64Array.from([5, 1, 100, 2, 3]);
    expect(medianAbsDeviation(x)).toBe(2);
    expect(Array.from(x)).toEqual([5, 1, 100, 2, 3]);
    expect(medianAbsDeviation([])).toBeNaN();
    expect(medianAbsDeviation([1, 2, 3, 4, 100], { scale: 'normal' })).toBeCloseTo(1.482602218505602, 14);
  });
});

// Deliberate departure: iqr interpolates with numpy.quantile's formula; scipy >= 1.15 uses its own
// stats.quantile, which agrees on finite data but averages (3 + Infinity) / 2 = Infinity for
// 'midpoint' where numpy's lerp gives NaN. Vigie keeps one quantile definition.
const departs = (c: IqrCase) => c.input === 'with_inf' && c.interpolation === 'midpoint';

describe('iqr', () => {
  it.each((G.iqr as IqrCase[]).filter((c) => !departs(c)))(
    '$input rng=$rng scale=$scale $interpolation $nanPolicy',
    (c) => {
      const got = iqr(G.inputs[c.input], {
        rng: c.rng,
        scale: c.scale,
        interpolation: c.interpolation,
        nanPolicy: c.nanPolicy,
      });
      expectGolden('iqr', got, c.expected, STAT_TOL, c.input);
    },
  );

  it('uses numpy quantiles next to an infinity (NaN where scipy gives Infinity)', () => {
    for (const c of (G.iqr as IqrCase[]).filter(departs)) {
      expect(iqr(G.inputs[c.input], { rng: c.rng, interpolation: c.interpolation })).toBeNaN();
    }
  });

  it('validates its options', () => {
    const invalid = expect.objectContaining({ code: 'INVALID_ARGUMENT' });
    expect(() => iqr([1, 2], { rng: [-1, 50] })).toThrow(invalid);
    expect(() => iqr([1, 2], { rng: [Number.NaN, 50] })).toThrow(invalid);
    expect(() => iqr([1, 2], { scale: 'bogus' as 'normal' })).toThrow(invalid);
    expect(() => iqr([1, Number.NaN], { nanPolicy: 'raise' })).toThrow(invalid);
    expect(iqr([])).toBeNaN();
  });
});
