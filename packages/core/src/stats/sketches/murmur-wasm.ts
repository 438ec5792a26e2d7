import {
  I32,
  kernelInstantiator,
  MODULE_HEADER,
  name,
  OP,
  SIMD,
  section,
  sleb,
  uleb,
  V128,
  vector,
} from '../../wasm/index.js';

/**
 * The 64-bit MurmurHash3 of doubles (hash.ts: `hashDoubleWords` after canonicalizing NaN and -0),
 * four at a time with WebAssembly SIMD: about three times the speed of the JavaScript loop, which
 * is bound by its chain of multiplications. The module is written here byte by byte (no
 * toolchain); murmur-wasm.test.ts checks it against `hash64Number` on random bit patterns.
 *
 * Memory: CHUNK doubles at byte 0, their hashes (high word, low word per value) at OUT, the
 * HyperLogLog registers (one byte each, up to 2^18) at REGISTERS.
 */

/** Doubles hashed per call. */
export const MURMUR_CHUNK = 8192;
const OUT = MURMUR_CHUNK * 8;
const REGISTERS = OUT + MURMUR_CHUNK * 8;
/** The most registers a sketch has (precision 18). */
const MAX_REGISTERS = 1 << 18;
const PAGES = (REGISTERS + MAX_REGISTERS) / 65536;

// Parameters: 0 = n (a multiple of 4), 1 = seed. Locals from 2: i (i32), then v128 values.
const N = 0;
const SEED = 1;
const I = 2;
const [LO, HI, K1, K2, H1, H2, H3, MASK, S8, S8X2] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

const get = (l: number) => [OP.get, ...uleb(l)];
const set = (l: number) => [OP.set, ...uleb(l)];
const splat = (c: number) => [OP.i32Const, ...sleb(c | 0), ...SIMD.i32x4Splat];
const shift = (kind: readonly number[], by: number) => [OP.i32Const, ...sleb(by), ...kind];

/** Rotates the v128 on the stack left by r bits (lanes of 32 bits), through local `tmp`. */
function rotl(tmp: number, r: number): number[] {
  return [
    OP.tee,
    ...uleb(tmp),
    ...shift(SIMD.i32x4Shl, r),
    ...get(tmp),
    ...shift(SIMD.i32x4ShrU, 32 - r),
    ...SIMD.v128Or,
  ];
}

/** MurmurHash3's fmix32 of the v128 on the stack, through local `tmp`; leaves the result. */
function fmix(tmp: number): number[] {
  const xorShift = (r: number) => [
    OP.tee,
    ...uleb(tmp),
    ...get(tmp),
    ...shift(SIMD.i32x4ShrU, r),
    ...SIMD.v128Xor,
  ];
  return [
    ...xorShift(16),
    ...splat(0x85ebca6b),
    ...SIMD.i32x4Mul,
    ...xorShift(13),
    ...splat(0xc2b2ae35),
    ...SIMD.i32x4Mul,
    ...xorShift(16),
  ];
}

const memarg = (offset: number) => [0x04, ...uleb(offset)];
const lanes = (...words: number[]) => words.flatMap((w) => [w * 4, w * 4 + 1, w * 4 + 2, w * 4 + 3]);

/** `hash(bytes, seed)`: the loop over groups of four values, local I their byte offset. */
function hashFunction(): number[] {
  const loadPair = [...get(I), ...SIMD.v128Load, ...memarg(0), ...get(I), ...SIMD.v128Load, ...memarg(16)];
  const code = [
    ...get(SEED),
    ...SIMD.i32x4Splat,
    ...splat(8),
    ...SIMD.v128Xor,
    ...set(S8),
    ...get(S8),
    ...get(S8),
    ...SIMD.i32x4Add,
    ...set(S8X2),
    OP.block,
    0x40,
    OP.loop,
    0x40,
    ...get(I),
    ...get(N),
    OP.i32GeU,
    OP.brIf,
    1,
    ...loadPair,
    ...SIMD.i8x16Shuffle,
    ...lanes(0, 2, 4, 6),
    ...set(LO),
    ...loadPair,
    ...SIMD.i8x16Shuffle,
    ...lanes(1, 3, 5, 7),
    ...set(HI),
    // NaN (exponent all ones, mantissa not zero) becomes the canonical quiet NaN 0x7ff80000_00000000.
    ...get(HI),
    ...splat(0x7ff00000),
    ...SIMD.v128And,
    ...splat(0x7ff00000),
    ...SIMD.i32x4Eq,
    ...get(HI),
    ...splat(0xfffff),
    ...SIMD.v128And,
    ...get(LO),
    ...SIMD.v128Or,
    ...splat(0),
    ...SIMD.i32x4Eq,
    ...SIMD.v128Andnot,
    ...set(MASK),
    ...splat(0x7ff80000),
    ...get(HI),
    ...get(MASK),
    ...SIMD.v128Bitselect,
    ...set(HI),
    ...get(LO),
    ...get(MASK),
    ...SIMD.v128Andnot,
    ...set(LO),
    // -0 (0x80000000_00000000) becomes +0.
    ...get(HI),
    ...get(HI),
    ...splat(0x80000000 | 0),
    ...SIMD.i32x4Eq,
    ...get(LO),
    ...splat(0),
    ...SIMD.i32x4Eq,
    ...SIMD.v128And,
    ...SIMD.v128Andnot,
    ...set(HI),
    // k1 = rotl(lo·C1, 15)·C2; k2 = rotl(hi·C2, 16)·C3.
    ...get(LO),
    ...splat(0x239b961b),
    ...SIMD.i32x4Mul,
    ...rotl(K1, 15),
    ...splat(0xab0e9789),
    ...SIMD.i32x4Mul,
    ...set(K1),
    ...get(HI),
    ...splat(0xab0e9789),
    ...SIMD.i32x4Mul,
    ...rotl(K2, 16),
    ...splat(0x38b34ae5),
    ...SIMD.i32x4Mul,
    ...set(K2),
    // h1 = (s8 ^ k1) + (s8 ^ k2) + 2·s8; h2 = s8 ^ k2.
    ...get(S8),
    ...get(K2),
    ...SIMD.v128Xor,
    ...set(H2),
    ...get(S8),
    ...get(K1),
    ...SIMD.v128Xor,
    ...get(H2),
    ...SIMD.i32x4Add,
    ...get(S8X2),
    ...SIMD.i32x4Add,
    ...set(H1),
    // h2 = fmix(h2 + h1); h3 = fmix(s8 + h1); h1 = fmix(h1).
    ...get(H2),
    ...get(H1),
    ...SIMD.i32x4Add,
    ...fmix(H2),
    ...set(H2),
    ...get(S8),
    ...get(H1),
    ...SIMD.i32x4Add,
    ...fmix(H3),
    ...set(H3),
    ...get(H1),
    ...fmix(H1),
    // h1 = h1 + h2 + 2·h3 (the low word); top = h2 + h1 (the high word).
    ...get(H2),
    ...SIMD.i32x4Add,
    ...get(H3),
    ...SIMD.i32x4Add,
    ...get(H3),
    ...SIMD.i32x4Add,
    ...set(H1),
    ...get(H2),
    ...get(H1),
    ...SIMD.i32x4Add,
    ...set(H2),
    // Store (high, low) per value: values 0 and 1, then 2 and 3.
    ...get(I),
    ...get(H2),
    ...get(H1),
    ...SIMD.i8x16Shuffle,
    ...lanes(0, 4, 1, 5),
    ...SIMD.v128Store,
    ...memarg(OUT),
    ...get(I),
    ...get(H2),
    ...get(H1),
    ...SIMD.i8x16Shuffle,
    ...lanes(2, 6, 3, 7),
    ...SIMD.v128Store,
    ...memarg(OUT + 16),
    ...get(I),
    OP.i32Const,
    ...sleb(32),
    OP.i32Add,
    ...set(I),
    OP.br,
    0,
    OP.end,
    OP.end,
    OP.end,
  ];
  const locals = vector([
    [1, I32],
    [10, V128],
  ]);
  const fn = [...locals, ...code];
  return [...uleb(fn.length), ...fn];
}

/**
 * `record(n, p)`: the HyperLogLog register update of the n hashes at OUT, as
 * `HyperLogLog.record` does it: index from the top p bits, rank from the rest.
 */
function recordFunction(): number[] {
  // Parameters: 0 = n, 1 = p. Locals: 2 byte offset, 3 top, 4 rest, 5 rank, 6 index.
  const [n, p, at, top, rest, rank, index] = [0, 1, 2, 3, 4, 5, 6];
  const i32 = (c: number) => [OP.i32Const, ...sleb(c)];
  const code = [
    OP.block,
    0x40,
    OP.loop,
    0x40,
    ...get(at),
    ...get(n),
    ...i32(3),
    OP.i32Shl,
    OP.i32GeU,
    OP.brIf,
    1,
    ...get(at),
    OP.i32Load,
    ...[0x02, ...uleb(OUT)],
    OP.tee,
    ...uleb(top),
    ...get(p),
    OP.i32Shl,
    OP.tee,
    ...uleb(rest),
    OP.i32Clz,
    ...i32(1),
    OP.i32Add,
    // rest = 0: the rank continues into the low word.
    ...i32(33),
    ...get(p),
    OP.i32Sub,
    ...get(at),
    OP.i32Load,
    ...[0x02, ...uleb(OUT + 4)],
    OP.i32Clz,
    OP.i32Add,
    ...get(rest),
    OP.select,
    ...set(rank),
    ...get(top),
    ...i32(32),
    ...get(p),
    OP.i32Sub,
    OP.i32ShrU,
    OP.tee,
    ...uleb(index),
    OP.i32Load8U,
    ...[0x00, ...uleb(REGISTERS)],
    ...get(rank),
    OP.i32LtU,
    OP.if,
    0x40,
    ...get(index),
    ...get(rank),
    OP.i32Store8,
    ...[0x00, ...uleb(REGISTERS)],
    OP.end,
    ...get(at),
    ...i32(8),
    OP.i32Add,
    ...set(at),
    OP.br,
    0,
    OP.end,
    OP.end,
    OP.end,
  ];
  const fn = [...vector([[5, I32]]), ...code];
  return [...uleb(fn.length), ...fn];
}

function moduleBytes(): Uint8Array {
  const type = section(1, vector([[0x60, ...vector([[I32], [I32]]), ...vector([])]]));
  const funcs = section(3, vector([[0], [0]]));
  const memory = section(5, vector([[0x00, ...uleb(PAGES)]]));
  const exports = section(
    7,
    vector([
      [...name('memory'), 0x02, 0],
      [...name('hash'), 0x00, 0],
      [...name('record'), 0x00, 1],
    ]),
  );
  const code = section(10, vector([hashFunction(), recordFunction()]));
  return Uint8Array.from([...MODULE_HEADER, ...type, ...funcs, ...memory, ...exports, ...code]);
}

/** Hashes doubles in chunks: `hash(n, seed)` reads `input` (n ≤ MURMUR_CHUNK, padded to a multiple of 4). */
export interface MurmurKernel {
  readonly input: Float64Array;
  /** (high, low) per value after `hash`. */
  readonly output: Uint32Array;
  /** HyperLogLog registers, updated by `record`. */
  readonly registers: Uint8Array;
  hash(n: number, seed: number): void;
  /** Updates `registers` (2^p of them) with the n hashes in `output`. */
  record(n: number, p: number): void;
}

const instantiate = kernelInstantiator(moduleBytes);

/** A fresh kernel instance, or null where WebAssembly SIMD is not available. */
export function createMurmurKernel(): MurmurKernel | null {
  const exports = instantiate();
  if (exports === null) return null;
  const buffer = (exports.memory as { buffer: ArrayBuffer }).buffer;
  const run = exports.hash as (n: number, seed: number) => void;
  return {
    input: new Float64Array(buffer, 0, MURMUR_CHUNK),
    output: new Uint32Array(buffer, OUT, 2 * MURMUR_CHUNK),
    registers: new Uint8Array(buffer, REGISTERS, MAX_REGISTERS),
    hash: (n, seed) => run(((n + 3) & ~3) * 8, seed),
    record: exports.record as (n: number, p: number) => void,
  };
}
