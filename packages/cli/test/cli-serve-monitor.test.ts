import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AlertPayload } from '@vigie/core/monitor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lines, runCli } from './support/run-cli.js';
import { type Served, startServe } from './support/serve-process.js';

/* `vigie serve --monitor`: probes, drift against a training profile and alerts to a webhook, in a
 * real gateway process. */

const MODEL = fileURLToPath(
  new URL('../../core/test/fixtures/models/penguins-pipeline.onnx', import.meta.url),
);
const PENGUINS = fileURLToPath(new URL('../../../examples/quickstart/data/penguins.csv', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vigie-cli-monitor-'));
const running: Served[] = [];
let hook: Server;
let hookUrl: string;
const alerts: AlertPayload[] = [];

beforeAll(async () => {
  copyFileSync(MODEL, join(dir, 'model.onnx'));
  const profile = await runCli(['profile', PENGUINS, '--out', 'profile.json'], { cwd: dir });
  expect(profile.code, profile.stderr).toBe(0);
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      alerts.push(JSON.parse(body) as AlertPayload);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/alerts`;
});
afterAll(async () => {
  for (const s of running) s.child.kill('SIGKILL');
  await new Promise((r) => hook.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const ROW =
  '{bill_length_mm: 39.1, bill_depth_mm: 18.7, flipper_length_mm: 181, body_mass_g: 3750, island: Torgersen, sex: male}';

describe('vigie serve --monitor', () => {
  it('runs the probes, watches drift and sends alerts to the webhook', async () => {
    writeFileSync(
      join(dir, 'monitor.yaml'),
      `probes:
  intervalSeconds: 0.2
  items:
    - { name: right, model: penguins, rows: [${ROW}], expect: [{ label: Adelie }] }
    - { name: wrong, model: penguins, rows: [${ROW}], expect: [{ label: Gentoo }] }
drift:
  penguins: { profile: profile.json, labelColumn: species }
alerts:
  webhook: { url: "${hookUrl}" }
  evaluateEverySeconds: 0.2
  rules:
    - { kind: probe-failure }
    - { kind: drift }
`,
    );
    const s = await startServe(
      ['--model', 'penguins=model.onnx', '--no-log', '--port', '0', '--monitor', 'monitor.yaml'],
      dir,
    );
    running.push(s);
    expect(s.stdout()).toContain(
      'monitoring (monitor.yaml): 2 probe(s) every 0.2 s; drift watched for penguins; 2 alert rule(s) to the webhook',
    );
    // Heavy birds: input drift for the window.
    const rows = Array.from({ length: 40 }, (_, i) => ({
      bill_length_mm: 39 + i / 10,
      bill_depth_mm: 18.7,
      flipper_length_mm: 181,
      body_mass_g: 7000 + i,
      island: 'Torgersen',
      sex: 'male',
    }));
    const res = await fetch(`${s.url}/v1/models/penguins/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rows }),
    });
    expect(res.status).toBe(200);
    for (let i = 0; i < 100 && alerts.length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(alerts.map((a) => [a.rule, a.subject, a.status]).sort()).toEqual([
      ['drift', 'penguins', 'firing'],
      ['probe-failure', 'wrong', 'firing'],
    ]);
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    expect(metrics).toContain('vigie_probe_up{probe="right",model="penguins"} 1');
    expect(metrics).toContain('vigie_probe_up{probe="wrong",model="penguins"} 0');
    expect(metrics).toContain('vigie_monitor_drift_detected{model="penguins",feature="body_mass_g"} 1');
    expect(metrics).toMatch(/vigie_gateway_probe_requests_total\{model="penguins"\} [1-9]/);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    expect(s.stderr()).toContain('vigie serve: probe wrong failed: row 1: label "Adelie", expected "Gentoo"');
    expect(s.stderr()).toContain('vigie serve: alert firing probe-failure: probe wrong (penguins) failed');
    // Deduplicated: one notification per episode within the cooldown.
    expect(alerts.filter((a) => a.rule === 'probe-failure')).toHaveLength(1);
  });

  it('refuses a monitoring file naming a model that is not served, in one line', async () => {
    writeFileSync(
      join(dir, 'bad.yaml'),
      `probes:\n  items:\n    - { name: p, model: other, rows: [${ROW}], expect: [{ label: Adelie }] }\n`,
    );
    const r = await runCli(
      ['serve', '--model', 'penguins=model.onnx', '--no-log', '--port', '0', '--probes', 'bad.yaml'],
      { cwd: dir },
    );
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([
      'vigie: error: bad.yaml: probe p names model "other", which is not served (served: penguins)',
    ]);
    writeFileSync(join(dir, 'noprofile.yaml'), 'drift:\n  penguins: { labelColumn: species }\n');
    const np = await runCli(
      ['serve', '--model', 'penguins=model.onnx', '--no-log', '--port', '0', '--monitor', 'noprofile.yaml'],
      { cwd: dir },
    );
    expect(np.code).toBe(2);
    expect(lines(np.stderr)).toEqual([
      'vigie: error: noprofile.yaml: drift watch of penguins: give profile: FILE (penguins@model.onnx is not a registered version, so its training data is unknown)',
    ]);
    writeFileSync(join(dir, 'typo.yaml'), 'alerts:\n  rules:\n    - { kind: error-rate, above: 5 }\n');
    const t = await runCli(
      ['serve', '--model', 'penguins=model.onnx', '--no-log', '--port', '0', '--monitor', 'typo.yaml'],
      { cwd: dir },
    );
    expect(t.code).toBe(2);
    expect(lines(t.stderr)).toEqual([
      'vigie: error: typo.yaml:3: alerts.rules[0].above: Too big: expected number to be <=1',
    ]);
  });
});
