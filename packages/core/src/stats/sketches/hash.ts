/**
 * 64-bit hashing for sketches, in 32-bit integer arithmetic only (no BigInt, no allocation in the
 * kernels). The function is MurmurHash3_x86_128 (Austin Appleby, public domain); a 64-bit hash is
 * the first 64 bits of its 128-bit output, so `{ hi, lo }` equals Python's
 * `mmh3.hash64(key, seed, x64arch=False, signed=False)[0]` split into halves.
 *
 * What is hashed:
 * - a number: the 8 little-endian bytes of its IEEE-754 binary64 pattern, after mapping -0 to +0
 *   and every NaN to the canonical quiet NaN 0x7ff8000000000000 (so equal numbers hash equally);
 * - a string: its UTF-16LE code units (2 bytes each, lone surrogates included), which is what
 *   JavaScript strings are, so no encoding pass is needed.
 */

export const C1 = 0x239b961b;
export const C2 = 0xab0e9789;
export const C3 = 0x38b34ae5;
const C4 = 0xa1e38b93;

// One conversion buffer to read a double's bits; safe because JavaScript runs this synchronously.
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO_WORD = LITTLE_ENDIAN ? 0 : 1;
const HI_WORD = 1 - LO_WORD;

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Mixes the last (partial) words and finalizes; writes hi then lo of the 64-bit hash into `out`. */
function finish(
  h1: number,
  h2: number,
  h3: number,
  h4: number,
  len: number,
  out: Uint32Array,
  offset: number,
): void {
  h1 ^= len;
  h2 ^= len;
  h3 ^= len;
  h4 ^= len;
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  h3 = (h3 + h1) | 0;
  h4 = (h4 + h1) | 0;
  h1 = fmix32(h1);
  h2 = fmix32(h2);
  h3 = fmix32(h3);
  h4 = fmix32(h4);
  h1 = (h1 + h2 + h3 + h4) | 0;
  h2 = (h2 + h1) | 0;
  out[offset] = h2;
  out[offset + 1] = h1;
}

/**
 * Hashes the double whose bit pattern is (hi, lo) — already canonical — into out[offset] (high
 * half) and out[offset + 1] (low half). Eight bytes are a 16-byte-block tail, so only k1 and k2 mix.
 */
export function hashDoubleWords(
  hi: number,
  lo: number,
  seed: number,
  out: Uint32Array,
  offset: number,
): void {
  let k1 = Math.imul(lo, C1);
  k1 = rotl(k1, 15);
  k1 = Math.imul(k1, C2);
  let k2 = Math.imul(hi, C2);
  k2 = rotl(k2, 16);
  k2 = Math.imul(k2, C3);
  finish(seed ^ k1, seed ^ k2, seed, seed, 8, out, offset);
}

/** Writes the two 32-bit words of the canonical bit pattern of `x` into out[0] (hi), out[1] (lo). */
function canonicalWords(x: number, out: Uint32Array): void {
  if (x !== x) {
    out[0] = 0x7ff80000;
    out[1] = 0;
    return;
  }
  F64[0] = x === 0 ? 0 : x;
  out[0] = U32[HI_WORD]!;
  out[1] = U32[LO_WORD]!;
}

/**
 * 64-bit hash of a number: MurmurHash3_x86_128 of its canonical IEEE-754 bytes (little-endian),
 * first 64 bits. +0 and -0 hash equally, and so do all NaNs. Returns `out` = [hi, lo].
 *
 * @example
 * hash64Number(1.5); // Uint32Array [hi, lo]
 */
export function hash64Number(x: number, seed = 0, out: Uint32Array = new Uint32Array(2)): Uint32Array {
  canonicalWords(x, out);
  hashDoubleWords(out[0]!, out[1]!, seed | 0, out, 0);
  return out;
}

/**
 * 64-bit hash of a string: MurmurHash3_x86_128 of its UTF-16LE code units, first 64 bits.
 * Returns `out` = [hi, lo].
 *
 * @example
 * hash64String('vigie'); // Uint32Array [hi, lo]
 */
export function hash64String(s: string, seed = 0, out: Uint32Array = new Uint32Array(2)): Uint32Array {
  hashStringInto(s, seed | 0, out, 0);
  return out;
}

/** Kernel of `hash64String`: writes hi, lo at out[offset], out[offset + 1]. */
export function hashStringInto(s: string, seed: number, out: Uint32Array, offset: number): void {
  const units = s.length;
  let h1 = seed;
  let h2 = seed;
  let h3 = seed;
  let h4 = seed;
  // A 16-byte block is 8 code units; each 32-bit word packs two of them, low unit first.
  const blockEnd = units - (units & 7);
  let i = 0;
  for (; i < blockEnd; i += 8) {
    let k1 = s.charCodeAt(i) | (s.charCodeAt(i + 1) << 16);
    let k2 = s.charCodeAt(i + 2) | (s.charCodeAt(i + 3) << 16);
    let k3 = s.charCodeAt(i + 4) | (s.charCodeAt(i + 5) << 16);
    let k4 = s.charCodeAt(i + 6) | (s.charCodeAt(i + 7) << 16);

    k1 = Math.imul(rotl(Math.imul(k1, C1), 15), C2);
    h1 ^= k1;
    h1 = rotl(h1, 19);
    h1 = (h1 + h2) | 0;
    h1 = (Math.imul(h1, 5) + 0x561ccd1b) | 0;

    k2 = Math.imul(rotl(Math.imul(k2, C2), 16), C3);
    h2 ^= k2;
    h2 = rotl(h2, 17);
    h2 = (h2 + h3) | 0;
    h2 = (Math.imul(h2, 5) + 0x0bcaa747) | 0;

    k3 = Math.imul(rotl(Math.imul(k3, C3), 17), C4);
    h3 ^= k3;
    h3 = rotl(h3, 15);
    h3 = (h3 + h4) | 0;
    h3 = (Math.imul(h3, 5) + 0x96cd1c35) | 0;

    k4 = Math.imul(rotl(Math.imul(k4, C4), 18), C1);
    h4 ^= k4;
    h4 = rotl(h4, 13);
    h4 = (h4 + h1) | 0;
    h4 = (Math.imul(h4, 5) + 0x32ac3b17) | 0;
  }
  const rest = units - i;
  if (rest > 0) {
    // Tail words hold the remaining units; a word is mixed as soon as it holds at least one byte.
    const u0 = s.charCodeAt(i);
    const u1 = rest > 1 ? s.charCodeAt(i + 1) : 0;
    if (rest > 6) {
      h4 ^= Math.imul(rotl(Math.imul(s.charCodeAt(i + 6), C4), 18), C1);
    }
    if (rest > 4) {
      const k3 = s.charCodeAt(i + 4) | (rest > 5 ? s.charCodeAt(i + 5) << 16 : 0);
      h3 ^= Math.imul(rotl(Math.imul(k3, C3), 17), C4);
    }
    if (rest > 2) {
      const k2 = s.charCodeAt(i + 2) | (rest > 3 ? s.charCodeAt(i + 3) << 16 : 0);
      h2 ^= Math.imul(rotl(Math.imul(k2, C2), 16), C3);
    }
    h1 ^= Math.imul(rotl(Math.imul(u0 | (u1 << 16), C1), 15), C2);
  }
  finish(h1, h2, h3, h4, units * 2, out, offset);
}

/**
 * Hashes every value of `values` (canonicalized like `hash64Number`) into `out`:
 * out[2i] = hi, out[2i + 1] = lo. Reads the doubles' words through a Uint32Array view, no copies.
 *
 * @example
 * const h = hash64Float64Array(new Float64Array([1, 2, 3])); // Uint32Array(6)
 */
export function hash64Float64Array(
  values: Float64Array,
  seed = 0,
  out: Uint32Array = new Uint32Array(values.length * 2),
): Uint32Array {
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  const s = seed | 0;
  for (let i = 0; i < values.length; i++) {
    let hi = words[2 * i + HI_WORD]!;
    let lo = words[2 * i + LO_WORD]!;
    if ((hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) | lo) !== 0) {
      hi = 0x7ff80000;
      lo = 0;
    } else if (hi === 0x80000000 && lo === 0) {
      hi = 0;
    }
    hashDoubleWords(hi, lo, s, out, 2 * i);
  }
  return out;
}

/** Word order of a Float64Array's Uint32Array view on this platform, for kernels that read bits. */
export const DOUBLE_WORDS = { hi: HI_WORD, lo: LO_WORD } as const;
