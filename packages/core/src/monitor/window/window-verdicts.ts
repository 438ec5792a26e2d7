import type { ColumnDrift, DriftResult } from '../../drift/index.js';
import type { Verdict, VerdictStatus } from '../../verdict/index.js';

/** One column's drift decision as a Verdict (the statistic, threshold and sizes of computeDrift). */
export function driftVerdict(check: string, c: ColumnDrift): Verdict {
  const decisive = c.pvalueAdjusted ?? c.statistic;
  return {
    status: c.status,
    check,
    kind: 'drift',
    subject: c.name,
    method: c.method,
    value: decisive,
    threshold: c.threshold,
    comparison: c.pvalue !== null ? '>=' : '<',
    sampleSizes: { reference: c.referenceSize, window: c.currentSize },
    reason: c.reason,
    ...(c.status === 'inconclusive' ? { decideBy: `at least 30 rows in the window for ${c.name}` } : {}),
    details: {
      statistic: c.statistic,
      pvalue: c.pvalue,
      pvalueAdjusted: c.pvalueAdjusted,
      exact: c.exact,
      ...c.alongside,
      ...(c.newCategories?.length ? { newCategories: c.newCategories } : {}),
    },
  };
}

/** The share of drifted features as a Verdict: fail when computeDrift finds dataset drift. */
export function datasetDriftVerdict(result: DriftResult, rows: number): Verdict {
  const d = result.datasetDrift;
  const status: VerdictStatus =
    d.evaluatedColumns === 0 ? 'inconclusive' : d.drift ? 'fail' : d.driftedColumns > 0 ? 'warn' : 'pass';
  return {
    status,
    check: 'input-drift',
    kind: 'drift',
    method: 'share of drifted features',
    value: d.evaluatedColumns === 0 ? null : d.share,
    threshold: d.threshold,
    comparison: '<',
    sampleSizes: { reference: result.reference.rows, window: rows },
    reason:
      d.evaluatedColumns === 0
        ? 'no feature could be compared yet (fewer than 30 rows in the window)'
        : `${d.driftedColumns} of ${d.evaluatedColumns} features drifted (share ${round(d.share)}; drift at ≥ ${d.threshold})`,
    ...(d.evaluatedColumns === 0 ? { decideBy: 'at least 30 rows in the window' } : {}),
  };
}

export function round(x: number): number {
  return Number(x.toPrecision(3));
}

/** A rate compared with a threshold: above it gives `severity`, no rows gives inconclusive. */
export function rateVerdict(args: {
  check: string;
  kind: string;
  subject: string;
  method: string;
  count: number;
  rows: number;
  threshold: number;
  severity: 'warn' | 'fail';
  what: string;
  examples?: Verdict['examples'];
  details?: Record<string, unknown>;
}): Verdict {
  const { rows, count, threshold } = args;
  const value = rows === 0 ? null : count / rows;
  const status: VerdictStatus = value === null ? 'inconclusive' : value > threshold ? args.severity : 'pass';
  return {
    status,
    check: args.check,
    kind: args.kind,
    subject: args.subject,
    method: args.method,
    value,
    threshold,
    comparison: '<=',
    sampleSizes: { window: rows },
    reason:
      value === null
        ? `no rows in the window for ${args.subject}`
        : `${count} of ${rows} rows ${args.what} (${round(value * 100)}%; ${status === 'pass' ? 'within' : 'above'} ${round(threshold * 100)}%)`,
    ...(value === null ? { decideBy: 'predictions in the window' } : {}),
    ...(args.examples?.length ? { examples: args.examples } : {}),
    ...(args.details ? { details: args.details } : {}),
  };
}
