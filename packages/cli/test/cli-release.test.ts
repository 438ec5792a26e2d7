import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { openSqliteRegistry, type RegistryStore } from '@vigie/core/registry';
import {
  createGateway,
  createReleaseController,
  type Gateway,
  loadServedModel,
  RELEASES_PREFIX,
  type ReleaseController,
  releaseRoutes,
  type ServedModel,
} from '@vigie/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, lines, workspace } from './support/run-cli.js';

const LOGREG = fileURLToPath(
  new URL('../../core/test/fixtures/models/penguins-logreg.onnx', import.meta.url),
);
const SIGNATURE = {
  task: 'classification' as const,
  inputs: ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g'].map((name) => ({
    name,
    type: 'numeric' as const,
  })),
};
const TOKEN = 'release-token';

describe('vigie release against a running gateway', () => {
  const ws = workspace('vigie-cli-release-');
  let store: RegistryStore;
  let gateway: Gateway;
  let releases: ReleaseController;
  let base: string;
  const models: ServedModel[] = [];

  beforeAll(async () => {
    store = await openSqliteRegistry(ws.path('registry.db'));
    for (const c of ['a', 'b', 'c'])
      await store.registerModel({
        by: 'ci',
        name: 'penguins',
        modelType: 'logreg',
        artifactHash: c.repeat(64),
        artifactFormat: 'onnx',
        sizeBytes: 10,
      });
    for (const ref of ['penguins@1', 'penguins@2', 'penguins@3'])
      models.push(await loadServedModel(LOGREG, { ref, signature: SIGNATURE }));
    gateway = createGateway({
      routes: [{ name: 'penguins', primary: models[0]! }],
      adminToken: TOKEN,
      loadModel: async (ref) => models.find((m) => m.ref === ref)!,
    });
    releases = createReleaseController({ gateway, store, intervalMs: 25 });
    gateway.mount(RELEASES_PREFIX, releaseRoutes(releases));
    base = await gateway.listen(0);
  });
  afterAll(async () => {
    await releases.close();
    await gateway.close();
    for (const m of models) await m.model[Symbol.asyncDispose]();
    await store[Symbol.asyncDispose]();
  });

  const gw = () => ['--gateway', base, '--admin-token', TOKEN];
  /** Runs the CLI while sending predict requests, as users would, until it exits. */
  async function withTraffic(args: string[]): Promise<CliResult> {
    let done = false;
    const run = ws.run(args, { timeoutMs: 60_000 }).finally(() => {
      done = true;
    });
    for (let i = 0; !done; i++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          fetch(`${base}/v1/models/penguins/predict`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-vigie-request-key': `u${i}-${j}` },
            body: JSON.stringify({
              rows: [
                {
                  bill_length_mm: 35 + ((i * 10 + j) % 200) / 10,
                  bill_depth_mm: 17,
                  flipper_length_mm: 190,
                  body_mass_g: 3700,
                },
              ],
            }),
          }).then((r) => r.text()),
        ),
      );
    }
    return run;
  }

  it('applies a spec and follows it to its promotion (--wait), decisions on stderr', async () => {
    ws.file(
      'canary.yaml',
      [
        'model: penguins',
        'candidate: penguins@2',
        'shadow:',
        '  min_requests: 50',
        'canary:',
        '  steps: [50, 100]',
        '  min_requests: 30',
        'online_gates:',
        '  latency: { max_p95_ratio: 1000, max_p99_ratio: 1000 }',
        '  prediction_drift: { method: chisquare, threshold: 0.001 }',
        '',
      ].join('\n'),
    );
    const r = await withTraffic(['release', 'apply', 'canary.yaml', ...gw(), '--wait', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const status = JSON.parse(r.stdout);
    expect(status).toMatchObject({ id: 'release:1', state: 'promoted', candidate: 'penguins@2' });
    expect(lines(r.stderr).map((l) => l.split(' ')[2])).toEqual([
      'release.started',
      'release.shadow-started',
      'release.shadow-passed',
      'release.step-started',
      'release.step-passed',
      'release.promoted',
    ]);
    const shown = await ws.run(['release', 'status', 'release:1', ...gw()]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(
      /^release release:1 of penguins: penguins@2 against penguins@1, canary\n {2}state: promoted/,
    );
    expect(shown.stdout).toMatch(/registry: sqlite:/);
  });

  it('holds an inconclusive release (exit 0, saying why), then rolls it back in one command', async () => {
    ws.file(
      'hold.yaml',
      'model: penguins\ncandidate: penguins@3\nshadow: null\ncanary:\n  steps: [20, 100]\n  min_requests: 100000\n  max_duration: 200ms\n',
    );
    const r = await withTraffic(['release', 'apply', 'hold.yaml', ...gw(), '--wait']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/state: held, canary step 1 of 2 \(20% on the candidate\)/);
    expect(r.stdout).toMatch(/decision: inconclusive — held: \d+ of 100000 required candidate requests/);
    const id = /^release (release:\d+)/.exec(r.stdout)![1]!;
    const rolled = await ws.run(['release', 'rollback', id, ...gw(), '--reason', 'too little traffic']);
    expect(rolled.code, rolled.stderr).toBe(0);
    expect(rolled.stdout).toMatch(
      /rollback: on request at \S+, route swapped in \d+\.\d{3} ms — too little traffic/,
    );
    expect(gateway.getRoute('penguins')!.primary.ref).toBe('penguins@2');
    const status = await ws.run(['release', 'status', id, ...gw(), '--json']);
    expect(status.code).toBe(1);
    expect(JSON.parse(status.stdout).state).toBe('rolled-back');
    const events = await store.events({ subjectId: id });
    expect(events.at(-1)).toMatchObject({ type: 'release.rolled-back', reason: 'too little traffic' });
  });

  it('checks the offline gates in the registry only (--offline)', async () => {
    ws.file(
      'offline.yaml',
      'model: penguins\ncandidate: penguins@3\noffline:\n  require_ready: true\n  gates:\n    - metric: accuracy\n      min: 0.9\n',
    );
    const r = await ws.run([
      'release',
      'apply',
      'offline.yaml',
      '--offline',
      '--registry',
      'sqlite:registry.db',
    ]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^offline gates of penguins@3: fail\n/);
    expect(r.stdout).toMatch(/fail offline:ready — model:penguins@3 is not ready: /);
    expect(r.stdout).toMatch(
      /fail offline:accuracy:test — no accuracy recorded for model:penguins@3 on test/,
    );
  });

  it('refuses bad specs, a wrong token and an unreachable gateway in one line (exit 2)', async () => {
    ws.file('bad.yaml', 'model: penguins\ncandidate: penguins@2\ncanary:\n  steps: [50, 10, 100]\n');
    const bad = await ws.run(['release', 'apply', 'bad.yaml', ...gw()]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('vigie: error: bad.yaml:4: canary.steps: steps must increase\n');
    ws.file('ok.yaml', 'model: penguins\ncandidate: penguins@1\n');
    const token = await ws.run(['release', 'apply', 'ok.yaml', '--gateway', base, '--admin-token', 'wrong']);
    expect(token.code).toBe(2);
    expect(lines(token.stderr)).toHaveLength(1);
    expect(token.stderr).toMatch(/^vigie: error: gateway http:\/\/127\.0\.0\.1:\d+: /);
    const missing = await ws.run(['release', 'status', 'release:99', ...gw()]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`vigie: error: gateway ${base}: no release "release:99" on this gateway\n`);
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const down = await ws.run(['release', 'status', 'release:1', '--gateway', `http://127.0.0.1:${port}`]);
    expect(down.code).toBe(2);
    expect(down.stderr).toBe(
      `vigie: error: cannot reach the gateway at http://127.0.0.1:${port} (ECONNREFUSED); is vigie serve running?\n`,
    );
  });
});
