import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden } from '../../../test/support/golden.js';
import { createRandom } from '../../random/index.js';
import type { Matrix } from '../../stats/index.js';
import type { DecisionTree, TreeEnsemble } from './tree-ensemble.js';
import { treeEnsembleFromJson } from './tree-ensemble-json.js';
import { compileEnsemble } from './tree-predict.js';
import { treeShap } from './tree-shap.js';

/** A random tree over `f` features (feature 0 categorical with codes 0..5), covers consistent. */
function randomTree(rng: ReturnType<typeof createRandom>, f: number, depth: number): DecisionTree {
  const feature: number[] = [];
  const threshold: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const missingLeft: number[] = [];
  const categories: Array<Int32Array | null> = [];
  const value: number[] = [];
  const cover: number[] = [];
  const grow = (d: number, rows: number): number => {
    const i = feature.length;
    feature.push(-1);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    missingLeft.push(0);
    categories.push(null);
    value.push(rng.normal());
    cover.push(rows);
    if (d < depth && rows >= 2 && rng.float() < 0.85) {
      const j = rng.int(f);
      feature[i] = j;
      missingLeft[i] = rng.int(2);
      if (j === 0) categories[i] = Int32Array.from([0, 1, 2, 3, 4, 5].filter(() => rng.float() < 0.5));
      else threshold[i] = rng.normal();
      const nl = 1 + rng.int(rows - 1);
      left[i] = grow(d + 1, nl);
      right[i] = grow(d + 1, rows - nl);
    }
    return i;
  };
  grow(0, 1000);
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    missingLeft: Uint8Array.from(missingLeft),
    categories,
    value: Float64Array.from(value),
    cover: Float64Array.from(cover),
  };
}

/** E[f(x) | x_S] as Tree SHAP defines it: splits on features outside S average their children by cover. */
function conditional(tree: DecisionTree, x: Float64Array, inS: boolean[], node = 0): number {
  const l = tree.left[node]!;
  if (l < 0) return tree.value[node]!;
  const r = tree.right[node]!;
  const j = tree.feature[node]!;
  if (inS[j]) {
    const v = x[j]!;
    const cats = tree.categories[node];
    const goLeft = Number.isNaN(v)
      ? tree.missingLeft[node] === 1
      : cats
        ? cats.includes(v)
        : v <= tree.threshold[node]!;
    return conditional(tree, x, inS, goLeft ? l : r);
  }
  const w = tree.cover[node]!;
  return (tree.cover[l]! * conditional(tree, x, inS, l) + tree.cover[r]! * conditional(tree, x, inS, r)) / w;
}

function bruteShapley(tree: DecisionTree, x: Float64Array, f: number): Float64Array {
  const phi = new Float64Array(f);
  const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
  for (let mask = 0; mask < 1 << f; mask++) {
    const inS = Array.from({ length: f }, (_, j) => ((mask >> j) & 1) === 1);
    const size = inS.filter(Boolean).length;
    const base = conditional(tree, x, inS);
    for (let j = 0; j < f; j++) {
      if (inS[j]) continue;
      const withJ = inS.slice();
      withJ[j] = true;
      phi[j]! += ((fact(size) * fact(f - size - 1)) / fact(f)) * (conditional(tree, x, withJ) - base);
    }
  }
  return phi;
}

describe('treeShap', () => {
  it('equals the brute-force Shapley values of the path-dependent expectation (categorical splits, missing values, repeated features)', () => {
    const rng = createRandom(5);
    const f = 5;
    for (let t = 0; t < 30; t++) {
      const tree = randomTree(rng, f, 6);
      const ensemble: TreeEnsemble = {
        task: 'regression',
        nFeatures: f,
        nOutputs: 1,
        trees: [tree],
        treeOutput: Int32Array.of(0),
        baseScore: Float64Array.of(0.5),
        link: 'identity',
      };
      const x = Float64Array.from({ length: f }, (_, j) =>
        rng.float() < 0.15 ? Number.NaN : j === 0 ? rng.int(7) : rng.normal(),
      );
      const { values, expectedValue } = treeShap(ensemble, { data: x, rows: 1, cols: f });
      const expected = bruteShapley(tree, x, f);
      for (let j = 0; j < f; j++) expect(Math.abs(values[j]! - expected[j]!)).toBeLessThan(1e-10);
      expect(expectedValue[0]! - 0.5).toBeCloseTo(conditional(tree, x, new Array(f).fill(false)), 12);
    }
  });

  it('takes Algorithm 2 for paths with more than 10 distinct features, with the same values', () => {
    const rng = createRandom(8);
    const f = 12;
    for (let t = 0; t < 5; t++) {
      // A comb: split i is on feature i; left is a leaf, right goes on (12 distinct features deep).
      const m = 2 * f + 1;
      const tree: DecisionTree = {
        feature: new Int32Array(m).fill(-1),
        threshold: new Float64Array(m),
        left: new Int32Array(m).fill(-1),
        right: new Int32Array(m).fill(-1),
        missingLeft: new Uint8Array(m),
        categories: new Array<Int32Array | null>(m).fill(null),
        value: Float64Array.from({ length: m }, () => rng.normal()),
        cover: new Float64Array(m),
      };
      let rows = 5000;
      for (let i = 0; i < f; i++) {
        const node = 2 * i;
        tree.feature[node] = i;
        tree.threshold[node] = rng.normal();
        tree.missingLeft[node] = rng.int(2);
        if (i === 0) tree.categories[node] = Int32Array.of(1, 3);
        tree.left[node] = node + 1;
        tree.right[node] = node + 2;
        tree.cover[node] = rows;
        const nl = 1 + rng.int(Math.floor(rows / 3));
        tree.cover[node + 1] = nl;
        rows -= nl;
      }
      tree.cover[m - 1] = rows;
      const ensemble: TreeEnsemble = {
        task: 'regression',
        nFeatures: f,
        nOutputs: 1,
        trees: [tree],
        treeOutput: Int32Array.of(0),
        baseScore: Float64Array.of(0),
        link: 'identity',
      };
      const x = Float64Array.from({ length: f }, (_, j) =>
        rng.float() < 0.1 ? Number.NaN : j === 0 ? rng.int(4) : rng.normal(),
      );
      const { values } = treeShap(ensemble, { data: x, rows: 1, cols: f });
      const expected = bruteShapley(tree, x, f);
      for (let j = 0; j < f; j++) expect(Math.abs(values[j]! - expected[j]!)).toBeLessThan(1e-10);
    }
  });

  interface ShapCase {
    name: string;
    ensemble: unknown;
    x: number[];
    rows: number;
    cols: number;
    raw: number[];
    shapValues: number[];
    expectedValue: number[];
  }
  const golden = loadGolden('tree-shap') as { cases: ShapCase[] };

  it.each(golden.cases.map((c) => [c.name, c] as const))(
    'agrees with the shap package (TreeExplainer) and adds up to the raw prediction: %s',
    (_, c) => {
      const ensemble = treeEnsembleFromJson(c.ensemble);
      const x: Matrix = { data: Float64Array.from(c.x), rows: c.rows, cols: c.cols };
      const raw = compileEnsemble(ensemble).predictRaw(x);
      const k = ensemble.nOutputs;
      for (const [i, v] of c.raw.entries()) expect(Math.abs(raw[i]! - v)).toBeLessThan(1e-9);
      const { values, expectedValue } = treeShap(ensemble, x);
      for (const [i, v] of c.expectedValue.entries())
        expectGolden('treeShap.expectedValue', expectedValue[i]!, v, { abs: 1e-6 }, `${c.name} [${i}]`);
      for (const [i, v] of c.shapValues.entries())
        expectGolden('treeShap.values', values[i]!, v, { abs: 1e-6 }, `${c.name} value ${i}`);
      for (let r = 0; r < x.rows; r++)
        for (let o = 0; o < k; o++) {
          let sum = expectedValue[o]!;
          for (let j = 0; j < x.cols; j++) sum += values[(r * x.cols + j) * k + o]!;
          expect(Math.abs(sum - raw[r * k + o]!)).toBeLessThan(1e-9);
        }
    },
  );
});
