import type { ColumnProfile } from '../../../src/profile/index.js';
import { createRandom } from '../../../src/random/index.js';
import type { Report } from '../../../src/report/model.js';
import {
  syntheticBoolean,
  syntheticCategorical,
  syntheticNumeric,
  syntheticProfile,
} from './synthetic-profile.js';
import { categories, columnDrift, driftResult, normals, report, verdict } from './synthetic-results.js';

/**
 * A wide report for size and speed: `columns` columns (60% numeric, 30% categorical, 10% boolean)
 * profiled, compared for drift with both profiles carried, one verdict per column and a
 * correlation matrix of the numeric columns.
 */
export function wideReport(columns = 1000, seed = 7): Report {
  const rng = createRandom(seed);
  const make = (side: number): ColumnProfile[] =>
    Array.from({ length: columns }, (_, j) => {
      const r = rng.derive(j * 2 + side);
      const name = `feature_${String(j).padStart(4, '0')}`;
      if (j % 10 < 6) return syntheticNumeric(name, normals(r, 200, side * (j % 3) * 0.3, 1 + (j % 5), 0.01));
      if (j % 10 < 9) {
        const weights: Record<string, number> = {};
        for (let k = 0; k < 10 + (j % 40); k++) weights[`category_${k}`] = 1 + ((k * 7 + j) % 13);
        return syntheticCategorical(name, categories(r, 200, weights), 3);
      }
      return syntheticBoolean(name, 100 + side * 10, 100 - side * 10, 2);
    });
  const reference = syntheticProfile('reference.parquet', 200, make(0), 'a'.repeat(64));
  const current = syntheticProfile('current.parquet', 200, make(1), 'b'.repeat(64));
  const driftColumns = current.columns.map((c, j) => {
    const drifted = j % 3 === 1;
    const numeric = c.kind === 'numeric';
    return columnDrift(c.name, {
      type: c.type,
      kind: numeric ? 'numeric' : 'categorical',
      method: numeric ? 'ks' : 'chisquare',
      status: drifted ? 'fail' : 'pass',
      statistic: drifted ? 0.3 : 0.05,
      pvalue: drifted ? 1e-12 : 0.5,
      pvalueAdjusted: drifted ? 1e-10 : 0.9,
      referenceSize: 200,
      currentSize: 200,
      reason: drifted ? 'distributions differ' : 'no significant difference',
    });
  });
  const drift = driftResult(
    driftColumns,
    { source: 'reference.parquet', rows: 200 },
    { source: 'current.parquet', rows: 200 },
  );
  const numeric = current.columns.filter((c) => c.kind === 'numeric').map((c) => c.name);
  const k = numeric.length;
  const matrix = new Array<number>(k * k);
  for (let i = 0; i < k; i++) {
    matrix[i * k + i] = 1;
    for (let j = i + 1; j < k; j++)
      matrix[i * k + j] = matrix[j * k + i] = Math.round((rng.float() * 2 - 1) ** 3 * 1000) / 1000;
  }
  const verdicts = driftColumns.map((c) =>
    verdict({
      status: c.status,
      check: `drift:${c.name}`,
      kind: 'drift',
      subject: c.name,
      method: c.method,
      value: c.pvalueAdjusted,
      threshold: c.threshold,
      comparison: '>=',
      sampleSizes: { reference: 200, current: 200 },
      reason: c.reason,
    }),
  );
  return report({
    command: 'drift',
    title: `Drift of ${columns} columns`,
    createdAt: '2024-05-06T07:08:09.000Z',
    vigieVersion: '0.1.0',
    verdicts,
    dataset: { source: 'current.parquet', rows: 200, columns, contentHash: current.contentHash },
    profile: current,
    drift: [{ name: 'drift', result: drift, reference, current }],
    correlation: { method: 'spearman', columns: numeric, matrix },
  });
}
