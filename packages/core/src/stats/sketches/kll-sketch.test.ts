import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadGolden } from '../../../test/support/golden.js';
import { isVigieError } from '../../errors/index.js';
import { createRandom } from '../../random/index.js';
import { createKllSketch, KllSketch, kllRankErrorBound, kllSketchOf } from './kll-sketch.js';

interface QuantileCase {
  name: string;
  x: number[];
  q: number[];
  quantiles: number[];
}
const golden = loadGolden<{ quantiles: QuantileCase[] }>('sketches');

function sketchOf(values: ArrayLike<number>, k = 200, seed = 0): KllSketch {
  const s = createKllSketch({ k, seed });
  s.updateMany(Float64Array.from(values));
  return s;
}

/** #{x_i < v} and #{x_i ≤ v} in sorted data. */
function rankInterval(sorted: Float64Array, v: number): [number, number] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  const below = lo;
  hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return [below, lo];
}

/** Largest |q·n − true rank of quantile(q)| / n over a grid of q (0 when the rank interval meets q·n). */
function worstQuantileError(s: KllSketch, sorted: Float64Array, steps = 200): number {
  const n = sorted.length;
  let worst = 0;
  for (let i = 1; i < steps; i++) {
    const q = i / steps;
    const [below, upTo] = rankInterval(sorted, s.quantile(q));
    const target = q * n;
    const miss = target < below ? below - target : target > upTo ? target - upTo : 0;
    worst = Math.max(worst, miss / n);
  }
  return worst;
}

/** Largest |rank(x) − true rank(x)| over a grid of values taken from the data. */
function worstRankError(s: KllSketch, sorted: Float64Array, steps = 1000): number {
  const n = sorted.length;
  let worst = 0;
  for (let i = 0; i < steps; i++) {
    const x = sorted[Math.floor((i * n) / steps)]!;
    worst = Math.max(worst, Math.abs(s.rank(x) - rankInterval(sorted, x)[1] / n));
  }
  return worst;
}

function normalData(n: number, seed: number): Float64Array {
  const rng = createRandom(seed);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = rng.normal() * (i % 5 === 0 ? 10 : 1);
  return x;
}

describe('KllSketch in exact mode (n < k)', () => {
  it("reproduces numpy.quantile(method='inverted_cdf') exactly", () => {
    for (const c of golden.quantiles) {
      const s = sketchOf(c.x);
      expect(s.isEstimationMode).toBe(false);
      expect(s.errorBound()).toBe(0);
      expect(Array.from(s.quantiles(c.q)), c.name).toEqual(c.quantiles);
    }
  });

  it('gives exact inclusive ranks, n, min, max', () => {
    const x = [3, 1, 2, 2, 5, -1];
    const s = sketchOf(x);
    expect(Array.from(s.cdf([-2, -1, 2, 2.5, 5, 6]))).toEqual([0, 1 / 6, 4 / 6, 4 / 6, 1, 1]);
    expect([s.n, s.min, s.max, s.numRetained]).toEqual([6, -1, 5, 6]);
  });
});

describe('KllSketch input handling', () => {
  it('ignores and counts NaN, keeps infinities as values', () => {
    const s = sketchOf([Number.NaN, 1, Number.POSITIVE_INFINITY, Number.NaN, Number.NEGATIVE_INFINITY]);
    expect([s.n, s.nanCount, s.min, s.max]).toEqual([
      3,
      2,
      Number.NEGATIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    ]);
    expect(s.quantile(0.5)).toBe(1);
    expect(Number.isNaN(s.rank(Number.NaN))).toBe(true);
  });

  it('answers NaN when empty and rejects q outside [0, 1]', () => {
    const s = createKllSketch();
    expect(Number.isNaN(s.quantile(0.5))).toBe(true);
    expect(Number.isNaN(s.rank(0))).toBe(true);
    expect(Number.isNaN(s.min)).toBe(true);
    for (const q of [-0.1, 1.1, Number.NaN]) {
      expect(() => sketchOf([1]).quantile(q)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });

  it('rejects a bad k or seed', () => {
    for (const options of [{ k: 7 }, { k: 65536 }, { k: 20.5 }, { seed: 0.5 }]) {
      let error: unknown;
      try {
        createKllSketch(options);
      } catch (e) {
        error = e;
      }
      expect(isVigieError(error) && error.code === 'INVALID_ARGUMENT').toBe(true);
    }
  });

  it('treats number[] like Float64Array', () => {
    const x = Array.from(normalData(5000, 3));
    expect(sketchOf(x, 32, 4).toJSON()).toEqual(sketchOf(Float64Array.from(x), 32, 4).toJSON());
  });
});

describe('KllSketch determinism and serialization', () => {
  it('depends only on (k, seed, values in order), not on how updates are chunked', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30_000 }),
        fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 8, max: 40 }),
        (n, cuts, k) => {
          const x = normalData(n, n);
          const whole = sketchOf(x, k, 9);
          const chunked = createKllSketch({ k, seed: 9 });
          let i = 0;
          for (let c = 0; i < n; c++) {
            const len = cuts[c % cuts.length]!;
            chunked.updateMany(x.subarray(i, i + len));
            i += len;
          }
          const single = createKllSketch({ k, seed: 9 });
          for (let j = 0; j < Math.min(n, 4000); j++) single.update(x[j]!);
          const prefix = sketchOf(x.subarray(0, Math.min(n, 4000)), k, 9);
          expect(chunked.toJSON()).toEqual(whole.toJSON());
          expect(single.toJSON()).toEqual(prefix.toJSON());
        },
      ),
      { seed: 7, numRuns: 40 },
    );
  });

  it('differs between seeds once compacting', () => {
    const x = normalData(20_000, 1);
    expect(sketchOf(x, 200, 1).toJSON()).not.toEqual(sketchOf(x, 200, 2).toJSON());
  });

  it('round-trips through JSON exactly and continues identically', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 8, max: 300 }), (n, k) => {
        const x = normalData(n, n + 1);
        const s = sketchOf(x, k, 5);
        const back = KllSketch.fromJSON(JSON.parse(JSON.stringify(s.toJSON())));
        expect(back.toJSON()).toEqual(s.toJSON());
        const more = normalData(5000, 99);
        s.updateMany(more);
        back.updateMany(more);
        expect(back.toJSON()).toEqual(s.toJSON());
        expect(back.quantile(0.3)).toBe(s.quantile(0.3));
      }),
      { seed: 8, numRuns: 30 },
    );
  });

  it('rejects malformed serialized sketches', () => {
    const good = sketchOf(normalData(3000, 2), 16).toJSON();
    const level1 = good.levels[1]!;
    const bad: unknown[] = [
      null,
      [],
      'kll',
      { ...good, kind: 'vigie.hyperloglog' },
      { ...good, version: 2 },
      { ...good, k: 4 },
      { ...good, n: good.n + 1 },
      { ...good, nanCount: -1 },
      { ...good, min: 1e9 },
      { ...good, levels: [] },
      { ...good, levels: ['@@@@', ...good.levels.slice(1)] },
      { ...good, levels: [good.levels[0], reverseLevel(level1), ...good.levels.slice(2)] },
      { ...good, sampler: { ...good.sampler, count: 5 } },
      { ...good, random: { ...good.random, used: 1e6 } },
    ];
    for (const value of bad) {
      expect(() => KllSketch.fromJSON(value), JSON.stringify(value)?.slice(0, 80)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
    }
  });
});

function reverseLevel(text: string): string {
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  const values = new Float64Array(bytes.buffer).reverse();
  return btoa(String.fromCharCode(...new Uint8Array(values.buffer)));
}

describe('KllSketch merging', () => {
  it('merges random partitions into a sketch whose quantiles are within ε·n of their targets', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40_000 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom(16, 50, 200),
        fc.integer({ min: 0, max: 1000 }),
        (n, parts, k, seed) => {
          const x = normalData(n, seed);
          const cuts = Array.from({ length: parts - 1 }, (_, i) => Math.floor((n * (i + 1)) / parts));
          const bounds = [0, ...cuts, n];
          let merged = createKllSketch({ k, seed });
          for (let p = 0; p < parts; p++) {
            merged = merged.merge(sketchOf(x.subarray(bounds[p], bounds[p + 1]), k, seed + p + 1));
          }
          const sorted = x.slice().sort();
          expect([merged.n, merged.min, merged.max]).toEqual([n, sorted[0], sorted[n - 1]]);
          expect(worstQuantileError(merged, sorted)).toBeLessThanOrEqual(kllRankErrorBound(k));
        },
      ),
      { seed: 11, numRuns: 40 },
    );
  });

  it('leaves its inputs unchanged and rejects a different k', () => {
    const a = sketchOf(normalData(10_000, 1), 50, 1);
    const b = sketchOf(normalData(30_000, 2), 50, 2);
    const [ja, jb] = [a.toJSON(), b.toJSON()];
    const m = a.merge(b);
    expect([a.toJSON(), b.toJSON()]).toEqual([ja, jb]);
    expect(m.n).toBe(40_000);
    expect(a.merge(createKllSketch({ k: 50 })).toJSON()).toEqual(ja);
    expect(() => a.merge(createKllSketch({ k: 60 }))).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});

describe('KllSketch accuracy (k = 200, 1e6 values)', () => {
  const n = 1_000_000;
  const x = normalData(n, 2024);
  const sorted = x.slice().sort();
  const bound = kllRankErrorBound(200);

  it('states ε = 2.296 / k^0.9723 (≈ 1.33% at k = 200) and stays within it for every seed tried', () => {
    expect(bound).toBeCloseTo(0.013295, 5);
    const errors: number[] = [];
    for (let seed = 0; seed < 10; seed++) {
      const s = sketchOf(x, 200, seed);
      expect(s.errorBound()).toBe(bound);
      errors.push(Math.max(worstRankError(s, sorted), worstQuantileError(s, sorted)));
    }
    for (const e of errors) expect(e).toBeLessThan(bound);
    // The bound is a 99th percentile; the typical error is well inside it.
    expect(errors.reduce((a, b) => a + b) / errors.length).toBeLessThan(0.7 * bound);
  });

  it('stays within ε when 20 partitions are sketched separately and merged', () => {
    for (let seed = 0; seed < 3; seed++) {
      let merged = createKllSketch({ seed });
      for (let p = 0; p < 20; p++)
        merged = merged.merge(sketchOf(x.subarray(p * 50_000, (p + 1) * 50_000), 200, seed * 100 + p));
      expect(merged.n).toBe(n);
      expect(worstRankError(merged, sorted)).toBeLessThan(bound);
      expect(worstQuantileError(merged, sorted)).toBeLessThan(bound);
    }
  });

  it('keeps its space bounded', () => {
    const s = sketchOf(x);
    expect(s.numRetained).toBeLessThan(1000);
  });

  it('kllSketchOf (the whole sample at once) keeps the same bound over seeds, and the same space', () => {
    const errors: number[] = [];
    for (let seed = 0; seed < 10; seed++) {
      const s = kllSketchOf(x, { seed });
      expect([s.n, s.min, s.max, s.errorBound()]).toEqual([n, sorted[0], sorted[n - 1], bound]);
      expect(s.numRetained).toBeLessThan(1000);
      errors.push(Math.max(worstRankError(s, sorted), worstQuantileError(s, sorted)));
    }
    for (const e of errors) expect(e).toBeLessThan(bound);
    expect(errors.reduce((a, b) => a + b) / errors.length).toBeLessThan(0.7 * bound);
    // It starts sampling early, so it is not the streamed sketch, but it is deterministic.
    expect(kllSketchOf(x, { seed: 3 }).toJSON()).toEqual(kllSketchOf(x, { seed: 3 }).toJSON());
    expect(kllSketchOf(x, { seed: 3 }).toJSON()).not.toEqual(sketchOf(x, 200, 3).toJSON());
  });

  it('kllSketchOf on sorted input (the exact profile feeds its sorted values) keeps the bound', () => {
    const errors: number[] = [];
    for (let seed = 0; seed < 10; seed++) {
      const s = kllSketchOf(sorted, { seed });
      expect([s.n, s.min, s.max]).toEqual([n, sorted[0], sorted[n - 1]]);
      expect(s.numRetained).toBeLessThan(1000);
      errors.push(Math.max(worstRankError(s, sorted), worstQuantileError(s, sorted)));
    }
    for (const e of errors) expect(e).toBeLessThan(bound);
  });

  it('kllSketchOf with the range given is the same sketch, without its own pass for min and max', () => {
    const range = { min: sorted[0]!, max: sorted[n - 1]! };
    expect(kllSketchOf(x, { seed: 5, range }).toJSON()).toEqual(kllSketchOf(x, { seed: 5 }).toJSON());
    // A short sample is stored whole and finds its min and max itself; a long one takes the range as given.
    const short = x.subarray(0, 10);
    expect(kllSketchOf(short, { range }).toJSON()).toEqual(kllSketchOf(short).toJSON());
    expect(kllSketchOf(x, { range: { min: -1e9, max: 1e9 } }).max).toBe(1e9);
  });

  it('kllSketchOf takes later updates and merges within the bound, and counts NaN', () => {
    const half = n / 2;
    const s = kllSketchOf(x.subarray(0, half), { seed: 1 });
    s.updateMany(x.subarray(half));
    expect(s.n).toBe(n);
    expect(worstRankError(s, sorted)).toBeLessThan(bound);
    const merged = kllSketchOf(x.subarray(0, half), { seed: 2 }).merge(
      kllSketchOf(x.subarray(half), { seed: 3 }),
    );
    expect(worstQuantileError(merged, sorted)).toBeLessThan(bound);
    const withNan = Float64Array.of(Number.NaN, 1, 2, Number.NaN, 3);
    const small = kllSketchOf(withNan);
    expect([small.n, small.nanCount, small.quantile(0.5), small.errorBound()]).toEqual([3, 2, 2, 0]);
    expect(() => kllSketchOf(x, { k: 4 })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
