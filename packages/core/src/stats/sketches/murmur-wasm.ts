/**
 * The 64-bit MurmurHash3 of doubles (hash.ts: `hashDoubleWords` after canonicalizing NaN and -0),
 * four at a time with WebAssembly SIMD: about three times the speed of the JavaScript loop, which
 * is bound by its chain of multiplications. The module is written here byte by byte (no
 * toolchain); hyperloglog.test.ts checks it against `hash64Number` on random bit patterns.
 *
 * Memory: CHUNK doubles at byte 0, their hashes (high word, low word per value) at OUT.
 */

/** The part of the WebAssembly API used here (the project's TypeScript libs do not declare it). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}
declare const WebAssembly: WasmApi | undefined;

/** Doubles hashed per call. */
export const MURMUR_CHUNK = 8192;
const OUT = MURMUR_CHUNK * 8;
const PAGES = 2;

const V128 = 0x7b;
const I32 = 0x7f;

const op = {
  end: 0x0b,
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  i32Const: 0x41,
  i32GeU: 0x4f,
  i32Add: 0x6a,
} as const;

/** SIMD instructions: the 0xfd prefix and the LEB128 opcode. */
const simd = {
  load: [0xfd, 0x00],
  store: [0xfd, 0x0b],
  shuffle: [0xfd, 0x0d],
  splat: [0xfd, 0x11],
  eq: [0xfd, 0x37],
  and: [0xfd, 0x4e],
  andnot: [0xfd, 0x4f],
  or: [0xfd, 0x50],
  xor: [0xfd, 0x51],
  bitselect: [0xfd, 0x52],
  shl: [0xfd, 0xab, 0x01],
  shrU: [0xfd, 0xad, 0x01],
  add: [0xfd, 0xae, 0x01],
  mul: [0xfd, 0xb5, 0x01],
} as const;

function sleb(value: number): number[] {
  const out: number[] = [];
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    out.push(v === 0 ? byte : byte | 0x80);
  } while (v !== 0);
  return out;
}

function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

function vec(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function text(s: string): number[] {
  return vec([...s].map((c) => [c.charCodeAt(0)]));
}

// Parameters: 0 = n (a multiple of 4), 1 = seed. Locals from 2: i (i32), then v128 values.
const N = 0;
const SEED = 1;
const I = 2;
const [LO, HI, K1, K2, H1, H2, H3, MASK, S8, S8X2] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

const get = (l: number) => [op.localGet, ...uleb(l)];
const set = (l: number) => [op.localSet, ...uleb(l)];
const splat = (c: number) => [op.i32Const, ...sleb(c), ...simd.splat];
const shift = (kind: readonly number[], by: number) => [op.i32Const, ...sleb(by), ...kind];

/** Rotates the v128 on the stack left by r bits (lanes of 32 bits), through local `tmp`. */
function rotl(tmp: number, r: number): number[] {
  return [
    op.localTee,
    ...uleb(tmp),
    ...shift(simd.shl, r),
    ...get(tmp),
    ...shift(simd.shrU, 32 - r),
    ...simd.or,
  ];
}

/** MurmurHash3's fmix32 of the v128 on the stack, through local `tmp`; leaves the result. */
function fmix(tmp: number): number[] {
  const xorShift = (r: number) => [
    op.localTee,
    ...uleb(tmp),
    ...get(tmp),
    ...shift(simd.shrU, r),
    ...simd.xor,
  ];
  return [
    ...xorShift(16),
    ...splat(0x85ebca6b),
    ...simd.mul,
    ...xorShift(13),
    ...splat(0xc2b2ae35),
    ...simd.mul,
    ...xorShift(16),
  ];
}

const memarg = (offset: number) => [0x04, ...uleb(offset)];
const lanes = (...words: number[]) => words.flatMap((w) => [w * 4, w * 4 + 1, w * 4 + 2, w * 4 + 3]);

/** `hash(bytes, seed)`: the loop over groups of four values, local I their byte offset. */
function hashFunction(): number[] {
  const loadPair = [...get(I), ...simd.load, ...memarg(0), ...get(I), ...simd.load, ...memarg(16)];
  const code = [
    ...get(SEED),
    ...simd.splat,
    ...splat(8),
    ...simd.xor,
    ...set(S8),
    ...get(S8),
    ...get(S8),
    ...simd.add,
    ...set(S8X2),
    op.block,
    0x40,
    op.loop,
    0x40,
    ...get(I),
    ...get(N),
    op.i32GeU,
    op.brIf,
    1,
    ...loadPair,
    ...simd.shuffle,
    ...lanes(0, 2, 4, 6),
    ...set(LO),
    ...loadPair,
    ...simd.shuffle,
    ...lanes(1, 3, 5, 7),
    ...set(HI),
    // NaN (exponent all ones, mantissa not zero) becomes the canonical quiet NaN 0x7ff80000_00000000.
    ...get(HI),
    ...splat(0x7ff00000),
    ...simd.and,
    ...splat(0x7ff00000),
    ...simd.eq,
    ...get(HI),
    ...splat(0xfffff),
    ...simd.and,
    ...get(LO),
    ...simd.or,
    ...splat(0),
    ...simd.eq,
    ...simd.andnot,
    ...set(MASK),
    ...splat(0x7ff80000),
    ...get(HI),
    ...get(MASK),
    ...simd.bitselect,
    ...set(HI),
    ...get(LO),
    ...get(MASK),
    ...simd.andnot,
    ...set(LO),
    // -0 (0x80000000_00000000) becomes +0.
    ...get(HI),
    ...get(HI),
    ...splat(0x80000000 | 0),
    ...simd.eq,
    ...get(LO),
    ...splat(0),
    ...simd.eq,
    ...simd.and,
    ...simd.andnot,
    ...set(HI),
    // k1 = rotl(lo·C1, 15)·C2; k2 = rotl(hi·C2, 16)·C3.
    ...get(LO),
    ...splat(0x239b961b),
    ...simd.mul,
    ...rotl(K1, 15),
    ...splat(0xab0e9789),
    ...simd.mul,
    ...set(K1),
    ...get(HI),
    ...splat(0xab0e9789),
    ...simd.mul,
    ...rotl(K2, 16),
    ...splat(0x38b34ae5),
    ...simd.mul,
    ...set(K2),
    // h1 = (s8 ^ k1) + (s8 ^ k2) + 2·s8; h2 = s8 ^ k2.
    ...get(S8),
    ...get(K2),
    ...simd.xor,
    ...set(H2),
    ...get(S8),
    ...get(K1),
    ...simd.xor,
    ...get(H2),
    ...simd.add,
    ...get(S8X2),
    ...simd.add,
    ...set(H1),
    // h2 = fmix(h2 + h1); h3 = fmix(s8 + h1); h1 = fmix(h1).
    ...get(H2),
    ...get(H1),
    ...simd.add,
    ...fmix(H2),
    ...set(H2),
    ...get(S8),
    ...get(H1),
    ...simd.add,
    ...fmix(H3),
    ...set(H3),
    ...get(H1),
    ...fmix(H1),
    // h1 = h1 + h2 + 2·h3 (the low word); top = h2 + h1 (the high word).
    ...get(H2),
    ...simd.add,
    ...get(H3),
    ...simd.add,
    ...get(H3),
    ...simd.add,
    ...set(H1),
    ...get(H2),
    ...get(H1),
    ...simd.add,
    ...set(H2),
    // Store (high, low) per value: values 0 and 1, then 2 and 3.
    ...get(I),
    ...get(H2),
    ...get(H1),
    ...simd.shuffle,
    ...lanes(0, 4, 1, 5),
    ...simd.store,
    ...memarg(OUT),
    ...get(I),
    ...get(H2),
    ...get(H1),
    ...simd.shuffle,
    ...lanes(2, 6, 3, 7),
    ...simd.store,
    ...memarg(OUT + 16),
    ...get(I),
    op.i32Const,
    ...sleb(32),
    op.i32Add,
    ...set(I),
    op.br,
    0,
    op.end,
    op.end,
    op.end,
  ];
  const locals = vec([
    [1, I32],
    [10, V128],
  ]);
  const fn = [...locals, ...code];
  return [...uleb(fn.length), ...fn];
}

function moduleBytes(): Uint8Array {
  const type = section(1, vec([[0x60, ...vec([[I32], [I32]]), ...vec([])]]));
  const funcs = section(3, vec([[0]]));
  const memory = section(5, vec([[0x00, ...uleb(PAGES)]]));
  const exports = section(
    7,
    vec([
      [...text('memory'), 0x02, 0],
      [...text('hash'), 0x00, 0],
    ]),
  );
  const code = section(10, vec([hashFunction()]));
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...type,
    ...funcs,
    ...memory,
    ...exports,
    ...code,
  ]);
}

/** Hashes doubles in chunks: `hash(n, seed)` reads `input` (n ≤ MURMUR_CHUNK, padded to a multiple of 4). */
export interface MurmurKernel {
  readonly input: Float64Array;
  /** (high, low) per value after `hash`. */
  readonly output: Uint32Array;
  hash(n: number, seed: number): void;
}

// The compiled module, made on first use: immutable, so one serves every caller.
let compiled: object | null | undefined;

/** A fresh kernel instance, or null where WebAssembly SIMD is not available. */
export function createMurmurKernel(): MurmurKernel | null {
  if (compiled === undefined) {
    const bytes = moduleBytes();
    compiled = WebAssembly?.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  }
  if (compiled === null || WebAssembly === undefined) return null;
  const instance = new WebAssembly.Instance(compiled);
  const memory = instance.exports.memory as { buffer: ArrayBuffer };
  const run = instance.exports.hash as (n: number, seed: number) => void;
  return {
    input: new Float64Array(memory.buffer, 0, MURMUR_CHUNK),
    output: new Uint32Array(memory.buffer, OUT, 2 * MURMUR_CHUNK),
    hash: (n, seed) => run(((n + 3) & ~3) * 8, seed),
  };
}
