import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lines, workspace } from './support/run-cli.js';

const TRAINER = fileURLToPath(new URL('./fixtures/train-logistic.mjs', import.meta.url));
const ws = workspace('vigie-cli-evaluate-');
const R = ['--registry', 'sqlite:reg.db'];

/** 600 rows: y depends on x1 (strongly) and x2 (weakly), with noise; `shift` moves x1. */
function dataset(n = 600, shift = 0): string {
  let s = 12345;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const rows = ['id,x1,x2,region,y'];
  for (let i = 0; i < n; i++) {
    const x1 = rand() * 4 - 2 + shift;
    const x2 = rand() * 4 - 2;
    const p = 1 / (1 + Math.exp(-(2.5 * x1 + 0.5 * x2)));
    rows.push(
      `r${i},${x1.toFixed(4)},${x2.toFixed(4)},${i % 3 === 0 ? 'north' : 'south'},${rand() < p ? 'pos' : 'neg'}`,
    );
  }
  return `${rows.join('\n')}\n`;
}

const CONFIG = (grid: string) => `data: data.csv
label: y
checks:
  - { check: not_null, column: y }
split:
  key: id
  output: out/splits
registry:
  dataset: demo
training:
  command: node ${JSON.stringify(TRAINER)}
  model: clf
  search: { method: grid, space: { C: ${grid} }, metric: logLoss }
evaluation:
  slices: [region]
gates:
  rules:
    - { metric: accuracy, split: test, min: 0.7 }
    - { metric: accuracy, split: test, against: champion, max_regression: 0.05 }
`;

function oneLineError(r: { code: number; stderr: string; stdout: string }, message: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  const err = lines(r.stderr);
  expect(err, r.stderr).toHaveLength(1);
  expect(err[0]).toMatch(message);
}

describe('vigie train | evaluate | compare | predict on a registered dataset', () => {
  it('refuses to train on a dataset not marked ready, then trains with a grid search on validation only', async () => {
    ws.file('data.csv', dataset());
    ws.file('vigie.yaml', CONFIG('[0.01, 1]'));
    const check = await ws.run(['check', '--register', ...R]);
    expect(check.code, check.stderr).toBe(0);
    oneLineError(
      await ws.run(['train', ...R]),
      /demo@1 is not marked ready for training: run vigie dataset ready first/,
    );
    expect((await ws.run(['dataset', 'ready', 'demo', ...R])).code).toBe(0);

    const train = await ws.run(['train', '--json', ...R]);
    expect(train.code, train.stderr).toBe(0);
    const t = JSON.parse(train.stdout);
    expect(t).toMatchObject({
      name: 'clf',
      version: 1,
      semver: '1.0.0',
      dataset: 'dataset:demo@1',
      trials: 2,
    });
    expect(Object.keys(t.metrics)).toEqual(['train', 'validation']);
    const model = JSON.parse((await ws.run(['model', 'show', 'clf', '--json', ...R])).stdout);
    expect(model.search).toMatchObject({
      method: 'grid',
      metric: 'logLoss',
      trials: [
        { trial: 1, params: { C: 0.01 } },
        { trial: 2, params: { C: 1 } },
      ],
    });
    expect(model.search.trials.every((x: { score: number }) => x.score > 0)).toBe(true);
    expect(Object.keys(model.splitHashes).sort()).toEqual(['train', 'validation']);
    expect(model.signature).toMatchObject({
      task: 'classification',
      classes: ['neg', 'pos'],
      inputs: [{ name: 'x1' }, { name: 'x2' }],
    });
    expect(model.trainingCode.command).toMatch(/train-logistic\.mjs/);
    expect(model.analyses.map((a: { kind: string }) => a.kind)).toEqual(['training']);
    // same data, code and settings: the same model
    expect(JSON.parse((await ws.run(['train', '--json', ...R])).stdout)).toMatchObject({
      version: 1,
      created: false,
    });
  });

  it('evaluates on the sealed test split: the contract JSON, gates, recorded, and peeking flagged the second time', async () => {
    const r = await ws.run([
      'evaluate',
      '--model',
      'clf',
      '--dataset',
      'demo',
      '--split',
      'test',
      '--json',
      ...R,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const e = JSON.parse(r.stdout);
    expect(e.task).toBe('classification');
    expect(e.n).toBeGreaterThan(40);
    for (const key of ['accuracy', 'balancedAccuracy', 'f1Macro', 'rocAuc', 'logLoss']) {
      expect(e.metrics[key].value, key).toBeTypeOf('number');
      expect(e.metrics[key].ci, key).toHaveLength(2);
    }
    expect(e.evaluation).toMatch(/^evaluation:\d+$/);
    const byCheck = Object.fromEntries(
      e.verdicts.map((v: { check: string; status: string }) => [v.check, v.status]),
    );
    expect(byCheck).toMatchObject({
      'diagnosis:baseline': 'pass',
      'gate:accuracy': 'pass',
      'gate:accuracy:regression': 'pass',
      'split:test:sealed': 'pass',
    });
    const again = JSON.parse(
      (await ws.run(['evaluate', '--model', 'clf@1', '--dataset', 'demo', '--split', 'test', '--json', ...R]))
        .stdout,
    );
    expect(again.verdicts.find((v: { check: string }) => v.check === 'split:test:sealed')).toMatchObject({
      status: 'warn',
      reason: expect.stringMatching(/^peeking/),
    });
    const promoted = await ws.run(['alias', 'set', 'clf@champion', '1', ...R]);
    expect(promoted.code, promoted.stderr).toBe(0);
  });

  it('compares a new candidate with the champion on the same rows, and gates it against the champion', async () => {
    ws.file('vigie.yaml', CONFIG('[0.001]'));
    const train = JSON.parse((await ws.run(['train', '--json', ...R])).stdout);
    expect(train).toMatchObject({ version: 2, semver: '1.1.0' });
    const c = await ws.run([
      'compare',
      'clf@2',
      'clf@champion',
      '--dataset',
      'demo',
      '--split',
      'validation',
      '--json',
      ...R,
    ]);
    expect([0, 1]).toContain(c.code);
    const out = JSON.parse(c.stdout);
    expect(['pass', 'fail', 'inconclusive']).toContain(out.verdict);
    expect(out.comparisons.map((x: { metric: string; test: string }) => [x.metric, x.test])).toEqual([
      ['accuracy', 'mcnemar'],
      ['rocAuc', 'delong'],
      ['logLoss', 'paired-bootstrap'],
    ]);
    for (const x of out.comparisons) {
      expect(x.difference).toBeCloseTo(x.candidate - x.champion, 12);
      expect(x.ci[0]).toBeLessThanOrEqual(x.ci[1]);
      expect(x.pvalue).toBeGreaterThanOrEqual(0);
    }
    expect(out.reason).toBeTypeOf('string');
    // C = 0.001 shrinks every coefficient: clearly worse log loss than the champion
    expect(out.comparisons[2].difference).toBeGreaterThan(0);
    const html = await ws.run([
      'compare',
      'clf@2',
      'clf@champion',
      '--dataset',
      'demo',
      '--split',
      'validation',
      '--html',
      'compare.html',
      ...R,
    ]);
    expect(html.stdout).toMatch(/clf@2 vs clf@1 on the same \d+ rows/);
    expect(readFileSync(ws.path('compare.html'), 'utf8')).toContain('Comparison');
  });

  it('predicts with a registered version through the registry', async () => {
    const r = await ws.run([
      'predict',
      '--model',
      'clf@champion',
      '--data',
      'data.csv',
      '--out',
      'pred.csv',
      '--id',
      'id',
      ...R,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = readFileSync(ws.path('pred.csv'), 'utf8').split('\n');
    expect(out[0]).toBe('id,label,proba_neg,proba_pos');
    expect(out.length).toBe(602);
  });

  it('diagnoses with a learning curve and catches a pipeline that leaks the label', async () => {
    const ok = JSON.parse((await ws.run(['train', '--diagnose', '--json', ...R])).stdout);
    expect(ok.diagnosis.learningCurve.map((p: { fraction: number }) => p.fraction)).toEqual([
      0.25, 0.5, 0.75, 1,
    ]);
    const status = (d: { verdicts: Array<{ check: string; status: string }> }, check: string) =>
      d.verdicts.find((v) => v.check === check)?.status;
    expect(status(ok.diagnosis, 'diagnosis:label-shuffle')).toBe('pass');
    const leaky = JSON.parse(
      (
        await ws.run([
          'train',
          '--diagnose',
          '--json',
          '--params',
          `{"leakFrom": ${JSON.stringify(ws.path('data.csv'))}}`,
          ...R,
        ])
      ).stdout,
    );
    expect(status(leaky.diagnosis, 'diagnosis:label-shuffle')).toBe('fail');
  });

  it('trains a built-in learner: the contract form on a file, and in the registry flow', async () => {
    const out = await ws.run([
      'train',
      '--trainer',
      'logistic',
      '--data',
      'data.csv',
      '--label',
      'y',
      '--out',
      'm.onnx',
      '--json',
    ]);
    expect(out.code, out.stderr).toBe(0);
    const m = JSON.parse(out.stdout);
    expect(m).toMatchObject({
      trainer: 'logistic',
      task: 'classification',
      out: 'm.onnx',
      classes: ['neg', 'pos'],
      rows: 600,
    });
    expect(m.inputs).toEqual([
      { name: 'x1', type: 'numeric' },
      { name: 'x2', type: 'numeric' },
      { name: 'region', type: 'categorical' },
    ]);
    // raw columns in, a missing category included
    ws.file('new.csv', 'id,x1,x2,region\nq1,1.5,0.2,north\nq2,-1,0.1,\nq3,0,0,west\n');
    const pred = await ws.run([
      'predict',
      '--model',
      'm.onnx',
      '--data',
      'new.csv',
      '--out',
      'new-pred.csv',
      '--id',
      'id',
    ]);
    expect(pred.code, pred.stderr).toBe(0);
    const rows = readFileSync(ws.path('new-pred.csv'), 'utf8').trim().split('\n');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toMatch(/^q1,pos,/);
    const reg = await ws.run([
      'train',
      '--trainer',
      'logistic',
      '--model',
      'builtin',
      '--dataset',
      'demo',
      '--label',
      'y',
      '--json',
      ...R,
    ]);
    expect(reg.code, reg.stderr).toBe(0);
    expect(JSON.parse(reg.stdout)).toMatchObject({ name: 'builtin', version: 1, dataset: 'dataset:demo@1' });
    const shown = JSON.parse((await ws.run(['model', 'show', 'builtin', '--json', ...R])).stdout);
    expect(shown.modelType).toBe('vigie.logistic-regression');
    expect(shown.trainingCode.command).toMatch(/vigie .* train --trainer logistic/);
    oneLineError(
      await ws.run(['train', '--trainer', 'linear', '--data', 'data.csv', '--label', 'y', '--out', 'r.onnx']),
      /a regression needs a numeric label, and "y" is categorical/,
    );
  });

  it('bad input: one line, exit 2, nothing written', async () => {
    oneLineError(
      await ws.run([
        'evaluate',
        '--model',
        'clf',
        '--dataset',
        'demo',
        '--split',
        'test',
        '--label',
        'nope',
        '--html',
        'bad.html',
        ...R,
      ]),
      /no column "nope"/,
    );
    expect(existsSync(ws.path('bad.html'))).toBe(false);
    ws.file('broken.onnx', 'not a model');
    oneLineError(
      await ws.run(['evaluate', '--model', 'broken.onnx', '--data', 'data.csv', '--label', 'y']),
      /broken\.onnx: not an ONNX model/,
    );
    oneLineError(
      await ws.run(['evaluate', '--model', 'clf', '--data', 'data.csv', '--label', 'x1', ...R]),
      /"x1" is one of the model's inputs/,
    );
    const usage = await ws.run([
      'evaluate',
      '--model',
      'clf',
      '--data',
      'data.csv',
      '--metrics',
      'acuracy',
      ...R,
    ]);
    expect(usage.code).toBe(2);
    expect(lines(usage.stderr)).toEqual([
      expect.stringMatching(/unknown metric "acuracy"; known: accuracy, /),
      '(run with --help for usage)',
    ]);
    oneLineError(
      await ws.run([
        'train',
        '--params',
        '{"fail": true}',
        '--search',
        'grid',
        '--space',
        '{"C": [1]}',
        '--metric',
        'accuracy',
        ...R,
      ]),
      /every trial failed; the last: exit code 3: asked to fail/,
    );
  });
});
