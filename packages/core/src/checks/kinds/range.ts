import { VigieError } from '../../errors/index.js';
import type { CheckRunner } from '../context.js';
import { checkColumns, checkId, examplesOf, shareVerdict } from '../helpers.js';

/** Values within [min, max]; missing values are not counted (see the missing check). */
export const runRange: CheckRunner<'range'> = (spec, ctx) =>
  checkColumns(ctx.table, spec).map((col) => {
    if (col.storage !== 'float64') {
      throw new VigieError('TYPE_MISMATCH', `range check: column "${col.name}" is ${col.type}, not numeric`, {
        details: { column: col.name },
      });
    }
    const lo = spec.min ?? Number.NEGATIVE_INFINITY;
    const hi = spec.max ?? Number.POSITIVE_INFINITY;
    const v = col.values;
    const mask = new Uint8Array(v.length);
    let n = 0;
    let outside = 0;
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      if (x !== x) continue;
      n++;
      // ±Infinity is outside any finite bound, and an unbounded side accepts it.
      if (x < lo || x > hi) {
        mask[i] = 1;
        outside++;
      }
    }
    const bounds = `[${spec.min ?? '-∞'}, ${spec.max ?? '∞'}]`;
    return shareVerdict({
      check: checkId(spec, col.name),
      kind: 'range',
      subject: col.name,
      method: `share of values outside ${bounds}`,
      count: outside,
      n,
      maxShare: spec.max_share_outside,
      severity: spec.severity,
      what: `values outside ${bounds}`,
      examples: examplesOf(col, mask),
      details: { min: spec.min ?? null, max: spec.max ?? null },
    });
  });
