import { vif } from '../../stats/index.js';
import type { Verdict } from '../../verdict/index.js';
import type { CheckRunner } from '../context.js';
import { checkId } from '../helpers.js';
import { numericColumnsFor } from './correlation.js';

/**
 * Variance inflation factor of each column at most `max` (multicollinearity), computed on the
 * rows where every listed column is present, with an intercept (see stats/multivariate/vif).
 */
export const runVif: CheckRunner<'vif'> = (spec, ctx) => {
  const cols = numericColumnsFor(ctx.table, spec.columns, 'vif');
  const n = ctx.table.rowCount;
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (cols.every((c) => Number.isFinite(c.values[i]!))) rows.push(i);
  const method = 'variance inflation factor (with intercept)';
  if (cols.length < 2 || rows.length <= cols.length + 1) {
    return [
      {
        status: 'inconclusive',
        check: checkId(spec),
        kind: 'vif',
        subject: cols.map((c) => c.name).join(', '),
        method,
        value: null,
        threshold: spec.max,
        sampleSizes: { n: rows.length, columns: cols.length },
        reason:
          cols.length < 2
            ? 'fewer than two numeric columns'
            : `only ${rows.length} complete rows for ${cols.length} columns`,
        decideBy: 'at least two numeric columns and more complete rows than columns + 1',
      },
    ];
  }
  const data = new Float64Array(rows.length * cols.length);
  rows.forEach((r, k) => {
    cols.forEach((c, j) => {
      data[k * cols.length + j] = c.values[r]!;
    });
  });
  const factors = vif({ data, rows: rows.length, cols: cols.length });
  return cols.map((c, j): Verdict => {
    const v = factors[j]!;
    const constant = Number.isNaN(v);
    const ok = !constant && v <= spec.max;
    return {
      status: constant ? 'inconclusive' : ok ? 'pass' : spec.severity,
      check: checkId(spec, c.name),
      kind: 'vif',
      subject: c.name,
      method,
      value: constant ? null : v,
      threshold: spec.max,
      comparison: '<=',
      sampleSizes: { n: rows.length },
      reason: constant
        ? `"${c.name}" is constant on the complete rows: its VIF is undefined`
        : `VIF ${Number.isFinite(v) ? v.toFixed(2) : '∞'} ${ok ? '≤' : '>'} ${spec.max}${ok ? '' : ' (collinear with the other columns)'}`,
      ...(constant ? { decideBy: 'a column that varies' } : {}),
    };
  });
};
