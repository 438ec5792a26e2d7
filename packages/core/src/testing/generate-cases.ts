import { VigieError } from '../errors/index.js';
import { type DatasetProfile, profileTable } from '../profile/index.js';
import { createRandom, sampleIndices } from '../random/index.js';
import { getColumn, type Table } from '../table/index.js';
import type { IntegrationCase, Outcome, Row } from './case.js';
import { applyValue, valueCases } from './column-cases.js';
import { isCompleteRow, tableRows } from './rows.js';

export interface GenerateOptions {
  /** The columns a row carries (default: every column but `exclude`). */
  columns?: readonly string[];
  /** Columns left out of the rows (the label, identifiers the pipeline does not take). */
  exclude?: readonly string[];
  /** Real rows sent one by one as nominal cases, and together as one nominal batch. Default 20. */
  nominalRows?: number;
  /** Rows of the very large batch. Default 10,000. */
  largeBatchRows?: number;
  /** Length of the very long string. Default 100,000. */
  longStringLength?: number;
  seed?: number;
  /** A saved profile of the data (default: profiled from `table`). */
  profile?: DatasetProfile;
}

const ABNORMAL: Outcome[] = ['reject', 'drop', 'repair'];

/**
 * The cases of an integration test, from a dataset: nominal cases (real rows without missing
 * values, one by one and as one batch), then, from the schema and profile, one case per abnormal
 * value of each column (nulls, NaN, ±Infinity, out of range and extreme numbers, wrong types, empty
 * and very long strings, unicode edge cases, unseen categories, a missing field), then batch cases
 * (an extra field, an empty row, duplicated rows, an empty batch, a very large batch) and HTTP
 * envelope cases (invalid JSON, `rows` not a list). Each abnormal case changes one value of one real
 * row, so a failure names the column to look at. Deterministic for a seed.
 *
 * @example
 * const cases = generateCases(table, { exclude: ['species'] });
 */
export function generateCases(table: Table, options: GenerateOptions = {}): IntegrationCase[] {
  const exclude = new Set(options.exclude ?? []);
  const names = options.columns ?? table.columns.map((c) => c.name).filter((n) => !exclude.has(n));
  const columns = names.map((n) => getColumn(table, n));
  const profile = options.profile ?? profileTable(table, { contentHash: false });
  const complete: number[] = [];
  for (let i = 0; i < table.rowCount; i++) if (isCompleteRow(columns, i)) complete.push(i);
  const where = table.source ? `${table.source}: ` : '';
  if (complete.length === 0)
    throw new VigieError(
      'EMPTY_INPUT',
      `${where}no row has every one of ${names.join(', ')}: nominal cases need real rows without missing values`,
    );
  const k = Math.min(options.nominalRows ?? 20, complete.length);
  const picked = Array.from(sampleIndices(complete.length, k, createRandom(options.seed ?? 0)))
    .map((j) => complete[j]!)
    .sort((a, b) => a - b);
  const all = tableRows(table, columns);
  const nominal = picked.map((i) => ({ row: i + 1, values: all[i]! }));
  const base = nominal[0]!.values;
  const cases: IntegrationCase[] = nominal.map(({ row, values }) => ({
    name: `nominal:row-${row}`,
    kind: 'nominal',
    exercises: `row ${row} of the data, as it is`,
    nominal: true,
    expect: ['succeed'],
    invalid: false,
    rows: [values],
  }));
  if (nominal.length > 1)
    cases.push({
      name: 'nominal:batch',
      kind: 'nominal',
      exercises: `the ${nominal.length} nominal rows in one batch`,
      nominal: true,
      expect: ['succeed'],
      invalid: false,
      rows: nominal.map((n) => n.values),
    });
  const longStringLength = options.longStringLength ?? 100_000;
  for (const name of names) {
    const p = profile.columns.find((c) => c.name === name);
    if (!p)
      throw new VigieError('COLUMN_NOT_FOUND', `the profile has no column "${name}"`, {
        details: { column: name },
      });
    for (const v of valueCases(p, base[name], { longStringLength }))
      cases.push({
        name: `${v.kind}:${name}`,
        kind: v.kind,
        column: name,
        exercises: `${name}: ${v.exercises}`,
        nominal: false,
        expect: ABNORMAL,
        invalid: v.invalid,
        rows: [applyValue(base, name, v.value)],
      });
  }
  cases.push(
    ...batchCases(
      base,
      nominal.map((n) => n.values),
      names,
      options.largeBatchRows ?? 10_000,
    ),
  );
  return cases;
}

function batchCases(
  base: Row,
  nominal: Row[],
  names: readonly string[],
  largeRows: number,
): IntegrationCase[] {
  let extra = '__vigie_extra__';
  while (names.includes(extra)) extra = `_${extra}`;
  const allNull: Row = Object.fromEntries(names.map((n) => [n, null]));
  const mixed = [...nominal.slice(0, 3), allNull];
  const batch = (
    c: Omit<IntegrationCase, 'nominal' | 'invalid'> & { invalid?: boolean },
  ): IntegrationCase => ({
    nominal: false,
    invalid: false,
    ...c,
  });
  return [
    batch({
      name: 'extra-field',
      kind: 'extra-field',
      exercises: `a field the data does not have ("${extra}")`,
      expect: ['reject', 'drop', 'repair'],
      rows: [{ ...base, [extra]: 1 }],
    }),
    batch({
      name: 'all-null-row',
      kind: 'all-null-row',
      exercises: 'a row whose every field is null',
      expect: ABNORMAL,
      rows: [allNull],
    }),
    batch({
      name: 'empty-row',
      kind: 'empty-row',
      exercises: 'a row with no field at all ({})',
      expect: ABNORMAL,
      invalid: true,
      rows: [{}],
    }),
    batch({
      name: 'mixed-batch',
      kind: 'mixed-batch',
      exercises: `${mixed.length - 1} nominal rows and one all-null row in one batch`,
      expect: ABNORMAL,
      rows: mixed,
      abnormalRows: [mixed.length - 1],
    }),
    batch({
      name: 'duplicated-rows',
      kind: 'duplicated-rows',
      exercises: 'the same row three times in one batch (same answers, distinct prediction ids)',
      expect: ['succeed'],
      rows: [base, base, base],
      abnormalRows: [],
    }),
    batch({
      name: 'empty-batch',
      kind: 'empty-batch',
      exercises: 'a batch of no rows',
      expect: ['reject', 'succeed'],
      rows: [],
      abnormalRows: [],
    }),
    batch({
      name: 'large-batch',
      kind: 'large-batch',
      exercises: `a batch of ${largeRows} real rows`,
      expect: ['reject', 'succeed'],
      rows: Array.from({ length: largeRows }, (_, i) => nominal[i % nominal.length]!),
      abnormalRows: [],
    }),
    ...envelopeCases(),
  ];
}

function envelopeCases(): IntegrationCase[] {
  const envelope = (name: string, exercises: string, body: string): IntegrationCase => ({
    name,
    kind: 'envelope',
    exercises,
    nominal: false,
    expect: ['reject'],
    invalid: true,
    rows: [],
    body,
    httpOnly: true,
  });
  return [
    envelope('invalid-json', 'a request body that is not JSON (cut short)', '{"rows": [{"a": 1'),
    envelope('no-rows', 'a JSON object without "rows"', '{}'),
    envelope('rows-not-list', '"rows" that is an object, not a list', '{"rows": {"a": 1}}'),
    envelope('row-not-object', 'a row that is a number, not an object', '{"rows": [1]}'),
    envelope('body-not-object', 'a JSON body that is a list', '[]'),
  ];
}
