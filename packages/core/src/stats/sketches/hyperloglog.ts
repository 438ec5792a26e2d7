import { VigieError } from '../../errors/index.js';
import type { Sample } from '../input.js';
import { C1, C2, C3, DOUBLE_WORDS, fmix32, hash64Number, hash64String, hashStringInto } from './hash.js';
import { estimateCardinality } from './hll-estimator.js';
import { createMurmurKernel, MURMUR_CHUNK, type MurmurKernel } from './murmur-wasm.js';
import {
  base64ToBytes,
  bytesToBase64,
  invalid,
  readEnvelope,
  readInteger,
  readString,
} from './serialization.js';

const KIND = 'vigie.hyperloglog';
const VERSION = 1;
const MIN_P = 4;
const MAX_P = 18;
/** Strings hash with a different seed than numbers, so the two domains never share a hash. */
const STRING_DOMAIN = 0x5bd1e995;
/** From this many numbers on, they are hashed by the WebAssembly kernel (murmur-wasm.ts). */
const WASM_MIN = 2048;

export interface HyperLogLogOptions {
  /** Precision: 2^p registers, 4 ≤ p ≤ 18 (default 14: 16 KiB, ≈ 0.81% standard error). */
  p?: number;
  /** Hash seed (default 0). Sketches merge only with sketches of the same p and seed. */
  seed?: number;
}

/** Serialized HyperLogLog (version 1): registers as base64 bytes, one per register. */
export interface HyperLogLogJSON {
  kind: typeof KIND;
  version: typeof VERSION;
  p: number;
  seed: number;
  registers: string;
}

/**
 * HyperLogLog distinct-count sketch (Flajolet et al. 2007) with 64-bit hashes, so there is no
 * large-range correction to make, and Ertl's improved estimator (2017), which is unbiased from 0
 * up without HLL++'s empirical bias tables or linear-counting switch. Relative standard error
 * ≈ 1.04 / √(2^p).
 *
 * Values: numbers hash by their canonical IEEE-754 bits (+0 equals -0, all NaNs are one value)
 * and strings by their UTF-16 code units (see hash.ts); the number 1 and the string "1" are
 * distinct values. `merge` takes the register-wise maximum, so the sketch of a union is exactly
 * the merge of the parts' sketches, in any order and grouping.
 *
 * @example
 * const h = createHyperLogLog({ p: 14 });
 * h.addNumbers(column);
 * h.estimate(); // ≈ number of distinct values
 */
export class HyperLogLog {
  readonly p: number;
  readonly seed: number;
  private readonly registers: Uint8Array;
  private readonly scratch = new Uint32Array(2);

  /** @internal Use `createHyperLogLog` or `HyperLogLog.fromJSON`. */
  constructor(p: number, seed: number, registers?: Uint8Array) {
    this.p = p;
    this.seed = seed;
    this.registers = registers ?? new Uint8Array(2 ** p);
  }

  /** Adds a number or a string. */
  add(value: number | string): void {
    if (typeof value === 'number') hash64Number(value, this.seed, this.scratch);
    else if (typeof value === 'string') hash64String(value, this.seed ^ STRING_DOMAIN, this.scratch);
    else
      throw new VigieError(
        'INVALID_ARGUMENT',
        `HyperLogLog.add: expected a number or a string, got ${typeof value}`,
      );
    this.record(this.scratch[0]!, this.scratch[1]!);
  }

  /** Adds every number of `values` (NaN counts as one distinct value). */
  addNumbers(values: Sample): void {
    const x = values instanceof Float64Array ? values : Float64Array.from(values);
    if (x.length >= WASM_MIN) {
      const kernel = createMurmurKernel();
      if (kernel !== null) {
        this.addHashed(x, kernel);
        return;
      }
    }
    const words = new Uint32Array(x.buffer, x.byteOffset, x.length * 2);
    const regs = this.registers;
    const p = this.p;
    const shift = 32 - p;
    // hashDoubleWords inlined (a third of the time is the call and its output array otherwise).
    // An 8-byte key leaves h3 = h4 = seed, so their mixes are equal and computed once.
    const s8 = this.seed ^ 8;
    for (let i = 0; i < x.length; i++) {
      let hi = words[2 * i + DOUBLE_WORDS.hi]!;
      let lo = words[2 * i + DOUBLE_WORDS.lo]!;
      if ((hi & 0x7ff00000) === 0x7ff00000 && ((hi & 0xfffff) | lo) !== 0) {
        hi = 0x7ff80000;
        lo = 0;
      } else if (hi === 0x80000000 && lo === 0) {
        hi = 0;
      }
      let k1 = Math.imul(lo, C1);
      k1 = Math.imul((k1 << 15) | (k1 >>> 17), C2);
      let k2 = Math.imul(hi, C2);
      k2 = Math.imul((k2 << 16) | (k2 >>> 16), C3);
      let h1 = s8 ^ k1;
      let h2 = s8 ^ k2;
      h1 = (h1 + h2 + s8 + s8) | 0;
      h2 = fmix32((h2 + h1) | 0);
      const h3 = fmix32((s8 + h1) | 0);
      h1 = fmix32(h1);
      h1 = (h1 + h2 + h3 + h3) | 0;
      const top = (h2 + h1) | 0;
      const rest = top << p;
      const rank = rest !== 0 ? Math.clz32(rest) + 1 : shift + Math.clz32(h1) + 1;
      const index = top >>> shift;
      if (rank > regs[index]!) regs[index] = rank;
    }
  }

  /**
   * `addNumbers` in the WebAssembly kernel, a chunk at a time: it hashes the values and updates a
   * copy of the registers, copied back at the end.
   */
  private addHashed(x: Float64Array, kernel: MurmurKernel): void {
    const registers = kernel.registers.subarray(0, this.registers.length);
    registers.set(this.registers);
    for (let start = 0; start < x.length; start += MURMUR_CHUNK) {
      const n = Math.min(MURMUR_CHUNK, x.length - start);
      kernel.input.set(x.subarray(start, start + n));
      kernel.hash(n, this.seed);
      kernel.record(n, this.p);
    }
    this.registers.set(registers);
  }

  /** Adds every string of `values`. */
  addStrings(values: readonly string[]): void {
    const out = this.scratch;
    const seed = this.seed ^ STRING_DOMAIN;
    for (let i = 0; i < values.length; i++) {
      const s = values[i];
      if (typeof s !== 'string') {
        throw new VigieError('INVALID_ARGUMENT', `HyperLogLog.addStrings: element ${i} is not a string`);
      }
      hashStringInto(s, seed, out, 0);
      this.record(out[0]!, out[1]!);
    }
  }

  /** Register update for the 64-bit hash (hi, lo): index from the top p bits, rank from the rest. */
  private record(hi: number, lo: number): void {
    const shift = 32 - this.p;
    const rest = hi << this.p;
    const rank = rest !== 0 ? Math.clz32(rest) + 1 : shift + Math.clz32(lo) + 1;
    const index = hi >>> shift;
    if (rank > this.registers[index]!) this.registers[index] = rank;
  }

  /** Estimated number of distinct values (Ertl's improved estimator; 0 for an empty sketch). */
  estimate(): number {
    return estimateCardinality(this.registers, this.p);
  }

  /** Relative standard error of `estimate()`: 1.04 / √(2^p). */
  relativeStandardError(): number {
    return 1.04 / Math.sqrt(2 ** this.p);
  }

  /** True when nothing has been added. */
  get isEmpty(): boolean {
    return this.registers.every((r) => r === 0);
  }

  /** The sketch of the union, as a new sketch (register-wise max). Same p and seed required. */
  merge(other: HyperLogLog): HyperLogLog {
    if (!(other instanceof HyperLogLog)) {
      throw new VigieError('INVALID_ARGUMENT', 'HyperLogLog.merge: the argument is not a HyperLogLog');
    }
    if (other.p !== this.p || other.seed !== this.seed) {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `HyperLogLog.merge: p and seed must match (p ${this.p} vs ${other.p}, seed ${this.seed} vs ${other.seed})`,
      );
    }
    const merged = this.registers.slice();
    const theirs = other.registers;
    for (let i = 0; i < merged.length; i++) if (theirs[i]! > merged[i]!) merged[i] = theirs[i]!;
    return new HyperLogLog(this.p, this.seed, merged);
  }

  clone(): HyperLogLog {
    return new HyperLogLog(this.p, this.seed, this.registers.slice());
  }

  toJSON(): HyperLogLogJSON {
    return {
      kind: KIND,
      version: VERSION,
      p: this.p,
      seed: this.seed,
      registers: bytesToBase64(this.registers),
    };
  }

  /** Rebuilds a sketch from `toJSON()` output; rejects malformed or foreign objects. */
  static fromJSON(value: unknown): HyperLogLog {
    const record = readEnvelope(value, KIND, VERSION);
    const p = readInteger(record, 'p', MIN_P, MAX_P);
    const seed = readInteger(record, 'seed', -(2 ** 31), 2 ** 31 - 1);
    const registers = base64ToBytes(readString(record, 'registers'), `${KIND} registers`);
    if (registers.length !== 2 ** p)
      invalid(`${KIND}: expected ${2 ** p} registers, got ${registers.length}`);
    const maxRank = 64 - p + 1;
    for (const r of registers) if (r > maxRank) invalid(`${KIND}: register value ${r} exceeds ${maxRank}`);
    return new HyperLogLog(p, seed, registers);
  }
}

/**
 * Creates an empty HyperLogLog. Throws INVALID_ARGUMENT unless p is an integer in [4, 18] and
 * the seed a 32-bit signed integer.
 *
 * @example
 * const h = createHyperLogLog(); // p = 14
 */
export function createHyperLogLog(options: HyperLogLogOptions = {}): HyperLogLog {
  const p = options.p ?? 14;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(p) || p < MIN_P || p > MAX_P) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `createHyperLogLog: p must be an integer in [${MIN_P}, ${MAX_P}], got ${p}`,
    );
  }
  if (!Number.isInteger(seed) || seed < -(2 ** 31) || seed > 2 ** 31 - 1) {
    throw new VigieError('INVALID_ARGUMENT', `createHyperLogLog: seed must be a 32-bit integer, got ${seed}`);
  }
  return new HyperLogLog(p, seed);
}
