import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  loadModelFixture,
  type ModelFixture,
  type ModelFixtureName,
} from '../../test/support/model-fixtures.js';
import { openOnnxModel, openOnnxTensorRunner, readOnnxTrees } from '../models/index.js';
import {
  createTable,
  dictColumnFromStrings,
  float64Column,
  type Table,
  takeRows,
  withColumn,
} from '../table/index.js';
import { kernelShap } from './kernel-shap.js';
import { fitBins } from './lime-discretize.js';
import { limeTabular } from './lime-tabular.js';
import { permutationImportance } from './permutation-importance.js';
import { explainTrees, TREE_SHAP } from './tree-shap-explain.js';

/**
 * Vigie's explainers against shap, lime and scikit-learn on the scikit-learn fixture models
 * (references written by scripts/models/explain_fixtures.py; the models run here are the ONNX
 * exports, which compute in float32).
 */
// biome-ignore lint/suspicious/noExplicitAny: fixtures are free-form JSON, narrowed by each test
type Doc = any;

function reference(name: ModelFixtureName): Doc {
  return JSON.parse(
    readFileSync(new URL(`../../test/fixtures/explain/${name}.json`, import.meta.url), 'utf8'),
  );
}

async function open(f: ModelFixture) {
  return openOnnxModel(f.path, f.signature ? { signature: f.signature } : {});
}

function withLabel(table: Table, values: Array<string | number | null>): Table {
  const label =
    typeof values.find((v) => v !== null) === 'string'
      ? dictColumnFromStrings('label', values as Array<string | null>)
      : float64Column(
          'label',
          Float64Array.from(values, (v) => (v === null ? Number.NaN : (v as number))),
        );
  return withColumn(table, label);
}

const NAMES: ModelFixtureName[] = ['penguins-forest', 'penguins-sex-gb', 'diabetes-gbr', 'penguins-pipeline'];

describe('Kernel SHAP agrees with shap.KernelExplainer (same background, every coalition enumerated)', () => {
  for (const name of NAMES) {
    it(name, async () => {
      const f = loadModelFixture(name);
      const ref = reference(name);
      await using model = await open(f);
      const background = takeRows(f.table, ref.background);
      const r = await kernelShap(model, takeRows(f.table, ref.shap.rows), { background });
      const d = r.outputs.names.length;
      let worst = 0;
      r.rows.forEach((row, i) => {
        expect(row.exact).toBe(true);
        const expected: number[][] = ref.shap.values[i];
        for (const [j, perOutput] of expected.entries())
          for (const [k, v] of perOutput.entries())
            worst = Math.max(worst, Math.abs(row.values[j * d + k]! - v));
        ref.shap.expectedValue.forEach((e: number, k: number) => {
          expect(row.expectedValue[k]).toBeCloseTo(e, 5);
        });
      });
      // Float32 inside ONNX against float64 in scikit-learn: 1e-5 of the output's scale.
      const scale = f.task === 'regression' ? 100 : 1;
      expect(worst).toBeLessThan(1e-5 * scale);
    });
  }

  it('a sampled budget stays within the spread of shap’s own sampled estimates', async () => {
    const f = loadModelFixture('diabetes-gbr');
    const ref = reference('diabetes-gbr');
    await using model = await open(f);
    const background = takeRows(f.table, ref.background);
    const s = ref.shapSampled;
    const exact = ref.shap.values[ref.shap.rows.indexOf(s.row)] as number[][];
    for (const seed of [0, 1, 2]) {
      const r = await kernelShap(model, takeRows(f.table, [s.row]), {
        background,
        nSamples: s.nSamples,
        seed,
      });
      const row = r.rows[0]!;
      expect(row.exact).toBe(false);
      // Our estimator draws the same way as shap's: its error against the exact values is of the
      // size of shap's own spread over seeds; 4 standard deviations (+ a float32 floor).
      exact.forEach((v, j) => {
        const sd = s.std[j][0] as number;
        expect(Math.abs(row.values[j]! - v[0]!)).toBeLessThanOrEqual(4 * sd + 1e-3);
      });
    }
  });
});

describe('permutation importance agrees with sklearn.inspection.permutation_importance', () => {
  for (const name of NAMES) {
    it(name, async () => {
      const f = loadModelFixture(name);
      const ref = reference(name).permutation;
      await using model = await open(f);
      const r = await permutationImportance(model, withLabel(f.table, ref.label), { label: 'label' });
      expect(r.metric).toBe(ref.metric);
      expect(r.baseline).toBeCloseTo(ref.baseline, 6);
      expect(r.nRepeats).toBe(5);
      for (const c of r.columns) {
        const e = ref.columns[c.column];
        // Different random permutations: our mean over 5 repeats and scikit-learn's over 200 differ
        // by a sampling error of sd·√(1/5 + 1/200); 4 of those (+ one row's worth of a score).
        const tol = 4 * e.std * Math.sqrt(1 / 5 + 1 / ref.repeats) + 1 / r.rows;
        expect(Math.abs(c.mean - e.mean), c.column).toBeLessThanOrEqual(tol);
      }
      // The column that matters most is the same.
      const top = (xs: Array<[string, number]>) => xs.sort((a, b) => b[1] - a[1])[0]![0];
      expect(top(r.columns.map((c) => [c.column, c.mean]))).toBe(
        top(Object.entries(ref.columns).map(([k, v]) => [k, (v as Doc).mean])),
      );
    });
  }
});

describe('LIME agrees with lime.lime_tabular (quartile bins, weights, top features)', () => {
  for (const name of ['penguins-forest', 'penguins-sex-gb', 'diabetes-gbr'] as const) {
    it(name, async () => {
      const f = loadModelFixture(name);
      const ref = reference(name).lime;
      // lime's discretizer saw the float32 values the models see.
      const training = createTable(
        f.table.columns.map((c) =>
          c.storage === 'float64' ? { ...c, values: Float64Array.from(c.values, Math.fround) } : c,
        ),
      );
      for (const c of training.columns) {
        const bins = fitBins(c);
        bins.edges.forEach((e, b) => {
          expect(e).toBeCloseTo(ref.edges[c.name][b], 6);
        });
        expect(bins.edges).toHaveLength(ref.edges[c.name].length);
      }
      await using model = await open(f);
      for (const row of ref.rows) {
        const r = await limeTabular(model, takeRows(training, [row.row]), {
          training,
          ...(row.label !== null ? { classIndex: row.label } : {}),
        });
        for (const feat of r.features) {
          const e = row.weights[feat.column];
          expect(feat.condition).toBe(e.condition);
          // One run of ours against the mean of lime's runs: 4 sd of one run (+ a small floor).
          expect(Math.abs(feat.weight - e.mean), feat.column).toBeLessThanOrEqual(
            4 * e.std * Math.sqrt(1 + 1 / ref.repeats) + 1e-3 * Math.abs(row.intercept),
          );
        }
        // Same top features: the largest k (up to 3) whose gap to the next exceeds the noise.
        const top: string[] = row.top;
        const w = (c: string) => Math.abs(row.weights[c].mean);
        const sd = (c: string) => row.weights[c].std;
        let k = 0;
        for (let i = 1; i <= Math.min(3, top.length - 1); i++)
          if (w(top[i - 1]!) - w(top[i]!) > 3 * (sd(top[i - 1]!) + sd(top[i]!))) k = i;
        const ours = r.features.map((x) => x.column).slice(0, k);
        expect(new Set(ours)).toEqual(new Set(top.slice(0, k)));
      }
    });
  }
});

describe('Tree SHAP of an ONNX tree ensemble agrees with shap.TreeExplainer on the scikit-learn model', () => {
  for (const name of ['penguins-sex-gb', 'diabetes-gbr'] as const) {
    it(name, async () => {
      const f = loadModelFixture(name);
      const ref = reference(name).treeShap;
      const bytes = readFileSync(f.path);
      const trees = readOnnxTrees(bytes, name)!;
      await using model = await open(f);
      await using runner = await openOnnxTensorRunner(
        bytes,
        trees.input,
        f.signature ? { signature: f.signature } : {},
      );
      // Covers counted on the training rows through the ONNX trees are scikit-learn's own.
      const r = await explainTrees(trees, runner, model.signature, takeRows(f.table, ref.rows), {
        coverRows: takeRows(f.table, ref.trainingRows),
        treeShap: TREE_SHAP,
      });
      const scale = f.task === 'regression' ? 100 : 1;
      expect(Math.abs(r.rows[0]!.expectedValue[0]! - ref.expectedValue[0])).toBeLessThan(1e-5 * scale);
      let worst = 0;
      r.rows.forEach((row, i) => {
        for (const [j, perOutput] of (ref.values[i] as number[][]).entries())
          worst = Math.max(worst, Math.abs(row.values[j]! - perOutput[0]!));
      });
      // Leaf values are float32 in ONNX, float64 in scikit-learn.
      expect(worst).toBeLessThan(1e-5 * scale);
    });
  }
});
