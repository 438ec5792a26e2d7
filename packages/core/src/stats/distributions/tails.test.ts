import { describe, expect, it } from 'vitest';
import { chi2, fDist, kstwo, kstwobign, norm, studentT } from './index.js';

// Values from scipy 1.17.1. The point of these: tiny p-values come back as themselves, not 0
// (each sf is computed in its own tail, never as 1 - cdf).
const cases: Array<[string, () => number, number]> = [
  ['chi2.sf(200, 2)', () => chi2.sf(200, 2), 3.7200759760208177e-44],
  ['norm.sf(12)', () => norm.sf(12), 1.776482112077653e-33],
  ['studentT.sf(40, 30)', () => studentT.sf(40, 30), 6.863022597203209e-28],
  ['fDist.sf(1e3, 5, 50)', () => fDist.sf(1e3, 5, 50), 7.775756390597981e-49],
  ['kstwobign.sf(5)', () => kstwobign.sf(5), 3.8574996959278356e-22],
  ['kstwo.sf(0.9, 50)', () => kstwo.sf(0.9, 50), 2.0160611902288146e-50],
];

describe('far-tail p-values keep their relative precision', () => {
  for (const [label, run, expected] of cases) {
    it(label, () => {
      expect(Math.abs(run() / expected - 1)).toBeLessThan(1e-9);
    });
  }

  it('invalid parameters give NaN as scipy does, and x = +-Infinity the limits', () => {
    expect(studentT.sf(1, 0)).toBeNaN();
    expect(chi2.cdf(1, -1)).toBeNaN();
    expect(norm.cdf(0, 0, 0)).toBeNaN();
    expect(norm.ppf(1.5)).toBeNaN();
    expect(fDist.sf(Number.POSITIVE_INFINITY, 2, 3)).toBe(0);
    expect(studentT.cdf(Number.NEGATIVE_INFINITY, 3)).toBe(0);
    expect(chi2.isf(0, 3)).toBe(Number.POSITIVE_INFINITY);
    expect(kstwo.cdf(0.5 / 10, 10)).toBe(0);
    expect(kstwo.sf(0.5, 2.5)).toBeNaN();
  });
});
