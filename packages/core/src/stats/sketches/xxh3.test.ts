import { describe, expect, it } from 'vitest';
import { loadGolden } from '../../../test/support/golden.js';
import { canonicalDoubles, createXxh3Hash128, XXH3_LONG_MIN, xxh3Reference } from './xxh3.js';

const G = loadGolden('hashes') as {
  pattern: { length: number; xxh3_128: string }[];
  text: { xxh3_128: string };
};

/** The generator's bytes: byte i = ((i · 2654435761) mod 2^32) >> 24. */
function pattern(n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 2654435761) >>> 24;
  return b;
}

describe('XXH3-128', () => {
  const xxh3 = createXxh3Hash128();

  it.each(G.pattern)('matches xxhash.xxh3_128_hexdigest at $length bytes', ({ length, xxh3_128 }) => {
    expect(xxh3(pattern(length))).toBe(xxh3_128);
  });

  it('matches it on UTF-8 text', () => {
    const text = Array.from({ length: 200 }, (_, i) => `é${i}東京`).join('');
    expect(xxh3(new TextEncoder().encode(text))).toBe(G.text.xxh3_128);
  });

  it('gives the BigInt reference digest without WebAssembly, and reads a view at its offset', () => {
    const withoutWasm = createXxh3Hash128(null);
    for (const n of [241, 1088, 3000]) expect(withoutWasm(pattern(n))).toBe(xxh3(pattern(n)));
    const big = pattern(5000);
    expect(xxh3(big.subarray(17, 2017))).toBe(xxh3Reference(big.slice(17, 2017)));
  });

  it('hashes doubles as their canonical copy (NaN payloads, -0), without changing them', () => {
    for (const n of [31, 128, 129, 1000, 9000]) {
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) values[i] = i % 5 === 0 ? Number.NaN : i % 7 === 0 ? -0 : i * 0.25 - 40;
      const words = new Uint32Array(values.buffer);
      words[2 * 5] = 1; // a NaN with another payload
      words[2 * 5 + 1] = 0xfff00000;
      const before = Uint8Array.from(new Uint8Array(values.buffer));
      const bytes = new Uint8Array(values.buffer);
      const canonical = canonicalDoubles(bytes);
      expect(new Uint8Array(canonical.buffer)).not.toEqual(before);
      expect(xxh3(bytes, true)).toBe(xxh3(canonical));
      expect(createXxh3Hash128(null)(bytes, true)).toBe(xxh3Reference(canonical));
      expect(new Uint8Array(values.buffer)).toEqual(before);
    }
    expect(() => xxh3(new Uint8Array(244), true)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('rejects inputs of 240 bytes or fewer, which XXH3 hashes another way', () => {
    expect(() => xxh3(new Uint8Array(XXH3_LONG_MIN - 1))).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
