import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { skew } from '../../descriptive/index.js';
import type { TestResult } from '../../input.js';
import { jarqueBera, kurtosistest, normaltest, shapiro, skewtest } from './index.js';

const TESTS: Record<string, (x: Float64Array) => TestResult> = {
  skewtest: (x) => skewtest(x),
  kurtosistest: (x) => kurtosistest(x),
  normaltest: (x) => normaltest(x),
  jarqueBera: (x) => jarqueBera(x),
  shapiro: (x) => shapiro(x),
};

/** Samples of 8 to 80 values whose spread is not negligible next to their magnitude. */
const sample = fc
  .array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 8, maxLength: 80 })
  .map((v) => Float64Array.from(v))
  .filter((x) => {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    let big = 0;
    for (const v of x) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
      big = Math.max(big, Math.abs(v));
    }
    return hi - lo > 1e-3 * big && hi - lo > 1e-6;
  });

describe('one-sample normality test properties', () => {
  it('p-values lie in [0, 1] (or are NaN where scipy gives NaN)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { maxLength: 60 }), (v) => {
        const x = Float64Array.from(v);
        for (const run of Object.values(TESTS)) {
          const { pvalue } = run(x);
          if (!Number.isNaN(pvalue)) {
            expect(pvalue).toBeGreaterThanOrEqual(0);
            expect(pvalue).toBeLessThanOrEqual(1);
          }
        }
      }),
    );
  });

  it('are invariant to shift and positive scale', () => {
    fc.assert(
      fc.property(
        sample,
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        (x, scale, shiftInRanges) => {
          // scipy replaces a skewness of exactly 0 by 1 in skewtest: not invariant there.
          fc.pre(Math.abs(skew(x)) > 1e-6);
          let lo = Number.POSITIVE_INFINITY;
          let hi = Number.NEGATIVE_INFINITY;
          for (const v of x) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
          }
          const shift = shiftInRanges * scale * (hi - lo);
          const y = x.map((v) => v * scale + shift);
          for (const [name, run] of Object.entries(TESTS)) {
            const a = run(x);
            const b = run(y);
            const label = `${name} scale=${scale} shift=${shift}`;
            expect(Math.abs(b.statistic - a.statistic), label).toBeLessThanOrEqual(
              1e-7 * (1 + Math.abs(a.statistic)),
            );
            expect(Math.abs(b.pvalue - a.pvalue), label).toBeLessThanOrEqual(1e-7 * (1e-3 + a.pvalue));
          }
        },
      ),
    );
  });
});
