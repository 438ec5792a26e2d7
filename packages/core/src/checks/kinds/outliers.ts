import { isolationForest, type Matrix } from '../../anomaly/index.js';
import { VigieError } from '../../errors/index.js';
import type { Float64Column } from '../../table/index.js';
import type { Verdict } from '../../verdict/index.js';
import type { CheckContext, CheckOf, CheckRunner } from '../context.js';
import { checkColumns, checkId, examplesOf, shareVerdict } from '../helpers.js';
import {
  DEFAULT_OUTLIER_THRESHOLD,
  outlierMethodLabel,
  type UnivariateMethod,
  univariateOutliers,
} from '../outlier-flags.js';

function numericColumns(spec: CheckOf<'outliers'>, ctx: CheckContext): Float64Column[] {
  return checkColumns(ctx.table, spec).map((col) => {
    if (col.storage !== 'float64') {
      throw new VigieError(
        'TYPE_MISMATCH',
        `outliers check: column "${col.name}" is ${col.type}, not numeric`,
        {
          details: { column: col.name },
        },
      );
    }
    return col;
  });
}

function univariate(spec: CheckOf<'outliers'>, col: Float64Column, method: UnivariateMethod): Verdict {
  const threshold = spec.threshold ?? DEFAULT_OUTLIER_THRESHOLD[method];
  const flags = univariateOutliers(col.values, method, threshold);
  return shareVerdict({
    check: checkId(spec, col.name),
    kind: 'outliers',
    subject: col.name,
    method: `${method}: ${outlierMethodLabel(method, threshold)}; ±Infinity is an outlier`,
    count: flags.nOutliers,
    n: flags.present,
    maxShare: spec.max_share,
    severity: spec.severity,
    what: 'outliers',
    examples: examplesOf(col, flags.isOutlier),
    details: { detector: flags.detector },
  });
}

/** Isolation Forest on the listed columns jointly; rows with a missing value are left out. */
function forest(spec: CheckOf<'outliers'>, cols: Float64Column[], seed: number): Verdict {
  const n = cols[0]!.values.length;
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (cols.every((c) => Number.isFinite(c.values[i]!))) rows.push(i);
  const data = new Float64Array(rows.length * cols.length);
  rows.forEach((r, k) => {
    cols.forEach((c, j) => {
      data[k * cols.length + j] = c.values[r]!;
    });
  });
  const matrix: Matrix = { data, rows: rows.length, cols: cols.length };
  const subject = cols.map((c) => c.name).join(', ');
  if (rows.length < 2) {
    return shareVerdict({
      check: checkId(spec, subject),
      kind: 'outliers',
      subject,
      method: 'isolation_forest',
      count: 0,
      n: 0,
      maxShare: spec.max_share,
      severity: spec.severity,
      what: 'outliers',
    });
  }
  const contamination = spec.threshold === undefined ? 'auto' : spec.threshold;
  const fitted = isolationForest(matrix, { seed: spec.seed ?? seed, contamination });
  const labels = fitted.predict(matrix);
  const mask = new Uint8Array(n);
  let count = 0;
  labels.forEach((l, k) => {
    if (l === -1) {
      mask[rows[k]!] = 1;
      count++;
    }
  });
  return shareVerdict({
    check: spec.name ?? checkId(spec, subject),
    kind: 'outliers',
    subject,
    method: `isolation_forest on ${cols.length} column(s), 100 trees, contamination ${contamination}`,
    count,
    n: rows.length,
    maxShare: spec.max_share,
    severity: spec.severity,
    what: 'outlying rows',
    examples: examplesOf(cols[0]!, mask),
  });
}

/** Share of outliers at most max_share, per column (z, robust z, IQR) or jointly (Isolation Forest). */
export const runOutliers: CheckRunner<'outliers'> = (spec, ctx) => {
  const cols = numericColumns(spec, ctx);
  if (spec.method === 'isolation_forest') return [forest(spec, cols, ctx.seed)];
  return cols.map((c) => univariate(spec, c, spec.method as UnivariateMethod));
};
