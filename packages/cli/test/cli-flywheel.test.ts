import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPredictionLog } from '@vigie/core/monitor';
import { openDuckDb, readTable, type Table } from '@vigie/core/table';
import {
  createGateway,
  createReleaseController,
  type Gateway,
  loadServedModel,
  RELEASES_PREFIX,
  releaseRoutes,
  type ServedModel,
} from '@vigie/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lines, workspace } from './support/run-cli.js';
import { startServe } from './support/serve-process.js';

const QUICKSTART = fileURLToPath(new URL('../../../examples/quickstart/data/', import.meta.url));
const FEATURES = [
  'Culmen Length (mm)',
  'Culmen Depth (mm)',
  'Flipper Length (mm)',
  'Body Mass (g)',
  'Island',
  'Sex',
];

/** The quickstart's recipe, trimmed to what the flywheel needs (fixed C, fewer checks and resamples). */
const CONFIG = (gates: string) => `version: 1
data: data/penguins-raw.csv
label: Species
columns:
  Individual ID: { type: id }
repair:
  output: out/penguins-clean.csv
  rules:
    - { action: exclude, when: { column: Culmen Length (mm), is_missing: true } }
    - { action: impute, column: Sex, strategy: constant, value: UNKNOWN }
checks:
  - { check: row_count, min: 300 }
  - { check: not_null, columns: [Species, Island, Individual ID] }
  - { check: range, column: Body Mass (g), min: 2500, max: 6500 }
  - { check: allowed_values, column: Island, values: [Biscoe, Dream, Torgersen] }
split:
  ratios: { train: 0.8, validation: 0.1, test: 0.1 }
  label: Species
  group: Individual ID
  seed: 42
  output: out/splits
registry:
  dataset: penguins
training:
  trainer: logistic
  model: penguin-clf
  features: ${JSON.stringify(FEATURES)}
  params: { C: 1 }
evaluation:
  metrics: [accuracy, balancedAccuracy, logLoss]
  bootstrap: { resamples: 200 }
gates:
  rules:
${gates}
`;
const GATES = `    - { metric: balancedAccuracy, split: test, min: 0.9 }
    - { metric: accuracy, split: test, against: champion, max_regression: 0.02 }`;
const IMPOSSIBLE = `    - { metric: logLoss, split: test, max: 0.0000001 }`;

const ws = workspace('vigie-flywheel-');
const R = ['--registry', 'sqlite:out/registry.db'];
const LOG = 'sqlite:out/predictions.db';

function rowsOf(table: Table, n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => {
    const row: Record<string, unknown> = {};
    for (const c of table.columns) {
      if (!FEATURES.includes(c.name) && c.name !== 'Species') continue;
      if (c.storage === 'float64') row[c.name] = c.values[i];
      else if (c.storage === 'dict') row[c.name] = c.dictionary[c.codes[i]!];
    }
    return row;
  });
}

async function json(args: string[], code = 0) {
  const r = await ws.run(args, { timeoutMs: 120_000 });
  expect(r.code, r.stderr).toBe(code);
  return JSON.parse(r.stdout);
}

describe('vigie flywheel', () => {
  let champion: ServedModel;
  let labelled = 0;

  beforeAll(async () => {
    mkdirSync(ws.path('data'));
    copyFileSync(join(QUICKSTART, 'penguins-raw.csv'), ws.path('data/penguins-raw.csv'));
    ws.file('vigie.yaml', CONFIG(GATES));
    ws.file('strict.yaml', CONFIG(IMPOSSIBLE));
    for (const args of [
      ['check', '--register', ...R],
      ['dataset', 'ready', 'penguins', ...R],
      ['train', ...R],
      ['evaluate', '--model', 'penguin-clf', '--dataset', 'penguins', '--split', 'test', ...R],
      ['alias', 'set', 'penguin-clf@champion', 'latest', '--reason', 'gates passed', ...R],
      ['model', 'get', 'penguin-clf@champion', '--out', 'champion.onnx', ...R],
    ]) {
      const r = await ws.run(args, { timeoutMs: 120_000 });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
    }
    // Production: the champion behind a real gateway, logging to SQLite; labels arrive as feedback.
    champion = await loadServedModel(ws.path('champion.onnx'), { ref: 'penguin-clf@1' });
    const log = await openPredictionLog(LOG, { cwd: ws.dir });
    const gateway = createGateway({
      routes: [{ name: 'penguin-clf', primary: champion }],
      log,
      ack: 'logged',
    });
    const url = await gateway.listen(0);
    const db = await openDuckDb({ threads: 1 });
    const clean = await readTable(db, ws.path('out/penguins-clean.csv'));
    await db.close();
    const rows = rowsOf(clean, 100);
    for (let i = 0; i < rows.length; i += 10) {
      const batch = rows.slice(i, i + 10);
      const inputs = batch.map(({ Species: _, ...features }) => features);
      const probe = i === 0 ? { 'x-vigie-probe': '1' } : {};
      const res = await fetch(`${url}/v1/models/penguin-clf/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...probe },
        body: JSON.stringify({ rows: inputs }),
      });
      expect(res.status).toBe(200);
      const { predictions } = (await res.json()) as { predictions: Array<{ id: string }> };
      for (const [j, p] of predictions.entries()) {
        const fb = await fetch(`${url}/v1/feedback`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ predictionId: p.id, label: batch[j]!.Species }),
        });
        expect(fb.status).toBe(202);
        if (i > 0) labelled++;
      }
    }
    await gateway.close();
    await log[Symbol.asyncDispose]();
  });
  afterAll(async () => {
    await champion?.model[Symbol.asyncDispose]();
  });

  it('does nothing below --min-labels (exit 0), probes left out of the count', async () => {
    const o = await json(['flywheel', '--log', LOG, '--min-labels', '1000', '--json', ...R]);
    expect(labelled).toBe(90);
    expect(o).toMatchObject({
      kind: 'vigie.flywheel',
      status: 'not-enough-labels',
      labelled: 90,
      dataset: null,
    });
  });

  it('registers a patch dataset version with lineage to the log, retrains, gates, and waits for approval', async () => {
    const o = await json(['flywheel', '--log', LOG, '--require-approval', '--json', ...R]);
    expect(o.status).toBe('awaiting-approval');
    expect(o.baseline).toBe('model:penguin-clf@1');
    expect(o.dataset).toMatchObject({ id: 'dataset:penguins@2', semver: '1.0.1', bump: 'patch' });
    expect(o.dataset.appended + o.dataset.overlapping).toBe(90);
    expect(o.dataset.overlapping).toBeGreaterThan(0); // rows from the clean data: some are test rows
    expect(o.candidate).toEqual({ id: 'model:penguin-clf@2', semver: '1.0.1' });
    expect(o.evaluation.gates.map((g: { check: string; status: string }) => [g.check, g.status])).toEqual([
      ['gate:balancedAccuracy', 'pass'],
      ['gate:accuracy:regression', 'pass'],
    ]);
    expect(o.next).toBe(
      'vigie flywheel --config vigie.yaml --approve penguin-clf@2 --gateway URL --registry sqlite:out/registry.db',
    );

    const dataset = await json(['dataset', 'show', 'penguins@2', '--json', ...R]);
    const base = await json(['dataset', 'show', 'penguins@1', '--json', ...R]);
    expect(dataset.parentIds).toEqual(['dataset:penguins@1']);
    expect(dataset.rows).toBe(base.rows + o.dataset.appended);
    const split = (v: { splits: Array<{ name: string; rows: number }> }, name: string) =>
      v.splits.find((s) => s.name === name)!.rows;
    expect(split(dataset, 'train')).toBe(split(base, 'train') + o.dataset.appended);
    expect(split(dataset, 'test')).toBe(split(base, 'test'));
    const lineage = (await ws.run(['lineage', 'penguin-clf@2', '--up', ...R])).stdout;
    expect(lineage).toContain('source vigie-prediction-log:sqlite:out/predictions.db#route=penguin-clf');
    expect(lineage).toContain('dataset penguins@1');
  });

  it('starts the shadow release of an approved candidate at a running gateway', async () => {
    const { openRegistry, parseRegistryUrl, parseRef, writeBlobTo } = await import('@vigie/core/registry');
    const registry = await openRegistry({ registry: parseRegistryUrl('sqlite:out/registry.db', ws.dir) });
    const loaded: ServedModel[] = [];
    const gateway: Gateway = createGateway({
      routes: [{ name: 'penguin-clf', primary: champion }],
      adminToken: 'secret',
      async loadModel(ref) {
        const v = await registry.store.getModel(parseRef(ref));
        const file = ws.path(`${v.name}-${v.version}.onnx`);
        await writeBlobTo(registry.blobs, v.artifactHash, file);
        const m = await loadServedModel(file, { ref });
        loaded.push(m);
        return m;
      },
    });
    const releases = createReleaseController({ gateway, store: null });
    gateway.mount(RELEASES_PREFIX, releaseRoutes(releases));
    const url = await gateway.listen(0);
    try {
      const refused = await ws.run(['flywheel', '--approve', 'penguin-clf@2', '--gateway', url, ...R]);
      expect(refused.code).toBe(2);
      expect(lines(refused.stderr)).toEqual([
        expect.stringMatching(/^vigie: error: the gateway refused the shadow release: /),
      ]);
      const o = await json([
        'flywheel',
        '--approve',
        'penguin-clf@2',
        '--gateway',
        url,
        '--admin-token',
        'secret',
        '--json',
        ...R,
      ]);
      expect(o).toMatchObject({ status: 'shadow-started', candidate: { id: 'model:penguin-clf@2' } });
      expect(o.release.id).toBeTruthy();
      expect(gateway.getRoute('penguin-clf')!.shadow?.ref).toBe('penguin-clf@2');
    } finally {
      await releases.close();
      await gateway.close();
      await registry[Symbol.asyncDispose]();
    }
  });

  it('stops with exit 1 when the gates fail, and refuses bad usage with one line', async () => {
    const o = await json(['flywheel', '--config', 'strict.yaml', '--log', LOG, '--json', ...R], 1);
    expect(o.status).toBe('gates-failed');
    // The same rows and recipe give the same dataset and model versions back (nothing new registered).
    expect(o.dataset.id).toBe('dataset:penguins@2');
    expect(o.candidate.id).toBe('model:penguin-clf@2');
    expect(o.reason).toBe('penguin-clf@2 failed gate:logLoss; nothing released');
    const noLog = await ws.run(['flywheel', ...R]);
    expect(noLog.code).toBe(2);
    expect(lines(noLog.stderr)).toEqual([
      'vigie: error: give --log URL: the prediction log with the feedback',
    ]);
    const badSince = await ws.run(['flywheel', '--log', LOG, '--since', 'yesterday', ...R]);
    expect(badSince.code).toBe(2);
    expect(lines(badSince.stderr)).toEqual([
      'vigie: error: --since yesterday: expected an ISO 8601 instant such as 2026-11-01T00:00:00Z',
    ]);
    // Its latest gate run failed: no approval.
    const unapproved = await ws.run([
      'flywheel',
      '--approve',
      'penguin-clf@2',
      '--gateway',
      'http://127.0.0.1:9',
      ...R,
    ]);
    expect(unapproved.code).toBe(2);
    expect(lines(unapproved.stderr)).toEqual([
      'vigie: error: penguin-clf@2 has no passed gate run to approve',
    ]);
  });

  it('vigie serve --monitor: a drift watch defaults to the training profile the registry holds', async () => {
    ws.file(
      'watch.yaml',
      'drift:\n  penguin-clf: { labelColumn: Species }\nalerts:\n  evaluateEverySeconds: 0.2\n  rules: [{ kind: drift }]\n',
    );
    const s = await startServe(
      ['--model', 'penguin-clf=penguin-clf@1', '--no-log', '--port', '0', '--monitor', 'watch.yaml', ...R],
      ws.dir,
    );
    try {
      expect(s.stdout()).toContain('drift watched for penguin-clf');
      const db = await openDuckDb({ threads: 1 });
      const clean = await readTable(db, ws.path('out/penguins-clean.csv'));
      await db.close();
      // Birds twice as heavy as any in training.
      const rows = rowsOf(clean, 60).map(({ Species: _, ...f }) => ({
        ...f,
        'Body Mass (g)': 2 * (f['Body Mass (g)'] as number) + 7000,
      }));
      const res = await fetch(`${s.url}/v1/models/penguin-clf/predict`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rows }),
      });
      expect(res.status).toBe(200);
      for (let i = 0; i < 100 && !s.stderr().includes('alert firing drift'); i++)
        await new Promise((r) => setTimeout(r, 100));
      expect(s.stderr()).toContain('vigie serve: alert firing drift: penguin-clf: input-drift');
      const state = (await (await fetch(`${s.url}/v1/monitor`)).json()) as {
        models: Array<{ window: { rows: number; features: Array<{ name: string; outOfRange: number }> } }>;
      };
      const window = state.models[0]!.window;
      expect(window.rows).toBe(60);
      expect(window.features.map((f) => f.name).sort()).toEqual([...FEATURES].sort());
      expect(window.features.find((f) => f.name === 'Body Mass (g)')!.outOfRange).toBe(60);
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
    }
  });
});
