import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../random/index.js';
import { expNonPositive } from './exp-non-positive.js';

describe('expNonPositive', () => {
  it('is e^x to the last bit over the whole range (as Math.exp), with its edges', () => {
    const rng = createRandom(8);
    let worst = 0;
    for (const scale of [1e-12, 1e-3, 0.4, 1, 2, 30, 800])
      for (let i = 0; i < 20_000; i++) {
        const x = -rng.float() * scale;
        const ours = expNonPositive(x);
        const reference = Math.exp(x);
        worst = Math.max(worst, Math.abs(ours - reference) / (reference || 1));
      }
    expect(worst).toBeLessThanOrEqual(Number.EPSILON);
    for (const x of [0, -0, -1e-300, -0.5 * Math.LN2, -1.5 * Math.LN2, -709.8, -745.1, -745.2, -Infinity])
      expect(expNonPositive(x)).toBe(Math.exp(x));
    expect(expNonPositive(Number.NaN)).toBeNaN();
  });
});
