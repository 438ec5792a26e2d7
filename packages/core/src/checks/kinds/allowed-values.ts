import { BOOL_MISSING, DICT_MISSING, getColumn } from '../../table/index.js';
import type { CheckRunner } from '../context.js';
import { checkId, examplesOf, shareVerdict } from '../helpers.js';

/** Every non-missing value is one of `values` (compared as text for text columns). */
export const runAllowedValues: CheckRunner<'allowed_values'> = (spec, ctx) => {
  const col = getColumn(ctx.table, spec.column);
  const n = ctx.table.rowCount;
  const mask = new Uint8Array(n);
  let present = 0;
  let outside = 0;
  const unexpected = new Map<string, number>();
  const note = (i: number, label: string) => {
    mask[i] = 1;
    outside++;
    unexpected.set(label, (unexpected.get(label) ?? 0) + 1);
  };
  if (col.storage === 'dict') {
    const allowed = new Set(spec.values.map(String));
    const ok = col.dictionary.map((s) => allowed.has(s));
    for (let i = 0; i < n; i++) {
      const c = col.codes[i]!;
      if (c === DICT_MISSING) continue;
      present++;
      if (!ok[c]) note(i, col.dictionary[c]!);
    }
  } else if (col.storage === 'bool') {
    const allowed = new Set(spec.values.map((v) => String(v).toLowerCase()));
    for (let i = 0; i < n; i++) {
      const v = col.values[i]!;
      if (v === BOOL_MISSING) continue;
      present++;
      const label = v === 1 ? 'true' : 'false';
      if (!allowed.has(label)) note(i, label);
    }
  } else {
    const allowed = new Set(spec.values.map(Number));
    for (let i = 0; i < n; i++) {
      const v = col.values[i]!;
      if (v !== v) continue;
      present++;
      if (!allowed.has(v)) note(i, String(v));
    }
  }
  const top = [...unexpected.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
  return [
    shareVerdict({
      check: checkId(spec, spec.column),
      kind: 'allowed_values',
      subject: spec.column,
      method: `share of values not in the ${spec.values.length} allowed`,
      count: outside,
      n: present,
      maxShare: spec.max_share_outside,
      severity: spec.severity,
      what: 'values not allowed',
      examples: examplesOf(col, mask),
      details: { unexpected: Object.fromEntries(top) },
    }),
  ];
};
