import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chi2Contingency, chisquare, fisherExact, gtest, proportionsZtest } from './index.js';

/** A table with every row and column sum positive (chi2Contingency's domain). */
const table = fc
  .tuple(fc.integer({ min: 2, max: 5 }), fc.integer({ min: 2, max: 7 }))
  .chain(([r, c]) =>
    fc.array(fc.array(fc.integer({ min: 0, max: 60 }), { minLength: c, maxLength: c }), {
      minLength: r,
      maxLength: r,
    }),
  )
  .filter(
    (t) => t.every((row) => row.some((v) => v > 0)) && t[0]!.every((_, j) => t.some((row) => row[j]! > 0)),
  );

const twoByTwo = fc
  .array(fc.integer({ min: 0, max: 40 }), { minLength: 4, maxLength: 4 })
  .map(([a, b, c, d]) => [
    [a!, b!],
    [c!, d!],
  ]);

const transpose = (t: number[][]) => t[0]!.map((_, j) => t.map((row) => row[j]!));

function inUnit(p: number) {
  expect(p).toBeGreaterThanOrEqual(0);
  expect(p).toBeLessThanOrEqual(1);
}

function close(a: number, b: number, rel: number) {
  if (Number.isNaN(b)) expect(a).toBeNaN();
  else if (!Number.isFinite(b)) expect(a).toBe(b);
  else expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(Math.abs(b), 1e-300) + 1e-15);
}

describe('contingency properties', () => {
  it('p-values lie in [0, 1]', () => {
    fc.assert(
      fc.property(table, fc.boolean(), (t, correction) => {
        inUnit(chi2Contingency(t, { correction }).pvalue);
        inUnit(gtest(t, { correction }).pvalue);
        inUnit(chisquare(t[0]!).pvalue);
      }),
    );
    fc.assert(
      fc.property(
        twoByTwo,
        fc.constantFrom('two-sided', 'less', 'greater') as fc.Arbitrary<'two-sided'>,
        (t, alt) => {
          inUnit(fisherExact(t, { alternative: alt }).pvalue);
          const [[a, b], [c, d]] = t as [[number, number], [number, number]];
          if (a + b > 0 && c + d > 0) {
            const z = proportionsZtest([a, c], [a + b, c + d], { alternative: alt });
            if (!Number.isNaN(z.pvalue)) inUnit(z.pvalue);
          }
        },
      ),
    );
  });

  it('chi2Contingency and gtest do not depend on which margin is the rows', () => {
    fc.assert(
      fc.property(table, fc.boolean(), (t, correction) => {
        const a = chi2Contingency(t, { correction });
        const b = chi2Contingency(transpose(t), { correction });
        expect(b.dof).toBe(a.dof);
        close(b.statistic, a.statistic, 1e-12);
        close(b.pvalue, a.pvalue, 1e-10);
        expect(b.expectedFreq).toEqual(transpose(a.expectedFreq));
        const ga = gtest(t, { correction });
        const gb = gtest(transpose(t), { correction });
        // G terms have both signs; compare on the scale of the table total.
        const total = t.flat().reduce((s, v) => s + v, 0);
        expect(Math.abs(gb.statistic - ga.statistic)).toBeLessThanOrEqual(1e-12 * total);
      }),
    );
  });

  it('fisherExact is symmetric as scipy is: transposing keeps everything, swapping rows inverts the odds ratio and the one-sided alternative', () => {
    fc.assert(
      fc.property(twoByTwo, (t) => {
        const [[a, b], [c, d]] = t as [[number, number], [number, number]];
        const base = fisherExact(t);
        const tr = fisherExact(transpose(t));
        const swapped = fisherExact([
          [c, d],
          [a, b],
        ]);
        const both = fisherExact([
          [d, c],
          [b, a],
        ]);
        close(tr.statistic, base.statistic, 1e-15);
        close(tr.pvalue, base.pvalue, 1e-9);
        close(both.statistic, base.statistic, 1e-15);
        close(both.pvalue, base.pvalue, 1e-9);
        close(swapped.pvalue, base.pvalue, 1e-9);
        if (Number.isFinite(base.statistic) && base.statistic > 0)
          close(swapped.statistic, 1 / base.statistic, 1e-14);
        const less = fisherExact(t, { alternative: 'less' }).pvalue;
        const greaterSwapped = fisherExact(
          [
            [c, d],
            [a, b],
          ],
          { alternative: 'greater' },
        ).pvalue;
        close(greaterSwapped, less, 1e-9);
      }),
    );
  });
});
