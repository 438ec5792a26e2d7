import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose, expectGolden, loadGolden, STAT_TOL } from '../../../test/support/golden.js';
import { max, min } from './extrema.js';
import { mean, std, variance } from './mean.js';
import { sum } from './sum.js';

const G = loadGolden('descriptive');
const input = (name: string): number[] => G.inputs[name];

interface ScalarCase {
  input: string;
  expected: number;
  ddof?: number;
}

describe('sum', () => {
  it.each(G.sum as (ScalarCase & { numpy: number })[])('$input matches math.fsum', (c) => {
    expectGolden('sum', sum(input(c.input)), c.expected, STAT_TOL, c.input);
  });

  it('keeps small addends next to 1e16 (numpy.sum loses them)', () => {
    expect(sum([1e16, 1, 1])).toBe(1e16 + 2);
    expect(sum([1e100, 1, -1e100])).toBe(1);
    expect(sum([0.1, 0.2, 0.3])).toBe(0.6);
  });

  it('propagates NaN and infinities, and sums nothing to 0', () => {
    expect(sum([1, Number.NaN])).toBeNaN();
    expect(sum([1, Number.POSITIVE_INFINITY, 2])).toBe(Number.POSITIVE_INFINITY);
    expect(sum([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])).toBeNaN();
    expect(sum([])).toBe(0);
  });
});

describe('mean, variance, std', () => {
  it.each(G.mean as ScalarCase[])('mean $input', (c) => {
    expectGolden('mean', mean(input(c.input)), c.expected, STAT_TOL, c.input);
  });

  it.each(G.variance as ScalarCase[])('variance $input ddof=$ddof', (c) => {
    expectGolden('variance', variance(input(c.input), { ddof: c.ddof! }), c.expected, STAT_TOL, c.input);
  });

  it.each(G.std as ScalarCase[])('std $input ddof=$ddof', (c) => {
    expectGolden('std', std(input(c.input), { ddof: c.ddof! }), c.expected, STAT_TOL, c.input);
  });

  it('agrees with numpy to the bit (same pairwise summation)', () => {
    for (const c of G.mean as ScalarCase[])
      expect(Object.is(mean(input(c.input)), c.expected) || Number.isNaN(c.expected)).toBe(true);
    for (const c of G.variance as ScalarCase[]) {
      const got = variance(input(c.input), { ddof: c.ddof! });
      expect(got === c.expected || (Number.isNaN(got) && Number.isNaN(c.expected))).toBe(true);
    }
  });

  it('follows numpy on empty input and n <= ddof', () => {
    expect(mean([])).toBeNaN();
    expect(variance([])).toBeNaN();
    expect(variance([1], { ddof: 1 })).toBeNaN();
    expect(variance([1, 2], { ddof: 2 })).toBe(Number.POSITIVE_INFINITY);
    expect(std(new Float64Array([1, 2, 3, 4]), { ddof: 1 })).toBeCloseTo(1.2909944487358056, 15);
  });
});

describe('mean and std properties', () => {
  // Multiples of 1e-3, so a shift b cannot swamp the spread in rounding.
  const data = fc.array(
    fc.integer({ min: -1_000_000, max: 1_000_000 }).map((v) => v / 1000),
    { minLength: 2, maxLength: 80 },
  );
  const factor = fc.double({ min: -50, max: 50, noNaN: true }).filter((a) => Math.abs(a) > 0.01);

  it('mean(a·x + b) = a·mean(x) + b and std(a·x + b) = |a|·std(x)', () => {
    fc.assert(
      fc.property(data, factor, fc.integer({ min: -1000, max: 1000 }), (x, a, b) => {
        const y = x.map((v) => a * v + b);
        const scale = Math.abs(a) * Math.max(...x.map(Math.abs)) + Math.abs(b);
        expectClose(mean(y), a * mean(x) + b, { rel: 1e-9, abs: 1e-12 * scale }, 'mean');
        expectClose(
          std(y, { ddof: 1 }),
          Math.abs(a) * std(x, { ddof: 1 }),
          { rel: 1e-8, abs: 1e-10 * scale },
          'std',
        );
      }),
    );
  });

  it('mean, std and sum do not depend on the order of the values', () => {
    fc.assert(
      fc.property(data, (x) => {
        const y = x.slice().reverse();
        // Summation order changes rounding: allow a few ulps of the largest magnitude (cancellation
        // can make the result itself tiny, so a purely relative bound would be flaky).
        const abs = 4 * Number.EPSILON * Math.max(...x.map(Math.abs));
        expectClose(mean(y), mean(x), { rel: 1e-12, abs }, 'mean');
        expectClose(std(y), std(x), { rel: 1e-12, abs }, 'std');
        expectClose(sum(y), sum(x), { rel: 1e-15, abs: 1e-15 }, 'sum');
      }),
    );
  });
});

describe('min, max', () => {
  it.each(G.min as ScalarCase[])('min $input', (c) => {
    expectGolden('min', min(input(c.input)), c.expected, STAT_TOL, c.input);
  });

  it.each(G.max as ScalarCase[])('max $input', (c) => {
    expectGolden('max', max(input(c.input)), c.expected, STAT_TOL, c.input);
  });

  it('throws EMPTY_INPUT on an empty sample, as numpy raises', () => {
    expect(() => min([])).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() => max(new Float64Array(0))).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
  });
});
