import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PredictionFailure } from '../src/index.js';
import { createGateway, type Gateway, type ServedModel } from '../src/index.js';
import { get, post } from './support/http.js';
import { sample } from './support/metrics.js';
import { broken, openPipeline, PENGUIN } from './support/models.js';

describe('a failing canary candidate is isolated by a timeout and a circuit breaker', () => {
  let v1: ServedModel;
  let v2: ServedModel;
  const gateways: Gateway[] = [];
  beforeAll(async () => {
    [v1, v2] = await Promise.all([openPipeline('penguins@1'), openPipeline('penguins@2')]);
  });
  afterAll(async () => {
    for (const g of gateways) await g.close();
    for (const m of [v1, v2]) await m.model[Symbol.asyncDispose]();
  });

  it.each([
    ['hang', 504, 'MODEL_TIMEOUT', 'timeout'],
    ['throw', 502, 'MODEL_ERROR', 'error'],
  ] as const)(
    'a candidate that %ss: its requests fail (%i %s) until its circuit opens, then the primary answers them',
    async (how, status, code, reason) => {
      const candidate = broken(v2, `penguins@${how}`, how);
      const gateway = createGateway({
        routes: [{ name: 'penguins', primary: v1, candidate: { model: candidate, weight: 1 } }],
        modelTimeoutMs: 150,
        candidateBreaker: { failureThreshold: 3, cooldownMs: 60_000 },
      });
      gateways.push(gateway);
      const failures: PredictionFailure[] = [];
      gateway.addFailureObserver((f) => failures.push(f));
      const base = await gateway.listen(0);
      const answers = [];
      for (let i = 0; i < 10; i++)
        answers.push(await post(`${base}/v1/models/penguins/predict`, { rows: [PENGUIN] }));
      expect(answers.slice(0, 3).map((a) => [a.status, a.json.error?.code])).toEqual(
        Array(3).fill([status, code]),
      );
      for (const a of answers.slice(3)) {
        expect(a.status).toBe(200);
        expect(a.json.modelVersion).toBe('penguins@1');
      }
      expect(candidate.calls()).toBe(3);
      expect(failures.map((f) => [f.role, f.reason])).toEqual(Array(3).fill(['candidate', reason]));
      const metrics = (await get(`${base}/metrics`)).text;
      expect(
        sample(metrics, 'vigie_gateway_candidate_fallbacks_total', { model: 'penguins', version: how }),
      ).toBe(7);
      expect(sample(metrics, 'vigie_gateway_errors_total', { code })).toBe(3);
    },
  );

  it('without a breaker configured, a failing candidate keeps its share (a release controller decides)', async () => {
    const candidate = broken(v2, 'penguins@crash', 'throw');
    const gateway = createGateway({
      routes: [{ name: 'penguins', primary: v1, candidate: { model: candidate, weight: 1 } }],
    });
    gateways.push(gateway);
    const base = await gateway.listen(0);
    for (let i = 0; i < 8; i++)
      expect((await post(`${base}/v1/models/penguins/predict`, { rows: [PENGUIN] })).status).toBe(502);
    expect(candidate.calls()).toBe(8);
  });

  it('a request refused for its input does not count against the candidate', async () => {
    const gateway = createGateway({
      routes: [{ name: 'penguins', primary: v1, candidate: { model: v2, weight: 1 } }],
      candidateBreaker: { failureThreshold: 1, cooldownMs: 60_000 },
    });
    gateways.push(gateway);
    const base = await gateway.listen(0);
    for (let i = 0; i < 3; i++)
      expect(
        (await post(`${base}/v1/models/penguins/predict`, { rows: [{ ...PENGUIN, sex: 1 }] })).status,
      ).toBe(400);
    expect((await post(`${base}/v1/models/penguins/predict`, { rows: [PENGUIN] })).json.modelVersion).toBe(
      'penguins@2',
    );
  });
});
