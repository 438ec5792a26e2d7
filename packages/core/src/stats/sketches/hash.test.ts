import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadGolden } from '../../../test/support/golden.js';
import { hash64Float64Array, hash64Number, hash64String } from './hash.js';

interface HashCase {
  value: number | string;
  seed: number;
  hash: [number, number];
}
const golden = loadGolden<{ hash: { numbers: HashCase[]; strings: HashCase[] } }>('sketches');

describe('hash64Number / hash64String', () => {
  it('equal MurmurHash3_x86_128 (first 64 bits) of the canonical bytes, as mmh3.hash64', () => {
    for (const c of golden.hash.numbers) {
      expect(Array.from(hash64Number(c.value as number, c.seed)), `number ${c.value} seed ${c.seed}`).toEqual(
        c.hash,
      );
    }
    for (const c of golden.hash.strings) {
      expect(Array.from(hash64String(c.value as string, c.seed)), `string ${c.value} seed ${c.seed}`).toEqual(
        c.hash,
      );
    }
    expect(golden.hash.numbers.length + golden.hash.strings.length).toBeGreaterThanOrEqual(60);
  });

  it('hashes +0 and -0 alike, and every NaN alike', () => {
    expect(Array.from(hash64Number(-0))).toEqual(Array.from(hash64Number(0)));
    const otherNaN = new Float64Array(new Uint32Array([1, 0x7ff00000]).buffer)[0]!;
    expect(Number.isNaN(otherNaN)).toBe(true);
    expect(Array.from(hash64Number(otherNaN))).toEqual(Array.from(hash64Number(Number.NaN)));
    expect(Array.from(hash64Float64Array(new Float64Array([otherNaN, -0])))).toEqual([
      ...hash64Number(Number.NaN),
      ...hash64Number(0),
    ]);
  });

  it('writes into a caller buffer and agrees between the single and bulk forms', () => {
    fc.assert(
      fc.property(fc.array(fc.double(), { maxLength: 30 }), fc.integer(), (xs, seed) => {
        const bulk = hash64Float64Array(new Float64Array(xs), seed);
        const out = new Uint32Array(2);
        return xs.every((x, i) => {
          hash64Number(x, seed, out);
          return out[0] === bulk[2 * i] && out[1] === bulk[2 * i + 1];
        });
      }),
      { seed: 1 },
    );
  });

  it('spreads nearby inputs over all 64 bits (each bit set about half the time)', () => {
    const ones = new Float64Array(64);
    const n = 20_000;
    const out = new Uint32Array(2);
    for (let i = 0; i < n; i++) {
      hash64String(`row-${i}`, 0, out);
      for (let b = 0; b < 32; b++) {
        ones[b]! += (out[0]! >>> b) & 1;
        ones[32 + b]! += (out[1]! >>> b) & 1;
      }
    }
    // Binomial(20000, 1/2) has standard deviation ~71: 5 sigma is ~354.
    for (const c of ones) expect(Math.abs(c - n / 2)).toBeLessThan(360);
  });
});
