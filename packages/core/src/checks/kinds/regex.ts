import { DICT_MISSING, formatValue, getColumn, isMissing } from '../../table/index.js';
import type { CheckRunner } from '../context.js';
import { checkId, examplesOf, shareVerdict } from '../helpers.js';

/**
 * Every non-missing value matches the pattern. The pattern must match the whole value: it is
 * wrapped as ^(?:pattern)$ (Unicode mode). Text columns test each distinct value once.
 */
export const runRegex: CheckRunner<'regex'> = (spec, ctx) => {
  const col = getColumn(ctx.table, spec.column);
  const re = new RegExp(`^(?:${spec.pattern})$`, 'u');
  const n = ctx.table.rowCount;
  const mask = new Uint8Array(n);
  let present = 0;
  let bad = 0;
  if (col.storage === 'dict') {
    const ok = col.dictionary.map((s) => re.test(s));
    for (let i = 0; i < n; i++) {
      const c = col.codes[i]!;
      if (c === DICT_MISSING) continue;
      present++;
      if (!ok[c]) {
        mask[i] = 1;
        bad++;
      }
    }
  } else {
    for (let i = 0; i < n; i++) {
      if (isMissing(col, i)) continue;
      present++;
      if (!re.test(formatValue(col, i)!)) {
        mask[i] = 1;
        bad++;
      }
    }
  }
  return [
    shareVerdict({
      check: checkId(spec, spec.column),
      kind: 'regex',
      subject: spec.column,
      method: `share of values not matching /${spec.pattern}/`,
      count: bad,
      n: present,
      maxShare: spec.max_share_outside,
      severity: spec.severity,
      what: 'values not matching',
      examples: examplesOf(col, mask),
    }),
  ];
};
