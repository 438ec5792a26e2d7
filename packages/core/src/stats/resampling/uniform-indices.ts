import type { Random } from '../../random/index.js';

const TWO_POW_32 = 4294967296;
const TWO_POW_MINUS_32 = 1 / TWO_POW_32;
/** Below this bound x·n stays an exact double (< 2^53) for any 32-bit x. */
const EXACT_BOUND = 2 ** 21;

/**
 * Fills `out` with independent uniform integers in [0, n), unbiased. For n ≤ 2^21 it uses
 * Lemire's multiply-and-reject on one 32-bit draw (a multiplication instead of `rng.int`'s
 * modulo per draw: about five times faster, which is most of a bootstrap's cost); larger n falls
 * back to `rng.int`.
 */
export function fillUniformIndices(rng: Random, n: number, out: Uint32Array): void {
  const len = out.length;
  if (n > EXACT_BOUND) {
    for (let i = 0; i < len; i++) out[i] = rng.int(n);
    return;
  }
  // Draws whose low 32 bits of x·n fall below 2^32 mod n are rejected, which removes the bias.
  const threshold = (TWO_POW_32 - n) % n;
  for (let i = 0; i < len; i++) {
    let m = rng.uint32() * n;
    let hi = Math.floor(m * TWO_POW_MINUS_32);
    while (m - hi * TWO_POW_32 < threshold) {
      m = rng.uint32() * n;
      hi = Math.floor(m * TWO_POW_MINUS_32);
    }
    out[i] = hi;
  }
}
