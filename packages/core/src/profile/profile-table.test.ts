import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGolden, loadGolden } from '../../test/support/golden.js';
import { tempDir } from '../../test/support/temp.js';
import { createRandom } from '../random/index.js';
import { createHyperLogLog } from '../stats/index.js';
import {
  createTable,
  type DuckDb,
  dictColumnFromStrings,
  float64Column,
  openDuckDb,
  readTable,
  takeRows,
  writeTable,
} from '../table/index.js';
import { mergeProfiles } from './merge.js';
import { createProfileScratch } from './profile-scratch.js';
import { profileColumn, profileTable } from './profile-table.js';
import type { CategoricalColumnProfile, NumericColumnProfile } from './types.js';

interface ColumnExpect {
  count: number;
  missing: number;
  distinct: number;
  mean?: number | null;
  std?: number | null;
  min?: number | null;
  max?: number | null;
  quantiles?: Record<string, number> | null;
  skewness?: number | null;
  kurtosis?: number | null;
  top?: Array<{ value: string; count: number }>;
}
interface Case {
  name: string;
  csv: string;
  rows: number;
  duplicateRows: number;
  columns: Record<string, ColumnExpect>;
}

let db: DuckDb;
beforeAll(async () => {
  db = await openDuckDb({ threads: 1 });
});
afterAll(() => db.close());
const tmp = tempDir();
const TOL = { rel: 1e-9, abs: 1e-12 };

function nullable(
  fn: string,
  actual: number | null,
  expected: number | null | undefined,
  label: string,
): void {
  if (expected === null || expected === undefined) expect(actual, label).toBeNull();
  else expectGolden(fn, actual ?? Number.NaN, expected, TOL, label);
}

describe('profileTable agrees with pandas, numpy and scipy', () => {
  const { cases } = loadGolden<{ cases: Case[] }>('profile');
  it.each(cases)('$name', async (c) => {
    const table = await readTable(db, tmp.file(`${c.name}.csv`, c.csv));
    const p = profileTable(table, { quantiles: 'exact' });
    expect(p.rows).toBe(c.rows);
    expect(p.duplicateRows).toBe(c.duplicateRows);
    for (const [name, e] of Object.entries(c.columns)) {
      const col = p.columns.find((x) => x.name === name)!;
      const label = `${c.name} ${name}`;
      expect(col.count, label).toBe(e.count);
      expect(col.missing, label).toBe(e.missing);
      expect(col.distinct, label).toBe(e.distinct);
      if (col.kind === 'numeric') {
        nullable('profile.mean', col.mean, e.mean, `${label} mean`);
        nullable('profile.std', col.std, e.std, `${label} std`);
        nullable('profile.min', col.min, e.min, `${label} min`);
        nullable('profile.max', col.max, e.max, `${label} max`);
        nullable('profile.skewness', col.skewness, e.skewness, `${label} skewness`);
        nullable('profile.kurtosis', col.kurtosis, e.kurtosis, `${label} kurtosis`);
        for (const [q, v] of Object.entries(e.quantiles ?? {}))
          nullable('profile.quantile', col.quantiles[q] ?? null, v, `${label} q${q}`);
      } else if (col.kind === 'categorical') {
        // pandas orders ties arbitrarily: compare as counts per value.
        const counts = Object.fromEntries(col.top.map((t) => [t.value, t.count]));
        for (const t of e.top ?? []) expect(counts[t.value], `${label} ${t.value}`).toBe(t.count);
      }
    }
  });
});

function numericTable(n: number, seed: number) {
  const rng = createRandom(seed);
  const a = new Float64Array(n);
  const labels: string[] = [];
  for (let i = 0; i < n; i++) {
    a[i] = rng.float() < 0.05 ? Number.NaN : rng.normal() * 3 + 1;
    labels.push(['x', 'y', 'z'][rng.int(3)]!);
  }
  return createTable([float64Column('a', a), dictColumnFromStrings('c', labels)]);
}

describe('profile merging', () => {
  it('merge(profile(a), profile(b)) = profile(a ∪ b) within the sketch bounds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 50, max: 3000 }),
        fc.integer({ min: 1, max: 49 }),
        fc.integer(),
        (n, cutPct, seed) => {
          const t = numericTable(n, seed);
          const cut = Math.floor((n * cutPct) / 50);
          const first = takeRows(
            t,
            Uint32Array.from({ length: cut }, (_, i) => i),
          );
          const second = takeRows(
            t,
            Uint32Array.from({ length: n - cut }, (_, i) => cut + i),
          );
          const whole = profileTable(t);
          const merged = mergeProfiles(profileTable(first), profileTable(second));
          expect(merged.rows).toBe(whole.rows);
          const wa = whole.columns[0] as NumericColumnProfile;
          const ma = merged.columns[0] as NumericColumnProfile;
          expect(ma.count).toBe(wa.count);
          expect(ma.missing).toBe(wa.missing);
          expect(Math.abs(ma.mean! - wa.mean!)).toBeLessThan(1e-9 * (1 + Math.abs(wa.mean!)));
          expect(Math.abs(ma.std! - wa.std!)).toBeLessThan(1e-9 * wa.std!);
          expect(ma.min).toBe(wa.min);
          expect(ma.max).toBe(wa.max);
          // Each merged quantile must sit at a rank within the KLL bound of its target.
          const sorted = Float64Array.from(t.columns[0]!.storage === 'float64' ? t.columns[0]!.values : [])
            .filter((x) => !Number.isNaN(x))
            .sort();
          const eps = ma.quantileAccuracy.method === 'kll' ? ma.quantileAccuracy.rankError : 0;
          for (const [q, v] of Object.entries(ma.quantiles)) {
            let rank = 0;
            while (rank < sorted.length && sorted[rank]! <= v!) rank++;
            expect(Math.abs(rank / sorted.length - Number(q))).toBeLessThanOrEqual(eps + 2 / sorted.length);
          }
          const wc = whole.columns[1] as CategoricalColumnProfile;
          const mc = merged.columns[1] as CategoricalColumnProfile;
          expect(mc.frequencies).toEqual(wc.frequencies);
          expect(mc.distinct).toBe(wc.distinct);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses profiles with different columns', () => {
    const a = profileTable(numericTable(10, 1));
    const b = profileTable(createTable([float64Column('other', new Float64Array(3))]));
    expect(() => mergeProfiles(a, b)).toThrow(/different columns/);
  });
});

describe('distinct values hashed once', () => {
  it('gives the HyperLogLog of every finite value, and value counts up to 20 values, both ways', () => {
    const rng = createRandom(3);
    const n = 20_000;
    const columns = {
      few: Float64Array.from({ length: n }, (_, i) =>
        i % 7 === 0 ? -0 : i % 11 === 0 ? Number.NaN : rng.int(12),
      ),
      some: Float64Array.from({ length: n }, () => rng.int(500) - 250),
      many: Float64Array.from({ length: n }, () => rng.normal()),
    };
    for (const [name, values] of Object.entries(columns)) {
      const all = createHyperLogLog();
      all.addNumbers(values.filter((x) => !Number.isNaN(x)));
      for (const quantiles of ['sketch', 'exact'] as const) {
        const p = profileTable(createTable([float64Column(name, values)]), { quantiles })
          .columns[0] as NumericColumnProfile;
        expect(p.hll, `${name} ${quantiles}`).toEqual(all.toJSON());
        if (name === 'few') {
          expect(Object.keys(p.valueCounts!)).toEqual(Array.from({ length: 12 }, (_, i) => String(i)));
          expect(Object.values(p.valueCounts!).reduce((a, b) => a + b)).toBe(p.count);
        } else expect(p.valueCounts).toBeNull();
      }
    }
  });
});

describe('content hash and sketched quantiles', () => {
  it('is the same for the same data read from CSV or Parquet, and differs when a value changes', async () => {
    const csv = tmp.file('h.csv', 'a,b\n1.5,x\n2,y\n,z\n');
    const t1 = await readTable(db, csv);
    await writeTable(db, t1, `${tmp.dir}/h.parquet`);
    const t2 = await readTable(db, `${tmp.dir}/h.parquet`);
    const t3 = await readTable(db, tmp.file('h2.csv', 'a,b\n1.5,x\n2,y\n,w\n'));
    expect(profileTable(t2).contentHash).toBe(profileTable(t1).contentHash);
    expect(profileTable(t3).contentHash).not.toBe(profileTable(t1).contentHash);
  });

  it('states the KLL rank error and stays within it', () => {
    const t = numericTable(50_000, 7);
    const p = profileTable(t, { quantiles: 'sketch' }).columns[0] as NumericColumnProfile;
    expect(p.quantileAccuracy.method).toBe('kll');
    const exact = profileTable(t, { quantiles: 'exact' }).columns[0] as NumericColumnProfile;
    expect(exact.quantileAccuracy).toEqual({ method: 'exact', interpolation: 'linear' });
    expect(p.distinctExact).toBe(false);
    expect(Math.abs(p.distinct - exact.distinct) / exact.distinct).toBeLessThan(4 * p.distinctError!);
  });

  it('counts infinities apart and keeps them out of the moments', () => {
    const t = createTable([
      float64Column(
        'v',
        Float64Array.of(1, 2, Number.POSITIVE_INFINITY, Number.NaN, 3, Number.NEGATIVE_INFINITY),
      ),
    ]);
    const p = profileTable(t).columns[0] as NumericColumnProfile;
    expect(p).toMatchObject({
      count: 5,
      missing: 1,
      infinite: 2,
      finite: 3,
      mean: 2,
      min: 1,
      max: 3,
      distinct: 5,
    });
  });

  it('counts duplicate rows alike whether or not a column tells the rows apart', () => {
    const rows = (ids: (string | null)[], values: number[]) =>
      createTable([dictColumnFromStrings('id', ids, 'id'), float64Column('v', Float64Array.from(values))]);
    const v = [1, 1, 2, 2, Number.NaN, Number.NaN];
    // Unique ids (one missing at most): no row repeats another, whatever the other columns hold.
    expect(profileTable(rows(['a', 'b', 'c', 'd', 'e', 'f'], v)).duplicateRows).toBe(0);
    expect(profileTable(rows(['a', 'b', 'c', null, 'e', 'f'], v)).duplicateRows).toBe(0);
    // Two missing ids are equal values: rows 4 and 5 are duplicates.
    expect(profileTable(rows(['a', 'b', 'c', 'd', null, null], v)).duplicateRows).toBe(1);
    expect(profileTable(rows(['a', 'a', 'c', 'c', 'e', 'f'], v)).duplicateRows).toBe(2);
    // A unique numeric column in exact mode tells rows apart too; -0 and +0 are one value.
    const t = createTable([
      float64Column('u', Float64Array.of(-0, 0, 1)),
      dictColumnFromStrings('c', ['x', 'x', 'y']),
    ]);
    expect(profileTable(t, { quantiles: 'exact' }).duplicateRows).toBe(1);
    expect(profileTable(t, { quantiles: 'sketch' }).duplicateRows).toBe(1);
  });

  it('counts each value exactly up to 20 distinct values, in both quantile modes', () => {
    const rng = createRandom(11);
    const levels = [
      -0,
      0,
      -3.5,
      1e-300,
      7,
      2 ** 40,
      -1,
      0.1,
      0.2,
      0.30000000000000004,
      12,
      13,
      14,
      15,
      16,
      17,
      18,
      19,
    ];
    const values = Float64Array.from({ length: 20_000 }, () => levels[rng.int(levels.length)]!);
    const expected = new Map<number, number>();
    for (const v of values) expected.set(v, (expected.get(v) ?? 0) + 1);
    const want = Object.fromEntries(
      [...expected].sort((a, b) => a[0] - b[0]).map(([k, c]) => [String(k), c]),
    );
    for (const quantiles of ['exact', 'sketch'] as const) {
      const t = createTable([float64Column('v', values)]);
      const p = profileTable(t, { quantiles }).columns[0] as NumericColumnProfile;
      expect(p.valueCounts, quantiles).toEqual(want);
      const more = Float64Array.from(values, (v, i) => (i < 21 ? 100 + i : v));
      const q = profileTable(createTable([float64Column('v', more)]), { quantiles }).columns[0];
      expect((q as NumericColumnProfile).valueCounts, quantiles).toBeNull();
    }
  });

  it('describes all-missing and constant columns without NaN', () => {
    const t = createTable([
      float64Column('empty', Float64Array.of(Number.NaN, Number.NaN)),
      float64Column('const', Float64Array.of(4, 4)),
    ]);
    const [e, c] = profileTable(t).columns as NumericColumnProfile[];
    expect(e).toMatchObject({
      count: 0,
      missing: 2,
      mean: null,
      std: null,
      min: null,
      quantiles: { '0.5': null },
    });
    expect(c).toMatchObject({ mean: 4, std: 0, skewness: null, kurtosis: null, distinct: 1 });
  });
});

describe('one working memory for the columns', () => {
  it('gives each column the profile it gets alone, whatever the columns before it', () => {
    const rng = createRandom(11);
    // `missingEvery` 0: no missing value; `round`: repeated values (the distinct ones are lent too);
    // the first column's values differ from the others', so a leftover of it would show.
    const column = (name: string, n: number, missingEvery: number, round = false, scale = 10) =>
      float64Column(
        name,
        Float64Array.from({ length: n }, (_, i) => {
          if (missingEvery > 0 && i % missingEvery === 0) return Number.NaN;
          const x = rng.normal() * scale;
          return round ? Math.round(x * 10) / 10 : x;
        }),
      );
    // Large then small, with and without missing values: the lent buffers hold longer leftovers.
    const columns = [
      column('a', 30_000, 7, true, 1000),
      column('b', 9000, 0),
      column('c', 12_000, 3, true),
      column('d', 50, 4),
      column('e', 20_000, 0, true),
    ];
    for (const quantiles of ['exact', 'sketch'] as const) {
      const scratch = createProfileScratch();
      for (const col of columns) {
        expect(profileColumn(col, { quantiles }, scratch)).toEqual(profileColumn(col, { quantiles }));
      }
    }
  });
});
