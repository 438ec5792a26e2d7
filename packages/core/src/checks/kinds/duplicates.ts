import { duplicateMask, rowHashes } from '../../profile/index.js';
import { getColumn, isMissing } from '../../table/index.js';
import type { CheckRunner } from '../context.js';
import { checkColumns, checkId, examplesOf, shareVerdict } from '../helpers.js';

/**
 * Values (or combinations of the listed columns) are unique: every row whose value was seen in an
 * earlier row counts as a duplicate. Rows with a missing key value are left out. Rows are compared
 * by 64-bit fingerprints (false match odds about 3e-6 among 10M rows).
 */
export const runUnique: CheckRunner<'unique'> = (spec, ctx) => {
  const cols = checkColumns(ctx.table, spec);
  const n = ctx.table.rowCount;
  const dup = duplicateMask(rowHashes(ctx.table, cols));
  let present = 0;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (cols.some((c) => isMissing(c, i))) {
      dup[i] = 0;
      continue;
    }
    present++;
    count += dup[i]!;
  }
  const subject = cols.map((c) => c.name).join(', ');
  const verdict = shareVerdict({
    check: spec.name ?? checkId(spec, subject),
    kind: 'unique',
    subject,
    method: cols.length > 1 ? 'repeated combinations of values' : 'repeated values',
    count,
    n: present,
    maxShare: 0,
    severity: spec.severity,
    what: 'rows repeating an earlier value',
    examples: examplesOf(cols[0]!, dup),
  });
  return [verdict];
};

/** Share of rows identical (in every column, or in `columns`) to an earlier row. */
export const runDuplicates: CheckRunner<'duplicates'> = (spec, ctx) => {
  const cols = spec.columns ? spec.columns.map((c) => getColumn(ctx.table, c)) : ctx.table.columns;
  const dup = duplicateMask(rowHashes(ctx.table, cols));
  let count = 0;
  for (let i = 0; i < dup.length; i++) count += dup[i]!;
  const examples = [];
  for (let i = 0; i < dup.length && examples.length < 5; i++) if (dup[i]) examples.push({ row: i + 1 });
  return [
    shareVerdict({
      check: checkId(spec),
      kind: 'duplicates',
      subject: spec.columns ? spec.columns.join(', ') : 'all columns',
      method: 'share of rows identical to an earlier row',
      count,
      n: ctx.table.rowCount,
      maxShare: spec.max_share,
      severity: spec.severity,
      what: 'duplicate rows',
      examples,
    }),
  ];
};
