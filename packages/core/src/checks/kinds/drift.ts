import { computeDrift, type DriftResult } from '../../drift/index.js';
import type { CheckRunner } from '../context.js';
import { checkId, pct } from '../helpers.js';

/** The drift check's verdict: dataset drift (share of drifted columns) with per-column details. */
export const runDrift: CheckRunner<'drift'> = async (spec, ctx) => {
  const reference = await ctx.loadReference(spec.reference);
  const result: DriftResult = computeDrift(reference, ctx.table, {
    method: spec.method,
    ...(spec.threshold === undefined ? {} : { threshold: spec.threshold }),
    correction: spec.correction,
    datasetShare: spec.max_drifted_share,
    ...(spec.columns ? { columns: spec.columns } : {}),
    ...(spec.per_column ? { perColumn: spec.per_column } : {}),
  });
  const d = result.datasetDrift;
  const drifted = result.columns.filter((c) => c.drift).map((c) => c.name);
  const status =
    d.evaluatedColumns === 0
      ? 'inconclusive'
      : d.drift
        ? spec.severity
        : drifted.length > 0
          ? 'warn'
          : 'pass';
  const reason =
    d.evaluatedColumns === 0
      ? 'no column could be compared'
      : `${d.driftedColumns} of ${d.evaluatedColumns} columns drifted (${pct(d.share)}) ${d.drift ? '≥' : '<'} ${pct(d.threshold)}${drifted.length > 0 ? `: ${drifted.slice(0, 8).join(', ')}${drifted.length > 8 ? ', ...' : ''}` : ''}`;
  return [
    {
      status,
      check: checkId(spec),
      kind: 'drift',
      subject: result.reference.source ?? 'reference',
      method: `share of drifted columns (per-column method ${spec.method}, ${spec.correction} correction)`,
      value: d.share,
      threshold: d.threshold,
      comparison: '<',
      sampleSizes: { reference: result.reference.rows, current: result.current.rows },
      reason,
      ...(d.evaluatedColumns === 0 ? { decideBy: 'columns with at least 30 values on both sides' } : {}),
      details: { drift: result },
    },
  ];
};
