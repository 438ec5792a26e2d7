import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPredictionLog, type PredictionLog, type PredictionRecord } from '@vigie/core/monitor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway, type ServedModel } from '../src/index.js';
import { get, post } from './support/http.js';
import { sample } from './support/metrics.js';
import { openPipeline, PENGUIN, penguin } from './support/models.js';

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('prediction log, feedback and observers', () => {
  let dir: string;
  let log: PredictionLog;
  let v1: ServedModel;
  let v2: ServedModel;
  let gateway: Gateway;
  let base: string;
  const seen: PredictionRecord[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigie-gateway-log-'));
    log = await openPredictionLog(`sqlite:${join(dir, 'predictions.db')}`);
    [v1, v2] = await Promise.all([openPipeline('penguins@1'), openPipeline('penguins@2')]);
    gateway = createGateway({
      routes: [{ name: 'penguins', primary: v1, shadow: v2 }],
      log,
      ack: 'logged',
      anonymize: ({ sex: _sex, ...rest }) => ({ ...rest, sex: 'redacted' }),
    });
    gateway.addObserver((records) => seen.push(...records));
    gateway.addObserver(() => {
      throw new Error('a faulty observer');
    });
    base = await gateway.listen(0);
  });
  afterAll(async () => {
    await gateway.close();
    await log[Symbol.asyncDispose]();
    for (const m of [v1, v2]) await m.model[Symbol.asyncDispose]();
    rmSync(dir, { recursive: true, force: true });
  });

  it('with ack "logged", every id of a 200 answer is in the log when the answer arrives', async () => {
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        post(`${base}/v1/models/penguins/predict`, { rows: [penguin(i), penguin(i + 1)] }),
      ),
    );
    const ids = answers.flatMap((a) => {
      expect(a.status).toBe(200);
      return a.json.predictions.map((p: { id: string }) => p.id);
    });
    const logged = await all(log.read({ role: 'primary' }));
    const byId = new Map(logged.map((r) => [r.id, r]));
    for (const id of ids) expect(byId.has(id)).toBe(true);
    const first = byId.get(answers[0]!.json.predictions[0].id)!;
    expect(first).toMatchObject({ model: 'penguins', version: '1', role: 'primary', probe: false });
    expect(first.inputs.sex).toBe('redacted');
    expect(first.output.label).toBe(answers[0]!.json.predictions[0].label);
    expect(first.latencyMs).toBeGreaterThan(0);
  });

  it('logs the shadow answers paired with the primary, and hands everything to the observers', async () => {
    const a = await post(`${base}/v1/models/penguins/predict`, { rows: [PENGUIN] });
    const id = a.json.predictions[0].id;
    const end = Date.now() + 5000;
    let shadow: PredictionRecord | undefined;
    while (!shadow && Date.now() < end) {
      shadow = (await all(log.read({ role: 'shadow' }))).find((r) => r.pairedWith === id);
      if (!shadow) await new Promise((r) => setTimeout(r, 20));
    }
    expect(shadow).toMatchObject({ version: '2', role: 'shadow', pairedWith: id });
    expect(seen.some((r) => r.id === id)).toBe(true);
    expect(seen.some((r) => r.pairedWith === id)).toBe(true);
    const metrics = (await get(`${base}/metrics`)).text;
    expect(sample(metrics, 'vigie_gateway_observer_errors_total')).toBeGreaterThan(0);
    expect(sample(metrics, 'vigie_prediction_log_written_total')).toBeGreaterThanOrEqual(62);
    expect(metrics).toContain('# TYPE vigie_prediction_log_lag_seconds gauge');
  });

  it('takes feedback for a prediction (202), refuses an unknown id (404) and a bad body (400)', async () => {
    const a = await post(`${base}/v1/models/penguins/predict`, { rows: [PENGUIN] });
    const predictionId = a.json.predictions[0].id;
    const ok = await post(`${base}/v1/feedback`, { predictionId, label: 'Gentoo' });
    expect(ok.status).toBe(202);
    const joined = await all(log.joined({}));
    expect(joined.find((j) => j.prediction.id === predictionId)?.feedback).toMatchObject({ label: 'Gentoo' });

    const unknown = await post(`${base}/v1/feedback`, {
      predictionId: '00000000-0000-7000-8000-000000000000',
      label: 'x',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('UNKNOWN_PREDICTION');
    for (const [body, message] of [
      [{ label: 'x' }, /"predictionId"/],
      [{ predictionId }, /at least one of/],
      [{ predictionId, interaction: 'clicked' }, /"used" or "ignored"/],
      [{ predictionId, value: 'high' }, /"value" must be a finite number/],
      ['{oops', /not valid JSON/],
    ] as const) {
      const bad = await post(`${base}/v1/feedback`, body);
      expect(bad.status).toBe(400);
      expect(bad.json.error.message).toMatch(message);
    }
    const interaction = await post(`${base}/v1/feedback`, { predictionId, interaction: 'used', rating: 4 });
    expect(interaction.status).toBe(202);
  });

  it('answers feedback with 503 when it keeps no log', async () => {
    const bare = createGateway({ routes: [{ name: 'penguins', primary: v1 }] });
    const url = await bare.listen(0);
    const a = await post(`${url}/v1/feedback`, { predictionId: 'x', label: 'y' });
    expect(a.status).toBe(503);
    expect(a.json.error.code).toBe('FEEDBACK_UNAVAILABLE');
    await bare.close();
  });
});
