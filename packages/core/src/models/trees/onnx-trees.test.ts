import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadModelFixture, type ModelFixtureName } from '../../../test/support/model-fixtures.js';
import { openOnnxTensorRunner } from '../onnx/onnx-tensor-runner.js';
import { readOnnxTrees } from './onnx-trees.js';
import { leafOf, withCover } from './tree-cover.js';
import type { TreeEnsemble } from './tree-ensemble.js';

/** Predictions through the read ensemble, link applied: they must be scikit-learn's. */
function predict(
  e: TreeEnsemble,
  x: { data: Float64Array; rows: number; cols: number },
  row: number,
): number[] {
  const raw = Array.from(e.baseScore);
  e.trees.forEach((t, i) => {
    raw[e.treeOutput[i]!]! += t.value[leafOf(t, x, row)]!;
  });
  if (e.link === 'logistic') return raw.map((s) => 1 / (1 + Math.exp(-s)));
  if (e.link === 'softmax') {
    const m = Math.max(...raw);
    const ex = raw.map((s) => Math.exp(s - m));
    const z = ex.reduce((a, b) => a + b, 0);
    return ex.map((v) => v / z);
  }
  return raw;
}

describe('readOnnxTrees: scikit-learn tree ensembles exported by skl2onnx', () => {
  const cases: Array<[ModelFixtureName, string, TreeEnsemble['link'], number]> = [
    ['penguins-forest', 'TreeEnsembleClassifier', 'identity', 3],
    ['penguins-sex-gb', 'TreeEnsembleClassifier', 'logistic', 1],
    ['diabetes-gbr', 'TreeEnsembleRegressor', 'identity', 1],
  ];
  for (const [name, op, link, outputs] of cases) {
    it(`${name}: the ensemble predicts what scikit-learn predicts`, async () => {
      const f = loadModelFixture(name);
      const bytes = readFileSync(f.path);
      const trees = readOnnxTrees(bytes, name)!;
      expect(trees.op).toBe(op);
      expect(trees.ensemble.link).toBe(link);
      expect(trees.ensemble.nOutputs).toBe(outputs);
      await using runner = await openOnnxTensorRunner(
        bytes,
        trees.input,
        f.signature ? { signature: f.signature } : {},
      );
      const x = await runner.run(f.table);
      expect(x.cols).toBe(f.table.columns.length);
      let worst = 0;
      for (let r = 0; r < x.rows; r++) {
        const p = predict(trees.ensemble, x, r);
        const expected =
          f.task === 'regression'
            ? [f.values![r]!]
            : outputs === 1
              ? [f.probabilities![r]![1]!]
              : f.probabilities![r]!;
        p.forEach((v, k) => {
          worst = Math.max(worst, Math.abs(v - expected[k]!) / Math.max(1, Math.abs(expected[k]!)));
        });
      }
      expect(worst).toBeLessThan(1e-5);
      // Covers from the rows: every row passes the root, and children add up to their parent.
      const covered = withCover(trees.ensemble, x);
      const t = covered.trees[0]!;
      expect(t.cover[0]).toBe(x.rows);
      for (let i = 0; i < t.left.length; i++)
        if (t.left[i]! >= 0) expect(t.cover[t.left[i]!]! + t.cover[t.right[i]!]!).toBe(t.cover[i]);
    });
  }

  it('opset 5 TreeEnsemble: the same regressor, read from split and leaf lists', async () => {
    const f = loadModelFixture('diabetes-gbr');
    const bytes = readFileSync(
      new URL('../../../test/fixtures/explain/diabetes-gbr-opset5.onnx', import.meta.url),
    );
    const trees = readOnnxTrees(bytes, 'opset5')!;
    expect(trees.op).toBe('TreeEnsemble');
    const classic = readOnnxTrees(readFileSync(f.path), 'classic')!;
    expect(trees.ensemble.trees.length).toBe(classic.ensemble.trees.length);
    await using runner = await openOnnxTensorRunner(bytes, trees.input);
    const x = await runner.run(f.table);
    // The base score is an Add after the ensemble in this file: read back into the ensemble.
    expect(trees.ensemble.baseScore[0]).toBeCloseTo(classic.ensemble.baseScore[0]!, 5);
    let worst = 0;
    for (let r = 0; r < x.rows; r++) {
      const v = predict(trees.ensemble, x, r)[0]!;
      worst = Math.max(worst, Math.abs(v - f.values![r]!) / Math.max(1, Math.abs(f.values![r]!)));
    }
    expect(worst).toBeLessThan(1e-5);
  });

  it('a model without a tree ensemble has none', () => {
    const f = loadModelFixture('penguins-logreg');
    expect(readOnnxTrees(readFileSync(f.path), 'logreg')).toBeNull();
  });

  it('the front of a pipeline is computed by ONNX Runtime up to the tensor asked for', async () => {
    const f = loadModelFixture('penguins-pipeline');
    await using runner = await openOnnxTensorRunner(readFileSync(f.path), 'transformed_column');
    expect(runner.columns).toEqual([
      'bill_length_mm',
      'bill_depth_mm',
      'flipper_length_mm',
      'body_mass_g',
      'island',
      'sex',
    ]);
    const x = await runner.run(f.table);
    // 4 scaled measurements, 3 islands and 2 sexes one-hot encoded.
    expect(x.cols).toBe(9);
    for (let r = 0; r < 5; r++) expect(x.data.slice(r * 9 + 4, r * 9 + 9).reduce((a, b) => a + b, 0)).toBe(2);
  });
});
