import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose, expectGolden, loadGolden, STAT_TOL } from '../../../test/support/golden.js';
import type { NanPolicy } from '../input.js';
import { kurtosis, skew } from './shape.js';

const G = loadGolden('descriptive');

interface ShapeCase {
  input: string;
  bias: boolean;
  fisher?: boolean;
  nanPolicy: NanPolicy;
  expected: number;
}

describe('skew', () => {
  it.each(G.skew as ShapeCase[])('$input bias=$bias $nanPolicy', (c) => {
    const got = skew(G.inputs[c.input], { bias: c.bias, nanPolicy: c.nanPolicy });
    expectGolden('skew', got, c.expected, STAT_TOL, c.input);
  });

  it('returns NaN for constant and nearly constant data, as scipy', () => {
    expect(skew([4.25, 4.25, 4.25])).toBeNaN();
    expect(skew([1, 1, 1, 1, 1, 1, 1, 1, 1, 1 + 2 ** -52])).toBeNaN();
    expect(skew([])).toBeNaN();
  });

  it('throws under nanPolicy raise', () => {
    expect(() => skew([1, Number.NaN], { nanPolicy: 'raise' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});

describe('kurtosis', () => {
  it.each(G.kurtosis as ShapeCase[])('$input fisher=$fisher bias=$bias $nanPolicy', (c) => {
    const got = kurtosis(G.inputs[c.input], { fisher: c.fisher!, bias: c.bias, nanPolicy: c.nanPolicy });
    expectGolden('kurtosis', got, c.expected, STAT_TOL, c.input);
  });

  it('returns NaN for constant data, as scipy', () => {
    expect(kurtosis([2, 2, 2, 2])).toBeNaN();
    expect(kurtosis([2, 2, 2, 2], { fisher: false, bias: false })).toBeNaN();
  });
});

describe('shape properties', () => {
  // Multiples of 1e-3 with some spread, so neither statistic is NaN or rounding noise.
  const data = fc
    .array(
      fc.integer({ min: -100_000, max: 100_000 }).map((v) => v / 1000),
      { minLength: 4, maxLength: 60 },
    )
    .filter((x) => Math.max(...x) - Math.min(...x) > 1);
  const shift = fc.integer({ min: -1000, max: 1000 });
  const factor = fc.double({ min: 0.05, max: 20, noNaN: true });

  it('skew is shift and scale invariant and flips sign under negation', () => {
    fc.assert(
      fc.property(data, shift, factor, (x, b, a) => {
        const s = skew(x);
        const tol = { rel: 1e-7, abs: 1e-9 };
        expectClose(skew(x.map((v) => a * v + b)), s, tol, 'affine');
        expectClose(skew(x.map((v) => -v)), -s, tol, 'negated');
      }),
    );
  });

  it('kurtosis is shift, scale and sign invariant', () => {
    fc.assert(
      fc.property(data, shift, factor, (x, b, a) => {
        const k = kurtosis(x, { bias: false });
        expectClose(
          kurtosis(
            x.map((v) => -a * v + b),
            { bias: false },
          ),
          k,
          { rel: 1e-7, abs: 1e-9 },
          'affine',
        );
      }),
    );
  });

  it('both are permutation invariant', () => {
    fc.assert(
      fc.property(data, (x) => {
        const y = x.slice().reverse();
        expectClose(skew(y), skew(x), { rel: 1e-9, abs: 1e-12 }, 'skew');
        expectClose(kurtosis(y), kurtosis(x), { rel: 1e-9, abs: 1e-12 }, 'kurtosis');
      }),
    );
  });
});
