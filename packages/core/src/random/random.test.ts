import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom, sampleIndices, shuffleInPlace } from './random.js';

describe('createRandom', () => {
  it('gives the same stream for the same seed and different streams for nearby seeds', () => {
    const a = createRandom(7);
    const b = createRandom(7);
    const c = createRandom(8);
    const xs = Array.from({ length: 5 }, () => a.uint32());
    expect(Array.from({ length: 5 }, () => b.uint32())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.uint32())).not.toEqual(xs);
  });

  it('draws uniform floats in [0, 1) with the right mean and variance', () => {
    const rng = createRandom(1);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.float();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      sumSq += u * u;
    }
    const mean = sum / n;
    expect(outside).toBe(0);
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sumSq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('draws standard normals', () => {
    const rng = createRandom(3);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.01);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.02);
  });

  it('draws unbiased integers in [0, n)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer(), (n, seed) => {
        const rng = createRandom(seed);
        for (let i = 0; i < 50; i++) {
          const k = rng.int(n);
          if (!(Number.isInteger(k) && k >= 0 && k < n)) return false;
        }
        return true;
      }),
    );
    const rng = createRandom(5);
    const counts = new Array(3).fill(0);
    for (let i = 0; i < 30_000; i++) counts[rng.int(3)]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(400);
  });

  it('derives independent, reproducible streams', () => {
    const r = createRandom(11);
    expect(r.derive(1).uint32()).toBe(createRandom(11).derive(1).uint32());
    expect(r.derive(1).uint32()).not.toBe(r.derive(2).uint32());
  });

  it('rejects a non-finite seed', () => {
    expect(() => createRandom(Number.NaN)).toThrow(RangeError);
  });
});

describe('shuffleInPlace and sampleIndices', () => {
  it('permutes without losing elements', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i);
    shuffleInPlace(xs, createRandom(2));
    expect([...xs].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('samples distinct indices in range', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 0, max: 500 }),
        fc.integer(),
        (n, k0, seed) => {
          const k = Math.min(k0, n);
          const s = sampleIndices(n, k, createRandom(seed));
          return s.length === k && new Set(s).size === k && s.every((v) => v < n);
        },
      ),
    );
  });
});
