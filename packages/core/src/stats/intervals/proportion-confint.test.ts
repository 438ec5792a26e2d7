import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden, STAT_TOL } from '../../../test/support/golden.js';
import { proportionConfint } from './proportion-confint.js';

interface Case {
  count: number;
  nobs: number;
  method: 'wilson' | 'normal';
  alpha: number;
  low: number;
  high: number;
}

describe('proportionConfint', () => {
  const { cases } = loadGolden<{ cases: Case[] }>('intervals');

  it('matches statsmodels proportion_confint', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    for (const c of cases) {
      const [lo, hi] = proportionConfint(c.count, c.nobs, { alpha: c.alpha, method: c.method });
      const label = `${c.count}/${c.nobs} ${c.method} alpha=${c.alpha}`;
      expectGolden('proportionConfint', lo, c.low, { ...STAT_TOL, abs: 1e-15 }, `${label} low`);
      expectGolden('proportionConfint', hi, c.high, { ...STAT_TOL, abs: 1e-15 }, `${label} high`);
    }
  });

  it('gives NaN bounds without observations and refuses impossible counts', () => {
    expect(proportionConfint(0, 0).every(Number.isNaN)).toBe(true);
    expect(() => proportionConfint(5, 3)).toThrow(/outside/);
  });
});
