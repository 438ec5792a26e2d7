import { describe, expect, it } from 'vitest';
import { createRandom } from '../../random/index.js';
import { hash64Number } from './hash.js';
import { createMurmurKernel, MURMUR_CHUNK } from './murmur-wasm.js';

describe('WebAssembly MurmurHash3 of doubles', () => {
  it('equals hash64Number on random bit patterns, NaN payloads, ±0, ±Infinity and subnormals', () => {
    const kernel = createMurmurKernel();
    expect(kernel).not.toBeNull();
    if (kernel === null) return;
    const rng = createRandom(5);
    const bits = new Uint32Array(2 * MURMUR_CHUNK);
    for (let i = 0; i < bits.length; i++) bits[i] = rng.uint32();
    const x = new Float64Array(bits.buffer);
    x.set([0, -0, Number.NaN, Infinity, -Infinity, 5e-324, -5e-324, 1, -1, 2 ** 1023], 0);
    bits[2 * 10 + 1] = 0x7ff00000; // a signalling NaN with another payload
    bits[2 * 10] = 1;
    bits[2 * 11 + 1] = 0xfff80000; // a negative quiet NaN
    for (const seed of [0, 7, -3, 0x5bd1e995]) {
      for (const n of [MURMUR_CHUNK, 13]) {
        kernel.input.set(x.subarray(0, n));
        kernel.hash(n, seed);
        const got = Array.from({ length: n }, (_, i) => [kernel.output[2 * i], kernel.output[2 * i + 1]]);
        const want = Array.from({ length: n }, (_, i) => Array.from(hash64Number(x[i]!, seed)));
        expect(got).toEqual(want);
      }
    }
  });
});
