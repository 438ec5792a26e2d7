import { VigieError } from '../../errors/index.js';
import { pairwiseCorrelation } from '../../stats/index.js';
import { type Float64Column, getColumn, isNumericType, type Table } from '../../table/index.js';
import type { Verdict } from '../../verdict/index.js';
import type { CheckRunner } from '../context.js';
import { checkId } from '../helpers.js';

/** The named numeric columns, or every numeric and integer column. */
export function numericColumnsFor(
  table: Table,
  names: readonly string[] | undefined,
  check: string,
): Float64Column[] {
  const cols = names
    ? names.map((n) => getColumn(table, n))
    : table.columns.filter((c) => isNumericType(c.type));
  return cols.map((c) => {
    if (c.storage !== 'float64') {
      throw new VigieError('TYPE_MISMATCH', `${check} check: column "${c.name}" is ${c.type}, not numeric`, {
        details: { column: c.name },
      });
    }
    return c;
  });
}

function fmt(r: number): string {
  return Number.isFinite(r) ? r.toFixed(3) : String(r);
}

/**
 * Correlation limits. Without a target: no pair of columns correlated beyond max_abs (redundant
 * features). With a target: each feature's correlation with the target at most max_abs (above
 * suggests leakage) and, with min_abs, at least min_abs (informative). Pairwise deletion of missing
 * values, as pandas' DataFrame.corr.
 */
export const runCorrelation: CheckRunner<'correlation'> = (spec, ctx) => {
  const method = spec.method;
  if (spec.target !== undefined) {
    const target = numericColumnsFor(ctx.table, [spec.target], 'correlation')[0]!;
    const features = numericColumnsFor(ctx.table, spec.columns, 'correlation').filter(
      (c) => c.name !== target.name,
    );
    const m = pairwiseCorrelation([target.values, ...features.map((f) => f.values)], { method });
    return features.map((f, j): Verdict => {
      const r = m.data[j + 1]!;
      const a = Math.abs(r);
      const tooHigh = a > spec.max_abs;
      const tooLow = spec.min_abs !== undefined && a < spec.min_abs;
      const status = Number.isNaN(r) ? 'inconclusive' : tooHigh || tooLow ? spec.severity : 'pass';
      return {
        status,
        check: checkId(spec, f.name),
        kind: 'correlation',
        subject: `${f.name} ~ ${target.name}`,
        method: `|${method} r| with the target`,
        // The limits apply to |r|; the signed r is the effect size.
        value: Number.isNaN(r) ? null : a,
        threshold: tooLow ? spec.min_abs! : spec.max_abs,
        comparison: tooLow ? '>=' : '<=',
        sampleSizes: { n: ctx.table.rowCount },
        effectSize: { name: `${method} r`, value: r },
        reason: Number.isNaN(r)
          ? `correlation of "${f.name}" with "${target.name}" is undefined (constant or too few values)`
          : tooHigh
            ? `|r| = ${fmt(a)} > ${spec.max_abs}: "${f.name}" may leak the target`
            : tooLow
              ? `|r| = ${fmt(a)} < ${spec.min_abs}: "${f.name}" says little about the target`
              : `|r| = ${fmt(a)} within limits`,
        ...(Number.isNaN(r)
          ? { decideBy: 'a feature and target that vary, with overlapping non-missing rows' }
          : {}),
      };
    });
  }
  const cols = numericColumnsFor(ctx.table, spec.columns, 'correlation');
  const subject = cols.map((c) => c.name).join(', ');
  if (cols.length < 2) {
    return [
      {
        status: 'inconclusive',
        check: checkId(spec),
        kind: 'correlation',
        subject,
        method: `${method} correlation`,
        value: null,
        threshold: spec.max_abs,
        sampleSizes: { n: ctx.table.rowCount },
        reason: 'fewer than two numeric columns to correlate',
        decideBy: 'at least two numeric columns',
      },
    ];
  }
  const m = pairwiseCorrelation(
    cols.map((c) => c.values),
    { method },
  );
  const pairs: Array<{ a: string; b: string; r: number }> = [];
  let worst = 0;
  let measured = 0;
  for (let i = 0; i < cols.length; i++) {
    for (let j = i + 1; j < cols.length; j++) {
      const r = m.data[i * cols.length + j]!;
      if (Number.isNaN(r)) continue;
      measured++;
      worst = Math.max(worst, Math.abs(r));
      if (Math.abs(r) > spec.max_abs) pairs.push({ a: cols[i]!.name, b: cols[j]!.name, r });
    }
  }
  if (measured === 0) {
    // Every pair undefined (constant columns, no overlapping rows): "could not measure", not a pass.
    return [
      {
        status: 'inconclusive',
        check: checkId(spec),
        kind: 'correlation',
        subject,
        method: `largest |${method} r| between pairs of columns`,
        value: null,
        threshold: spec.max_abs,
        sampleSizes: { n: ctx.table.rowCount, columns: cols.length },
        reason: 'no pair of columns has a defined correlation (constant columns or too few shared values)',
        decideBy: 'columns that vary, with overlapping non-missing rows',
      },
    ];
  }
  pairs.sort((x, y) => Math.abs(y.r) - Math.abs(x.r));
  const first = pairs[0];
  return [
    {
      status: pairs.length > 0 ? spec.severity : 'pass',
      check: checkId(spec),
      kind: 'correlation',
      subject,
      method: `largest |${method} r| between pairs of columns`,
      value: worst,
      threshold: spec.max_abs,
      comparison: '<=',
      sampleSizes: { n: ctx.table.rowCount, columns: cols.length },
      reason: first
        ? `${pairs.length} pair(s) with |r| > ${spec.max_abs}, e.g. ${first.a} ~ ${first.b}: r = ${fmt(first.r)}`
        : `largest |r| = ${fmt(worst)} ≤ ${spec.max_abs}`,
      details: { pairs: pairs.slice(0, 20), columns: cols.map((c) => c.name), matrix: Array.from(m.data) },
    },
  ];
};
