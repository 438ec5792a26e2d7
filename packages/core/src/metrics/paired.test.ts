import { describe, expect, it } from 'vitest';
import { createRandom } from '../random/index.js';
import { norm } from '../stats/index.js';
import { delongRocAucTest, mcnemar, mcnemarRowsNeeded, rowsNeeded } from './index.js';
import { mcnemarFromCounts } from './mcnemar.js';

describe('mcnemar', () => {
  it('is symmetric in the two models', () => {
    const y = [0, 1, 1, 0, 1, 0, 1, 1, 0, 0, 1, 1];
    const a = [0, 1, 0, 0, 1, 1, 1, 1, 0, 0, 0, 1];
    const b = [1, 1, 1, 0, 0, 0, 1, 0, 0, 1, 1, 1];
    for (const exact of [true, false]) {
      const ab = mcnemar(y, a, b, { exact });
      const ba = mcnemar(y, b, a, { exact });
      expect(ba.pvalue).toBe(ab.pvalue);
      expect([ba.onlyA, ba.onlyB]).toEqual([ab.onlyB, ab.onlyA]);
    }
  });

  it('computes the exact binomial tail (small cases by hand)', () => {
    // b = 0, c = 5: 2·(1/2)^5.
    expect(mcnemarFromCounts(0, 5).pvalue).toBeCloseTo(2 / 32, 15);
    // b = 1, c = 4: 2·(1 + 5)/32.
    expect(mcnemarFromCounts(1, 4).pvalue).toBeCloseTo(12 / 32, 15);
    expect(mcnemarFromCounts(3, 3).pvalue).toBe(1);
    expect(mcnemarFromCounts(0, 0).pvalue).toBe(1);
  });
});

describe('delongRocAucTest', () => {
  const rng = createRandom(4);
  const n = 300;
  const y = Array.from({ length: n }, () => rng.int(2));
  const a = y.map((v) => rng.normal() + v);
  const b = y.map((v, i) => 0.5 * a[i]! + rng.normal() + 0.6 * v);

  it('is antisymmetric in the two scores', () => {
    const ab = delongRocAucTest(y, a, b);
    const ba = delongRocAucTest(y, b, a);
    expect(ba.difference).toBeCloseTo(-ab.difference, 15);
    expect(ba.se).toBeCloseTo(ab.se, 15);
    expect(ba.pvalue).toBeCloseTo(ab.pvalue, 14);
    expect(ab.ci[0]).toBeLessThan(ab.difference);
    expect(ab.ci[1]).toBeGreaterThan(ab.difference);
  });

  it('gives z = 0 and p = 1 for identical (or monotone-equivalent) scores', () => {
    for (const other of [a, a.map((v) => Math.exp(v))]) {
      const r = delongRocAucTest(y, a, other);
      expect(r.difference).toBe(0);
      expect(r.z).toBe(0);
      expect(r.pvalue).toBe(1);
    }
  });

  it('refuses a single class or fewer than two rows of a class', () => {
    expect(() => delongRocAucTest([1, 1, 1], [1, 2, 3], [3, 2, 1])).toThrow(/one class/);
    expect(() => delongRocAucTest([0, 1, 1], [1, 2, 3], [3, 2, 1])).toThrow(/two rows/);
  });
});

describe('rows needed', () => {
  it('rowsNeeded: the smallest N with |d| / (se·√(n/N)) ≥ z_{1−α/2} + z_power', () => {
    const input = { n: 800, se: 0.012, difference: 0.01, alpha: 0.05, power: 0.9 };
    const { totalRows, additionalRows } = rowsNeeded(input);
    const z = norm.isf(0.025) + norm.ppf(0.9);
    const zAt = (rows: number) => input.difference / (input.se * Math.sqrt(input.n / rows));
    expect(zAt(totalRows)).toBeGreaterThanOrEqual(z);
    expect(zAt(totalRows - 1)).toBeLessThan(z);
    expect(additionalRows).toBe(totalRows - 800);
    expect(rowsNeeded({ n: 800, se: 0.001, difference: 0.01 }).additionalRows).toBe(0);
    expect(rowsNeeded({ n: 800, se: 0.01, difference: 0 }).totalRows).toBe(Number.POSITIVE_INFINITY);
  });

  it("mcnemarRowsNeeded: Connor's formula reaches the power in its own normal approximation", () => {
    const input = { n: 400, onlyA: 28, onlyB: 16 };
    const { totalRows } = mcnemarRowsNeeded(input);
    const psi = 44 / 400;
    const delta = 12 / 400;
    const power = (rows: number) =>
      norm.cdf(
        (Math.abs(delta) * Math.sqrt(rows) - norm.isf(0.025) * Math.sqrt(psi)) /
          Math.sqrt(psi - delta * delta),
      );
    expect(power(totalRows)).toBeGreaterThanOrEqual(0.8);
    expect(power(totalRows - 1)).toBeLessThan(0.8);
  });

  it("mcnemarRowsNeeded: McNemar's test at that size rejects about 80% of the time (simulation)", () => {
    const psi = 0.12;
    const delta = 0.04;
    const n = 500;
    const onlyA = Math.round(((psi + delta) / 2) * n);
    const onlyB = Math.round(((psi - delta) / 2) * n);
    const { totalRows } = mcnemarRowsNeeded({ n, onlyA, onlyB });
    const rng = createRandom(2026);
    let rejected = 0;
    const reps = 400;
    for (let r = 0; r < reps; r++) {
      let b = 0;
      let c = 0;
      for (let i = 0; i < totalRows; i++) {
        const u = rng.float();
        if (u < onlyA / n) b++;
        else if (u < (onlyA + onlyB) / n) c++;
      }
      if (mcnemarFromCounts(b, c, { exact: false, correction: false }).pvalue < 0.05) rejected++;
    }
    expect(Math.abs(rejected / reps - 0.8)).toBeLessThan(0.06);
  });
});
