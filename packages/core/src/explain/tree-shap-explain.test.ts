import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadModelFixture } from '../../test/support/model-fixtures.js';
import { openOnnxTensorRunner, readOnnxTrees, type TreeEnsemble } from '../models/index.js';
import { takeRows } from '../table/index.js';
import { explainTrees, featureLineage, type TreeShapFn } from './tree-shap-explain.js';

/**
 * Path-dependent Tree SHAP by brute force (every subset of features): a reference for the
 * dispatch, not the algorithm Vigie ships. v(S) follows the row where a split's feature is in S
 * and averages the children by cover elsewhere.
 */
const bruteTreeShap: TreeShapFn = (e: TreeEnsemble, matrix) => {
  const rows = Array.from({ length: matrix.rows }, (_, r) =>
    bruteRow(e, matrix.data.subarray(r * matrix.cols, (r + 1) * matrix.cols)),
  );
  const values = new Float64Array(rows.reduce((n, r) => n + r.values.length, 0));
  for (const [i, r] of rows.entries()) values.set(r.values, i * r.values.length);
  return { values, expectedValue: rows[0]?.expectedValue ?? Float64Array.from(e.baseScore) };
};

function bruteRow(e: TreeEnsemble, x: Float64Array) {
  const m = e.nFeatures;
  const d = e.nOutputs;
  const v = (set: number): Float64Array => {
    const out = Float64Array.from(e.baseScore);
    e.trees.forEach((t, ti) => {
      const go = (i: number): number => {
        if (t.left[i]! < 0) return t.value[i]!;
        const l = t.left[i]!;
        const r = t.right[i]!;
        if (set & (1 << t.feature[i]!)) {
          const xv = x[t.feature[i]!]!;
          return go(Number.isNaN(xv) ? (t.missingLeft[i] ? l : r) : xv <= t.threshold[i]! ? l : r);
        }
        return (t.cover[l]! * go(l) + t.cover[r]! * go(r)) / t.cover[i]!;
      };
      out[e.treeOutput[ti]!]! += go(0);
    });
    return out;
  };
  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
  const values = new Float64Array(m * d);
  const cache = new Map<number, Float64Array>();
  const val = (s: number) => cache.get(s) ?? cache.set(s, v(s)).get(s)!;
  for (let f = 0; f < m; f++)
    for (let s = 0; s < 1 << m; s++) {
      if (s & (1 << f)) continue;
      const size = s.toString(2).split('1').length - 1;
      const w = (fact(size) * fact(m - size - 1)) / fact(m);
      const a = val(s | (1 << f));
      const b = val(s);
      for (let k = 0; k < d; k++) values[f * d + k]! += w * (a[k]! - b[k]!);
    }
  return { values, expectedValue: val(0) };
}

describe('Tree SHAP on raw columns', () => {
  it('dispatches to the algorithm with covers from the data; contributions + expected value = raw score', async () => {
    const f = loadModelFixture('penguins-sex-gb');
    const bytes = readFileSync(f.path);
    const trees = readOnnxTrees(bytes, 'gb')!;
    await using runner = await openOnnxTensorRunner(bytes, trees.input, { signature: f.signature! });
    const r = await explainTrees(
      trees,
      runner,
      { task: 'classification', inputs: [], outputs: [], classes: [0, 1] },
      takeRows(f.table, [0, 10]),
      { coverRows: f.table, treeShap: bruteTreeShap },
    );
    expect(r.method).toBe('tree');
    expect(r.outputs.names).toEqual(['1']);
    const p = f.probabilities!;
    r.rows.forEach((row, i) => {
      const sum = row.values.reduce((a, b) => a + b, row.expectedValue[0]!);
      expect(sum).toBeCloseTo(row.prediction[0]!, 12);
      // The raw score is the log-odds of scikit-learn's probability.
      const q = p[[0, 10][i]!]![1]!;
      expect(row.prediction[0]).toBeCloseTo(Math.log(q / (1 - q)), 4);
    });
  });

  it('says so when no algorithm is given', async () => {
    const f = loadModelFixture('diabetes-gbr');
    const bytes = readFileSync(f.path);
    const trees = readOnnxTrees(bytes, 'gbr')!;
    await using runner = await openOnnxTensorRunner(bytes, trees.input);
    await expect(
      explainTrees(trees, runner, { task: 'regression', inputs: [], outputs: [] }, f.table, {
        coverRows: f.table,
        treeShap: null,
      }),
    ).rejects.toThrow(/Tree SHAP is not available in this build/);
  });

  it('maps each feature of a pipeline front to its raw column (one-hot indicators to their column)', async () => {
    const f = loadModelFixture('penguins-pipeline');
    await using runner = await openOnnxTensorRunner(readFileSync(f.path), 'transformed_column');
    const owner = await featureLineage(
      runner,
      takeRows(
        f.table,
        Array.from({ length: 60 }, (_, i) => i * 5),
      ),
    );
    expect(Array.from(owner)).toEqual([0, 1, 2, 3, 4, 4, 4, 5, 5]);
  });
});
