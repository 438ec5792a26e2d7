import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lines, workspace } from './support/run-cli.js';

const ws = workspace('vigie-cli-registry-');
const sha256 = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');

function csv(n: number, shift = 0): string {
  const rows = Array.from(
    { length: n },
    (_, i) => `id${i},${((i * 7919) % 1000) + shift},${['a', 'b', 'c'][i % 3]}`,
  );
  return `id,x,label\n${rows.join('\n')}\n`;
}

const CONFIG = `data: data.csv
label: label
checks:
  - { check: not_null, column: x }
split:
  key: id
  output: out/splits
registry:
  dataset: demo
  sources:
    - { uri: https://example.org/demo.csv, owner: data-team, licence: CC0-1.0, personal_data: true }
`;

/** One-line error on stderr, exit 2, no stack trace. */
function expectOneLineError(r: { code: number; stderr: string; stdout: string }, message: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  const err = lines(r.stderr);
  expect(err, r.stderr).toHaveLength(1);
  expect(err[0]).toMatch(/^vigie: error: /);
  expect(err[0]).toMatch(message);
  expect(r.stdout).toBe('');
}

describe('vigie dataset register | list | show | get (default SQLite registry in .vigie/)', () => {
  it('registers with the contract JSON, returns the same version for the same bytes, bumps patch on new data', async () => {
    ws.file('a/data.csv', csv(60));
    const first = await ws.run(['dataset', 'register', 'demo', 'a/data.csv', '--json']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const json = JSON.parse(first.stdout);
    expect(json).toMatchObject({
      name: 'demo',
      version: 1,
      semver: '1.0.0',
      hash: sha256(csv(60)),
      created: true,
    });
    expect(existsSync(ws.path('.vigie/registry.db'))).toBe(true);
    expect(existsSync(ws.path(`.vigie/blobs/sha256/${json.hash.slice(0, 2)}/${json.hash}`))).toBe(true);

    const again = JSON.parse((await ws.run(['dataset', 'register', 'demo', 'a/data.csv', '--json'])).stdout);
    expect(again).toMatchObject({ version: 1, created: false });

    ws.file('b/data.csv', csv(70));
    const second = JSON.parse((await ws.run(['dataset', 'register', 'demo', 'b/data.csv', '--json'])).stdout);
    expect(second).toMatchObject({ version: 2, semver: '1.0.1', bump: 'patch' });

    ws.file('c/data.csv', csv(70).replace('id,x,label', 'id,y,label'));
    const third = await ws.run(['dataset', 'register', 'demo', 'c/data.csv']);
    expect(third.code).toBe(0);
    expect(third.stdout).toMatch(
      /registered demo@3 {2}semver 2\.0\.0 \(major: feature pipeline changed: columns added \(y\); columns removed \(x\)\)/,
    );
    expect(third.stdout).toMatch(/not ready for training yet: checks: no checks analysis attached/);

    const list = await ws.run(['dataset', 'list', 'demo']);
    expect(lines(list.stdout).map((l) => l.split(/\s+/)[0])).toEqual(['REF', 'demo@3', 'demo@2', 'demo@1']);

    const out = await ws.run(['dataset', 'get', 'demo@1.0.1', '--out', 'fetched.csv']);
    expect(out.code, out.stderr).toBe(0);
    expect(readFileSync(ws.path('fetched.csv'), 'utf8')).toBe(csv(70));
  });

  it('refuses a tampered blob: exit 2, one line, no file written', async () => {
    const hash = sha256(csv(60));
    writeFileSync(ws.path(`.vigie/blobs/sha256/${hash.slice(0, 2)}/${hash}`), csv(61));
    const r = await ws.run(['dataset', 'get', 'demo@1', '--out', 'tampered.csv']);
    expectOneLineError(r, /blob sha256:[0-9a-f]+: the bytes hash to .* not the expected .*tampered/);
    expect(existsSync(ws.path('tampered.csv'))).toBe(false);
    const verify = await ws.run(['dataset', 'verify', 'demo@1']);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toMatch(/^FAIL {2}integrity:data {2}blob sha256:.*tampered/m);
    expect(verify.stdout).toMatch(/demo@1: verification failed/);
    writeFileSync(ws.path(`.vigie/blobs/sha256/${hash.slice(0, 2)}/${hash}`), csv(60));
    const restored = await ws.run(['dataset', 'verify', 'demo@1', '--json']);
    expect(restored.code, restored.stdout).toBe(0);
    const result = JSON.parse(restored.stdout);
    expect(result.ok).toBe(true);
    expect(result.results.map((r: { check: string }) => r.check)).toEqual([
      'integrity:data',
      'integrity:analysis:1:profile',
      'recompute:profile',
    ]);
  });

  it('unknown references, bad names and a semver override without reason: exit 2, one line', async () => {
    expectOneLineError(
      await ws.run(['dataset', 'show', 'demo@9']),
      /dataset demo@9 not found: the newest is demo@3 \(2\.0\.0\)/,
    );
    expectOneLineError(await ws.run(['dataset', 'get', 'nope', '--out', 'x.csv']), /no dataset named "nope"/);
    expectOneLineError(
      await ws.run(['dataset', 'register', 'bad name', 'a/data.csv']),
      /starts with a letter or digit/,
    );
    expectOneLineError(
      await ws.run(['dataset', 'register', 'demo', 'b/data.csv', '--semver', 'major']),
      /--semver needs --reason/,
    );
    expectOneLineError(await ws.run(['dataset', 'register', 'demo', 'missing.csv']), /missing\.csv/);
    expectOneLineError(
      await ws.run(['lineage', 'demo@1', '--registry', 'mysql://x']),
      /not a registry location/,
    );
    expect(existsSync(ws.path('x.csv'))).toBe(false);
  });
});

describe('vigie check --register, dataset ready, model, alias, lineage, impact', () => {
  const dir = 'flow';
  const run = (args: string[], actor = 'alice') =>
    ws.run([...args, '--registry', `sqlite:${dir}/reg.db`, '--actor', actor]);

  it('registers the checked data with its profile, report and split, then marks it ready', async () => {
    ws.file(`${dir}/data.csv`, csv(400));
    ws.file(`${dir}/vigie.yaml`, CONFIG);
    const check = await run(['check', '--config', `${dir}/vigie.yaml`, '--register']);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(
      /Registered demo@1 \(semver 1\.0\.0, initial: first version\) in sqlite:.*; ready for training: yes/,
    );

    const show = JSON.parse((await run(['dataset', 'show', 'demo', '--json'])).stdout);
    expect(show.analyses.map((a: { kind: string }) => a.kind)).toEqual(['profile', 'checks', 'split']);
    expect(show.splits.map((s: { name: string }) => s.name)).toEqual(['train', 'validation', 'test']);
    expect(show.sources).toMatchObject([
      { uri: 'https://example.org/demo.csv', owner: 'data-team', personalData: true },
    ]);
    expect(show.readiness.ready).toBe(true);

    const ready = await run(['dataset', 'ready', 'demo@1', '--reason', 'reviewed']);
    expect(ready.code, ready.stderr).toBe(0);
    expect(ready.stdout).toMatch(/dataset:demo@1 is ready for training/);

    const train = await run(['dataset', 'get', 'demo@1', '--split', 'train', '--out', `${dir}/train.csv`]);
    expect(train.code, train.stderr).toBe(0);
    expect(readFileSync(ws.path(`${dir}/train.csv`))).toEqual(
      readFileSync(ws.path(`${dir}/out/splits/train.csv`)),
    );
  });

  it('registers a model on it; promotion is refused until metrics and gates exist; protected aliases need another approver', async () => {
    ws.file(`${dir}/model.bin`, 'not really onnx, but bytes');
    ws.file(
      `${dir}/metrics.json`,
      JSON.stringify({
        validation: { accuracy: 0.91 },
        test: { accuracy: { value: 0.9, ci: [0.85, 0.94] } },
      }),
    );
    const reg = await run([
      'model',
      'register',
      'clf',
      `${dir}/model.bin`,
      '--dataset',
      'demo@1',
      '--type',
      'gbdt',
      '--params',
      '{"depth": 3}',
      '--metrics',
      `${dir}/metrics.json`,
      '--json',
    ]);
    expect(reg.code, reg.stderr).toBe(0);
    expect(JSON.parse(reg.stdout)).toMatchObject({
      name: 'clf',
      version: 1,
      semver: '1.0.0',
      hash: sha256('not really onnx, but bytes'),
    });
    const model = JSON.parse((await run(['model', 'show', 'clf', '--json'])).stdout);
    expect(Object.keys(model.splitHashes)).toEqual(['train', 'validation', 'test']);
    expect(model.readiness.requirements.map((r: { name: string; met: boolean }) => [r.name, r.met])).toEqual([
      ['metrics:validation', true],
      ['metrics:test', true],
      ['gates', false],
    ]);

    expectOneLineError(
      await run(['alias', 'set', 'clf@champion', '1']),
      /cannot move clf@champion to clf@1: gates: no gate run recorded/,
    );

    // the gate run is attached by the evaluation step; here through the library's store
    const { openSqliteRegistry } = await import('../../core/src/registry/index.js');
    {
      await using store = await openSqliteRegistry(ws.path(`${dir}/reg.db`));
      await store.attachAnalysis('model:clf@1', { by: 'ci', kind: 'gates', status: 'pass', blobHash: null });
    }
    const moved = await run(['alias', 'set', 'clf@champion', '1', '--reason', 'first model']);
    expect(moved.code, moved.stderr).toBe(0);
    expect(moved.stdout).toMatch(/clf@champion → model:clf@1 \(was unset; event #\d+\)/);

    expect((await run(['alias', 'protect', 'clf@production'], 'lead')).code).toBe(0);
    const pending = await run(['alias', 'set', 'clf@production', '1', '--reason', 'ship it']);
    expect(pending.stdout).toMatch(
      /is protected: request (request:\d+) to move it to model:clf@1 waits for approval/,
    );
    const request = /request:\d+/.exec(pending.stdout)![0];
    expectOneLineError(await run(['alias', 'approve', request]), /someone else must approve it/);
    const approved = await run(['alias', 'approve', request], 'bob');
    expect(approved.code, approved.stderr).toBe(0);
    const history = await run(['alias', 'history', 'clf@production', '--json']);
    expect(
      JSON.parse(history.stdout).map((e: { type: string; actor: string }) => `${e.type}:${e.actor}`),
    ).toEqual(['alias.protected:lead', 'alias.requested:alice', 'alias.approved:bob', 'alias.moved:bob']);
    const at = await run(['alias', 'history', 'clf@production', '--at', '2000-01-01T00:00:00Z']);
    expect(at.stdout).toMatch(/clf@production at 2000-01-01T00:00:00Z: not set/);
  });

  it('prints lineage and impact in the contract JSON', async () => {
    const down = await run(['lineage', 'demo@1', '--down', '--json']);
    expect(down.code, down.stderr).toBe(0);
    const graph = JSON.parse(down.stdout);
    expect(graph.root).toBe('demo@1');
    expect(graph.nodes).toEqual([
      { ref: 'demo@1', kind: 'dataset', id: 'dataset:demo@1' },
      { ref: 'clf@1', kind: 'model', id: 'model:clf@1' },
    ]);
    expect(graph.edges).toEqual([{ from: 'demo@1', to: 'clf@1' }]);

    const up = JSON.parse((await run(['lineage', 'clf@champion', '--up', '--json'])).stdout);
    expect(up.nodes.map((n: { ref: string }) => n.ref)).toEqual([
      'clf@1',
      'demo@1',
      'https://example.org/demo.csv',
    ]);

    const tree = await run(['lineage', 'clf@1']);
    expect(lines(tree.stdout)).toEqual([
      'model clf@1',
      '└─ dataset demo@1',
      '   └─ source https://example.org/demo.csv',
    ]);

    const impact = JSON.parse((await run(['impact', 'https://example.org/demo.csv', '--json'])).stdout);
    expect(impact.source).toBe('https://example.org/demo.csv');
    expect(impact.affected).toEqual([
      { ref: 'demo@1', kind: 'dataset', id: 'dataset:demo@1' },
      { ref: 'clf@1', kind: 'model', id: 'model:clf@1' },
    ]);
    const personal = await run(['impact', '--personal-data']);
    expect(personal.stdout).toMatch(
      /1 dataset to rebuild or review: demo@1\n1 model to rebuild or review: clf@1/,
    );
    expectOneLineError(await run(['impact', 'https://example.org/other.csv']), /no source with URI/);
  });

  it('keeps the event log', async () => {
    const events = JSON.parse((await run(['events', '--json'])).stdout) as Array<{ type: string }>;
    expect(events.map((e) => e.type)).toEqual([
      'dataset.registered',
      'dataset.ready',
      'model.registered',
      'analysis.attached',
      'alias.moved',
      'alias.protected',
      'alias.requested',
      'alias.approved',
      'alias.moved',
    ]);
    expect(readdirSync(ws.path(dir))).toContain('reg.db');
  });
});

describe('the same commands against a vigie server (--registry http://...)', () => {
  it('registers, lists, fetches verified bytes and answers lineage through the server', async () => {
    const dir = 'remote';
    ws.file(`${dir}/data.csv`, csv(50));
    const local = ['--registry', `sqlite:${dir}/server.db`];
    const token = (
      await ws.run(['server', 'token', 'create', 'ci', '--scope', 'write', ...local])
    ).stdout.trim();
    expect(token).toMatch(/^vgt_/);
    const { spawn } = await import('node:child_process');
    const { VIGIE_BIN } = await import('./support/run-cli.js');
    const server = spawn(process.execPath, [VIGIE_BIN, 'server', '--port', '0', ...local], {
      cwd: ws.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]!);
        });
        server.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
      });
      const remote = ['--registry', url, '--token', token];
      expectOneLineError(
        await ws.run(['dataset', 'register', 'remote-demo', `${dir}/data.csv`, '--registry', url]),
        /401|token/i,
      );
      const reg = await ws.run([
        'dataset',
        'register',
        'remote-demo',
        `${dir}/data.csv`,
        '--json',
        ...remote,
      ]);
      expect(reg.code, reg.stderr).toBe(0);
      expect(JSON.parse(reg.stdout)).toMatchObject({
        name: 'remote-demo',
        version: 1,
        hash: sha256(csv(50)),
      });
      const show = JSON.parse((await ws.run(['dataset', 'show', 'remote-demo', '--json', ...remote])).stdout);
      expect(show.createdBy).toBe('ci');
      const got = await ws.run(['dataset', 'get', 'remote-demo@1', '--out', `${dir}/back.csv`, ...remote]);
      expect(got.code, got.stderr).toBe(0);
      expect(readFileSync(ws.path(`${dir}/back.csv`), 'utf8')).toBe(csv(50));
      const up = JSON.parse((await ws.run(['lineage', 'remote-demo@1', '--json', ...remote])).stdout);
      expect(up.nodes.map((n: { kind: string }) => n.kind)).toEqual(['dataset', 'source']);
      expectOneLineError(
        await ws.run(['dataset', 'show', 'remote-demo@7', ...remote]),
        /remote-demo@7 not found/,
      );
    } finally {
      server.kill('SIGTERM');
    }
  });
});
