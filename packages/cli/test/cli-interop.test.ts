import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workspace } from './support/run-cli.js';

// scikit-learn models exported with skl2onnx by scripts/models/make_fixtures.py, with scikit-learn's
// own predictions on the bundled penguins whose measurements are all present.
const FIXTURES = fileURLToPath(new URL('../../core/test/fixtures/models/', import.meta.url));
const PENGUINS = fileURLToPath(new URL('../../../examples/quickstart/data/penguins.csv', import.meta.url));
const NUMERIC = ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g'];
const ws = workspace('vigie-cli-interop-');
const R = ['--registry', 'sqlite:reg.db'];

/** The rows the fixtures were made on: penguins.csv without the rows missing a measurement. */
function fixtureRows(): { csv: string; species: string[] } {
  const [head, ...rows] = readFileSync(PENGUINS, 'utf8').trim().split('\n');
  const cols = head!.split(',');
  const idx = NUMERIC.map((c) => cols.indexOf(c));
  const kept = rows.filter((r) => idx.every((i) => r.split(',')[i] !== 'NA'));
  return {
    csv: `${head}\n${kept.join('\n')}\n`,
    species: kept.map((r) => r.split(',')[cols.indexOf('species')]!),
  };
}

describe('a scikit-learn model exported with skl2onnx, through Vigie', () => {
  const { csv, species } = fixtureRows();
  const forest = JSON.parse(readFileSync(`${FIXTURES}penguins-forest.json`, 'utf8')) as { labels: string[] };

  it('is registered with the signature read from the file, and predicts what scikit-learn predicts', async () => {
    ws.file('penguins.csv', csv);
    const reg = await ws.run([
      'model',
      'register',
      'sk-penguins',
      `${FIXTURES}penguins-forest.onnx`,
      '--type',
      'sklearn.RandomForestClassifier',
      '--json',
      ...R,
    ]);
    expect(reg.code, reg.stderr).toBe(0);
    const shown = JSON.parse((await ws.run(['model', 'show', 'sk-penguins', '--json', ...R])).stdout);
    expect(shown.signature).toMatchObject({
      task: 'classification',
      classes: ['Adelie', 'Chinstrap', 'Gentoo'],
    });
    expect(shown.signature.inputs.map((i: { name: string }) => i.name)).toEqual(NUMERIC);
    const pred = await ws.run([
      'predict',
      '--model',
      'sk-penguins@1',
      '--data',
      'penguins.csv',
      '--out',
      'pred.csv',
      ...R,
    ]);
    expect(pred.code, pred.stderr).toBe(0);
    const labels = readFileSync(ws.path('pred.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    expect(labels).toEqual(forest.labels);
  });

  it('is evaluated with the accuracy scikit-learn gets, and compared with a logistic pipeline', async () => {
    const ev = await ws.run([
      'evaluate',
      '--model',
      'sk-penguins@1',
      '--data',
      'penguins.csv',
      '--label',
      'species',
      '--json',
      ...R,
    ]);
    expect(ev.code, ev.stderr).toBe(0);
    const e = JSON.parse(ev.stdout);
    const expected = forest.labels.filter((l, i) => l === species[i]).length / species.length;
    expect(e.n).toBe(species.length);
    expect(e.metrics.accuracy.value).toBeCloseTo(expected, 15);
    const signature = JSON.stringify({ inputs: NUMERIC.map((name) => ({ name, type: 'numeric' })) });
    const second = await ws.run([
      'model',
      'register',
      'sk-logreg',
      `${FIXTURES}penguins-logreg.onnx`,
      '--signature',
      signature,
      ...R,
    ]);
    expect(second.code, second.stderr).toBe(0);
    const cmp = await ws.run([
      'compare',
      'sk-logreg@1',
      'sk-penguins@1',
      '--data',
      'penguins.csv',
      '--label',
      'species',
      '--json',
      ...R,
    ]);
    expect([0, 1]).toContain(cmp.code);
    const c = JSON.parse(cmp.stdout);
    expect(c.comparisons.map((x: { metric: string }) => x.metric)).toEqual(['accuracy', 'rocAuc', 'logLoss']);
    expect(c.comparisons[0].n).toBe(species.length);
    expect(['pass', 'fail', 'inconclusive']).toContain(c.verdict);
  });

  it('refuses a corrupt model file at registration', async () => {
    ws.file('broken.onnx', 'garbage');
    const r = await ws.run(['model', 'register', 'broken', 'broken.onnx', ...R]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^vigie: error: broken\.onnx: not an ONNX model/);
  });
});
