import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFrequentItems, type FrequentItem, FrequentItems } from './frequent-items.js';

/** Items drawn from a skewed alphabet of numbers and strings, with positive integer weights. */
const stream = fc.array(
  fc.tuple(
    fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 0, max: 8 }) },
      { weight: 2, arbitrary: fc.integer({ min: 0, max: 400 }) },
      { weight: 2, arbitrary: fc.constantFrom('a', 'b', 'c', '0', '1') },
      { weight: 1, arbitrary: fc.string({ maxLength: 3 }) },
    ),
    fc.integer({ min: 1, max: 5 }),
  ),
  { maxLength: 600 },
);

function trueCounts(items: [FrequentItem, number][]): Map<FrequentItem, number> {
  const counts = new Map<FrequentItem, number>();
  for (const [item, w] of items) counts.set(item, (counts.get(item) ?? 0) + w);
  return counts;
}

/** The guarantee: every item's true count lies in [lowerBound, upperBound]. */
function expectBoundsHold(sketch: FrequentItems, truth: Map<FrequentItem, number>): void {
  for (const [item, count] of truth) {
    const { lowerBound, upperBound } = sketch.bounds(item);
    expect(lowerBound).toBeLessThanOrEqual(count);
    expect(upperBound).toBeGreaterThanOrEqual(count);
  }
  for (const row of sketch.top()) {
    const count = truth.get(row.item) ?? 0;
    expect(row.lowerBound <= count && count <= row.upperBound).toBe(true);
  }
  expect(sketch.maximumError()).toBeLessThanOrEqual(sketch.errorBound());
}

describe('FrequentItems', () => {
  it('is exact while the distinct items fit in its capacity', () => {
    const f = createFrequentItems({ capacity: 8 });
    f.addMany(['x', 'y', 'x', 1, 1, 1, 'z']);
    f.add('y', 10);
    expect(f.maximumError()).toBe(0);
    expect(f.top(2)).toEqual([
      { item: 'y', estimate: 11, lowerBound: 11, upperBound: 11 },
      { item: 1, estimate: 3, lowerBound: 3, upperBound: 3 },
    ]);
    expect(f.totalWeight).toBe(17);
  });

  it('orders ties numbers first (ascending), then strings, and treats -0/+0 (reported as 0) and NaNs as one item', () => {
    const f = createFrequentItems({ capacity: 10 });
    f.addMany(['b', 2, 'a', -0, 0, Number.NaN, Number.NaN, 0]);
    expect(f.top().map((r) => [r.item, r.lowerBound])).toEqual([
      [0, 3],
      [Number.NaN, 2],
      [2, 1],
      ['a', 1],
      ['b', 1],
    ]);
  });

  it('bounds every true count in [lowerBound, upperBound] with offset ≤ N / (⌊(L+1)/2⌋ + 1)', () => {
    fc.assert(
      fc.property(stream, fc.integer({ min: 2, max: 24 }), (items, capacity) => {
        const f = createFrequentItems({ capacity });
        for (const [item, w] of items) f.add(item, w);
        const truth = trueCounts(items);
        expectBoundsHold(f, truth);
        const n = items.reduce((s, [, w]) => s + w, 0);
        expect(f.totalWeight).toBe(n);
        // Every item heavier than the a priori error is tracked.
        for (const [item, count] of truth)
          if (count > f.errorBound()) expect(f.bounds(item).lowerBound).toBeGreaterThan(0);
      }),
      { seed: 5, numRuns: 200 },
    );
  });

  it('keeps the guarantee after merging sketches of random partitions (offsets add up)', () => {
    fc.assert(
      fc.property(
        stream,
        fc.array(fc.nat(3), { maxLength: 600 }),
        fc.integer({ min: 2, max: 16 }),
        (items, owners, capacity) => {
          const parts = Array.from({ length: 4 }, () => createFrequentItems({ capacity }));
          items.forEach(([item, w], i) => {
            parts[owners[i] ?? 0]!.add(item, w);
          });
          const merged = parts.reduce((m, s) => m.merge(s));
          expectBoundsHold(merged, trueCounts(items));
          expect(merged.totalWeight).toBe(items.reduce((s, [, w]) => s + w, 0));
          expect(merged.maximumError()).toBeGreaterThanOrEqual(
            parts.reduce((s, p) => s + p.maximumError(), 0),
          );
        },
      ),
      { seed: 6, numRuns: 200 },
    );
  });

  it('finds the heavy hitters of a long skewed stream', () => {
    const f = createFrequentItems({ capacity: 256 });
    const items: number[] = [];
    for (let i = 0; i < 200_000; i++) items.push(i % 10 === 0 ? i % 7 : i); // 7 items at ~2.9k each, the rest unique
    f.addMany(items);
    const top = f.top(7).map((r) => r.item);
    expect(f.errorBound()).toBeLessThan(2800);
    expect(top.sort((a, b) => Number(a) - Number(b))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(f.maximumError()).toBeLessThanOrEqual(f.errorBound());
  });

  it('leaves merge inputs unchanged and refuses another capacity', () => {
    const a = createFrequentItems({ capacity: 4 });
    a.addMany(['a', 'b', 'c', 'd', 'e', 'a']);
    const before = a.toJSON();
    const b = createFrequentItems({ capacity: 4 });
    b.addMany(['a', 'z']);
    a.merge(b);
    expect(a.toJSON()).toEqual(before);
    expect(a.merge(createFrequentItems({ capacity: 4 })).toJSON()).toEqual(before);
    expect(() => a.merge(createFrequentItems({ capacity: 5 }))).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });

  it('round-trips through JSON and rejects malformed objects', () => {
    const f = createFrequentItems({ capacity: 6 });
    f.addMany([1, 'one', Number.POSITIVE_INFINITY, Number.NaN, 1, 'two', 3, 4, 5, 6, 7, 1]);
    const json = JSON.parse(JSON.stringify(f.toJSON()));
    const back = FrequentItems.fromJSON(json);
    expect(back.toJSON()).toEqual(f.toJSON());
    back.add('late', 3);
    f.add('late', 3);
    expect(back.toJSON()).toEqual(f.toJSON());
    const good = f.toJSON();
    for (const bad of [
      undefined,
      { ...good, kind: 'vigie.moments-sketch' },
      { ...good, capacity: 1 },
      { ...good, entries: [['x', 1, 1]] },
      { ...good, entries: [['n', 1, 0]] },
      { ...good, entries: [['s', 1, 2]] },
      {
        ...good,
        entries: [
          ['n', 1, 1],
          ['n', 1, 1],
        ],
      },
      { ...good, totalWeight: 1 },
      { ...good, offset: good.totalWeight },
    ]) {
      expect(() => FrequentItems.fromJSON(bad)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
    }
  });

  it('rejects bad arguments', () => {
    const f = createFrequentItems();
    expect(() => f.add('x', 0)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => f.add('x', 1.5)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => f.add(null as unknown as string)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    expect(() => createFrequentItems({ capacity: 1 })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});
