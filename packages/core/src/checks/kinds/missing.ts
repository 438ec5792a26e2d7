import { isMissing } from '../../table/index.js';
import type { Verdict } from '../../verdict/index.js';
import type { CheckContext, CheckOf, CheckRunner } from '../context.js';
import { checkColumns, checkId, examplesOf, shareVerdict } from '../helpers.js';

function missingVerdicts(
  spec: CheckOf<'missing'> | CheckOf<'not_null'>,
  ctx: CheckContext,
  maxShare: number,
): Verdict[] {
  return checkColumns(ctx.table, spec).map((col) => {
    const n = ctx.table.rowCount;
    const mask = new Uint8Array(n);
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (isMissing(col, i)) {
        mask[i] = 1;
        count++;
      }
    }
    return shareVerdict({
      check: checkId(spec, col.name),
      kind: spec.check,
      subject: col.name,
      method: 'share of missing values (empty, null or NaN)',
      count,
      n,
      maxShare,
      severity: spec.severity,
      what: 'rows missing',
      examples: examplesOf(col, mask).map((e) => ({ row: e.row, column: e.column })),
    });
  });
}

/** Share of missing values at most max_share (0 = not null). */
export const runMissing: CheckRunner<'missing'> = (spec, ctx) => missingVerdicts(spec, ctx, spec.max_share);

/** No missing values. */
export const runNotNull: CheckRunner<'not_null'> = (spec, ctx) => missingVerdicts(spec, ctx, 0);
