import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPredictionLog } from '@vigie/core/monitor';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { type Served, startServe } from './support/serve-process.js';

/* `vigie serve` as a real process: models from a file and from the registry, the prediction log,
 * feedback, metrics, a clean stop on SIGTERM, one-line errors, and SIGKILL under load with
 * --ack logged losing no acknowledged prediction. */

const FIXTURE = fileURLToPath(
  new URL('../../core/test/fixtures/models/penguins-pipeline.onnx', import.meta.url),
);
const root = mkdtempSync(join(tmpdir(), 'vigie-cli-serve-'));
const running: Served[] = [];
afterAll(() => {
  for (const s of running) s.child.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});
let n = 0;
function workspace(): string {
  const dir = join(root, `case-${++n}`);
  mkdirSync(dir);
  copyFileSync(FIXTURE, join(dir, 'model.onnx'));
  return dir;
}
async function serve(args: string[], cwd: string): Promise<Served> {
  const s = await startServe(['--port', '0', ...args], cwd);
  running.push(s);
  return s;
}
const ROW = {
  bill_length_mm: 39.1,
  bill_depth_mm: 18.7,
  flipper_length_mm: 181,
  body_mass_g: 3750,
  island: 'Torgersen',
  sex: 'male',
};
const post = async (url: string, body: unknown) => {
  const res = await fetch(url, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  // biome-ignore lint/suspicious/noExplicitAny: answers are read loosely
  return { status: res.status, json: (await res.json()) as any };
};

describe('vigie serve', () => {
  it('serves a registered version, logs its predictions, takes feedback and stops cleanly on SIGTERM', async () => {
    const dir = workspace();
    const reg = await runCli(['model', 'register', 'penguins', 'model.onnx', '--code', '.'], { cwd: dir });
    expect(reg.code).toBe(0);
    const s = await serve(
      [
        '--model',
        'penguins=penguins@1',
        '--shadow',
        'penguins=model.onnx',
        '--log',
        'sqlite:log.db',
        '--ack',
        'logged',
      ],
      dir,
    );
    expect(s.stdout()).toContain(
      `${s.url}/v1/models/penguins/predict -> penguins@1, shadow penguins@model.onnx`,
    );
    const a = await post(`${s.url}/v1/models/penguins/predict`, { rows: [ROW] });
    expect(a.status).toBe(200);
    expect(a.json.modelVersion).toBe('penguins@1');
    const id = a.json.predictions[0].id;
    expect((await post(`${s.url}/v1/feedback`, { predictionId: id, label: 'Adelie' })).status).toBe(202);
    expect((await post(`${s.url}/v1/feedback`, { predictionId: 'nope', label: 'Adelie' })).status).toBe(404);
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    expect(metrics).toContain('vigie_gateway_requests_total{model="penguins",version="1",role="primary"} 1');
    expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(s.stdout()).toContain('vigie serve: stopped');
    await using log = await openPredictionLog(`sqlite:${join(dir, 'log.db')}`);
    const joined = [];
    for await (const j of log.joined({ role: 'primary' })) joined.push(j);
    expect(joined.map((j) => [j.prediction.id, j.feedback.label])).toEqual([[id, 'Adelie']]);
    const shadow = [];
    for await (const r of log.read({ role: 'shadow' })) shadow.push(r);
    expect(shadow.map((r) => r.pairedWith)).toEqual([id]);
  });

  it.each([
    [['--model', 'penguins'], /--model penguins: expected NAME=VALUE/],
    [['--model', 'penguins=missing.onnx'], /missing\.onnx: no such file/],
    [['--model', 'penguins=nothere@3'], /nothere/],
    [['--model', 'penguins=model.onnx', '--shadow', 'other=model.onnx'], /--shadow other: no --model other=/],
    [['--model', 'penguins=model.onnx', '--ack', 'never'], /--ack/],
    [['--model', 'penguins=model.onnx', '--port', 'x'], /expected a port number/],
    [
      ['--model', 'penguins=model.onnx', '--anonymize', '{"drop": ["name"]}'],
      /"name", not among the model's inputs/,
    ],
  ])('refuses %j with one line and exit code 2', async (args, message) => {
    const r = await runCli(['serve', '--port', '0', '--no-log', ...args], { cwd: workspace() });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(r.stderr.includes('(run with --help') ? 2 : 1);
  });

  it('loses no prediction acknowledged as logged when killed under load', async () => {
    const dir = workspace();
    const s = await serve(
      ['--model', 'penguins=model.onnx', '--log', 'sqlite:log.db', '--ack', 'logged'],
      dir,
    );
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    const acknowledged: string[] = [];
    let killed = false;
    const body = JSON.stringify({ rows: [ROW, ROW] });
    const one = () =>
      new Promise<void>((resolve) => {
        const req = request(
          `${s.url}/v1/models/penguins/predict`,
          { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
          (res) => {
            let text = '';
            res.on('data', (b: Buffer) => {
              text += b.toString();
            });
            res.on('end', () => {
              if (res.statusCode === 200)
                for (const p of JSON.parse(text).predictions) acknowledged.push(p.id);
              resolve();
            });
            res.on('error', () => resolve());
          },
        );
        req.on('error', () => resolve());
        req.end(body);
      });
    const worker = async () => {
      while (!killed) {
        await one();
        if (acknowledged.length >= 1000 && !killed) {
          killed = true;
          s.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(await s.exited).toBe('SIGKILL');
    agent.destroy();
    await using log = await openPredictionLog(`sqlite:${join(dir, 'log.db')}`);
    const logged = new Set<string>();
    for await (const r of log.read({})) logged.add(r.id);
    expect(acknowledged.length).toBeGreaterThanOrEqual(1000);
    const lost = acknowledged.filter((id) => !logged.has(id));
    expect(lost).toEqual([]);
  });
});
