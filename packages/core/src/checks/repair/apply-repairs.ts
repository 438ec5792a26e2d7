import type { RepairRule } from '../../config-schema/index.js';
import { VigieError } from '../../errors/index.js';
import { median, mode } from '../../stats/index.js';
import {
  BOOL_MISSING,
  type Column,
  DICT_MISSING,
  filterRows,
  getColumn,
  type Table,
  withColumn,
} from '../../table/index.js';
import { conditionMask, describeCondition } from './condition.js';
import type { Transformation } from './transformation.js';

type Rule<A extends RepairRule['action']> = Extract<RepairRule, { action: A }>;

function exclude(table: Table, rule: Rule<'exclude'>): [Table, Transformation] {
  const mask = conditionMask(table, rule.when);
  const keep = new Uint8Array(table.rowCount);
  let removed = 0;
  for (let i = 0; i < keep.length; i++) {
    if (mask[i]) removed++;
    else keep[i] = 1;
  }
  const out = filterRows(table, keep);
  const column = 'column' in rule.when ? rule.when.column : null;
  return [
    out,
    {
      name: rule.name ?? `exclude:${describeCondition(rule.when)}`,
      action: 'exclude',
      column,
      parameters: { when: rule.when },
      rowsIn: table.rowCount,
      rowsOut: out.rowCount,
      affected: removed,
    },
  ];
}

function finiteValues(values: Float64Array): Float64Array {
  return values.filter((v) => Number.isFinite(v));
}

/** The most frequent code of a dictionary column (smallest value on ties, as scipy's mode). */
function modeCode(codes: Int32Array, dictionary: readonly string[]): number {
  const counts = new Float64Array(dictionary.length);
  for (let i = 0; i < codes.length; i++) if (codes[i]! >= 0) counts[codes[i]!]!++;
  let best = -1;
  for (let c = 0; c < counts.length; c++) {
    if (counts[c]! === 0) continue;
    if (
      best < 0 ||
      counts[c]! > counts[best]! ||
      (counts[c] === counts[best] && dictionary[c]! < dictionary[best]!)
    )
      best = c;
  }
  return best;
}

function impute(table: Table, rule: Rule<'impute'>): [Table, Transformation] {
  const col = getColumn(table, rule.column);
  const n = table.rowCount;
  let filled = 0;
  let value: string | number | boolean | null = null;
  let next: Column;
  const fail = (why: string): never => {
    throw new VigieError('INVALID_CONFIG', `repair rule impute "${rule.column}": ${why}`, {
      details: { column: rule.column },
    });
  };
  if (col.storage === 'float64') {
    const present = finiteValues(col.values);
    if (rule.strategy === 'constant') {
      value = typeof rule.value === 'number' ? rule.value : Number(rule.value);
      if (Number.isNaN(value)) fail(`constant ${JSON.stringify(rule.value)} is not a number`);
    } else if (present.length === 0) {
      fail('the column has no values to compute a replacement from');
    } else if (rule.strategy === 'median') value = median(present);
    else if (rule.strategy === 'mean') value = present.reduce((s, v) => s + v, 0) / present.length;
    else value = mode(present).mode;
    const v = col.values.slice();
    for (let i = 0; i < n; i++) {
      if (v[i] !== v[i]) {
        v[i] = value as number;
        filled++;
      }
    }
    next = { ...col, values: v };
  } else if (col.storage === 'dict') {
    if (rule.strategy === 'median' || rule.strategy === 'mean')
      fail(`strategy ${rule.strategy} needs a numeric column; "${col.name}" is ${col.type}`);
    let code: number;
    let dictionary = col.dictionary;
    if (rule.strategy === 'constant') {
      value = String(rule.value);
      code = dictionary.indexOf(value);
      if (code < 0) {
        dictionary = [...dictionary, value];
        code = dictionary.length - 1;
      }
    } else {
      code = modeCode(col.codes, col.dictionary);
      if (code < 0) fail('the column has no values to compute a mode from');
      value = col.dictionary[code]!;
    }
    const codes = col.codes.slice();
    for (let i = 0; i < n; i++) {
      if (codes[i] === DICT_MISSING) {
        codes[i] = code;
        filled++;
      }
    }
    next = { ...col, codes, dictionary };
  } else {
    if (rule.strategy === 'median' || rule.strategy === 'mean')
      fail(`strategy ${rule.strategy} needs a numeric column; "${col.name}" is boolean`);
    let t = 0;
    let f = 0;
    for (let i = 0; i < n; i++) {
      const x = col.values[i];
      if (x === 1) t++;
      else if (x === 0) f++;
    }
    const b =
      rule.strategy === 'constant'
        ? rule.value === true || String(rule.value).toLowerCase() === 'true'
        : t > f;
    if (rule.strategy === 'mode' && t + f === 0) fail('the column has no values to compute a mode from');
    value = b;
    const values = col.values.slice();
    for (let i = 0; i < n; i++) {
      if (values[i] === BOOL_MISSING) {
        values[i] = b ? 1 : 0;
        filled++;
      }
    }
    next = { ...col, values };
  }
  return [
    withColumn(table, next),
    {
      name: rule.name ?? `impute:${rule.column}:${rule.strategy}`,
      action: 'impute',
      column: rule.column,
      parameters: { strategy: rule.strategy, value },
      rowsIn: n,
      rowsOut: n,
      affected: filled,
    },
  ];
}

function clip(table: Table, rule: Rule<'clip'>): [Table, Transformation] {
  const col = getColumn(table, rule.column);
  if (col.storage !== 'float64') {
    throw new VigieError(
      'TYPE_MISMATCH',
      `repair rule clip: column "${col.name}" is ${col.type}, not numeric`,
      { details: { column: col.name } },
    );
  }
  const lo = rule.min ?? Number.NEGATIVE_INFINITY;
  const hi = rule.max ?? Number.POSITIVE_INFINITY;
  const v = col.values.slice();
  let changed = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (x < lo) {
      v[i] = lo;
      changed++;
    } else if (x > hi) {
      v[i] = hi;
      changed++;
    }
  }
  return [
    withColumn(table, { ...col, values: v }),
    {
      name: rule.name ?? `clip:${rule.column}`,
      action: 'clip',
      column: rule.column,
      parameters: { min: rule.min ?? null, max: rule.max ?? null },
      rowsIn: table.rowCount,
      rowsOut: table.rowCount,
      affected: changed,
    },
  ];
}

/**
 * Applies repair rules in order, each to the output of the previous one, and records each as a
 * transformation with its row counts. The input table is not modified.
 *
 * @example applyRepairs(table, [{ action: 'exclude', when: { column: 'sex', is_missing: true } }]);
 */
export function applyRepairs(
  table: Table,
  rules: readonly RepairRule[],
): { table: Table; transformations: Transformation[] } {
  let current = table;
  const transformations: Transformation[] = [];
  for (const rule of rules) {
    const [next, t] =
      rule.action === 'exclude'
        ? exclude(current, rule)
        : rule.action === 'impute'
          ? impute(current, rule)
          : clip(current, rule);
    current = next;
    transformations.push(t);
  }
  return { table: current, transformations };
}
