import { type Column, DICT_MISSING, getColumn } from '../../table/index.js';
import type { CheckRunner } from '../context.js';
import { checkId } from '../helpers.js';

/** Values of a text column that are not numbers, for a helpful type-check failure. */
function nonNumericExamples(col: Column): {
  count: number;
  examples: Array<{ row: number; value: string; column: string }>;
} {
  if (col.storage !== 'dict') return { count: 0, examples: [] };
  const bad = col.dictionary.map((s) => Number.isNaN(Number(s)) || s.trim() === '');
  let count = 0;
  const examples: Array<{ row: number; value: string; column: string }> = [];
  for (let i = 0; i < col.codes.length; i++) {
    const c = col.codes[i]!;
    if (c !== DICT_MISSING && bad[c]) {
      count++;
      if (examples.length < 5) examples.push({ row: i + 1, value: col.dictionary[c]!, column: col.name });
    }
  }
  return { count, examples };
}

/** The column's semantic type (as read, after config overrides) is the expected one. */
export const runTypeCheck: CheckRunner<'type'> = (spec, ctx) => {
  const col = getColumn(ctx.table, spec.column);
  const ok = col.type === spec.expected;
  const numericExpected = spec.expected === 'numeric' || spec.expected === 'integer';
  const bad = !ok && numericExpected ? nonNumericExamples(col) : { count: 0, examples: [] };
  const detail =
    bad.count > 0
      ? `; ${bad.count} value(s) are not numbers, e.g. ${JSON.stringify(bad.examples[0]!.value)} at row ${bad.examples[0]!.row}`
      : '';
  return [
    {
      status: ok ? 'pass' : spec.severity,
      check: checkId(spec, spec.column),
      kind: 'type',
      subject: spec.column,
      method: 'semantic type inferred on read (or set in the config)',
      value: null,
      threshold: null,
      sampleSizes: { n: ctx.table.rowCount },
      reason: ok
        ? `"${spec.column}" is ${col.type}`
        : `"${spec.column}" is ${col.type}, expected ${spec.expected}${detail}`,
      ...(bad.examples.length > 0 ? { examples: bad.examples } : {}),
      details: { actual: col.type, expected: spec.expected },
    },
  ];
};
