import type { CheckRunner } from '../context.js';
import { checkId } from '../helpers.js';

/** Row count within [min, max]. */
export const runRowCount: CheckRunner<'row_count'> = (spec, ctx) => {
  const rows = ctx.table.rowCount;
  const tooFew = spec.min !== undefined && rows < spec.min;
  const tooMany = spec.max !== undefined && rows > spec.max;
  const bounds = `[${spec.min ?? 0}, ${spec.max ?? '∞'}]`;
  return [
    {
      status: tooFew || tooMany ? spec.severity : 'pass',
      check: checkId(spec),
      kind: 'row_count',
      method: `row count within ${bounds}`,
      value: rows,
      threshold: tooMany ? spec.max! : (spec.min ?? spec.max ?? null),
      // The comparison goes with the bound shown: max when it broke or when it is the only bound.
      comparison: tooMany || spec.min === undefined ? '<=' : '>=',
      sampleSizes: { n: rows },
      reason: tooFew
        ? `${rows} rows < ${spec.min} required`
        : tooMany
          ? `${rows} rows > ${spec.max} allowed`
          : `${rows} rows within ${bounds}`,
    },
  ];
};
