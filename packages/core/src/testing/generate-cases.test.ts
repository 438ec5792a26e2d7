import { describe, expect, it } from 'vitest';
import { boolColumn, createTable, dictColumnFromStrings, float64Column } from '../table/index.js';
import { MISSING_FIELD } from './column-cases.js';
import { generateCases } from './generate-cases.js';
import { rowsTable, serializeRows, tableRows } from './rows.js';

const table = createTable(
  [
    float64Column('length', Float64Array.from([39.1, 40.3, Number.NaN, 46.5, 50.2, 38.8])),
    float64Column('count', Float64Array.from([1, 2, 3, 4, 5, 6]), 'integer'),
    dictColumnFromStrings('island', ['Dream', 'Biscoe', 'Dream', null, 'Torgersen', 'Biscoe']),
    dictColumnFromStrings('species', ['A', 'B', 'A', 'C', 'B', 'A']),
  ],
  'fixture.csv',
);

describe('generateCases', () => {
  const cases = generateCases(table, {
    exclude: ['species'],
    nominalRows: 3,
    largeBatchRows: 50,
    longStringLength: 500,
  });
  const byName = new Map(cases.map((c) => [c.name, c]));

  it('gives every case a unique name, what it exercises and expected outcomes', () => {
    expect(byName.size).toBe(cases.length);
    for (const c of cases) {
      expect(c.exercises.length).toBeGreaterThan(5);
      expect(c.expect.length).toBeGreaterThan(0);
    }
  });

  it('takes nominal cases from complete real rows only, without the excluded columns', () => {
    const nominal = cases.filter((c) => c.nominal);
    expect(nominal.map((c) => c.name)).toEqual([
      'nominal:row-1',
      'nominal:row-5',
      'nominal:row-6',
      'nominal:batch',
    ]);
    expect(nominal.every((c) => c.expect.join() === 'succeed')).toBe(true);
    expect(nominal[0]!.rows[0]).toEqual({ length: 39.1, count: 1, island: 'Dream' });
  });

  it('changes one value of a real row per abnormal case, per the column type and profile', () => {
    expect(Number.isNaN(byName.get('nan:length')!.rows[0]!.length)).toBe(true);
    expect(byName.get('infinity:length')!.rows[0]!.length).toBe(Number.POSITIVE_INFINITY);
    // Observed range 38.8..50.2: 10 spans beyond either end, the span being max(range, |max|, 1).
    expect(byName.get('below-range:length')!.rows[0]!.length).toBeCloseTo(38.8 - 10 * 50.2, 9);
    expect(byName.get('above-range:length')!.rows[0]!.length).toBeCloseTo(50.2 + 10 * 50.2, 9);
    expect(byName.get('fractional:count')!.rows[0]!.count).toBe(1.5);
    expect(byName.has('fractional:length')).toBe(false);
    expect(byName.get('unseen-category:island')!.rows[0]!.island).toBe('__vigie_unseen__');
    expect(byName.get('long-string:island')!.rows[0]!.island).toHaveLength(500);
    expect(byName.get('case-variant:island')!.rows[0]!.island).toBe('DREAM');
    expect('island' in byName.get('missing-field:island')!.rows[0]!).toBe(false);
    expect(byName.get('null:island')!.rows[0]).toEqual({ length: 39.1, count: 1, island: null });
    expect(byName.get('wrong-type-string:length')!.invalid).toBe(true);
    expect(byName.get('null:length')!.invalid).toBe(false);
  });

  it('adds batch and envelope cases', () => {
    expect(byName.get('empty-batch')!.rows).toEqual([]);
    expect(byName.get('large-batch')!.rows).toHaveLength(50);
    expect(byName.get('duplicated-rows')!.rows).toHaveLength(3);
    expect(Object.keys(byName.get('extra-field')!.rows[0]!)).toContain('__vigie_extra__');
    expect(byName.get('mixed-batch')!.abnormalRows).toEqual([3]);
    const envelope = cases.filter((c) => c.httpOnly);
    expect(envelope.map((c) => c.name)).toEqual([
      'invalid-json',
      'no-rows',
      'rows-not-list',
      'row-not-object',
      'body-not-object',
    ]);
    expect(envelope.every((c) => c.expect.join() === 'reject')).toBe(true);
  });

  it('is deterministic for a seed and changes with it', () => {
    const again = generateCases(table, {
      exclude: ['species'],
      nominalRows: 3,
      largeBatchRows: 50,
      longStringLength: 500,
    });
    expect(JSON.stringify(serializeRows(again.flatMap((c) => c.rows)))).toBe(
      JSON.stringify(serializeRows(cases.flatMap((c) => c.rows))),
    );
    const other = generateCases(table, { exclude: ['species'], nominalRows: 3, seed: 7, largeBatchRows: 50 });
    expect(other.filter((c) => c.nominal).map((c) => c.name)).not.toEqual(
      cases.filter((c) => c.nominal).map((c) => c.name),
    );
  });

  it('has cases for boolean and datetime columns, datetimes sent as ISO text', () => {
    const t = createTable([
      boolColumn('member', Uint8Array.from([1, 0])),
      float64Column('seen', Float64Array.from([Date.UTC(2024, 0, 2), Date.UTC(2024, 5, 1)]), 'datetime'),
    ]);
    const c = generateCases(t, { nominalRows: 1, largeBatchRows: 2 });
    expect(c[0]!.rows[0]).toEqual({ member: true, seen: '2024-01-02T00:00:00.000Z' });
    expect(c.filter((x) => x.column === 'member').map((x) => x.kind)).toEqual([
      'null',
      'missing-field',
      'wrong-type-string',
      'wrong-type-number',
    ]);
    expect(c.filter((x) => x.column === 'seen').map((x) => x.kind)).toEqual([
      'null',
      'missing-field',
      'invalid-date',
      'far-future',
      'epoch',
    ]);
  });

  it('refuses data without a complete row', () => {
    const empty = createTable([float64Column('x', Float64Array.from([Number.NaN]))], 'empty.csv');
    expect(() => generateCases(empty)).toThrow(/empty.csv: no row has every one of x/);
  });
});

describe('rows', () => {
  it('serializes non-finite numbers as the bare tokens a Python client sends', () => {
    const text = serializeRows([
      { a: Number.NaN, b: Number.POSITIVE_INFINITY, c: Number.NEGATIVE_INFINITY, d: 'NaN', e: undefined },
    ]);
    expect(text).toBe('{"rows":[{"a":NaN,"b":Infinity,"c":-Infinity,"d":"NaN"}]}');
  });

  it('turns rows back into a typed table (what does not fit is missing)', () => {
    const rows = tableRows(table);
    const back = rowsTable(
      [...rows, { length: 'abc', count: true, island: 42 }],
      [
        { name: 'length', type: 'numeric' },
        { name: 'count', type: 'integer' },
        { name: 'island', type: 'categorical' },
      ],
    );
    expect(back.rowCount).toBe(7);
    const length = back.columns[0]!;
    expect(length.storage === 'float64' && Array.from(length.values)).toEqual([
      39.1,
      40.3,
      Number.NaN,
      46.5,
      50.2,
      38.8,
      Number.NaN,
    ]);
    expect(MISSING_FIELD.toString()).toBe('Symbol(missing field)');
  });
});
