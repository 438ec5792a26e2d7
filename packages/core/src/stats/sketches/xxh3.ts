import { VigieError } from '../../errors/index.js';
import {
  createXxh3Kernel,
  XXH3_ACC,
  XXH3_CHUNK,
  XXH3_INPUT,
  XXH3_SECRET,
  type Xxh3Kernel,
} from './xxh3-wasm.js';

/**
 * XXH3-128 (xxHash 0.8, default secret, seed 0) of inputs longer than 240 bytes: the same digest
 * as Python's `xxhash.xxh3_128_hexdigest` (xxh3.test.ts checks it against stored digests). Shorter
 * inputs take other code paths in XXH3, not implemented here; callers hash those bytes directly.
 *
 * The stripe loop runs in WebAssembly (xxh3-wasm.ts), the input copied in 64 KiB chunks; the
 * final merge of the accumulators runs here with BigInt, once per input. Without WebAssembly the
 * whole algorithm runs with BigInt (slowly).
 */

/** The shortest input this module hashes. */
export const XXH3_LONG_MIN = 241;

/** XXH3's default secret, kSecret (192 bytes). */
const SECRET = Uint8Array.from(
  (
    'b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671f' +
    'cb79e64eccc0e578825ad07dccff7221b8084674f743248ee03590e6813a264c' +
    '3c2852bb91c300cb88d0658b1b532ea371644897a20df94e3819ef46a9deacd8' +
    'a8fa763fe39c343ff9dcbbc7c70b4f1d8a51e04bcdb45931c89f7ec9d9787364' +
    'eac5ac8334d3ebc3c581a0fffa1363eb170ddd51b7f0da49d316552629d4689e' +
    '2b16be587d47a1fc8ff8b8d17ad031ce45cb3a8f95160428afd7fbcabb4b407e'
  ).match(/../g) ?? [],
  (byte) => Number.parseInt(byte, 16),
);

const MASK = (1n << 64n) - 1n;
const PRIME32_1 = 0x9e3779b1n;
const PRIME32_2 = 0x85ebca77n;
const PRIME32_3 = 0xc2b2ae3dn;
const PRIME64_1 = 0x9e3779b185ebca87n;
const PRIME64_2 = 0xc2b2ae3d27d4eb4fn;
const PRIME64_3 = 0x165667b19e3779f9n;
const PRIME64_4 = 0x85ebca77c2b2ae63n;
const PRIME64_5 = 0x27d4eb2f165667c5n;
const INITIAL_ACC = [PRIME32_3, PRIME64_1, PRIME64_2, PRIME64_3, PRIME64_4, PRIME32_2, PRIME64_5, PRIME32_1];
const STRIPE = 64;
const BLOCK = 1024;
const LAST_STRIPE_SECRET = SECRET.length - STRIPE - 7;

function read64(bytes: Uint8Array, offset: number): bigint {
  let v = 0n;
  for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(bytes[offset + i]!);
  return v;
}

function mul128Fold64(a: bigint, b: bigint): bigint {
  const p = a * b;
  return (p ^ (p >> 64n)) & MASK;
}

function avalanche(h: bigint): bigint {
  h ^= h >> 37n;
  h = (h * 0x165667919e3779f9n) & MASK;
  return h ^ (h >> 32n);
}

function mergeAccs(acc: readonly bigint[], secretOffset: number, start: bigint): bigint {
  let r = start;
  for (let i = 0; i < 4; i++) {
    const s = secretOffset + 16 * i;
    r = (r + mul128Fold64(acc[2 * i]! ^ read64(SECRET, s), acc[2 * i + 1]! ^ read64(SECRET, s + 8))) & MASK;
  }
  return avalanche(r);
}

/** The digest as xxhash prints it: the high 64 bits, then the low 64 bits, in hexadecimal. */
function digest(acc: readonly bigint[], length: number): string {
  const len = BigInt(length);
  const low = mergeAccs(acc, 11, (len * PRIME64_1) & MASK);
  const high = mergeAccs(acc, SECRET.length - STRIPE - 11, ~(len * PRIME64_2) & MASK);
  return high.toString(16).padStart(16, '0') + low.toString(16).padStart(16, '0');
}

/** Where the blocks end and how many stripes the last, partial block has (as XXH3 splits the input). */
function layout(length: number): { blocks: number; lastStripes: number } {
  const blocks = Math.floor((length - 1) / BLOCK);
  return { blocks, lastStripes: Math.floor((length - 1 - blocks * BLOCK) / STRIPE) };
}

/**
 * XXH3-128 of inputs of at least `XXH3_LONG_MIN` bytes, as 32 hexadecimal digits. With `doubles`,
 * the bytes are read as little-endian doubles made canonical first (every NaN the quiet NaN
 * 0x7ff8000000000000, -0 as +0): the digest of a canonical copy, without making one.
 */
export type Xxh3Hash128 = (bytes: Uint8Array, doubles?: boolean) => string;

/**
 * A hasher with its own WebAssembly instance (or the BigInt fallback without WebAssembly): make
 * one per batch of work and call it for each input.
 *
 * @example
 * const xxh3 = createXxh3Hash128();
 * xxh3(new Uint8Array(1000)); // '...' as xxhash.xxh3_128_hexdigest(bytes(1000))
 */
export function createXxh3Hash128(kernel: Xxh3Kernel | null = createXxh3Kernel()): Xxh3Hash128 {
  return (bytes, doubles = false) => {
    if (doubles && bytes.length % 8 !== 0) {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `xxh3: doubles need a multiple of 8 bytes, got ${bytes.length}`,
      );
    }
    if (bytes.length < XXH3_LONG_MIN) {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `xxh3: input must be at least ${XXH3_LONG_MIN} bytes, got ${bytes.length}`,
      );
    }
    if (kernel !== null) return xxh3Wasm(bytes, kernel, doubles);
    return xxh3Reference(doubles ? canonicalDoubles(bytes) : bytes);
  };
}

/** A copy of little-endian doubles with NaN and -0 canonical. */
export function canonicalDoubles(bytes: Uint8Array): Uint8Array {
  const values = new Float64Array(bytes.slice().buffer);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    values[i] = v !== v ? Number.NaN : v === 0 ? 0 : v;
  }
  return new Uint8Array(values.buffer);
}

function xxh3Wasm(bytes: Uint8Array, kernel: Xxh3Kernel, doubles: boolean): string {
  const blocksOf = doubles ? kernel.blocksF64 : kernel.blocks;
  const stripesOf = doubles ? kernel.stripesF64 : kernel.stripes;
  const mem = kernel.memory;
  const accWords = new BigUint64Array(mem.buffer, XXH3_ACC, 8);
  accWords.set(INITIAL_ACC);
  mem.set(SECRET, XXH3_SECRET);
  const { blocks, lastStripes } = layout(bytes.length);
  const perChunk = XXH3_CHUNK / BLOCK;
  for (let b = 0; b < blocks; b += perChunk) {
    const n = Math.min(perChunk, blocks - b);
    mem.set(bytes.subarray(b * BLOCK, (b + n) * BLOCK), XXH3_INPUT);
    blocksOf(XXH3_INPUT, n);
  }
  // The last, partial block and the input's last 64 bytes, which may reach back into the block before.
  const start = blocks * BLOCK;
  const from = Math.min(start, bytes.length - STRIPE);
  mem.set(bytes.subarray(from), XXH3_INPUT);
  stripesOf(XXH3_INPUT + start - from, lastStripes, 0);
  stripesOf(XXH3_INPUT + bytes.length - STRIPE - from, 1, LAST_STRIPE_SECRET);
  return digest(Array.from(accWords), bytes.length);
}

/** The same algorithm with BigInt throughout: the fallback without WebAssembly, and the tests' reference. */
export function xxh3Reference(bytes: Uint8Array): string {
  const acc = INITIAL_ACC.slice();
  const stripe = (offset: number, secretOffset: number) => {
    for (let i = 0; i < 8; i++) {
      const data = read64(bytes, offset + 8 * i);
      const key = data ^ read64(SECRET, secretOffset + 8 * i);
      acc[i ^ 1] = (acc[i ^ 1]! + data) & MASK;
      acc[i] = (acc[i]! + (key & 0xffffffffn) * (key >> 32n)) & MASK;
    }
  };
  const { blocks, lastStripes } = layout(bytes.length);
  for (let b = 0; b < blocks; b++) {
    for (let s = 0; s < BLOCK / STRIPE; s++) stripe(b * BLOCK + s * STRIPE, 8 * s);
    for (let i = 0; i < 8; i++) {
      let a = acc[i]!;
      a ^= a >> 47n;
      a ^= read64(SECRET, SECRET.length - STRIPE + 8 * i);
      acc[i] = (a * PRIME32_1) & MASK;
    }
  }
  for (let s = 0; s < lastStripes; s++) stripe(blocks * BLOCK + s * STRIPE, 8 * s);
  stripe(bytes.length - STRIPE, LAST_STRIPE_SECRET);
  return digest(acc, bytes.length);
}
