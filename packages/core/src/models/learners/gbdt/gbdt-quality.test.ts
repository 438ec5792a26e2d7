import { describe, expect, it } from 'vitest';
import { loadGolden } from '../../../../test/support/golden.js';
import type { Matrix } from '../../../stats/index.js';
import { fitGbdt } from './fit-gbdt.js';
import type { GbdtOptions } from './options.js';

interface Dataset {
  task: 'classification' | 'regression';
  x: number[];
  rows: number;
  cols: number;
  y: number[];
  categories: number[];
}
interface Case {
  name: string;
  task: 'classification' | 'regression';
  data: string;
  settings: Partial<GbdtOptions>;
  train: number[];
  test: number[];
  seeds: number;
  sklearn: { metrics: Record<string, number>; nIter: number; predictions: number[] };
}

const golden = loadGolden('gbdt') as { datasets: Record<string, Dataset>; cases: Case[] };

function rowsOf(d: Dataset, rows: number[]): { x: Matrix; y: Float64Array } {
  const data = new Float64Array(rows.length * d.cols);
  rows.forEach((r, i) => {
    for (let j = 0; j < d.cols; j++) data[i * d.cols + j] = d.x[r * d.cols + j]!;
  });
  return { x: { data, rows: rows.length, cols: d.cols }, y: Float64Array.from(rows, (r) => d.y[r]!) };
}

/** Held-out metrics as the generator computes them (scikit-learn's definitions). */
export function heldOutMetrics(
  task: Case['task'],
  y: Float64Array,
  p: Float64Array,
  k: number,
): Record<string, number> {
  const n = y.length;
  if (task === 'regression') {
    const mean = y.reduce((a, b) => a + b, 0) / n;
    let ss = 0;
    let tot = 0;
    for (let i = 0; i < n; i++) {
      ss += (y[i]! - p[i]!) ** 2;
      tot += (y[i]! - mean) ** 2;
    }
    return { r2: 1 - ss / tot, rmse: Math.sqrt(ss / n) };
  }
  let correct = 0;
  let loss = 0;
  const eps = 2.220446049250313e-16;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (p[i * k + c]! > p[i * k + best]!) best = c;
    if (best === y[i]) correct++;
    loss -= Math.log(Math.min(Math.max(p[i * k + y[i]!]!, eps), 1 - eps));
  }
  return { accuracy: correct / n, logLoss: loss / n };
}

// The quality bar of the feature: held out, within 2% of scikit-learn's HistGradientBoosting at
// the same settings (higher-is-better metrics ≥ 0.98 × scikit-learn's, losses ≤ 1.02 ×).
describe('fitGbdt: held-out quality against scikit-learn HistGradientBoosting', () => {
  it.each(golden.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const d = golden.datasets[c.data]!;
    const train = rowsOf(d, c.train);
    const test = rowsOf(d, c.test);
    // A randomized setting is compared on the mean over as many seeds as scikit-learn had.
    const ours: Record<string, number> = {};
    for (let seed = 0; seed < c.seeds; seed++) {
      const model = fitGbdt(train.x, train.y, {
        task: c.task,
        categories: d.categories,
        seed,
        ...c.settings,
      });
      const k = c.task === 'classification' ? model.nClasses : 1;
      const p = c.task === 'classification' ? model.predictProba(test.x) : model.predict(test.x);
      for (const [m, v] of Object.entries(heldOutMetrics(c.task, test.y, p, k)))
        ours[m] = (ours[m] ?? 0) + v / c.seeds;
      if (seed === 0 && process.env.GBDT_REPORT) {
        let diff = 0;
        c.sklearn.predictions.forEach((v, i) => {
          diff = Math.max(diff, Math.abs(v - p[i]!));
        });
        console.log(c.name, model.nIter, c.sklearn.nIter, diff);
      }
    }
    const theirs = c.sklearn.metrics;
    if (process.env.GBDT_REPORT) console.log(c.name, JSON.stringify(ours), JSON.stringify(theirs));
    for (const [metric, value] of Object.entries(theirs)) {
      const mine = ours[metric]!;
      const lowerIsBetter = metric === 'logLoss' || metric === 'rmse';
      if (lowerIsBetter)
        expect(mine, `${metric}: ${mine} vs scikit-learn ${value}`).toBeLessThanOrEqual(value * 1.02);
      else expect(mine, `${metric}: ${mine} vs scikit-learn ${value}`).toBeGreaterThanOrEqual(value * 0.98);
    }
  });
});
