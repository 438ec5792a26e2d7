import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../random/index.js';
import { argsortFloat64, createSortScratch, sortedOrSelf, sortFloat64 } from './radix-sort.js';

/** Doubles from random bit patterns (every exponent, subnormals, ±Infinity, NaN payloads) plus specials. */
function wildDoubles(seed: number, n: number): Float64Array {
  const rng = createRandom(seed);
  const out = new Float64Array(n);
  const words = new Uint32Array(out.buffer);
  const specials = [
    0,
    -0,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    5e-324,
    -5e-324,
    1,
    -1,
  ];
  for (let i = 0; i < n; i++) {
    const kind = rng.int(4);
    if (kind === 0) out[i] = specials[rng.int(specials.length)]!;
    else if (kind === 1) out[i] = Math.round(rng.normal() * 4);
    else {
      words[2 * i] = rng.uint32();
      words[2 * i + 1] = rng.uint32();
    }
  }
  return out;
}

function expectSameOrder(got: Float64Array, want: Float64Array): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) expect.fail(`index ${i}: got ${got[i]}, expected ${want[i]}`);
  }
}

describe('sortFloat64', () => {
  it('matches the native sort on small arrays, including -0/+0 and NaN placement', () => {
    fc.assert(
      fc.property(fc.array(fc.double()), (x) => {
        expectSameOrder(sortFloat64(x), Float64Array.from(x).sort());
      }),
    );
  });

  it('matches the native sort on the radix path', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 8192, max: 12_000 }), (seed, n) => {
        const x = wildDoubles(seed, n);
        const copy = x.slice();
        expectSameOrder(sortFloat64(x), x.slice().sort());
        expectSameOrder(x, copy);
      }),
      { numRuns: 25 },
    );
  });

  it('handles arrays where whole digits are constant (skipped passes)', () => {
    const x = Float64Array.from({ length: 10_000 }, (_, i) => (i % 7) - 3);
    expectSameOrder(sortFloat64(x), x.slice().sort());
    expectSameOrder(sortFloat64(new Float64Array(9000).fill(2.5)), new Float64Array(9000).fill(2.5));
  });

  it('gives the same order with a shared scratch, which grows to the largest sort', () => {
    const scratch = createSortScratch();
    let most = 0;
    for (const [seed, n] of [
      [1, 9000],
      [2, 20_000],
      [3, 8500],
      [4, 5000],
      [5, 20_000],
      [6, 9000],
    ] as const) {
      const x = wildDoubles(seed, n);
      expectSameOrder(sortFloat64(x, scratch), x.slice().sort());
      most = Math.max(most, x.filter((v) => v === v).length);
    }
    // Two words per non-NaN value of the largest input.
    expect(scratch.words.length).toBe(2 * most);
  });
});

describe('sortFloat64 into a given buffer', () => {
  it('gives the same order in the buffer, whatever its offset and the input (sorted, NaN, short)', () => {
    const backing = new Float64Array(30_000).fill(7);
    const into = backing.subarray(5); // a view that does not start its buffer
    for (const x of [
      wildDoubles(8, 20_000),
      wildDoubles(9, 100),
      Float64Array.from({ length: 9000 }, (_, i) => i - 4500),
      Float64Array.of(),
    ]) {
      const sorted = sortFloat64(x, createSortScratch(), into);
      expect(sorted.buffer).toBe(backing.buffer);
      expect(sorted.length).toBe(x.length);
      expectSameOrder(sorted, x.slice().sort());
    }
    expect(backing[4]).toBe(7);
    // Too short a buffer: a new array.
    const small = new Float64Array(10);
    const x = wildDoubles(10, 50);
    const sorted = sortFloat64(x, undefined, small);
    expect(sorted.buffer).not.toBe(small.buffer);
    expectSameOrder(sorted, x.slice().sort());
  });
});

describe('sortedOrSelf', () => {
  it('returns an ascending array itself and sorts anything else, NaN included', () => {
    const up = Float64Array.of(-2, -0, 0, 0, 3, Number.POSITIVE_INFINITY);
    expect(sortedOrSelf(up)).toBe(up);
    const down = Float64Array.of(3, 1, 2);
    expect(Array.from(sortedOrSelf(down))).toEqual([1, 2, 3]);
    expect(Array.from(down)).toEqual([3, 1, 2]);
    const withNaN = Float64Array.of(1, Number.NaN, 2);
    expect(sortedOrSelf(withNaN)).not.toBe(withNaN);
    expect(Array.from(sortedOrSelf(withNaN))).toEqual([1, 2, Number.NaN]);
    const wild = wildDoubles(5, 20_000);
    expect(Array.from(sortedOrSelf(wild))).toEqual(Array.from(sortFloat64(wild)));
  });
});

describe('argsortFloat64', () => {
  function check(x: Float64Array): void {
    const order = argsortFloat64(x);
    expect(order).toBeInstanceOf(Uint32Array);
    expect(Array.from(order).sort((a, b) => a - b)).toEqual(Array.from({ length: x.length }, (_, i) => i));
    // Reference: stable sort of indices, NaN last, -0 equal to +0.
    const key = (v: number) => (Number.isNaN(v) ? Number.POSITIVE_INFINITY : v);
    const rank = (v: number) => (Number.isNaN(v) ? 1 : 0);
    const want = Array.from({ length: x.length }, (_, i) => i).sort(
      (i, j) =>
        rank(x[i]!) - rank(x[j]!) ||
        (key(x[i]!) < key(x[j]!) ? -1 : key(x[i]!) > key(x[j]!) ? 1 : 0) ||
        i - j,
    );
    expect(Array.from(order)).toEqual(want);
  }

  it('is a stable argsort on small arrays', () => {
    fc.assert(fc.property(fc.array(fc.double()), (x) => check(Float64Array.from(x))));
  });

  it('is a stable argsort on the radix path', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => check(wildDoubles(seed, 5000))),
      { numRuns: 10 },
    );
  });
});
