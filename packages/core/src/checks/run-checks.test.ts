import { describe, expect, it } from 'vitest';
import { checkSchema } from '../config-schema/index.js';
import { VigieError } from '../errors/index.js';
import { type DatasetProfile, profileTable, tableContentHash } from '../profile/index.js';
import { createRandom } from '../random/index.js';
import { boolColumn, createTable, dictColumnFromStrings, float64Column, type Table } from '../table/index.js';
import type { Verdict } from '../verdict/index.js';
import type { AnalysisName, CheckContext } from './context.js';
import { runChecks } from './run-checks.js';

type Ctx = Omit<CheckContext, 'previous'>;

function ctxFor(table: Table, extra: Partial<Ctx> = {}): Ctx {
  return {
    table,
    loadReference: async () => {
      throw new Error('this test has no drift reference');
    },
    loadProfile: async () => {
      throw new Error('this test has no saved profile');
    },
    contentHash: () => tableContentHash(table),
    analyses: new Map<AnalysisName, 'pass' | 'fail'>(),
    seed: 42,
    ...extra,
  };
}

/** Runs the checks (parsed by the config schema, so defaults are filled) on `table`. */
function run(table: Table, specs: object[], extra: Partial<Ctx> = {}): Promise<Verdict[]> {
  return runChecks(
    specs.map((s) => checkSchema.parse(s)),
    ctxFor(table, extra),
  );
}

async function one(table: Table, spec: object, extra: Partial<Ctx> = {}): Promise<Verdict> {
  const verdicts = await run(table, [spec], extra);
  expect(verdicts).toHaveLength(1);
  return verdicts[0]!;
}

const num = (name: string, values: number[]) => float64Column(name, Float64Array.from(values));
const text = (name: string, values: Array<string | null>) => dictColumnFromStrings(name, values);

/** Wilson 95% intervals from statsmodels' proportion_confint(count, n, method='wilson'). */
const WILSON: Record<string, [number, number]> = {
  '2/5': [0.11762077423264788, 0.7692757187239871],
  '1/4': [0.0455872608097006, 0.6993581574175982],
  '1/3': [0.06149194472039626, 0.7923403991979523],
  '3/6': [0.18761630648265054, 0.8123836935173494],
  '1/21': [0.008455987809826385, 0.2266936007412257],
  '0/5': [0.0, 0.43448246478317487],
};

function expectShare(v: Verdict, count: number, n: number): void {
  expect(v.value).toBeCloseTo(count / n, 15);
  expect(v.sampleSizes).toEqual({ n });
  expect(v.effectSize?.value).toBeCloseTo(count / n, 15);
  expect(v.effectSize?.confidenceLevel).toBe(0.95);
  const ci = WILSON[`${count}/${n}`];
  if (ci) {
    expect(v.effectSize!.ci![0]).toBeCloseTo(ci[0], 12);
    expect(v.effectSize!.ci![1]).toBeCloseTo(ci[1], 12);
  }
}

const rowsOf = (v: Verdict) => (v.examples ?? []).map((e) => e.row);

describe('type', () => {
  const table = createTable([num('x', [1, 2, 3]), text('code', ['1', 'abc', '3'])]);

  it('passes when the column has the expected type', async () => {
    const v = await one(table, { check: 'type', column: 'x', expected: 'numeric' });
    expect(v).toMatchObject({ status: 'pass', kind: 'type', check: 'type:x', sampleSizes: { n: 3 } });
    expect(v.details).toEqual({ actual: 'numeric', expected: 'numeric' });
  });

  it('fails naming the values that are not numbers (1-based rows)', async () => {
    const v = await one(table, { check: 'type', column: 'code', expected: 'numeric' });
    expect(v.status).toBe('fail');
    expect(v.examples).toEqual([{ row: 2, value: 'abc', column: 'code' }]);
    expect(v.reason).toContain('1 value(s) are not numbers');
    expect(v.reason).toContain('row 2');
  });

  it('warns instead of failing with severity warn', async () => {
    const v = await one(table, { check: 'type', column: 'code', expected: 'integer', severity: 'warn' });
    expect(v.status).toBe('warn');
  });
});

describe('missing and not_null', () => {
  const table = createTable([
    num('x', [1, Number.NaN, 3, Number.NaN, 5]),
    boolColumn('flag', Uint8Array.from([1, 0, 255, 1, 0])),
    text('c', ['a', 'b', 'c', 'd', 'e']),
  ]);

  it('passes when the missing share is within max_share', async () => {
    const v = await one(table, { check: 'missing', column: 'x', max_share: 0.4 });
    expect(v).toMatchObject({ status: 'pass', threshold: 0.4, comparison: '<=', check: 'missing:x' });
    expectShare(v, 2, 5);
    expect(v.examples).toBeUndefined();
  });

  it('fails above max_share, with the missing rows as examples', async () => {
    const v = await one(table, { check: 'missing', column: 'x', max_share: 0.2 });
    expect(v.status).toBe('fail');
    expectShare(v, 2, 5);
    expect(v.examples).toEqual([
      { row: 2, column: 'x' },
      { row: 4, column: 'x' },
    ]);
  });

  it('gives one verdict per column and counts boolean missing (255)', async () => {
    const verdicts = await run(table, [
      { check: 'missing', columns: ['x', 'flag', 'c'], max_share: 0.25, severity: 'warn' },
    ]);
    expect(verdicts.map((v) => [v.check, v.status, v.value])).toEqual([
      ['missing:x', 'warn', 0.4],
      ['missing:flag', 'pass', 0.2],
      ['missing:c', 'pass', 0],
    ]);
  });

  it('not_null fails on any missing value and passes without', async () => {
    const verdicts = await run(table, [{ check: 'not_null', columns: ['flag', 'c'] }]);
    expect(verdicts.map((v) => v.status)).toEqual(['fail', 'pass']);
    expect(verdicts[0]).toMatchObject({ threshold: 0, examples: [{ row: 3, column: 'flag' }] });
    expectShare(verdicts[1]!, 0, 5);
  });

  it('is inconclusive on a table without rows', async () => {
    const empty = createTable([num('x', [])]);
    const v = await one(empty, { check: 'not_null', column: 'x' });
    expect(v).toMatchObject({ status: 'inconclusive', value: null, sampleSizes: { n: 0 } });
    expect(v.decideBy).toBeTruthy();
  });
});

describe('range', () => {
  const inf = Number.POSITIVE_INFINITY;
  const table = createTable([
    num('x', [1, 5, Number.NaN, 12, -inf, inf, 7]),
    num('empty', [Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN, Number.NaN]),
    text('name', ['a', 'b', 'c', 'd', 'e', 'f', 'g']),
  ]);

  it('counts ±Infinity outside a finite range and never counts missing values', async () => {
    const v = await one(table, { check: 'range', column: 'x', min: 0, max: 10 });
    expect(v.status).toBe('fail');
    expectShare(v, 3, 6);
    expect(v.threshold).toBe(0);
    expect(v.examples).toEqual([
      { row: 4, value: '12', column: 'x' },
      { row: 5, value: '-Infinity', column: 'x' },
      { row: 6, value: 'Infinity', column: 'x' },
    ]);
    expect(v.details).toEqual({ min: 0, max: 10 });
  });

  it('accepts infinities on an unbounded side', async () => {
    const v = await one(table, { check: 'range', column: 'x', max: 10 });
    expect(rowsOf(v)).toEqual([4, 6]);
    expect(v.value).toBeCloseTo(2 / 6, 15);
  });

  it('passes within max_share_outside and warns with severity warn', async () => {
    const pass = await one(table, { check: 'range', column: 'x', min: 0, max: 10, max_share_outside: 0.5 });
    expect(pass.status).toBe('pass');
    const warn = await one(table, { check: 'range', column: 'x', min: 0, max: 10, severity: 'warn' });
    expect(warn.status).toBe('warn');
  });

  it('is inconclusive when every value is missing', async () => {
    const v = await one(table, { check: 'range', column: 'empty', min: 0 });
    expect(v).toMatchObject({ status: 'inconclusive', value: null, sampleSizes: { n: 0 } });
    expect(v.decideBy).toMatch(/non-missing/);
  });
});

describe('no values to measure', () => {
  const table = createTable([
    num('n', [Number.NaN, Number.NaN]),
    text('c', [null, null]),
    boolColumn('b', Uint8Array.from([255, 255])),
  ]);

  it.each([
    { check: 'allowed_values', column: 'c', values: ['a'] },
    { check: 'allowed_values', column: 'n', values: [1] },
    { check: 'allowed_values', column: 'b', values: [true] },
    { check: 'regex', column: 'c', pattern: 'a' },
    { check: 'regex', column: 'n', pattern: '1' },
    { check: 'unique', column: 'c' },
    { check: 'range', columns: ['n'], max: 1 },
  ])('$check on an all-missing column is inconclusive, not a pass', async (spec) => {
    const v = await one(table, spec);
    expect(v).toMatchObject({ status: 'inconclusive', value: null, sampleSizes: { n: 0 } });
    expect(v.decideBy).toBe('data with at least one non-missing value');
  });
});

describe('allowed_values', () => {
  it('counts values outside the list among non-missing values of a text column', async () => {
    const table = createTable([text('c', ['a', 'b', null, 'c', 'a'])]);
    const fail = await one(table, { check: 'allowed_values', column: 'c', values: ['a', 'b'] });
    expect(fail.status).toBe('fail');
    expectShare(fail, 1, 4);
    expect(fail.examples).toEqual([{ row: 4, value: 'c', column: 'c' }]);
    expect(fail.details).toEqual({ unexpected: { c: 1 } });
    const pass = await one(table, { check: 'allowed_values', column: 'c', values: ['a', 'b', 'c'] });
    expect(pass.status).toBe('pass');
    expectShare(pass, 0, 4);
  });

  it('compares numbers on numeric columns and true/false on boolean ones', async () => {
    const table = createTable([
      num('n', [1, 2, Number.NaN, 3]),
      boolColumn('b', Uint8Array.from([1, 0, 255, 1])),
    ]);
    const n = await one(table, { check: 'allowed_values', column: 'n', values: [1, 2], severity: 'warn' });
    expect(n.status).toBe('warn');
    expectShare(n, 1, 3);
    expect(rowsOf(n)).toEqual([4]);
    const b = await one(table, { check: 'allowed_values', column: 'b', values: [true] });
    expectShare(b, 1, 3);
    expect(b.examples).toEqual([{ row: 2, value: 'false', column: 'b' }]);
  });
});

describe('regex', () => {
  it('matches the whole value and skips missing values', async () => {
    const table = createTable([text('code', ['AB12', 'ab12', null, 'XY99', 'AB123'])]);
    const v = await one(table, { check: 'regex', column: 'code', pattern: '[A-Z]{2}\\d{2}' });
    expect(v.status).toBe('fail');
    expectShare(v, 2, 4);
    expect(v.examples).toEqual([
      { row: 2, value: 'ab12', column: 'code' },
      { row: 5, value: 'AB123', column: 'code' },
    ]);
    const pass = await one(table, { check: 'regex', column: 'code', pattern: '[A-Za-z]{2}\\d{2,3}' });
    expect(pass.status).toBe('pass');
  });

  it('tests the text form of numbers', async () => {
    const table = createTable([num('n', [1, 2.5, Number.NaN, 30])]);
    const v = await one(table, { check: 'regex', column: 'n', pattern: '\\d+', severity: 'warn' });
    expect(v.status).toBe('warn');
    expectShare(v, 1, 3);
    expect(v.examples).toEqual([{ row: 2, value: '2.5', column: 'n' }]);
  });
});

describe('unique', () => {
  it('counts rows repeating an earlier value, leaving missing keys out', async () => {
    const table = createTable([text('id', ['a', 'b', 'a', null, null, 'c'])]);
    const v = await one(table, { check: 'unique', column: 'id' });
    expect(v).toMatchObject({ status: 'fail', check: 'unique:id', threshold: 0 });
    expectShare(v, 1, 4);
    expect(v.examples).toEqual([{ row: 3, value: 'a', column: 'id' }]);
  });

  it('looks at combinations of columns', async () => {
    const table = createTable([text('a', ['x', 'x', 'y', 'x']), num('b', [1, 2, 1, 1])]);
    const pass = await one(table, { check: 'unique', columns: ['a', 'b'], severity: 'warn' });
    expect(pass.status).toBe('warn');
    expect(rowsOf(pass)).toEqual([4]);
    const unique = createTable([text('a', ['x', 'x', 'y']), num('b', [1, 2, 1])]);
    expect((await one(unique, { check: 'unique', columns: ['a', 'b'] })).status).toBe('pass');
  });
});

describe('row_count', () => {
  const table = createTable([num('x', [1, 2, 3, 4, 5])]);

  it('passes within [min, max] and reports the count', async () => {
    const v = await one(table, { check: 'row_count', min: 3, max: 10 });
    expect(v).toMatchObject({ status: 'pass', value: 5, sampleSizes: { n: 5 } });
  });

  it('fails below min and above max with the bound it broke', async () => {
    const few = await one(table, { check: 'row_count', min: 10 });
    expect(few).toMatchObject({ status: 'fail', value: 5, threshold: 10, comparison: '>=' });
    const many = await one(table, { check: 'row_count', max: 3, severity: 'warn' });
    expect(many).toMatchObject({ status: 'warn', value: 5, threshold: 3, comparison: '<=' });
  });

  it('states the comparison with the bound it shows when only max is set', async () => {
    const v = await one(table, { check: 'row_count', max: 10 });
    expect(v).toMatchObject({ status: 'pass', value: 5, threshold: 10, comparison: '<=' });
  });
});

describe('duplicates', () => {
  const table = createTable([num('x', [1, 2, 1, 3, 1]), text('c', ['a', 'b', 'a', 'c', 'z'])]);

  it('measures the share of rows identical to an earlier row', async () => {
    const v = await one(table, { check: 'duplicates' });
    expect(v).toMatchObject({ status: 'fail', subject: 'all columns', threshold: 0 });
    expect(v.value).toBeCloseTo(1 / 5, 15);
    expect(v.examples).toEqual([{ row: 3 }]);
    const pass = await one(table, { check: 'duplicates', max_share: 0.2 });
    expect(pass.status).toBe('pass');
  });

  it('can consider a subset of columns', async () => {
    const v = await one(table, { check: 'duplicates', columns: ['x'], severity: 'warn' });
    expect(v.status).toBe('warn');
    expect(rowsOf(v)).toEqual([3, 5]);
    expect(v.value).toBeCloseTo(2 / 5, 15);
  });
});

describe('outliers', () => {
  // 0..19 and one far value at row 21: only it is beyond every default threshold.
  const values = [...Array.from({ length: 20 }, (_, i) => i), 1000];
  const table = createTable([num('x', values), num('withMissing', [...values.slice(0, 20), Number.NaN])]);

  it.each(['zscore', 'robust_zscore', 'iqr'] as const)('%s flags the far value', async (method) => {
    const v = await one(table, { check: 'outliers', column: 'x', method });
    expect(v.status).toBe('fail');
    expect(v.threshold).toBe(0.01);
    expectShare(v, 1, 21);
    expect(v.examples).toEqual([{ row: 21, value: '1000', column: 'x' }]);
    const pass = await one(table, { check: 'outliers', column: 'x', method, max_share: 0.05 });
    expect(pass.status).toBe('pass');
  });

  it('does not count missing values', async () => {
    const v = await one(table, { check: 'outliers', column: 'withMissing', method: 'iqr' });
    expect(v.status).toBe('pass');
    expectShare(v, 0, 20);
  });

  it.each(['robust_zscore', 'iqr'] as const)('%s flags ±Infinity', async (method) => {
    const t = createTable([num('x', [...values.slice(0, 20), Number.POSITIVE_INFINITY, Number.NaN])]);
    const v = await one(t, { check: 'outliers', column: 'x', method });
    expect(v.status).toBe('fail');
    expectShare(v, 1, 21);
    expect(v.examples).toEqual([{ row: 21, value: 'Infinity', column: 'x' }]);
  });

  it('zscore fits on the finite values and counts ±Infinity as an outlier, never a silent pass', async () => {
    const t = createTable([num('x', [...values.slice(0, 20), Number.NEGATIVE_INFINITY, Number.NaN])]);
    const v = await one(t, { check: 'outliers', column: 'x', method: 'zscore' });
    expect(v).toMatchObject({ status: 'fail', threshold: 0.01, sampleSizes: { n: 21 } });
    expect(v.examples).toContainEqual({ row: 21, value: '-Infinity', column: 'x' });
  });

  it.each(['zscore', 'robust_zscore', 'iqr'] as const)(
    '%s is inconclusive on an all-missing column',
    async (method) => {
      const t = createTable([num('x', [Number.NaN, Number.NaN, Number.NaN])]);
      const v = await one(t, { check: 'outliers', column: 'x', method });
      expect(v).toMatchObject({ status: 'inconclusive', value: null, sampleSizes: { n: 0 } });
      expect(v.decideBy).toBeTruthy();
    },
  );

  it('isolation forest looks at columns jointly, with the seed of the run', async () => {
    const rng = createRandom(5);
    const n = 300;
    const a = new Float64Array(n);
    const b = new Float64Array(n);
    for (let i = 1; i < n; i++) {
      a[i] = rng.normal();
      b[i] = rng.normal();
    }
    a[0] = 8;
    b[0] = -8;
    const t = createTable([float64Column('a', a), float64Column('b', b)]);
    const spec = { check: 'outliers', columns: ['a', 'b'], method: 'isolation_forest', max_share: 0.2 };
    const v = await one(t, spec);
    expect(v).toMatchObject({ status: 'pass', subject: 'a, b', sampleSizes: { n } });
    const strict = await one(t, { ...spec, max_share: 0, severity: 'warn' });
    expect(strict.status).toBe('warn');
    expect(strict.examples?.[0]).toEqual({ row: 1, value: '8', column: 'a' });
    expect(await one(t, spec)).toEqual(v);
  });

  it('isolation forest is inconclusive without complete rows', async () => {
    const t = createTable([num('a', [1, Number.NaN]), num('b', [Number.NaN, 2])]);
    const v = await one(t, { check: 'outliers', columns: ['a', 'b'], method: 'isolation_forest' });
    expect(v.status).toBe('inconclusive');
    expect(v.decideBy).toBeTruthy();
  });
});

describe('correlation', () => {
  // Pearson / Spearman matrices from pandas DataFrame.corr (pairwise deletion of NaN).
  const nan = Number.NaN;
  const table = createTable([
    num('a', [1, 2, 3, 4, 5, 6, 7, 8]),
    num('b', [2.1, 3.9, 6.2, 7.8, 10.1, 12.2, 13.8, 16.1]),
    num('c', [3, 1, 4, 1, 5, 9, 2, 6]),
    num('d', [5, nan, 2, 8, 1, 7, 3, nan]),
    num('k', [4, 4, 4, 4, 4, 4, 4, 4]),
    text('name', ['p', 'q', 'r', 's', 't', 'u', 'v', 'w']),
  ]);

  it('fails when a pair is correlated beyond max_abs, naming the pair', async () => {
    const v = await one(table, { check: 'correlation', columns: ['a', 'b', 'c', 'd'] });
    expect(v).toMatchObject({ status: 'fail', threshold: 0.95, comparison: '<=' });
    expect(v.value).toBeCloseTo(0.9994194747958132, 12);
    expect(v.sampleSizes).toEqual({ n: 8, columns: 4 });
    const pairs = v.details?.pairs as Array<{ a: string; b: string; r: number }>;
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({ a: 'a', b: 'b' });
  });

  it('passes when every pair is within max_abs (pairwise deletion of missing values)', async () => {
    const v = await one(table, { check: 'correlation', columns: ['c', 'd', 'a'], max_abs: 0.5 });
    expect(v.status).toBe('pass');
    expect(v.value).toBeCloseTo(0.47745526055942267, 12);
    const spearman = await one(table, {
      check: 'correlation',
      columns: ['c', 'd'],
      method: 'spearman',
      max_abs: 0.3,
      severity: 'warn',
    });
    expect(spearman.status).toBe('warn');
    expect(spearman.value).toBeCloseTo(0.37142857142857144, 12);
  });

  it('with a target, flags features that leak it or say too little', async () => {
    const verdicts = await run(table, [
      { check: 'correlation', columns: ['a', 'c'], target: 'b', max_abs: 0.99, min_abs: 0.5 },
    ]);
    expect(verdicts.map((v) => [v.subject, v.status, v.comparison, v.threshold])).toEqual([
      ['a ~ b', 'fail', '<=', 0.99],
      ['c ~ b', 'pass', '<=', 0.99],
    ]);
    expect(verdicts[0]!.value).toBeCloseTo(0.9994194747958132, 12);
    expect(verdicts[1]!.value).toBeCloseTo(0.504553737547288, 12);
    // The schema asks for two columns; the target among them is left out of the features.
    const weak = await one(table, { check: 'correlation', columns: ['d', 'b'], target: 'b', min_abs: 0.1 });
    expect(weak).toMatchObject({ status: 'fail', comparison: '>=', threshold: 0.1 });
  });

  it('compares |r| with the threshold for negative correlations', async () => {
    const t = createTable([num('y', [1, 2, 3, 4, 5]), num('z', [10, 8, 6, 4, 2])]);
    const v = await one(t, { check: 'correlation', columns: ['z', 'y'], target: 'y' });
    expect(v.status).toBe('fail');
    expect(v.value).toBeCloseTo(1, 12);
    expect(v.effectSize?.value).toBeCloseTo(-1, 12);
  });

  it('is inconclusive with fewer than two numeric columns', async () => {
    const t = createTable([num('a', [1, 2, 3]), text('name', ['x', 'y', 'z'])]);
    const v = await one(t, { check: 'correlation' });
    expect(v).toMatchObject({ status: 'inconclusive', value: null });
    expect(v.decideBy).toBe('at least two numeric columns');
  });

  it('is inconclusive when no pair can be measured (a constant column)', async () => {
    const v = await one(table, { check: 'correlation', columns: ['a', 'k'] });
    expect(v).toMatchObject({ status: 'inconclusive', value: null });
    expect(v.decideBy).toBeTruthy();
    const target = await one(table, { check: 'correlation', columns: ['k', 'a'], target: 'a' });
    expect(target).toMatchObject({ status: 'inconclusive', value: null });
    expect(target.decideBy).toBeTruthy();
  });
});

describe('vif', () => {
  const x1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const x2 = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
  const x3 = [2, 7, 1, 8, 2, 8, 1, 8, 2, 8];
  const noise = [0.01, -0.02, 0.015, 0, -0.01, 0.02, -0.015, 0.01, 0, -0.005];
  const x4 = x1.map((v, i) => v + x2[i]! + noise[i]!);
  const table = createTable([
    num('x1', x1),
    num('x2', x2),
    num('x3', x3),
    num('x4', x4),
    num(
      'k',
      x1.map(() => 2),
    ),
  ]);

  it('passes independent columns with the VIF of statsmodels (with a constant)', async () => {
    const verdicts = await run(table, [{ check: 'vif', columns: ['x1', 'x2', 'x3'] }]);
    expect(verdicts.map((v) => v.status)).toEqual(['pass', 'pass', 'pass']);
    const expected = [1.1697931482814001, 1.1272416390009845, 1.0506072340999861];
    verdicts.forEach((v, j) => {
      expect(v.value).toBeCloseTo(expected[j]!, 9);
      expect(v).toMatchObject({ threshold: 10, comparison: '<=', sampleSizes: { n: 10 } });
    });
  });

  it('fails collinear columns', async () => {
    const verdicts = await run(table, [{ check: 'vif', columns: ['x1', 'x2', 'x4'], severity: 'warn' }]);
    expect(verdicts.map((v) => v.status)).toEqual(['warn', 'warn', 'warn']);
    const expected = [110257.18456513621, 74172.91858571173, 244896.06939038975];
    verdicts.forEach((v, j) => {
      expect(v.value! / expected[j]!).toBeCloseTo(1, 6);
    });
  });

  it('is inconclusive for a constant column', async () => {
    const verdicts = await run(table, [{ check: 'vif', columns: ['x1', 'x2', 'k'] }]);
    const k = verdicts.find((v) => v.subject === 'k')!;
    expect(k).toMatchObject({ status: 'inconclusive', value: null, decideBy: 'a column that varies' });
    expect(verdicts.filter((v) => v.status === 'pass')).toHaveLength(2);
  });

  it('is inconclusive with fewer than two columns or too few complete rows', async () => {
    const single = await one(createTable([num('a', [1, 2, 3])]), { check: 'vif' });
    expect(single).toMatchObject({ status: 'inconclusive', value: null });
    expect(single.decideBy).toBeTruthy();
    const short = createTable([num('a', [1, 2, 3, Number.NaN]), num('b', [2, 1, 5, 4])]);
    const v = await one(short, { check: 'vif' });
    expect(v).toMatchObject({ status: 'inconclusive', sampleSizes: { n: 3, columns: 2 } });
  });
});

describe('drift', () => {
  function normalTable(seed: number, n: number, shift = 0): Table {
    const rng = createRandom(seed);
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = rng.normal() + shift;
    return createTable([float64Column('x', x)]);
  }
  const reference = normalTable(1, 400);
  const withReference = (ref: Table | DatasetProfile) => ({ loadReference: async () => ref });
  const spec = { check: 'drift', reference: 'ref.csv' };

  it('passes when the data come from the reference distribution', async () => {
    const v = await one(normalTable(2, 300), spec, withReference(reference));
    expect(v).toMatchObject({
      status: 'pass',
      value: 0,
      threshold: 0.5,
      comparison: '<',
      sampleSizes: { reference: 400, current: 300 },
    });
  });

  it('fails (or warns) when the data shifted, from a table or a saved profile', async () => {
    const shifted = normalTable(2, 300, 1);
    const v = await one(shifted, spec, withReference(reference));
    expect(v).toMatchObject({ status: 'fail', value: 1 });
    const warn = await one(shifted, { ...spec, severity: 'warn' }, withReference(profileTable(reference)));
    expect(warn).toMatchObject({ status: 'warn', value: 1 });
  });

  it('throws COLUMN_NOT_FOUND for a column the reference lacks', async () => {
    await expect(
      one(normalTable(2, 50), { ...spec, columns: ['nope'] }, withReference(reference)),
    ).rejects.toMatchObject({ code: 'COLUMN_NOT_FOUND' });
  });

  it('is inconclusive with fewer than 30 rows, saying what would decide it', async () => {
    const v = await one(normalTable(2, 20), spec, withReference(reference));
    expect(v).toMatchObject({ status: 'inconclusive', sampleSizes: { reference: 400, current: 20 } });
    expect(v.decideBy).toMatch(/30/);
  });
});

describe('required_analyses', () => {
  const table = createTable([num('x', [1, 2, 3]), text('c', ['a', 'b', 'a'])]);
  const other = createTable([num('x', [1, 2, 4]), text('c', ['a', 'b', 'a'])]);
  const all = { check: 'required_analyses', analyses: ['profile', 'checks', 'drift', 'split'] };

  it('fails listing exactly what is missing', async () => {
    const v = await one(table, all);
    expect(v).toMatchObject({ status: 'fail', value: 0, threshold: 4, comparison: '>=' });
    expect(v.details?.present).toEqual([]);
    expect(v.details?.missing).toEqual([
      'profile (not computed in this run and no saved profile given)',
      'checks (no other check ran)',
      'drift (no drift check in this run)',
      'split (no split in this run)',
    ]);
  });

  it('passes when every analysis is present, and runs after the other checks', async () => {
    const analyses = new Map<AnalysisName, 'pass' | 'fail'>([
      ['profile', 'pass'],
      ['split', 'pass'],
    ]);
    const rng = createRandom(9);
    const big = createTable([
      float64Column(
        'x',
        Float64Array.from({ length: 60 }, () => rng.normal()),
      ),
    ]);
    const verdicts = await run(big, [all, { check: 'drift', reference: 'ref.csv' }], {
      analyses,
      loadReference: async () => big,
    });
    expect(verdicts.map((v) => v.kind)).toEqual(['drift', 'required_analyses']);
    expect(verdicts[1]).toMatchObject({ status: 'pass', value: 4 });
    expect(verdicts[1]!.details?.missing).toEqual([]);
  });

  it('reports failed checks, an inconclusive drift and a failed split', async () => {
    const verdicts = await run(
      table,
      [
        { ...all, analyses: ['checks', 'drift', 'split'], severity: 'warn' },
        { check: 'not_null', column: 'x' },
        { check: 'range', column: 'x', max: 2 },
        { check: 'drift', reference: 'ref.csv' },
      ],
      { analyses: new Map([['split', 'fail']]), loadReference: async () => table },
    );
    const v = verdicts.at(-1)!;
    expect(v).toMatchObject({ status: 'warn', value: 0, threshold: 3 });
    expect(v.details?.missing).toEqual([
      'checks (1 check(s) failed)',
      'drift (the drift check was inconclusive)',
      'split (the split validation failed)',
    ]);
  });

  it('accepts a saved profile only when its content hash matches the data', async () => {
    const spec = { check: 'required_analyses', analyses: ['profile'], profile: 'saved.json' };
    const match = await one(table, spec, { loadProfile: async () => profileTable(table) });
    expect(match).toMatchObject({ status: 'pass', value: 1, threshold: 1 });
    const mismatch = await one(table, spec, { loadProfile: async () => profileTable(other) });
    expect(mismatch.status).toBe('fail');
    expect(mismatch.details?.missing).toEqual([
      'profile (the profile saved.json is of other data (content hash differs; a profile saved before content hash format v3 differs too: profile the data again))',
    ]);
  });
});

describe('configuration errors', () => {
  const table = createTable([num('x', [1, 2, 3]), text('name', ['a', 'b', 'c'])]);

  async function codeOf(spec: object): Promise<string> {
    try {
      await run(table, [spec]);
    } catch (e) {
      expect(e).toBeInstanceOf(VigieError);
      return (e as VigieError).code;
    }
    throw new Error('expected an error');
  }

  it.each([
    { check: 'type', column: 'nope', expected: 'numeric' },
    { check: 'missing', column: 'nope' },
    { check: 'not_null', columns: ['x', 'nope'] },
    { check: 'range', column: 'nope', min: 0 },
    { check: 'allowed_values', column: 'nope', values: ['a'] },
    { check: 'regex', column: 'nope', pattern: 'a' },
    { check: 'unique', column: 'nope' },
    { check: 'duplicates', columns: ['nope'] },
    { check: 'outliers', column: 'nope' },
    { check: 'correlation', columns: ['x', 'nope'] },
    { check: 'vif', columns: ['x', 'nope'] },
  ])('a check naming a missing column throws COLUMN_NOT_FOUND ($check)', async (spec) => {
    expect(await codeOf(spec)).toBe('COLUMN_NOT_FOUND');
  });

  it.each([
    { check: 'range', column: 'name', min: 0 },
    { check: 'outliers', column: 'name' },
    { check: 'outliers', columns: ['x', 'name'], method: 'isolation_forest' },
    { check: 'correlation', columns: ['x', 'name'] },
    { check: 'correlation', columns: ['x', 'name'], target: 'name' },
    { check: 'vif', columns: ['x', 'name'] },
  ])('a numeric check on a text column throws TYPE_MISMATCH ($check)', async (spec) => {
    expect(await codeOf(spec)).toBe('TYPE_MISMATCH');
  });

  it('reports progress once per check', async () => {
    const seen: Array<[number, number]> = [];
    await runChecks(
      [checkSchema.parse({ check: 'row_count', min: 1 }), checkSchema.parse({ check: 'duplicates' })],
      ctxFor(table),
      (done, total) => seen.push([done, total]),
    );
    expect(seen).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });
});
