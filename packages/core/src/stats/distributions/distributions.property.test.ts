import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { betaDist, chi2, fDist, gammaDist, ksone, kstwo, kstwobign, norm, studentT } from './index.js';

interface Law {
  name: string;
  /** Draws parameters, then a point x in the body of the law. */
  point: fc.Arbitrary<{ params: number[]; x: number }>;
  cdf(x: number, params: number[]): number;
  sf(x: number, params: number[]): number;
  ppf(q: number, params: number[]): number;
  isf(q: number, params: number[]): number;
}

const shape = fc.double({ min: 0.2, max: 200, noNaN: true });
const df = fc.double({ min: 0.5, max: 1e4, noNaN: true });
const n = fc.integer({ min: 2, max: 400 });
const unit = fc.double({ min: 0.02, max: 0.98, noNaN: true });

/** A body point drawn through the quantile function, so it is never deep in a tail. */
function bodyPoint(params: fc.Arbitrary<number[]>, ppf: (q: number, p: number[]) => number) {
  return fc.tuple(params, unit).map(([p, q]) => ({ params: p, x: ppf(q, p) }));
}

function law(
  name: string,
  params: fc.Arbitrary<number[]>,
  // biome-ignore lint/suspicious/noExplicitAny: each law has its own positional parameters
  dist: { cdf: any; sf: any; ppf: any; isf: any },
): Law {
  const ppf = (q: number, p: number[]) => dist.ppf(q, ...p) as number;
  return {
    name,
    point: bodyPoint(params, ppf),
    cdf: (x, p) => dist.cdf(x, ...p),
    sf: (x, p) => dist.sf(x, ...p),
    ppf,
    isf: (q, p) => dist.isf(q, ...p),
  };
}

const laws: Law[] = [
  law(
    'norm',
    fc.tuple(
      fc.double({ min: -1e3, max: 1e3, noNaN: true }),
      fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
    ),
    norm,
  ),
  law('studentT', fc.tuple(df), studentT),
  law('chi2', fc.tuple(df), chi2),
  law('fDist', fc.tuple(df, df), fDist),
  law('betaDist', fc.tuple(shape, shape), betaDist),
  law('gammaDist', fc.tuple(shape, fc.double({ min: 1e-3, max: 1e3, noNaN: true })), gammaDist),
  law('kstwobign', fc.constant([] as number[]), kstwobign),
  law('ksone', fc.tuple(n), ksone),
  law('kstwo', fc.tuple(n), kstwo),
];

const RUNS = { numRuns: 150, seed: 20240611 };

describe('distribution invariants (fast-check)', () => {
  for (const d of laws) {
    it(`${d.name}: cdf + sf = 1 and both lie in [0, 1] in the body`, () => {
      fc.assert(
        fc.property(d.point, ({ params, x }) => {
          const c = d.cdf(x, params);
          const s = d.sf(x, params);
          expect(c).toBeGreaterThanOrEqual(0);
          expect(c).toBeLessThanOrEqual(1);
          expect(s).toBeGreaterThanOrEqual(0);
          expect(s).toBeLessThanOrEqual(1);
          // kstwo's cdf and sf come from different algorithms (Pelz-Good vs exact sums) for
          // n > 140, as in scipy, so they only agree to the approximation's accuracy.
          expect(Math.abs(c + s - 1)).toBeLessThan(d.name === 'kstwo' ? 1e-6 : 1e-12);
        }),
        RUNS,
      );
    });

    it(`${d.name}: ppf(cdf(x)) = x and isf(sf(x)) = x`, () => {
      fc.assert(
        fc.property(d.point, ({ params, x }) => {
          const scale = Math.max(Math.abs(x), 1e-300);
          // kstwo above n = 140: cdf (Pelz-Good) and sf (exact) differ by ~1e-7, as in scipy.
          const tol = d.name === 'kstwo' ? 1e-5 : 1e-7;
          expect(Math.abs(d.ppf(d.cdf(x, params), params) - x) / scale).toBeLessThan(tol);
          expect(Math.abs(d.isf(d.sf(x, params), params) - x) / scale).toBeLessThan(tol);
        }),
        RUNS,
      );
    });

    it(`${d.name}: the cdf is non-decreasing and the sf non-increasing`, () => {
      // Up to rounding: close points may come out a few 1e-16 out of order, absolutely where a
      // value is 1 - (the other tail), relatively in the far tails.
      const slack = (v: number) => v * (1 + 1e-14) + 2e-15;
      fc.assert(
        fc.property(d.point, unit, ({ params, x }, q) => {
          const y = d.ppf(q, params);
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          expect(d.cdf(lo, params)).toBeLessThanOrEqual(slack(d.cdf(hi, params)));
          expect(d.sf(hi, params)).toBeLessThanOrEqual(slack(d.sf(lo, params)));
        }),
        RUNS,
      );
    });
  }

  it('quantiles are monotone in q and stay inside [0, 1] probabilities in the tails', () => {
    fc.assert(
      fc.property(df, fc.double({ min: -300, max: -1, noNaN: true }), (nu, e) => {
        const q = 10 ** e;
        // Far tail: sf(isf(q)) returns q to 1e-9 even when q is 1e-300.
        const x = chi2.isf(q, nu);
        expect(Math.abs(chi2.sf(x, nu) / q - 1)).toBeLessThan(1e-9);
        const t = studentT.isf(q, nu);
        if (Number.isFinite(t)) expect(Math.abs(studentT.sf(t, nu) / q - 1)).toBeLessThan(1e-9);
        expect(chi2.isf(q, nu)).toBeGreaterThan(chi2.isf(Math.min(1, q * 10), nu));
      }),
      { numRuns: 100, seed: 7 },
    );
  });
});
