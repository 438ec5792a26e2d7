import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '../../random/index.js';
import { createFrequentItems, FrequentItems } from './frequent-items.js';
import { createHyperLogLog, HyperLogLog } from './hyperloglog.js';
import { createKllSketch, KllSketch } from './kll-sketch.js';
import { createMomentsSketch, MomentsSketch } from './moments-sketch.js';

/** What every sketch offers; one suite checks them all (the Kysely-style contract). */
interface Sketch<S> {
  merge(other: S): S;
  toJSON(): unknown;
}

interface Implementation<S extends Sketch<S>> {
  name: string;
  create(): S;
  feed(sketch: S, rng: Random, n: number): void;
  fromJSON(value: unknown): S;
}

function values(rng: Random, n: number): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = i % 97 === 0 ? Number.NaN : Math.round(rng.normal() * 1000) / 10;
  return x;
}

const implementations = [
  {
    name: 'KllSketch',
    create: () => createKllSketch({ k: 64, seed: 3 }),
    feed: (s: KllSketch, rng: Random, n: number) => s.updateMany(values(rng, n)),
    fromJSON: KllSketch.fromJSON,
  } satisfies Implementation<KllSketch>,
  {
    name: 'HyperLogLog',
    create: () => createHyperLogLog({ p: 10 }),
    feed: (s: HyperLogLog, rng: Random, n: number) => {
      s.addNumbers(values(rng, n));
      for (let i = 0; i < n / 10; i++) s.add(`s${rng.int(500)}`);
    },
    fromJSON: HyperLogLog.fromJSON,
  } satisfies Implementation<HyperLogLog>,
  {
    name: 'FrequentItems',
    create: () => createFrequentItems({ capacity: 32 }),
    feed: (s: FrequentItems, rng: Random, n: number) => {
      for (const v of values(rng, n)) s.add(Math.round(v / 20));
      for (let i = 0; i < n / 10; i++) s.add(`s${rng.int(50)}`, 1 + rng.int(3));
    },
    fromJSON: FrequentItems.fromJSON,
  } satisfies Implementation<FrequentItems>,
  {
    name: 'MomentsSketch',
    create: () => createMomentsSketch(),
    feed: (s: MomentsSketch, rng: Random, n: number) => s.updateMany(values(rng, n)),
    fromJSON: MomentsSketch.fromJSON,
  } satisfies Implementation<MomentsSketch>,
];

function filled<S extends Sketch<S>>(impl: Implementation<S>, seed: number, n: number): S {
  const s = impl.create();
  impl.feed(s, createRandom(seed), n);
  return s;
}

describe.each(implementations as Implementation<Sketch<unknown>>[])('$name (sketch contract)', (impl) => {
  const sizes = [0, 1, 50, 20_000];

  it('serializes to plain, versioned JSON that round-trips exactly', () => {
    for (const n of sizes) {
      const json = filled(impl, n, n).toJSON() as Record<string, unknown>;
      expect(JSON.parse(JSON.stringify(json))).toEqual(json);
      expect(typeof json.kind).toBe('string');
      expect(json.version).toBe(1);
      expect(impl.fromJSON(JSON.parse(JSON.stringify(json))).toJSON()).toEqual(json);
    }
  });

  it('rejects non-objects and every other sketch kind with INVALID_ARGUMENT', () => {
    const foreign = implementations.filter((other) => other.name !== impl.name);
    const inputs: unknown[] = [
      null,
      undefined,
      3,
      'x',
      [],
      {},
      ...foreign.map((o) => filled(o as never, 1, 100).toJSON()),
    ];
    for (const value of inputs) {
      expect(() => impl.fromJSON(value)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    }
  });

  it('is deterministic: same inputs, same state', () => {
    expect(filled(impl, 5, 20_000).toJSON()).toEqual(filled(impl, 5, 20_000).toJSON());
  });

  it('merges without touching its inputs, with the empty sketch as identity', () => {
    const a = filled(impl, 1, 20_000);
    const b = filled(impl, 2, 5000);
    const [ja, jb] = [a.toJSON(), b.toJSON()];
    a.merge(b);
    b.merge(a);
    expect([a.toJSON(), b.toJSON()]).toEqual([ja, jb]);
    expect(a.merge(impl.create()).toJSON()).toEqual(ja);
  });
});
