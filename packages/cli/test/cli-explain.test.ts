import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectSelfContainedHtml } from './support/html.js';
import { lines, workspace } from './support/run-cli.js';

// scikit-learn models exported with skl2onnx (scripts/models/make_fixtures.py), and the labels of
// their rows (scripts/models/explain_fixtures.py).
const MODELS = fileURLToPath(new URL('../../core/test/fixtures/models/', import.meta.url));
const EXPLAIN = fileURLToPath(new URL('../../core/test/fixtures/explain/', import.meta.url));
const FOREST = `${MODELS}penguins-forest.onnx`;
const ws = workspace('vigie-cli-explain-');
const R = ['--registry', 'sqlite:reg.db'];

/** A fixture's rows with their label, as CSV. */
function csv(name: string, label: string): string {
  const rows = JSON.parse(readFileSync(`${MODELS}${name}.json`, 'utf8')) as {
    columns: Array<{ name: string; values: Array<number | string | null> }>;
  };
  const labels = JSON.parse(readFileSync(`${EXPLAIN}${name}.json`, 'utf8')).permutation.label as unknown[];
  const head = [...rows.columns.map((c) => c.name), label].join(',');
  const body = labels.map((y, i) => [...rows.columns.map((c) => c.values[i] ?? ''), y ?? ''].join(','));
  return `${head}\n${body.join('\n')}\n`;
}

function oneLineError(r: { code: number; stderr: string }, message: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(lines(r.stderr)).toHaveLength(1);
  expect(r.stderr).toMatch(message);
}

interface Json {
  model: string;
  task: string;
  rows: number;
  shap?: {
    method: string;
    outputs: string[];
    rows: number;
    exact: boolean;
    columns: Array<{ column: string; meanAbs: number[] }>;
  };
  permutation?: {
    metric: string;
    baseline: number;
    nRepeats: number;
    columns: Array<{ column: string; mean: number; std: number; ci: [number, number] }>;
  };
  local?: {
    row: number;
    shap?: {
      expectedValue: number[];
      prediction: number[];
      contributions: Array<{ column: string; value: string; shap: number[] }>;
    };
    lime?: { output: string; features: Array<{ column: string; condition: string; weight: number }> };
  };
  notes: string[];
}

describe('vigie explain', () => {
  ws.file('forest.csv', csv('penguins-forest', 'species'));
  ws.file('diabetes.csv', csv('diabetes-gbr', 'target'));
  ws.file('pipeline.csv', csv('penguins-pipeline', 'species'));

  it('global and local views of an ONNX file: permutation importance, mean |SHAP|, one row adding up', async () => {
    const r = await ws.run([
      'explain',
      FOREST,
      '--data',
      'forest.csv',
      '--label',
      'species',
      '--row',
      '4',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    expect(j).toMatchObject({ task: 'classification', rows: 342 });
    expect(j.permutation).toMatchObject({ metric: 'accuracy', nRepeats: 5 });
    const top = [...j.permutation!.columns].sort((a, b) => b.mean - a.mean)[0]!;
    expect(top.column).toBe('bill_length_mm');
    expect(top.ci[0]).toBeLessThanOrEqual(top.mean);
    expect(j.shap).toMatchObject({
      // A random forest in ONNX: Tree SHAP, in probabilities (an averaging ensemble's raw score).
      method: 'tree',
      outputs: ['Adelie', 'Chinstrap', 'Gentoo'],
      rows: 50,
      exact: true,
    });
    const local = j.local!.shap!;
    expect(j.local!.row).toBe(4);
    expect(local.contributions.map((c) => c.column)).toEqual([
      'bill_length_mm',
      'bill_depth_mm',
      'flipper_length_mm',
      'body_mass_g',
    ]);
    expect(local.contributions[0]!.value).toBe('36.7');
    local.expectedValue.forEach((e, k) => {
      const sum = local.contributions.reduce((a, c) => a + c.shap[k]!, e);
      expect(sum).toBeCloseTo(local.prediction[k]!, 9);
    });
    expect(j.notes.join(' ')).toMatch(/Tree SHAP: node covers counted on 342 rows/);
    // Seeded: the same command gives the same numbers.
    const again = await ws.run([
      'explain',
      '--model',
      FOREST,
      '--data',
      'forest.csv',
      '--label',
      'species',
      '--row',
      '4',
      '--json',
    ]);
    expect(JSON.parse(again.stdout)).toEqual(j);
  });

  it('a regressor on the console and in HTML; LIME for one row', async () => {
    const r = await ws.run([
      'explain',
      `${MODELS}diabetes-gbr.onnx`,
      '--data',
      'diabetes.csv',
      '--label',
      'target',
      '--rows',
      '10',
      '--background',
      '30',
      '--row',
      '1',
      '--html',
      'explain.html',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/r2 lost/);
    expect(r.stdout).toMatch(/row 1 \(SHAP, value\)/);
    expect(r.stdout).toMatch(/expected value/);
    expectSelfContainedHtml(ws.path('explain.html'));
    const html = readFileSync(ws.path('explain.html'), 'utf8');
    expect(html).toContain('id="explanation"');
    expect(html).toContain('Contributions to row 1');

    const lime = await ws.run([
      'explain',
      `${MODELS}diabetes-gbr.onnx`,
      '--data',
      'diabetes.csv',
      '--row',
      '1',
      '--method',
      'lime',
      '--json',
    ]);
    expect(lime.code, lime.stderr).toBe(0);
    const l = JSON.parse(lime.stdout) as Json;
    expect(l.local!.lime!.output).toBe('value');
    expect(l.local!.lime!.features).toHaveLength(10);
    expect(l.local!.lime!.features[0]!.condition).toMatch(/bmi|s5/);
    expect(l.permutation).toBeUndefined();
  });

  it('Tree SHAP and Kernel SHAP explain the same prediction of a row', async () => {
    const run = async (method: string) => {
      const r = await ws.run([
        'explain',
        FOREST,
        '--data',
        'forest.csv',
        '--row',
        '200',
        '--method',
        method,
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as Json).local!.shap!;
    };
    const [tree, kernel] = [await run('tree'), await run('kernel')];
    tree.prediction.forEach((p, k) => {
      expect(p).toBeCloseTo(kernel.prediction[k]!, 6);
    });
    // Both put the most weight on the same column for the predicted class.
    const top = (s: typeof tree, k: number) =>
      [...s.contributions].sort((a, b) => Math.abs(b.shap[k]!) - Math.abs(a.shap[k]!))[0]!.column;
    const predicted = tree.prediction.indexOf(Math.max(...tree.prediction));
    expect(top(tree, predicted)).toBe(top(kernel, predicted));
  });

  it("Tree SHAP of Vigie's own boosted trees, categorical splits and the raw-column front included", async () => {
    const train = await ws.run([
      'train',
      '--trainer',
      'gbdt',
      '--data',
      'pipeline.csv',
      '--label',
      'species',
      '--out',
      'gb.onnx',
    ]);
    expect(train.code, train.stderr).toBe(0);
    const r = await ws.run([
      'explain',
      'gb.onnx',
      '--data',
      'pipeline.csv',
      '--row',
      '3',
      '--method',
      'tree',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as Json & { shap: { scale: string } };
    expect(j.shap.scale).toMatch(/logits/);
    const local = j.local!.shap!;
    expect(local.contributions.map((c) => c.column)).toContain('island');
    // The raw scores are the model's: their softmax is what vigie predict gives.
    const pred = await ws.run(['predict', '--model', 'gb.onnx', '--data', 'pipeline.csv', '--out', 'gb.csv']);
    expect(pred.code, pred.stderr).toBe(0);
    const row = readFileSync(ws.path('gb.csv'), 'utf8')
      .trim()
      .split('\n')[3]!
      .split(',')
      .slice(1)
      .map(Number);
    const m = Math.max(...local.prediction);
    const z = local.prediction.reduce((a, v) => a + Math.exp(v - m), 0);
    local.prediction.forEach((v, k) => {
      expect(Math.exp(v - m) / z).toBeCloseTo(row[k]!, 6);
    });
  });

  it('explains a registered model version', async () => {
    const reg = await ws.run([
      'model',
      'register',
      'forest',
      FOREST,
      '--type',
      'sklearn.RandomForestClassifier',
      ...R,
    ]);
    expect(reg.code, reg.stderr).toBe(0);
    const r = await ws.run(['explain', 'forest@1', '--data', 'forest.csv', '--rows', '5', '--json', ...R]);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as Json;
    expect(j.model).toBe('forest@1');
    // The tree ensemble is read from the stored artifact.
    expect(j.shap).toMatchObject({ method: 'tree', rows: 5 });
    const kernel = await ws.run([
      'explain',
      'forest@1',
      '--data',
      'forest.csv',
      '--method',
      'kernel',
      '--rows',
      '5',
      '--json',
      ...R,
    ]);
    expect((JSON.parse(kernel.stdout) as Json).shap).toMatchObject({ method: 'kernel', rows: 5 });
  });

  it('refuses in one line (exit 2): a row out of range, a missing label, LIME without a row, Tree SHAP without trees, a model that cannot run', async () => {
    oneLineError(
      await ws.run(['explain', FOREST, '--data', 'forest.csv', '--row', '343']),
      /--row 343: out of range, the data has 342 rows \(rows are numbered from 1\)/,
    );
    oneLineError(
      await ws.run(['explain', FOREST, '--data', 'forest.csv', '--method', 'permutation']),
      /permutation importance needs the true labels: give --label COLUMN/,
    );
    oneLineError(
      await ws.run(['explain', FOREST, '--data', 'forest.csv', '--method', 'lime']),
      /--method lime explains one row: give --row N/,
    );
    oneLineError(
      await ws.run([
        'explain',
        `${MODELS}penguins-pipeline.onnx`,
        '--data',
        'pipeline.csv',
        '--method',
        'tree',
      ]),
      /penguins-pipeline\.onnx has no ai\.onnx\.ml tree ensemble; use --method kernel/,
    );
    oneLineError(
      await ws.run(['explain', `${MODELS}penguins-logreg.onnx`, '--data', 'forest.csv']),
      /does not say which column is which feature/,
    );
    ws.file('model.pkl', 'not a model');
    oneLineError(
      await ws.run(['explain', 'model.pkl', '--data', 'forest.csv']),
      /a pickle is not a model Vigie can run/,
    );
    oneLineError(await ws.run(['explain', '--data', 'forest.csv']), /which model\?/);
  });
});
