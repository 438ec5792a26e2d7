import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGolden, loadGolden } from '../../test/support/golden.js';
import { tempDir } from '../../test/support/temp.js';
import { profileTable } from '../profile/index.js';
import { createRandom } from '../random/index.js';
import { ks2samp, multipletests } from '../stats/index.js';
import {
  createTable,
  type DuckDb,
  dictColumnFromStrings,
  float64Column,
  openDuckDb,
  readTable,
} from '../table/index.js';
import { computeDrift } from './compute-drift.js';

interface Expected {
  name: string;
  kind: 'numeric' | 'categorical';
  method: string;
  statistic: number;
  pvalue: number | null;
  pvalueAdjusted?: number;
  drift: boolean;
}

let db: DuckDb;
beforeAll(async () => {
  db = await openDuckDb({ threads: 1 });
});
afterAll(() => db.close());
const tmp = tempDir();

describe('computeDrift agrees with scipy and statsmodels on the documented defaults', () => {
  const { cases } = loadGolden<{
    cases: Array<{ name: string; reference: string; current: string; columns: Expected[] }>;
  }>('drift');
  it.each(cases)('$name', async (c) => {
    const ref = await readTable(db, tmp.file(`${c.name}-ref.csv`, c.reference));
    const cur = await readTable(db, tmp.file(`${c.name}-cur.csv`, c.current));
    const result = computeDrift(ref, cur);
    for (const e of c.columns) {
      const got = result.columns.find((x) => x.name === e.name)!;
      const label = `${c.name} ${e.name}`;
      expect(got.kind, label).toBe(e.kind);
      expect(got.method, label).toBe(e.method);
      expectGolden(
        `drift.${e.method}`,
        got.statistic!,
        e.statistic,
        { rel: 1e-9, abs: 1e-15 },
        `${label} statistic`,
      );
      if (e.pvalue === null) expect(got.pvalue, label).toBeNull();
      else {
        expectGolden(
          `drift.${e.method}.pvalue`,
          got.pvalue!,
          e.pvalue,
          { rel: 1e-6, abs: 1e-12 },
          `${label} p`,
        );
        expectGolden(
          `drift.${e.method}.pvalueAdjusted`,
          got.pvalueAdjusted!,
          e.pvalueAdjusted!,
          { rel: 1e-6, abs: 1e-12 },
          `${label} adjusted p`,
        );
      }
      expect(got.drift, label).toBe(e.drift);
    }
  });
});

function normal(n: number, seed: number, shift = 0): Float64Array {
  const rng = createRandom(seed);
  return Float64Array.from({ length: n }, () => rng.normal() + shift);
}

describe('computeDrift decisions', () => {
  it('is inconclusive below 30 values on a side, and says why', () => {
    const r = computeDrift(
      createTable([float64Column('x', normal(100, 1))]),
      createTable([float64Column('x', normal(29, 2))]),
    );
    expect(r.columns[0]).toMatchObject({ status: 'inconclusive', drift: null });
    expect(r.columns[0]!.reason).toMatch(
      /too few values to compare \(100 reference, 29 current; at least 30 each/,
    );
    expect(r.datasetDrift).toMatchObject({ drift: false, evaluatedColumns: 0 });
  });

  it('applies a forced method to numeric columns and leaves categorical ones on the default', () => {
    const ref = createTable([
      float64Column('x', normal(2000, 1)),
      dictColumnFromStrings(
        'c',
        Array.from({ length: 2000 }, (_, i) => (i % 3 ? 'a' : 'b')),
      ),
    ]);
    const cur = createTable([
      float64Column('x', normal(1500, 2, 0.3)),
      dictColumnFromStrings(
        'c',
        Array.from({ length: 1500 }, (_, i) => (i % 2 ? 'a' : 'b')),
      ),
    ]);
    const r = computeDrift(ref, cur, { method: 'ks' });
    const x = r.columns.find((c) => c.name === 'x')!;
    const expected = ks2samp(normal(2000, 1), normal(1500, 2, 0.3));
    expect(x.method).toBe('ks');
    expect(x.statistic).toBeCloseTo(expected.statistic, 12);
    expect(x.pvalue).toBeCloseTo(expected.pvalue, 12);
    expect(r.columns.find((c) => c.name === 'c')!.method).toBe('jensenshannon');
    expect(x.alongside.psi).toBeGreaterThan(0);
    expect(x.alongside.wassersteinNormalized).toBeGreaterThan(0.2);
  });

  it('corrects p-values across columns as statsmodels fdr_bh, or not at all', () => {
    const cols = (seed: number, shift: number) =>
      [0, 1, 2, 3].map((j) => float64Column(`v${j}`, normal(200, seed + j, j === 0 ? shift : 0)));
    const ref = createTable(cols(10, 0));
    const cur = createTable(cols(50, 0.4));
    const r = computeDrift(ref, cur);
    const raw = r.columns.map((c) => c.pvalue!);
    expect(r.columns.map((c) => c.pvalueAdjusted)).toEqual(
      Array.from(multipletests(raw, { method: 'fdr_bh' }).pvalsCorrected),
    );
    const none = computeDrift(ref, cur, { correction: 'none' });
    expect(none.columns.map((c) => c.pvalueAdjusted)).toEqual(raw);
  });

  it('flags a missing column, a type change and new categories', () => {
    const ref = createTable([
      float64Column('x', normal(100, 1)),
      dictColumnFromStrings(
        'c',
        Array.from({ length: 100 }, (_, i) => ['a', 'b'][i % 2]!),
      ),
    ]);
    const cur = createTable([
      dictColumnFromStrings(
        'c',
        Array.from({ length: 100 }, (_, i) => ['a', 'b', 'NEW'][i % 3]!),
      ),
    ]);
    const r = computeDrift(ref, cur);
    expect(r.columns.find((c) => c.name === 'x')).toMatchObject({
      status: 'fail',
      drift: true,
      reason: 'the column is missing from the current data',
    });
    expect(r.columns.find((c) => c.name === 'c')!.newCategories).toEqual(['NEW']);
    const changed = computeDrift(
      ref,
      createTable([
        dictColumnFromStrings(
          'x',
          Array.from({ length: 100 }, () => 'a'),
        ),
      ]),
      { columns: ['x'] },
    );
    expect(changed.columns[0]!.reason).toMatch(/type changed from numeric to categorical/);
  });

  it('gives the same decisions from a saved reference profile as from the reference data', () => {
    const ref = createTable([
      float64Column('same', normal(5000, 1)),
      float64Column('moved', normal(5000, 2)),
      dictColumnFromStrings(
        'cat',
        Array.from({ length: 5000 }, (_, i) => ['a', 'b', 'c'][i % 3]!),
      ),
    ]);
    const cur = createTable([
      float64Column('same', normal(4000, 3)),
      float64Column('moved', normal(4000, 4, 0.5)),
      dictColumnFromStrings(
        'cat',
        Array.from({ length: 4000 }, (_, i) => ['a', 'b', 'c', 'a'][i % 4]!),
      ),
    ]);
    const fromData = computeDrift(ref, cur);
    const fromProfile = computeDrift(profileTable(ref), cur);
    expect(fromProfile.columns.map((c) => c.drift)).toEqual(fromData.columns.map((c) => c.drift));
    for (const [a, b] of fromProfile.columns.map((c, i) => [c, fromData.columns[i]!] as const)) {
      expect(a.method).toBe(b.method);
      expect(Math.abs(a.statistic! - b.statistic!)).toBeLessThan(0.02);
    }
    expect(fromProfile.columns.find((c) => c.name === 'moved')!.exact).toBe(false);
    expect(fromProfile.columns.find((c) => c.name === 'cat')!.exact).toBe(true);
    const ks = computeDrift(profileTable(ref), cur, { method: 'ks' });
    const ksData = computeDrift(ref, cur, { method: 'ks' });
    expect(Math.abs(ks.columns[1]!.statistic! - ksData.columns[1]!.statistic!)).toBeLessThan(0.015);
  });

  it('applies the PSI bands: warn from 0.1, fail above 0.25', () => {
    const ref = createTable([float64Column('a', normal(3000, 1)), float64Column('b', normal(3000, 2))]);
    const cur = createTable([
      float64Column('a', normal(3000, 3, 0.45)),
      float64Column('b', normal(3000, 4, 1.5)),
    ]);
    const r = computeDrift(ref, cur, { method: 'psi' });
    const [a, b] = r.columns;
    expect(a!.statistic).toBeGreaterThan(0.1);
    expect(a!.statistic).toBeLessThan(0.25);
    expect(a!.status).toBe('warn');
    expect(b!.statistic).toBeGreaterThan(0.25);
    expect(b!.status).toBe('fail');
  });

  it('decides dataset drift on the share of drifted columns', () => {
    const ref = createTable([0, 1, 2, 3].map((j) => float64Column(`v${j}`, normal(3000, j))));
    const cur = createTable(
      [0, 1, 2, 3].map((j) => float64Column(`v${j}`, normal(3000, 10 + j, j < 2 ? 1 : 0))),
    );
    const r = computeDrift(ref, cur);
    expect(r.datasetDrift).toMatchObject({ drift: true, share: 0.5, driftedColumns: 2, evaluatedColumns: 4 });
    expect(computeDrift(ref, cur, { datasetShare: 0.75 }).datasetDrift.drift).toBe(false);
  });
});
