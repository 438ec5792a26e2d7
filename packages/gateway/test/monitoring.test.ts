import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type AlertPayload,
  openPredictionLog,
  type PredictionLog,
  parseMonitorConfig,
} from '@vigie/core/monitor';
import { type DatasetProfile, profileTable } from '@vigie/core/profile';
import { openDuckDb, readTable } from '@vigie/core/table';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createGateway,
  type Gateway,
  type GatewayMonitoring,
  type ServedModel,
  startMonitoring,
} from '../src/index.js';
import { eventually, get, post } from './support/http.js';
import { broken, openPipeline, PENGUIN, penguin } from './support/models.js';

const PENGUINS_CSV = fileURLToPath(
  new URL('../../../examples/quickstart/data/penguins.csv', import.meta.url),
);

/** A webhook receiver on loopback: records every alert; answers with the statuses queued, then 200. */
async function receiver(): Promise<{
  url: string;
  alerts: AlertPayload[];
  statuses: number[];
  server: Server;
}> {
  const alerts: AlertPayload[] = [];
  const statuses: number[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      const status = statuses.shift() ?? 200;
      if (status === 200) alerts.push(JSON.parse(body) as AlertPayload);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, alerts, statuses, server };
}

const ADELIE_PROBE = `
    - name: adelie
      model: penguins
      rows: [{bill_length_mm: 39.1, bill_depth_mm: 18.7, flipper_length_mm: 181, body_mass_g: 3750, island: Torgersen, sex: male}]
      expect: [{label: Adelie, probabilities: {Adelie: 0.9}, tolerance: 0.1}]`;

describe('gateway monitoring', () => {
  let penguins: ServedModel;
  let profile: DatasetProfile;
  let hook: Awaited<ReturnType<typeof receiver>>;
  let dir: string;
  const open: Array<{ close(): Promise<void> }> = [];

  beforeAll(async () => {
    penguins = await openPipeline('penguins@1');
    const db = await openDuckDb({ threads: 1 });
    profile = profileTable(await readTable(db, PENGUINS_CSV));
    await db.close();
    hook = await receiver();
    dir = mkdtempSync(join(tmpdir(), 'vigie-monitoring-'));
  });
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
    hook.alerts.length = 0;
    hook.statuses.length = 0;
  });
  afterAll(async () => {
    await penguins.model[Symbol.asyncDispose]();
    await new Promise((r) => hook.server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  async function serve(
    yaml: string,
    routes: Parameters<typeof createGateway>[0] = {},
  ): Promise<{ gateway: Gateway; url: string; monitoring: GatewayMonitoring }> {
    const gateway = createGateway({ routes: [{ name: 'penguins', primary: penguins }], ...routes });
    const url = await gateway.listen(0);
    open.push(gateway);
    const monitoring = startMonitoring(gateway, {
      config: parseMonitorConfig(yaml, 'monitor.yaml'),
      profiles: new Map([['penguins', profile]]),
      baseUrl: url,
    });
    open.push(monitoring);
    return { gateway, url, monitoring };
  }

  it('passes a probe with the right answer; probes stay out of user metrics and are logged with probe=true', async () => {
    const log: PredictionLog = await openPredictionLog(`sqlite:${join(dir, 'log.db')}`);
    open.push({ close: () => log[Symbol.asyncDispose]() });
    const gateway = createGateway({ routes: [{ name: 'penguins', primary: penguins }], log });
    const url = await gateway.listen(0);
    open.push(gateway);
    const monitoring = startMonitoring(gateway, {
      config: parseMonitorConfig(
        `probes:\n  items:${ADELIE_PROBE}\nalerts:\n  webhook: {url: "${hook.url}"}\n  rules: [{kind: probe-failure}, {kind: error-rate, above: 0.1, minRequests: 1}]\n`,
      ),
      baseUrl: url,
    });
    open.push(monitoring);
    const results = [...(await monitoring.runProbes()), ...(await monitoring.runProbes())];
    expect(results.map((r) => [r.outcome, r.modelVersion])).toEqual([
      ['pass', 'penguins@1'],
      ['pass', 'penguins@1'],
    ]);
    expect(await monitoring.evaluate()).toEqual([]);
    const metrics = (await get(`${url}/metrics`)).text;
    expect(metrics).toContain('vigie_gateway_probe_requests_total{model="penguins"} 2');
    expect(metrics).not.toMatch(/vigie_gateway_requests_total\{model="penguins"[^}]*\} [1-9]/);
    expect(metrics).toContain('vigie_probe_runs_total{probe="adelie",model="penguins",outcome="pass"} 2');
    expect(metrics).toContain('vigie_probe_up{probe="adelie",model="penguins"} 1');
    expect(monitoring.status().models).toEqual([]);
    // One user request: counted, and logged with probe=false beside the two probes.
    expect((await post(`${url}/v1/models/penguins/predict`, { rows: [PENGUIN] })).status).toBe(200);
    const logged: boolean[] = [];
    await eventually(async () => {
      logged.length = 0;
      for await (const r of log.read({ model: 'penguins' })) logged.push(r.probe);
      return monitoring.status().models.length > 0 && logged.length === 3;
    });
    expect(monitoring.status().models.map((m) => [m.model, m.requests, m.errors])).toEqual([
      ['penguins', 1, 0],
    ]);
    expect(logged.sort()).toEqual([false, true, true]);
    expect(hook.alerts).toEqual([]);
  });

  it('a wrong answer raises one alert to the webhook (retried after a 503), deduplicated', async () => {
    const { monitoring, url } = await serve(
      `probes:\n  items:${ADELIE_PROBE.replace('label: Adelie', 'label: Gentoo')}\nalerts:\n  webhook: {url: "${hook.url}"}\n  cooldownSeconds: 3600\n  rules: [{kind: probe-failure, severity: warning}]\n`,
    );
    hook.statuses.push(503); // the first delivery fails: retried
    const [r] = await monitoring.runProbes();
    expect(r).toMatchObject({
      ok: false,
      outcome: 'wrong-answer',
      reason: 'row 1: label "Adelie", expected "Gentoo"',
    });
    const sent = await monitoring.evaluate();
    expect(sent).toHaveLength(1);
    await monitoring.runProbes();
    expect(await monitoring.evaluate()).toEqual([]);
    expect(hook.alerts).toHaveLength(1);
    expect(hook.alerts[0]).toMatchObject({
      kind: 'vigie.alert',
      status: 'firing',
      rule: 'probe-failure',
      severity: 'warning',
      subject: 'adelie',
      summary: 'probe adelie (penguins) failed 1 time(s) in a row: row 1: label "Adelie", expected "Gentoo"',
    });
    expect((await get(`${url}/metrics`)).text).toContain(
      'vigie_alerts_total{rule="probe-failure",status="firing"} 1',
    );
    expect((await get(`${url}/v1/monitor`)).json.firing).toEqual([
      { rule: 'probe-failure', subject: 'adelie', since: hook.alerts[0]!.startsAt },
    ]);
  });

  it('a probe that gets no answer in time raises an alert', async () => {
    const hanging = broken(penguins, 'penguins@2', 'hang');
    const { monitoring } = await serve(
      `probes:\n  timeoutMs: 100\n  items:${ADELIE_PROBE}\nalerts:\n  webhook: {url: "${hook.url}"}\n  rules: [{kind: probe-failure}]\n`,
      { routes: [{ name: 'penguins', primary: hanging }], shadow: {} },
    );
    const [r] = await monitoring.runProbes();
    expect(r).toMatchObject({ ok: false, outcome: 'timeout' });
    expect(r!.latencyMs).toBeGreaterThanOrEqual(99);
    await monitoring.evaluate();
    expect(hook.alerts.map((a) => [a.rule, a.subject, a.status])).toEqual([
      ['probe-failure', 'adelie', 'firing'],
    ]);
    expect(hook.alerts[0]!.summary).toMatch(/no answer within the timeout/);
  });

  it('keeps to the rate budget', async () => {
    const items = [1, 2, 3].map((i) => ADELIE_PROBE.replace('name: adelie', `name: adelie${i}`)).join('');
    const { monitoring, url } = await serve(`probes:\n  maxPerMinute: 2\n  items:${items}\n`);
    expect((await monitoring.runProbes()).map((r) => r.name)).toEqual(['adelie1', 'adelie2']);
    expect(await monitoring.runProbes()).toEqual([]);
    const metrics = (await get(`${url}/metrics`)).text;
    expect(metrics).toContain('vigie_probe_skipped_total{probe="adelie3"} 2');
  });

  it('exports drift per feature on /metrics and alerts on drift and data quality', async () => {
    const { monitoring, url } = await serve(
      `drift:\n  penguins:\n    profile: penguins.json\n    labelColumn: species\nalerts:\n  webhook: {url: "${hook.url}"}\n  rules: [{kind: drift}, {kind: data-quality}]\n`,
    );
    // Heavy penguins from an island never seen in training.
    const rows = Array.from({ length: 60 }, (_, i) => ({
      ...penguin(i),
      body_mass_g: 7000 + i,
      island: 'Atlantis',
    }));
    expect((await post(`${url}/v1/models/penguins/predict`, { rows })).status).toBe(200);
    const alerts = await monitoring.evaluate();
    expect(alerts.map((a) => [a.rule, a.subject])).toEqual([
      ['drift', 'penguins'],
      ['data-quality', 'penguins'],
    ]);
    expect(hook.alerts).toHaveLength(2);
    expect(hook.alerts[0]!.evidence.map((v) => v.check)).toContain('input-drift');
    expect(hook.alerts[1]!.summary).toContain(
      'new-categories:island: 60 of 60 rows with a category not seen in training',
    );
    const metrics = (await get(`${url}/metrics`)).text;
    expect(metrics).toContain('vigie_monitor_window_rows{model="penguins"} 60');
    // The features default to the model's inputs the profile knows (not the profile's year).
    const features = (await get(`${url}/v1/monitor`)).json.models[0].window.features.map(
      (f: { name: string }) => f.name,
    );
    expect(features.sort()).toEqual([
      'bill_depth_mm',
      'bill_length_mm',
      'body_mass_g',
      'flipper_length_mm',
      'island',
      'sex',
    ]);
    expect(metrics).toMatch(
      /vigie_monitor_drift_statistic\{model="penguins",feature="body_mass_g",method="\w+"\} [\d.e-]+/,
    );
    expect(metrics).toContain('vigie_monitor_drift_detected{model="penguins",feature="body_mass_g"} 1');
    expect(metrics).toContain('vigie_monitor_out_of_range_rows{model="penguins",feature="body_mass_g"} 60');
    expect(metrics).toContain('vigie_monitor_new_category_rows{model="penguins",feature="island"} 60');
    expect(metrics).toContain('vigie_monitor_missing_rate{model="penguins",feature="sex"} 0');
    expect(metrics).toMatch(/vigie_monitor_prediction_drift_detected\{model="penguins"\} [01]/);
  });

  it('alerts on the error rate of user requests', async () => {
    const crashing = broken(penguins, 'penguins@3', 'throw');
    const { monitoring, url } = await serve(
      `alerts:\n  webhook: {url: "${hook.url}"}\n  rules: [{kind: error-rate, above: 0.5, minRequests: 3}]\n`,
      { routes: [{ name: 'penguins', primary: crashing }] },
    );
    for (let i = 0; i < 3; i++)
      expect((await post(`${url}/v1/models/penguins/predict`, { rows: [PENGUIN] })).status).toBe(502);
    await monitoring.evaluate();
    expect(hook.alerts.map((a) => [a.rule, a.value])).toEqual([['error-rate', 1]]);
  });
});
