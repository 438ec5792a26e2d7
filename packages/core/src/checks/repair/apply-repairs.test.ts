import { describe, expect, it } from 'vitest';
import type { RepairRule } from '../../config-schema/index.js';
import { VigieError } from '../../errors/index.js';
import {
  BOOL_MISSING,
  boolColumn,
  type Column,
  createTable,
  dictColumnFromStrings,
  float64Column,
  formatValue,
  getColumn,
  type Table,
} from '../../table/index.js';
import { applyRepairs } from './apply-repairs.js';

const nan = Number.NaN;
const num = (name: string, values: number[]) => float64Column(name, Float64Array.from(values));
const text = (name: string, values: Array<string | null>) => dictColumnFromStrings(name, values);
const bool = (name: string, values: number[]) => boolColumn(name, Uint8Array.from(values));

/** A column's values as plain text (null when missing), for readable expectations. */
function valuesOf(table: Table, name: string): Array<string | null> {
  const col: Column = getColumn(table, name);
  return Array.from({ length: table.rowCount }, (_, i) => formatValue(col, i));
}

function sample(): Table {
  return createTable([
    num('x', [1, nan, 3, 100, 5, nan]),
    text('c', ['a', null, 'b', 'b', 'zz', 'a']),
    bool('f', [1, BOOL_MISSING, 0, 1, BOOL_MISSING, 0]),
  ]);
}

/** A deep copy of every column's buffer, to show the input is left untouched. */
function snapshot(table: Table): unknown[] {
  return table.columns.map((c) =>
    c.storage === 'dict' ? [Array.from(c.codes), [...c.dictionary]] : Array.from(c.values),
  );
}

function errorOf(fn: () => unknown): VigieError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(VigieError);
    return e as VigieError;
  }
  throw new Error('expected an error');
}

describe('exclude', () => {
  it('removes rows with a missing value and records the row counts', () => {
    const { table, transformations } = applyRepairs(sample(), [
      { action: 'exclude', when: { column: 'x', is_missing: true } },
    ]);
    expect(valuesOf(table, 'x')).toEqual(['1', '3', '100', '5']);
    expect(valuesOf(table, 'c')).toEqual(['a', 'b', 'b', 'zz']);
    expect(transformations).toEqual([
      {
        name: 'exclude:x:is_missing',
        action: 'exclude',
        column: 'x',
        parameters: { when: { column: 'x', is_missing: true } },
        rowsIn: 6,
        rowsOut: 4,
        affected: 2,
      },
    ]);
  });

  it('removes values outside a range, keeping missing ones and catching infinities', () => {
    const t = createTable([num('x', [1, nan, -5, 100, Number.POSITIVE_INFINITY, 5])]);
    const { table, transformations } = applyRepairs(t, [
      { action: 'exclude', when: { column: 'x', outside: { min: 0, max: 10 } } },
    ]);
    expect(valuesOf(table, 'x')).toEqual(['1', null, '5']);
    expect(transformations[0]).toMatchObject({
      name: 'exclude:x:outside[0,10]',
      rowsIn: 6,
      rowsOut: 3,
      affected: 3,
    });
  });

  it('removes values not in a list or not matching a pattern, keeping missing ones', () => {
    const notIn = applyRepairs(sample(), [{ action: 'exclude', when: { column: 'c', not_in: ['a', 'b'] } }]);
    expect(valuesOf(notIn.table, 'c')).toEqual(['a', null, 'b', 'b', 'a']);
    expect(notIn.transformations[0]).toMatchObject({ name: 'exclude:c:not_in', affected: 1 });

    const notMatching = applyRepairs(sample(), [
      { action: 'exclude', name: 'short codes', when: { column: 'c', not_matching: '[a-z]' } },
    ]);
    expect(valuesOf(notMatching.table, 'c')).toEqual(['a', null, 'b', 'b', 'a']);
    expect(notMatching.transformations[0]).toMatchObject({ name: 'short codes', rowsOut: 5, affected: 1 });

    const numbers = applyRepairs(sample(), [{ action: 'exclude', when: { column: 'x', not_in: [1, 3, 5] } }]);
    expect(valuesOf(numbers.table, 'x')).toEqual(['1', null, '3', '5', null]);
    const booleans = applyRepairs(sample(), [{ action: 'exclude', when: { column: 'f', not_in: [true] } }]);
    expect(valuesOf(booleans.table, 'f')).toEqual(['true', null, 'true', null]);
  });

  it.each(['zscore', 'robust_zscore', 'iqr'] as const)('removes %s outliers', (method) => {
    const t = createTable([num('x', [...Array.from({ length: 20 }, (_, i) => i), 1000, nan])]);
    const { table, transformations } = applyRepairs(t, [
      { action: 'exclude', when: { column: 'x', outlier: { method } } },
    ]);
    expect(table.rowCount).toBe(21);
    expect(valuesOf(table, 'x')).not.toContain('1000');
    expect(valuesOf(table, 'x')).toContain(null);
    expect(transformations[0]).toMatchObject({
      name: `exclude:x:outlier:${method}`,
      rowsIn: 22,
      rowsOut: 21,
      affected: 1,
    });
  });

  it.each(['robust_zscore', 'iqr'] as const)('removes ±Infinity as a %s outlier', (method) => {
    const t = createTable([num('x', [...Array.from({ length: 20 }, (_, i) => i), Number.NEGATIVE_INFINITY])]);
    const { table } = applyRepairs(t, [{ action: 'exclude', when: { column: 'x', outlier: { method } } }]);
    expect(table.rowCount).toBe(20);
    expect(valuesOf(table, 'x')).not.toContain('-Infinity');
  });

  it('removes nothing as outliers from an all-missing column', () => {
    const t = createTable([num('x', [nan, nan])]);
    const { table, transformations } = applyRepairs(t, [
      { action: 'exclude', when: { column: 'x', outlier: { method: 'zscore' } } },
    ]);
    expect(table.rowCount).toBe(2);
    expect(transformations[0]!.affected).toBe(0);
  });

  it('an outlier threshold moves the fences', () => {
    const t = createTable([num('x', [...Array.from({ length: 20 }, (_, i) => i), 40])]);
    const loose = applyRepairs(t, [{ action: 'exclude', when: { column: 'x', outlier: { method: 'iqr' } } }]);
    expect(loose.transformations[0]!.affected).toBe(1);
    const lenient = applyRepairs(t, [
      { action: 'exclude', when: { column: 'x', outlier: { method: 'iqr', threshold: 10 } } },
    ]);
    expect(lenient.transformations[0]!.affected).toBe(0);
    expect(lenient.table.rowCount).toBe(21);
  });

  it('removes rows identical to an earlier row, keeping the first', () => {
    const t = createTable([num('x', [1, 2, 1, 1, 2]), text('c', ['a', 'b', 'a', 'a', 'c'])]);
    const { table, transformations } = applyRepairs(t, [{ action: 'exclude', when: { duplicate: true } }]);
    expect(valuesOf(table, 'x')).toEqual(['1', '2', '2']);
    expect(valuesOf(table, 'c')).toEqual(['a', 'b', 'c']);
    expect(transformations[0]).toMatchObject({
      name: 'exclude:duplicate',
      column: null,
      rowsIn: 5,
      rowsOut: 3,
      affected: 2,
    });
  });
});

describe('impute', () => {
  it.each([
    ['median', 4],
    ['mean', 27.25],
    ['mode', 1],
  ] as const)('fills missing numbers with the %s of the present values', (strategy, value) => {
    const { table, transformations } = applyRepairs(sample(), [{ action: 'impute', column: 'x', strategy }]);
    expect(valuesOf(table, 'x')).toEqual(['1', String(value), '3', '100', '5', String(value)]);
    expect(transformations).toEqual([
      {
        name: `impute:x:${strategy}`,
        action: 'impute',
        column: 'x',
        parameters: { strategy, value },
        rowsIn: 6,
        rowsOut: 6,
        affected: 2,
      },
    ]);
  });

  it('numeric mode: the most frequent value, the smallest on ties', () => {
    const t = createTable([num('x', [3, 2, 2, 3, 7, nan]), num('y', [5, 5, 1, nan, 9, 9])]);
    const { table } = applyRepairs(t, [
      { action: 'impute', column: 'x', strategy: 'mode' },
      { action: 'impute', column: 'y', strategy: 'mode' },
    ]);
    expect(valuesOf(table, 'x').at(-1)).toBe('2');
    expect(valuesOf(table, 'y')[3]).toBe('5');
  });

  it('fills a constant in numeric, categorical and boolean columns', () => {
    const { table, transformations } = applyRepairs(sample(), [
      { action: 'impute', column: 'x', strategy: 'constant', value: 0 },
      { action: 'impute', column: 'c', strategy: 'constant', value: 'unknown' },
      { action: 'impute', column: 'f', strategy: 'constant', value: true },
    ]);
    expect(valuesOf(table, 'x')).toEqual(['1', '0', '3', '100', '5', '0']);
    expect(valuesOf(table, 'c')).toEqual(['a', 'unknown', 'b', 'b', 'zz', 'a']);
    expect(valuesOf(table, 'f')).toEqual(['true', 'true', 'false', 'true', 'true', 'false']);
    expect(transformations.map((t) => [t.name, t.affected, t.parameters.value])).toEqual([
      ['impute:x:constant', 2, 0],
      ['impute:c:constant', 1, 'unknown'],
      ['impute:f:constant', 2, true],
    ]);
  });

  it('a constant already in the dictionary reuses its code', () => {
    const { table } = applyRepairs(sample(), [
      { action: 'impute', column: 'c', strategy: 'constant', value: 'zz' },
    ]);
    const c = getColumn(table, 'c');
    expect(c.storage === 'dict' && c.dictionary).toEqual(['a', 'b', 'zz']);
    expect(valuesOf(table, 'c')[1]).toBe('zz');
  });

  it('categorical and boolean mode: the most frequent value, the smallest on ties', () => {
    const t = createTable([
      text('clear', ['b', 'b', null, 'a', 'c']),
      text('tie', ['b', 'a', 'b', 'a', null]),
      bool('t', [1, 1, 0, BOOL_MISSING, 1]),
      bool('tieB', [1, 0, BOOL_MISSING, 1, 0]),
    ]);
    const { table, transformations } = applyRepairs(
      t,
      ['clear', 'tie', 't', 'tieB'].map(
        (column): RepairRule => ({ action: 'impute', column, strategy: 'mode' }),
      ),
    );
    expect(valuesOf(table, 'clear')[2]).toBe('b');
    expect(valuesOf(table, 'tie')[4]).toBe('a');
    expect(valuesOf(table, 't')[3]).toBe('true');
    expect(valuesOf(table, 'tieB')[2]).toBe('false');
    expect(transformations.map((x) => x.parameters.value)).toEqual(['b', 'a', true, false]);
    expect(transformations.every((x) => x.affected === 1)).toBe(true);
  });

  it('refuses median and mean on non-numeric columns', () => {
    expect(
      errorOf(() => applyRepairs(sample(), [{ action: 'impute', column: 'c', strategy: 'median' }])).code,
    ).toBe('INVALID_CONFIG');
    expect(
      errorOf(() => applyRepairs(sample(), [{ action: 'impute', column: 'f', strategy: 'mean' }])).code,
    ).toBe('INVALID_CONFIG');
  });

  it.each([
    ['x', 'median'],
    ['x', 'mean'],
    ['x', 'mode'],
    ['c', 'mode'],
    ['f', 'mode'],
  ] as const)('gives a clear INVALID_CONFIG error on an all-missing column (%s, %s)', (column, strategy) => {
    const t = createTable([
      num('x', [nan, nan]),
      text('c', [null, null]),
      bool('f', [BOOL_MISSING, BOOL_MISSING]),
    ]);
    const e = errorOf(() => applyRepairs(t, [{ action: 'impute', column, strategy }]));
    expect(e.code).toBe('INVALID_CONFIG');
    expect(e.message).toContain(`impute "${column}"`);
    expect(e.message).toMatch(/no values/);
    expect(e.details).toEqual({ column });
  });

  it('a constant needs no present value', () => {
    const t = createTable([num('x', [nan, nan])]);
    const { table } = applyRepairs(t, [{ action: 'impute', column: 'x', strategy: 'constant', value: -1 }]);
    expect(valuesOf(table, 'x')).toEqual(['-1', '-1']);
  });
});

describe('clip', () => {
  it('clips values (infinities too) and leaves missing values alone', () => {
    const t = createTable([num('x', [-5, 1, nan, 100, Number.POSITIVE_INFINITY, 10])]);
    const { table, transformations } = applyRepairs(t, [{ action: 'clip', column: 'x', min: 0, max: 10 }]);
    expect(valuesOf(table, 'x')).toEqual(['0', '1', null, '10', '10', '10']);
    expect(transformations).toEqual([
      {
        name: 'clip:x',
        action: 'clip',
        column: 'x',
        parameters: { min: 0, max: 10 },
        rowsIn: 6,
        rowsOut: 6,
        affected: 3,
      },
    ]);
  });

  it('clips one side only', () => {
    const t = createTable([num('x', [-5, 1, 100])]);
    const { table, transformations } = applyRepairs(t, [{ action: 'clip', column: 'x', max: 50 }]);
    expect(valuesOf(table, 'x')).toEqual(['-5', '1', '50']);
    expect(transformations[0]!.parameters).toEqual({ min: null, max: 50 });
  });

  it('refuses a non-numeric column', () => {
    expect(errorOf(() => applyRepairs(sample(), [{ action: 'clip', column: 'c', max: 1 }])).code).toBe(
      'TYPE_MISMATCH',
    );
  });
});

describe('applyRepairs', () => {
  it('applies rules in order, each to the output of the previous one', () => {
    const excludeFirst = applyRepairs(sample(), [
      { action: 'exclude', when: { column: 'x', outside: { max: 10 } } },
      { action: 'impute', column: 'x', strategy: 'mean' },
    ]);
    expect(excludeFirst.transformations.map((t) => [t.rowsIn, t.rowsOut, t.affected])).toEqual([
      [6, 5, 1],
      [5, 5, 2],
    ]);
    expect(excludeFirst.transformations[1]!.parameters.value).toBe(3);
    expect(valuesOf(excludeFirst.table, 'x')).toEqual(['1', '3', '3', '5', '3']);

    const imputeFirst = applyRepairs(sample(), [
      { action: 'impute', column: 'x', strategy: 'mean' },
      { action: 'exclude', when: { column: 'x', outside: { max: 10 } } },
    ]);
    expect(imputeFirst.transformations.map((t) => [t.rowsIn, t.rowsOut, t.affected])).toEqual([
      [6, 6, 2],
      [6, 3, 3],
    ]);
    expect(valuesOf(imputeFirst.table, 'x')).toEqual(['1', '3', '5']);
  });

  it('does not modify the input table', () => {
    const input = sample();
    const before = snapshot(input);
    const { table } = applyRepairs(input, [
      { action: 'impute', column: 'x', strategy: 'median' },
      { action: 'impute', column: 'c', strategy: 'constant', value: 'new' },
      { action: 'impute', column: 'f', strategy: 'mode' },
      { action: 'clip', column: 'x', max: 10 },
      { action: 'exclude', when: { column: 'c', not_in: ['a', 'new'] } },
    ]);
    expect(snapshot(input)).toEqual(before);
    expect(input.rowCount).toBe(6);
    expect(table.rowCount).toBe(3);
  });

  it('names a missing column with COLUMN_NOT_FOUND', () => {
    expect(errorOf(() => applyRepairs(sample(), [{ action: 'clip', column: 'nope', max: 1 }])).code).toBe(
      'COLUMN_NOT_FOUND',
    );
  });
});
