/**
 * The one seeded random generator of Vigie: xoshiro128** (Blackman & Vigna), 32-bit arithmetic
 * only so it stays fast in JavaScript, seeded through splitmix32 so that nearby seeds give
 * unrelated streams. Library code never calls `Math.random`; it takes a `Random` or a seed.
 *
 * @example
 * const rng = createRandom(42);
 * rng.float(); // uniform in [0, 1), 53 bits
 */
export interface Random {
  /** The seed this stream was created from, for recording in reports. */
  readonly seed: number;
  /** Uniform unsigned 32-bit integer. */
  uint32(): number;
  /** Uniform double in [0, 1) with 53 random bits. */
  float(): number;
  /** Uniform integer in [0, n), without modulo bias. `n` must be in [1, 2^32]. */
  int(n: number): number;
  /** Standard normal deviate (Marsaglia polar method). */
  normal(): number;
  /** An independent stream derived from this one's seed and `stream` (for workers, partitions). */
  derive(stream: number): Random;
}

const TWO_POW_32 = 4294967296;
const TWO_POW_53_INV = 1 / 9007199254740992;

function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

function seedWords(seed: number): Uint32Array {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  // Mix both halves of a safe integer seed so that seeds above 2^32 still differ.
  const lo = seed >>> 0;
  const hi = Math.floor(Math.abs(seed) / TWO_POW_32) >>> 0;
  let state = lo ^ Math.imul(hi, 0x27d4eb2d);
  const words = new Uint32Array(4);
  for (let i = 0; i < 4; i++) {
    const [next, out] = splitmix32(state);
    state = next;
    words[i] = out;
  }
  if ((words[0]! | words[1]! | words[2]! | words[3]!) === 0) words[0] = 1;
  return words;
}

class Xoshiro128 implements Random {
  readonly seed: number;
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | undefined;

  constructor(seed: number) {
    this.seed = seed;
    const w = seedWords(seed);
    this.s0 = w[0]!;
    this.s1 = w[1]!;
    this.s2 = w[2]!;
    this.s3 = w[3]!;
  }

  uint32(): number {
    const s1 = this.s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  float(): number {
    const hi = this.uint32() >>> 5; // 27 bits
    const lo = this.uint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) * TWO_POW_53_INV;
  }

  int(n: number): number {
    if (!(n >= 1 && n <= TWO_POW_32) || !Number.isInteger(n)) {
      throw new RangeError(`int(n) needs an integer n in [1, 2^32], got ${n}`);
    }
    // Lemire-style rejection on the 32-bit draw keeps the result unbiased.
    const limit = TWO_POW_32 - (TWO_POW_32 % n);
    for (;;) {
      const x = this.uint32();
      if (x < limit) return x % n;
    }
  }

  normal(): number {
    if (this.spare !== undefined) {
      const v = this.spare;
      this.spare = undefined;
      return v;
    }
    for (;;) {
      const u = 2 * this.float() - 1;
      const v = 2 * this.float() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const m = Math.sqrt((-2 * Math.log(s)) / s);
        this.spare = v * m;
        return u * m;
      }
    }
  }

  derive(stream: number): Random {
    const mixed = (Math.imul(this.seed >>> 0, 0x9e3779b1) ^ Math.imul((stream + 1) >>> 0, 0x85ebca77)) >>> 0;
    return new Xoshiro128(mixed + Math.floor(this.seed / TWO_POW_32) * TWO_POW_32);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Creates a seeded generator. The same seed always gives the same stream on every platform. */
export function createRandom(seed: number): Random {
  return new Xoshiro128(seed);
}

/** Fisher-Yates shuffle of `values` in place, driven by `rng`. Returns `values`. */
export function shuffleInPlace<T extends { length: number; [i: number]: unknown }>(
  values: T,
  rng: Random,
): T {
  for (let i = values.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const tmp = values[i];
    values[i] = values[j];
    values[j] = tmp;
  }
  return values;
}

/** `k` distinct indices drawn uniformly from [0, n) without replacement (Floyd's algorithm when k ≪ n). */
export function sampleIndices(n: number, k: number, rng: Random): Uint32Array {
  if (k > n) throw new RangeError(`cannot sample ${k} of ${n} without replacement`);
  const out = new Uint32Array(k);
  if (k * 4 > n) {
    const all = new Uint32Array(n);
    for (let i = 0; i < n; i++) all[i] = i;
    for (let i = 0; i < k; i++) {
      const j = i + rng.int(n - i);
      const tmp = all[i]!;
      all[i] = all[j]!;
      all[j] = tmp;
      out[i] = all[i]!;
    }
    return out;
  }
  const chosen = new Set<number>();
  let w = 0;
  for (let j = n - k; j < n; j++) {
    const t = rng.int(j + 1);
    const pick = chosen.has(t) ? j : t;
    chosen.add(pick);
    out[w++] = pick;
  }
  return out;
}
