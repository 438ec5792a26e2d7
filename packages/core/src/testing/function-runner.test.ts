import { describe, expect, it } from 'vitest';
import { profileTable } from '../profile/index.js';
import { createTable, dictColumnFromStrings, float64Column } from '../table/index.js';
import type { Row } from './case.js';
import { applyExpectations, parseExpectationRule } from './expectations.js';
import { runFunctionCases } from './function-runner.js';
import { generateCases } from './generate-cases.js';

const table = createTable([
  float64Column('length', Float64Array.from([39.1, 40.3, 46.5, 50.2, 38.8, 45])),
  dictColumnFromStrings('sex', ['male', 'female', 'female', 'male', 'male', 'female']),
]);
const profile = profileTable(table, { contentHash: false });
const cases = generateCases(table, { nominalRows: 4, largeBatchRows: 20, longStringLength: 200 });
const failed = (results: Array<{ case: string; passed: boolean }>) =>
  results.filter((r) => !r.passed).map((r) => r.case);

// A cleaning function that trusts its input: crashes on a null, lets NaN and far values through.
const naive = (rows: Row[]) => rows.map((r) => ({ length: r.length, sex: (r.sex as string).toLowerCase() }));
// The fixed one: drops what it cannot use, repairs what it can.
const fixed = (rows: Row[]) =>
  rows.flatMap((r) => {
    const length = r.length;
    if (typeof length !== 'number' || !Number.isFinite(length) || length < 38.8 || length > 50.2) return [];
    const sex = typeof r.sex === 'string' ? r.sex.trim().toLowerCase() : '';
    return [{ length, sex: sex === 'male' || sex === 'female' ? sex : 'unknown' }];
  });

describe('runFunctionCases', () => {
  it('finds the crash on a null, non-finite values and values out of the data range', async () => {
    const { results, contract } = await runFunctionCases(naive, cases, { profile });
    expect(contract.columns).toEqual([
      { name: 'length', types: ['number'], nullable: false, range: [38.8, 50.2] },
      { name: 'sex', types: ['string'], nullable: false },
    ]);
    const byName = new Map(results.map((r) => [r.case, r]));
    expect(byName.get('null:sex')!.failure).toEqual({
      kind: 'crash',
      message: "threw TypeError: Cannot read properties of null (reading 'toLowerCase')",
    });
    expect(byName.get('nan:length')!.failure).toEqual({
      kind: 'invalid-output',
      message: 'row 1 out: output column "length" is NaN',
    });
    expect(byName.get('above-range:length')!.failure!.message).toMatch(
      /output column "length" is 552.2, outside \[38.8, 50.2\]/,
    );
    expect(byName.get('null:length')!.failure!.message).toBe('row 1 out: output column "length" is null');
    expect(byName.get('missing-field:length')!.failure!.message).toBe(
      'row 1 out: output column "length" is undefined',
    );
    // Nominal rows and harmless values pass.
    expect(results.filter((r) => r.nominal).every((r) => r.passed)).toBe(true);
    expect(byName.get('unicode-emoji:sex')!).toMatchObject({ passed: true, outcome: 'repair' });
    // Envelope cases are for HTTP only.
    expect(byName.has('invalid-json')).toBe(false);
  });

  it('passes the fixed function: drops and repairs', async () => {
    const { results } = await runFunctionCases(fixed, cases, { profile });
    expect(failed(results)).toEqual([]);
    const byName = new Map(results.map((r) => [r.case, r]));
    expect(byName.get('nan:length')).toMatchObject({ outcome: 'drop', rowsOut: 0 });
    expect(byName.get('null:sex')).toMatchObject({ outcome: 'repair', rowsOut: 1 });
    expect(byName.get('mixed-batch')).toMatchObject({ outcome: 'drop', rowsOut: 3 });
    expect(byName.get('large-batch')).toMatchObject({ outcome: 'succeed', rowsOut: 20 });
  });

  it('takes a thrown Error as a rejection, and holds the function to --expect rules', async () => {
    const strictFn = (rows: Row[]) => {
      for (const r of rows) if (typeof r.length !== 'number') throw new Error('length must be a number');
      return fixed(rows);
    };
    const narrowed = applyExpectations(cases, { rules: [parseExpectationRule('wrong-type-*:length=drop')] });
    const { results } = await runFunctionCases(strictFn, narrowed, { profile });
    const byName = new Map(results.map((r) => [r.case, r]));
    expect(byName.get('null:length')).toMatchObject({ passed: true, outcome: 'reject' });
    expect(byName.get('wrong-type-string:length')).toMatchObject({
      passed: false,
      outcome: 'reject',
      failure: { kind: 'unexpected-outcome', message: 'threw "length must be a number", expected drop' },
    });
    expect(() => applyExpectations(cases, { rules: [parseExpectationRule('nul:*=drop')] })).toThrow(
      /matches no case/,
    );
    expect(() => parseExpectationRule('null:*=explode')).toThrow(
      /outcomes among reject, drop, repair, succeed/,
    );
  });

  it('fails a function dropping nominal rows, one per row that returns null, and one that never settles', async () => {
    const dropsAll = (rows: Row[]) => rows.slice(1);
    const { results } = await runFunctionCases(
      dropsAll,
      cases.filter((c) => c.nominal),
      { profile },
    );
    expect(results[0]!.failure!.message).toBe('dropped 1 of 1 rows, none abnormal');
    const perRow = (r: Row) => (r.sex === null ? null : (fixed([r])[0] ?? null));
    expect(failed((await runFunctionCases(perRow, cases, { call: 'row', profile })).results)).toEqual([]);
    const never = () => new Promise(() => {});
    const [hung] = (await runFunctionCases(never, cases.slice(0, 1), { timeoutMs: 50 })).results;
    expect(hung!.failure).toEqual({ kind: 'timeout', message: 'not settled within 50 ms' });
  });

  it('--strict makes rows that break the schema expect reject or drop', () => {
    const strict = applyExpectations(cases, { strict: true });
    expect(strict.find((c) => c.name === 'wrong-type-string:length')!.expect).toEqual(['reject', 'drop']);
    expect(strict.find((c) => c.name === 'null:length')!.expect).toEqual(['reject', 'drop', 'repair']);
  });
});
