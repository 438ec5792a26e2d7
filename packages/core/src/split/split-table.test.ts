import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VigieError } from '../errors/index.js';
import { createRandom } from '../random/index.js';
import {
  createTable,
  dictColumnFromStrings,
  float64Column,
  formatValue,
  getColumn,
  type Table,
  takeRows,
} from '../table/index.js';
import { apportion, type Ratios, SPLIT_NAMES, type SplitName } from './assign.js';
import { findLeakage, type LeakageFinding } from './leakage.js';
import { splitTable } from './split-table.js';

/** A table of `n` rows: a unique row id (type id), a label with three classes, two features. */
function dataset(n: number, seed = 1): Table {
  const rng = createRandom(seed);
  const labels = ['setosa', 'versicolor', 'virginica'];
  return createTable([
    dictColumnFromStrings(
      'rid',
      Array.from({ length: n }, (_, i) => `r${i}`),
      'id',
    ),
    dictColumnFromStrings(
      'label',
      Array.from({ length: n }, () => labels[rng.int(labels.length)]!),
    ),
    float64Column(
      'x',
      Float64Array.from({ length: n }, () => rng.normal()),
    ),
    float64Column(
      'y',
      Float64Array.from({ length: n }, () => rng.normal() * 3 + 10),
    ),
  ]);
}

function textValues(table: Table, name: string): string[] {
  const col = getColumn(table, name);
  return Array.from({ length: table.rowCount }, (_, i) => formatValue(col, i) ?? '');
}

/** Split of each value of `column` (the column must be unique per row). */
function splitOfValues(parts: Record<SplitName, Table>, column: string): Map<string, SplitName> {
  const out = new Map<string, SplitName>();
  for (const name of SPLIT_NAMES) for (const v of textValues(parts[name], column)) out.set(v, name);
  return out;
}

/** Split index of each input row, from the unique `rid` column ("r<row>"). */
function splitIndexOfRows(parts: Record<SplitName, Table>, n: number): Uint8Array {
  const out = new Uint8Array(n);
  SPLIT_NAMES.forEach((name, s) => {
    for (const v of textValues(parts[name], 'rid')) out[Number(v.slice(1))] = s;
  });
  return out;
}

/** Rows (0-based) of split b whose values of `columns` also occur in split a: leakage by brute force. */
function bruteLeaks(table: Table, splitOf: Uint8Array, columns: string[], a: number, b: number): number[] {
  const cols = columns.map((c) => getColumn(table, c));
  const keyOf = (i: number) => JSON.stringify(cols.map((c) => formatValue(c, i)));
  const seen = new Set<string>();
  for (let i = 0; i < table.rowCount; i++) if (splitOf[i] === a) seen.add(keyOf(i));
  const out: number[] = [];
  for (let i = 0; i < table.rowCount; i++) if (splitOf[i] === b && seen.has(keyOf(i))) out.push(i);
  return out;
}

function expectLeaks(
  findings: LeakageFinding[],
  table: Table,
  splitOf: Uint8Array,
  kind: LeakageFinding['kind'],
  columns: string[],
): void {
  const expected = [
    [0, 1],
    [0, 2],
    [1, 2],
  ].flatMap(([a, b]) => {
    const rows = bruteLeaks(table, splitOf, columns, a!, b!);
    return rows.length === 0 ? [] : [{ between: [SPLIT_NAMES[a!], SPLIT_NAMES[b!]], rows }];
  });
  const found = findings.filter((f) => f.kind === kind);
  expect(found.map((f) => ({ between: f.between, rows: f.rows }))).toEqual(
    expected.map((e) => ({ between: e.between, rows: e.rows.length })),
  );
  found.forEach((f, k) => {
    expect(f.examples.map((e) => e.row)).toEqual(expected[k]!.rows.slice(0, 5).map((i) => i + 1));
  });
}

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(VigieError);
    return (e as VigieError).code;
  }
  throw new Error('expected an error');
}

describe('splitTable: determinism and ratios', () => {
  const table = dataset(500);

  it('gives the same membership and rows for a seed, other memberships for another seed', () => {
    const a = splitTable(table, { label: 'label', seed: 7 });
    const b = splitTable(table, { label: 'label', seed: 7 });
    const c = splitTable(table, { label: 'label', seed: 8 });
    expect(b.result.splits).toEqual(a.result.splits);
    for (const name of SPLIT_NAMES)
      expect(textValues(b.parts[name], 'rid')).toEqual(textValues(a.parts[name], 'rid'));
    expect(c.result.splits.map((s) => s.membershipHash)).not.toEqual(
      a.result.splits.map((s) => s.membershipHash),
    );
    expect(a.result).toMatchObject({ seed: 7, rows: 500, method: 'stratified-shuffle', label: 'label' });
  });

  it('gives the same membership hashes for a key and a seed, others for another seed', () => {
    const a = splitTable(table, { key: 'rid', seed: 3 });
    const b = splitTable(table, { key: 'rid', seed: 3 });
    expect(b.result.splits.map((s) => s.membershipHash)).toEqual(
      a.result.splits.map((s) => s.membershipHash),
    );
    expect(splitTable(table, { key: 'rid', seed: 4 }).result.splits).not.toEqual(a.result.splits);
  });

  it('splits every row once, in the apportioned counts (default 80/10/10)', () => {
    const { parts, result } = splitTable(table);
    expect(result.ratios).toEqual({ train: 0.8, validation: 0.1, test: 0.1 });
    expect(result.method).toBe('shuffle');
    expect(SPLIT_NAMES.map((s) => parts[s].rowCount)).toEqual([400, 50, 50]);
    expect(result.splits.map((s) => s.share)).toEqual([0.8, 0.1, 0.1]);
    const all = SPLIT_NAMES.flatMap((s) => textValues(parts[s], 'rid')).sort();
    expect(all).toEqual(textValues(table, 'rid').sort());
  });

  it('respects other ratios within one row', () => {
    const ratios: Ratios = { train: 0.7, validation: 0.2, test: 0.1 };
    const { parts } = splitTable(dataset(333), { ratios });
    expect(SPLIT_NAMES.map((s) => parts[s].rowCount)).toEqual(apportion(333, ratios));
    for (const s of SPLIT_NAMES) expect(Math.abs(parts[s].rowCount - 333 * ratios[s])).toBeLessThan(1);
  });
});

describe('splitTable: stratification', () => {
  it('keeps every class within one row of total·ratio (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }),
        fc.tuple(fc.integer({ min: 1, max: 10 }), fc.nat(10), fc.nat(10)),
        fc.nat(1000),
        (sizes, [a, b, c], seed) => {
          const ratios: Ratios = {
            train: a / (a + b + c),
            validation: b / (a + b + c),
            test: c / (a + b + c),
          };
          const labels = sizes.flatMap((size, k) => Array.from({ length: size }, () => `class${k}`));
          const t = createTable([
            dictColumnFromStrings('label', labels),
            float64Column(
              'x',
              Float64Array.from(labels, (_, i) => i),
            ),
          ]);
          const { parts, result } = splitTable(t, { label: 'label', ratios, seed });
          const strat = result.stratification!;
          expect(strat.classes).toHaveLength(sizes.length);
          for (const cls of strat.classes) {
            for (const s of SPLIT_NAMES)
              expect(Math.abs(cls.counts[s] - cls.total * ratios[s])).toBeLessThan(1 + 1e-9);
          }
          // The reported counts are the counts in the parts.
          sizes.forEach((size, k) => {
            const inParts = SPLIT_NAMES.map(
              (s) => textValues(parts[s], 'label').filter((v) => v === `class${k}`).length,
            );
            expect(inParts.reduce((x, y) => x + y, 0)).toBe(size);
            const cls = strat.classes.find((c) => c.value === `class${k}`)!;
            expect(inParts).toEqual(SPLIT_NAMES.map((s) => cls.counts[s]));
          });
          const verdict = result.verdicts.find((v) => v.check === 'split:stratification')!;
          expect(verdict.status).toBe('pass');
          expect(verdict.value).toBe(strat.maxDeviation);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('reports class deviations without a pass/fail threshold when a key decides', () => {
    const { result } = splitTable(dataset(300), { label: 'label', key: 'rid' });
    expect(result.method).toBe('key-hash');
    const verdict = result.verdicts.find((v) => v.check === 'split:stratification')!;
    expect(verdict).toMatchObject({ status: 'pass', threshold: null });
  });
});

describe('splitTable: stability when rows are appended', () => {
  it('every original key keeps its split (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 10 }), { minLength: 2, maxLength: 150 }),
        fc.nat(),
        fc.nat(1000),
        (keys, cut, seed) => {
          const n = 1 + (cut % (keys.length - 1));
          const rng = createRandom(seed);
          const whole = createTable([
            dictColumnFromStrings('key', keys, 'id'),
            float64Column(
              'x',
              Float64Array.from(keys, () => rng.normal()),
            ),
          ]);
          const first = takeRows(
            whole,
            Uint32Array.from({ length: n }, (_, i) => i),
          );
          const before = splitOfValues(splitTable(first, { key: 'key', seed }).parts, 'key');
          const after = splitOfValues(splitTable(whole, { key: 'key', seed }).parts, 'key');
          expect(before.size).toBe(n);
          for (const [k, s] of before) expect(after.get(k)).toBe(s);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('also for numeric keys and with a label present', () => {
    const table = createTable([
      float64Column(
        'id',
        Float64Array.from({ length: 400 }, (_, i) => 1000 + i),
        'integer',
      ),
      dictColumnFromStrings(
        'label',
        Array.from({ length: 400 }, (_, i) => (i % 4 === 0 ? 'yes' : 'no')),
      ),
    ]);
    const first = takeRows(
      table,
      Uint32Array.from({ length: 250 }, (_, i) => i),
    );
    const before = splitOfValues(splitTable(first, { key: 'id', label: 'label' }).parts, 'id');
    const after = splitOfValues(splitTable(table, { key: 'id', label: 'label' }).parts, 'id');
    for (const [k, s] of before) expect(after.get(k)).toBe(s);
  });
});

describe('splitTable: groups', () => {
  it('keeps every group in one split', () => {
    const n = 600;
    const groups = Array.from({ length: n }, (_, i) => `patient-${(i * 7) % 45}`);
    const table = createTable([
      dictColumnFromStrings('patient', groups, 'id'),
      float64Column(
        'x',
        Float64Array.from({ length: n }, (_, i) => Math.sin(i)),
      ),
    ]);
    const { parts, result } = splitTable(table, { group: 'patient', seed: 5 });
    expect(result.method).toBe('group-hash');
    const home = new Map<string, SplitName>();
    for (const s of SPLIT_NAMES) {
      for (const g of textValues(parts[s], 'patient')) {
        expect(home.get(g) ?? s).toBe(s);
        home.set(g, s);
      }
    }
    expect(home.size).toBe(45);
    expect(new Set(home.values()).size).toBeGreaterThan(1);
    expect(result.leakage.filter((l) => l.kind === 'shared-group')).toEqual([]);
  });
});

describe('splitTable: leakage', () => {
  it('reports nothing when no row, key or id is shared', () => {
    const { result } = splitTable(dataset(300), { label: 'label', seed: 2 });
    expect(result.leakage).toEqual([]);
    const verdict = result.verdicts.find((v) => v.check === 'split:leakage')!;
    expect(verdict).toMatchObject({ status: 'pass', value: 0, threshold: 0 });
  });

  it('finds planted duplicate feature rows across splits (row ids and keys ignored)', () => {
    const base = dataset(200, 4);
    // Rows 200..239 copy the features of rows 0..39 under new row ids.
    const copies = takeRows(
      base,
      Uint32Array.from({ length: 40 }, (_, i) => i),
    );
    const table = createTable([
      dictColumnFromStrings(
        'rid',
        Array.from({ length: 240 }, (_, i) => `r${i}`),
        'id',
      ),
      ...['label', 'x', 'y'].map((c) => {
        const a = getColumn(base, c);
        const b = getColumn(copies, c);
        return a.storage === 'float64' && b.storage === 'float64'
          ? { ...a, values: Float64Array.from([...a.values, ...b.values]) }
          : dictColumnFromStrings(c, [...textValues(base, c), ...textValues(copies, c)]);
      }),
    ]);
    const { parts, result } = splitTable(table, { label: 'label', seed: 9 });
    const splitOf = splitIndexOfRows(parts, 240);
    expectLeaks(result.leakage, table, splitOf, 'duplicate-rows', ['label', 'x', 'y']);
    const found = result.leakage.filter((l) => l.kind === 'duplicate-rows');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.column === null)).toBe(true);
    expect(result.leakage.filter((l) => l.kind !== 'duplicate-rows')).toEqual([]);
    const verdict = result.verdicts.find((v) => v.check === 'split:leakage')!;
    expect(verdict.status).toBe('fail');
    expect(verdict.value).toBe(found.reduce((s, f) => s + f.rows, 0));
    expect(verdict.reason).toMatch(/identical rows between/);
  });

  it('finds id values shared across splits when a key assigns rows', () => {
    const base = dataset(300, 6);
    const users = Array.from({ length: 300 }, (_, i) => `user-${i % 60}`);
    const table = createTable([...base.columns, dictColumnFromStrings('user', users, 'id')]);
    const { parts, result } = splitTable(table, { key: 'rid', seed: 1 });
    expect(result.method).toBe('key-hash');
    const splitOf = splitIndexOfRows(parts, 300);
    expectLeaks(result.leakage, table, splitOf, 'shared-id', ['user']);
    const found = result.leakage.filter((l) => l.kind === 'shared-id');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.column === 'user')).toBe(true);
    expect(found[0]!.examples[0]!.value).toBe(users[found[0]!.examples[0]!.row - 1]);
    // Keys are unique per row here, so they cannot be shared.
    expect(result.leakage.filter((l) => l.kind === 'shared-key')).toEqual([]);
    expect(result.verdicts.find((v) => v.check === 'split:leakage')!.status).toBe('fail');
  });

  it('finds shared group and key values in an assignment that splits them (findLeakage)', () => {
    // splitTable never splits a group or a key (their hash decides), so the finder is tested directly.
    const table = createTable([
      dictColumnFromStrings('key', ['k1', 'k2', 'k1', 'k3', null, null], 'id'),
      dictColumnFromStrings('group', ['g1', 'g2', 'g2', 'g1', 'g3', 'g3'], 'id'),
      float64Column('x', Float64Array.from([1, 2, 3, 4, 5, 6])),
    ]);
    const [key, group] = table.columns;
    const splitOf = Uint8Array.from([0, 0, 1, 2, 1, 2]);
    const found = findLeakage(table, splitOf, { key: key!, group: group! });
    expect(found).toEqual([
      {
        kind: 'shared-key',
        column: 'key',
        between: ['train', 'validation'],
        rows: 1,
        examples: [{ row: 3, value: 'k1' }],
      },
      {
        kind: 'shared-group',
        column: 'group',
        between: ['train', 'validation'],
        rows: 1,
        examples: [{ row: 3, value: 'g2' }],
      },
      {
        kind: 'shared-group',
        column: 'group',
        between: ['train', 'test'],
        rows: 1,
        examples: [{ row: 4, value: 'g1' }],
      },
      {
        kind: 'shared-group',
        column: 'group',
        between: ['validation', 'test'],
        rows: 1,
        examples: [{ row: 6, value: 'g3' }],
      },
    ]);
    // Rows 5 and 6 lack a key: a missing key in two splits is not a shared key (their group g3 is).
    expect(findLeakage(table, Uint8Array.from([0, 0, 0, 0, 1, 1]), { key: key!, group: group! })).toEqual([]);
  });
});

describe('splitTable: representativeness', () => {
  it('passes each split of a shuffled table', () => {
    const { result } = splitTable(dataset(600, 3), {
      ratios: { train: 0.6, validation: 0.2, test: 0.2 },
      seed: 1,
    });
    expect(result.representativeness.map((r) => r.split)).toEqual(['train', 'validation', 'test']);
    const verdicts = result.verdicts.filter((v) => v.check.startsWith('split:representative:'));
    expect(verdicts.map((v) => v.status)).toEqual(['pass', 'pass', 'pass']);
    // Features are compared, the row id is not.
    expect(result.representativeness[0]!.drift.columns.map((c) => c.name)).toEqual(['label', 'x', 'y']);
    expect(verdicts[1]!.sampleSizes).toEqual({ split: 120, rest: 480 });
  });

  it('flags a split made unrepresentative by assigning whole groups that follow a feature', () => {
    // Four groups of 150 rows; x is centred on 10·group, so a split holding some groups but not
    // others sees a different distribution of x than the rest.
    const rng = createRandom(8);
    const n = 600;
    const group = Array.from({ length: n }, (_, i) => `g${i % 4}`);
    const table = createTable([
      dictColumnFromStrings('group', group, 'id'),
      float64Column(
        'x',
        Float64Array.from({ length: n }, (_, i) => 10 * (i % 4) + rng.normal()),
      ),
    ]);
    const { parts, result } = splitTable(table, {
      group: 'group',
      ratios: { train: 0.5, validation: 0.25, test: 0.25 },
      seed: 2,
    });
    const nonEmpty = SPLIT_NAMES.filter((s) => parts[s].rowCount > 0);
    expect(nonEmpty.length).toBeGreaterThan(1);
    const verdicts = result.verdicts.filter((v) => v.check.startsWith('split:representative:'));
    expect(verdicts).toHaveLength(nonEmpty.length);
    for (const v of verdicts) {
      expect(v.status).toBe('fail');
      expect(v.reason).toMatch(/x/);
    }
    for (const r of result.representativeness) {
      expect(r.drift.columns.map((c) => [c.name, c.drift])).toEqual([['x', true]]);
    }
  });

  it('is inconclusive for a split too small to compare', () => {
    const { result } = splitTable(dataset(100, 5), { seed: 1 });
    const v = result.verdicts.find((x) => x.check === 'split:representative:test')!;
    expect(v).toMatchObject({ status: 'inconclusive', sampleSizes: { split: 10, rest: 90 } });
    expect(v.decideBy).toMatch(/30 rows/);
  });
});

describe('splitTable: bad input', () => {
  const table = dataset(20);

  it('refuses ratios that do not sum to 1 or are negative', () => {
    expect(errorCode(() => splitTable(table, { ratios: { train: 0.8, validation: 0.1, test: 0.2 } }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(errorCode(() => splitTable(table, { ratios: { train: 1.2, validation: -0.1, test: -0.1 } }))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(
      errorCode(() => splitTable(table, { ratios: { train: Number.NaN, validation: 0.5, test: 0.5 } })),
    ).toBe('INVALID_ARGUMENT');
  });

  it('refuses an empty table', () => {
    const empty = takeRows(table, new Uint32Array(0));
    expect(errorCode(() => splitTable(empty))).toBe('EMPTY_INPUT');
  });

  it('names a missing label, key or group column', () => {
    expect(errorCode(() => splitTable(table, { label: 'nope' }))).toBe('COLUMN_NOT_FOUND');
    expect(errorCode(() => splitTable(table, { key: 'nope' }))).toBe('COLUMN_NOT_FOUND');
    expect(errorCode(() => splitTable(table, { group: 'nope' }))).toBe('COLUMN_NOT_FOUND');
  });

  it('splits a single row into one split', () => {
    const { parts, result } = splitTable(dataset(1), { label: 'label' });
    expect(SPLIT_NAMES.map((s) => parts[s].rowCount)).toEqual([1, 0, 0]);
    expect(result.representativeness).toEqual([]);
  });
});
