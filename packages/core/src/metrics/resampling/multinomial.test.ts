import { describe, expect, it } from 'vitest';
import { createRandom } from '../../random/index.js';
import { chi2 } from '../../stats/index.js';
import { binomial, drawMultinomial } from './multinomial.js';

function pmf(n: number, p: number): number[] {
  const out: number[] = [];
  let logC = 0;
  for (let k = 0; k <= n; k++) {
    if (k > 0) logC += Math.log((n - k + 1) / k);
    out.push(Math.exp(logC + k * Math.log(p) + (n - k) * Math.log1p(-p)));
  }
  return out;
}

describe('binomial', () => {
  it('matches the exact distribution (chi-square goodness of fit, seeded)', () => {
    const rng = createRandom(5);
    for (const [n, p] of [
      [20, 0.3],
      [40, 0.5],
      [33, 0.9],
      [200, 0.05],
    ] as const) {
      const reps = 20_000;
      const seen = new Float64Array(n + 1);
      for (let r = 0; r < reps; r++) seen[binomial(rng, n, p)]!++;
      const want = pmf(n, p);
      // Pool the tails so that every expected count is at least 5.
      let stat = 0;
      let cells = 0;
      let o = 0;
      let e = 0;
      for (let k = 0; k <= n; k++) {
        o += seen[k]!;
        e += want[k]! * reps;
        if (e >= 5 && (1 - want.slice(0, k + 1).reduce((a, b) => a + b, 0)) * reps >= 5) {
          stat += (o - e) ** 2 / e;
          cells++;
          o = 0;
          e = 0;
        }
      }
      if (e > 0) {
        stat += (o - e) ** 2 / e;
        cells++;
      }
      expect(chi2.sf(stat, cells - 1), `n=${n} p=${p}`).toBeGreaterThan(0.001);
    }
  });

  it('has mean n·p and variance n·p·(1 − p) for large n', () => {
    const rng = createRandom(6);
    for (const [n, p] of [
      [100_000, 0.3],
      [1_000_000, 0.001],
      [5000, 0.99],
    ] as const) {
      const reps = 4000;
      let s = 0;
      let s2 = 0;
      for (let r = 0; r < reps; r++) {
        const x = binomial(rng, n, p);
        expect(Number.isInteger(x) && x >= 0 && x <= n).toBe(true);
        s += x;
        s2 += x * x;
      }
      const m = s / reps;
      const v = s2 / reps - m * m;
      const sdWant = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(m - n * p)).toBeLessThan((4 * sdWant) / Math.sqrt(reps));
      expect(v / (sdWant * sdWant)).toBeGreaterThan(0.9);
      expect(v / (sdWant * sdWant)).toBeLessThan(1.1);
    }
    expect(binomial(rng, 10, 0)).toBe(0);
    expect(binomial(rng, 10, 1)).toBe(10);
  });
});

describe('drawMultinomial', () => {
  it('draws n rows over the cells in proportion to their weights', () => {
    const rng = createRandom(7);
    const weights = Float64Array.of(50, 0, 30, 20);
    const out = new Float64Array(4);
    const total = new Float64Array(4);
    for (let r = 0; r < 2000; r++) {
      drawMultinomial(rng, 100, weights, out);
      expect(out.reduce((a, b) => a + b, 0)).toBe(100);
      expect(out[1]).toBe(0);
      for (let j = 0; j < 4; j++) total[j]! += out[j]!;
    }
    expect(total[0]! / 2000).toBeCloseTo(50, 0);
    expect(total[2]! / 2000).toBeCloseTo(30, 0);
    expect(total[3]! / 2000).toBeCloseTo(20, 0);
  });
});
