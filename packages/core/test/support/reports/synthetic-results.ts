import type { ColumnDrift, DriftResult } from '../../../src/drift/index.js';
import type { Random } from '../../../src/random/index.js';
import type { Report } from '../../../src/report/model.js';
import { countVerdicts, type Verdict, worstStatus } from '../../../src/verdict/index.js';

// Builders for the synthetic reports of tests, demos and the render benchmark: every field a
// renderer reads, with plausible defaults.

/** `n` normal draws, NaN (missing) with probability `missingShare`. */
export function normals(rng: Random, n: number, mean: number, sd: number, missingShare = 0): number[] {
  return Array.from({ length: n }, () =>
    rng.float() < missingShare ? Number.NaN : mean + sd * rng.normal(),
  );
}

/** Counts of `n` draws from the categories in proportion to `weights`. */
export function categories(
  rng: Random,
  n: number,
  weights: Readonly<Record<string, number>>,
): Record<string, number> {
  const names = Object.keys(weights);
  const total = names.reduce((a, k) => a + weights[k]!, 0);
  const counts: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    let u = rng.float() * total;
    const pick = names.find((k) => (u -= weights[k]!) < 0) ?? names[names.length - 1]!;
    counts[pick] = (counts[pick] ?? 0) + 1;
  }
  return counts;
}

/** A column's drift result; `drift` follows the status unless given. */
export function columnDrift(
  name: string,
  fields: Partial<ColumnDrift> & Pick<ColumnDrift, 'method' | 'status' | 'reason'>,
): ColumnDrift {
  return {
    name,
    type: 'numeric',
    kind: 'numeric',
    statistic: null,
    pvalue: null,
    pvalueAdjusted: null,
    threshold: 0.05,
    drift: fields.status === 'inconclusive' ? null : fields.status === 'fail',
    referenceSize: 500,
    currentSize: 480,
    exact: true,
    alongside: {},
    ...fields,
  };
}

/** A drift result whose dataset-drift summary is derived from its columns. */
export function driftResult(
  columns: ColumnDrift[],
  reference: { source: string; rows: number },
  current: { source: string; rows: number },
  threshold = 0.5,
): DriftResult {
  const evaluated = columns.filter((c) => c.drift !== null).length;
  const drifted = columns.filter((c) => c.drift).length;
  const share = evaluated === 0 ? 0 : drifted / evaluated;
  return {
    schemaVersion: 1,
    kind: 'vigie.drift',
    reference,
    current,
    correction: 'fdr_bh',
    datasetDrift: {
      drift: evaluated > 0 && share >= threshold,
      share,
      threshold,
      driftedColumns: drifted,
      evaluatedColumns: evaluated,
    },
    columns,
  };
}

/** A report whose status and counts are derived as createReport does. */
export function report(fields: Omit<Report, 'schemaVersion' | 'kind' | 'status' | 'counts'>): Report {
  const all = [...fields.verdicts, ...(fields.splitChecks ?? []).flatMap((s) => s.verdicts)];
  return {
    schemaVersion: 1,
    kind: 'vigie.report',
    ...fields,
    status: worstStatus(all.map((v) => v.status)),
    counts: countVerdicts(all),
  };
}

/** A verdict with plausible defaults for what is not given. */
export function verdict(fields: Partial<Verdict> & Pick<Verdict, 'status' | 'check' | 'reason'>): Verdict {
  return {
    kind: fields.check.split(':')[0] ?? 'check',
    method: 'share of rows',
    value: null,
    threshold: null,
    sampleSizes: { n: 480 },
    ...fields,
  };
}
