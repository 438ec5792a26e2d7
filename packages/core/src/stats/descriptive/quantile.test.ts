import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose, expectGolden, loadGolden, STAT_TOL } from '../../../test/support/golden.js';
import { createRandom } from '../../random/index.js';
import { median, type QuantileMethod, quantile, quantiles } from './quantile.js';

const G = loadGolden('descriptive');
const QS: number[] = G.quantile.qs;

interface QuantileCase {
  input: string;
  method: QuantileMethod;
  expected: number[];
}

describe('quantile', () => {
  it.each(G.quantile.cases as QuantileCase[])('$input $method', (c) => {
    const got = quantiles(G.inputs[c.input], QS, { method: c.method });
    expect(got).toBeInstanceOf(Float64Array);
    c.expected.forEach((want, i) => {
      expectGolden(`quantile.${c.method}`, got[i]!, want, STAT_TOL, `${c.input} q=${QS[i]}`);
    });
  });

  it('takes a number or an array of probabilities', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], [0.5, 1], { method: 'lower' })).toEqual(Float64Array.from([2, 4]));
    expect(quantiles(new Float64Array([1, 2, 3, 4, 5]), [0.1, 0.9])).toEqual(Float64Array.from([1.4, 4.6]));
  });

  it('does not modify its input', () => {
    const x = Float64Array.from([5, 1, 4, 2, 3]);
    quantiles(x, [0.1, 0.5, 0.9]);
    expect(Array.from(x)).toEqual([5, 1, 4, 2, 3]);
  });

  it('gives identical results by selection (few q) and by sorting (many q)', () => {
    const rng = createRandom(11);
    const x = new Float64Array(20_001);
    for (let i = 0; i < x.length; i++) x[i] = Math.round(rng.normal() * 50) / 7;
    const many = Array.from({ length: 101 }, (_, i) => i / 100);
    for (const method of ['linear', 'hazen', 'nearest', 'averaged_inverted_cdf'] as const) {
      const sorted = quantiles(x, many, { method });
      many.forEach((q, i) => {
        // Same number; the sign of a zero result may differ, as it may in numpy.
        expect(quantile(x, q, { method }) === sorted[i]).toBe(true);
      });
    }
  });

  it('rejects bad probabilities, methods and empty samples', () => {
    const code = (c: string) => expect.objectContaining({ code: c });
    expect(() => quantile([1, 2], 1.5)).toThrow(code('INVALID_ARGUMENT'));
    expect(() => quantile([1, 2], Number.NaN)).toThrow(code('INVALID_ARGUMENT'));
    expect(() => quantile([1, 2], 0.5, { method: 'bogus' as QuantileMethod })).toThrow(
      code('INVALID_ARGUMENT'),
    );
    expect(() => quantile([], 0.5)).toThrow(code('EMPTY_INPUT'));
  });
});

describe('median', () => {
  it.each(G.median as { input: string; expected: number }[])('$input', (c) => {
    expectGolden('median', median(G.inputs[c.input]), c.expected, STAT_TOL, c.input);
  });

  it('follows numpy on empty input and NaN', () => {
    expect(median([])).toBeNaN();
    expect(median([1, Number.NaN, 2])).toBeNaN();
    expect(median([3, 1, 4, 1])).toBe(2);
  });
});

describe('quantile properties', () => {
  const data = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 });
  const prob = fc.double({ min: 0, max: 1, noNaN: true });
  const methods: QuantileMethod[] = G.quantile.cases
    .map((c: QuantileCase) => c.method)
    .filter((m: QuantileMethod, i: number, all: QuantileMethod[]) => all.indexOf(m) === i);

  it('is permutation invariant and monotone in q for every method', () => {
    fc.assert(
      fc.property(data, prob, prob, fc.constantFrom(...methods), (x, q1, q2, method) => {
        const [lo, hi] = q1 <= q2 ? [q1, q2] : [q2, q1];
        const a = quantile(x, lo, { method });
        expect(quantile(x.slice().reverse(), lo, { method }) === a).toBe(true);
        expect(quantile(x, hi, { method })).toBeGreaterThanOrEqual(a - 1e-9 * Math.abs(a));
      }),
    );
  });

  it('commutes with increasing affine maps', () => {
    fc.assert(
      fc.property(
        data,
        prob,
        fc.constantFrom(...methods),
        fc.double({ min: 0.1, max: 10, noNaN: true }),
        (x, q, method, a) => {
          const b = 3.25;
          const scale = Math.max(...x.map(Math.abs)) * a + b;
          const want = a * quantile(x, q, { method }) + b;
          expectClose(
            quantile(
              x.map((v) => a * v + b),
              q,
              { method },
            ),
            want,
            { rel: 1e-9, abs: 1e-12 * scale },
            method,
          );
        },
      ),
    );
  });

  it('stays within [min, max] and hits them at q = 0 and 1', () => {
    fc.assert(
      fc.property(data, prob, (x, q) => {
        const v = quantile(x, q);
        expect(v).toBeGreaterThanOrEqual(Math.min(...x));
        expect(v).toBeLessThanOrEqual(Math.max(...x));
        expect(quantile(x, 0) === Math.min(...x)).toBe(true);
        expect(quantile(x, 1) === Math.max(...x)).toBe(true);
      }),
    );
  });
});
