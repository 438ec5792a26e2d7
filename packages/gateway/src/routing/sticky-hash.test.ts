import { describe, expect, it } from 'vitest';
import { bucketOf } from './sticky-hash.js';

describe('bucketOf', () => {
  it('is stable and spreads similar keys uniformly over [0, 1)', () => {
    expect(bucketOf('user-1')).toBe(bucketOf('user-1'));
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 20_000; i++) counts[Math.floor(bucketOf(`user-${i}`) * 10)]++;
    for (const c of counts) expect(Math.abs(c - 2000)).toBeLessThan(4.5 * Math.sqrt(2000 * 0.9));
  });
});
