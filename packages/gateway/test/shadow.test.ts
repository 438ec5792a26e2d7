import type { PredictionRecord } from '@vigie/core/monitor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway, type ServedModel } from '../src/index.js';
import { get, post } from './support/http.js';
import { sample } from './support/metrics.js';
import { broken, openPipeline, PENGUIN, penguin } from './support/models.js';

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('shadow mirror', () => {
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
  async function start(shadow: ServedModel, options: Parameters<typeof createGateway>[0] = {}) {
    const gateway = createGateway({ routes: [{ name: 'penguins', primary: v1, shadow }], ...options });
    gateways.push(gateway);
    const base = await gateway.listen(0);
    const metrics = async () => (await get(`${base}/metrics`)).text;
    const mirrors = async (outcome: string, version: string) =>
      sample(await metrics(), 'vigie_gateway_shadow_mirrors_total', { outcome, version });
    return {
      gateway,
      base,
      metrics,
      mirrors,
      predict: (row: unknown) => post(`${base}/v1/models/penguins/predict`, { rows: [row] }),
    };
  }

  it('replays every primary answer on the shadow, paired by id, never answering users with it', async () => {
    const { gateway, predict, mirrors } = await start(v2);
    const records: PredictionRecord[] = [];
    gateway.addObserver((r) => records.push(...r));
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const a = await predict(penguin(i));
      expect(a.json.modelVersion).toBe('penguins@1');
      ids.push(a.json.predictions[0].id);
    }
    await until(() => records.filter((r) => r.role === 'shadow').length === 20);
    const primary = records.filter((r) => r.role === 'primary');
    const shadow = records.filter((r) => r.role === 'shadow');
    expect(primary.map((r) => r.id)).toEqual(ids);
    expect(shadow.map((r) => r.pairedWith).sort()).toEqual([...ids].sort());
    for (const s of shadow) {
      const p = primary.find((r) => r.id === s.pairedWith)!;
      expect(s).toMatchObject({ model: 'penguins', version: '2', probe: false, inputs: p.inputs });
      // The same model, called with other rows in the same batch: equal up to float32 rounding.
      expect(s.output.label).toBe(p.output.label);
      for (const [c, q] of Object.entries(p.output.probabilities!))
        expect(s.output.probabilities![c]).toBeCloseTo(q, 6);
      expect(s.id).not.toBe(p.id);
    }
    expect(await mirrors('sent', '2')).toBe(20);
    expect(await mirrors('answered', '2')).toBe(20);
  });

  it('does not mirror probes', async () => {
    const { gateway, base } = await start(v2);
    const records: PredictionRecord[] = [];
    gateway.addObserver((r) => records.push(...r));
    const a = await post(`${base}/v1/models/penguins/predict`, { rows: [PENGUIN] }, { 'x-vigie-probe': '1' });
    expect(a.status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ role: 'primary', probe: true });
  });

  it('a hanging shadow never delays the primary: its calls time out, then its circuit opens', async () => {
    const hanging = broken(v2, 'penguins@hang', 'hang');
    const { predict, mirrors, gateway } = await start(hanging, {
      shadow: { timeoutMs: 800, concurrency: 2, failureThreshold: 2, cooldownMs: 60_000 },
    });
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) expect((await predict(penguin(i))).status).toBe(200);
    // Had one answer waited for the shadow, the twenty would have taken 800 ms or more.
    expect(performance.now() - t0).toBeLessThan(800);
    // Two calls time out and open the circuit; one more may have started in between.
    await until(
      async () => (await mirrors('sent', 'hang')) + (await mirrors('dropped_circuit_open', 'hang')) === 20,
    );
    await until(async () => (await mirrors('timed_out', 'hang')) === (await mirrors('sent', 'hang')));
    expect(await mirrors('sent', 'hang')).toBeLessThanOrEqual(3);
    expect(hanging.calls()).toBeLessThanOrEqual(await mirrors('sent', 'hang'));
    expect(gateway.getRoute('penguins')!.primary.ref).toBe('penguins@1');
  });

  it('a throwing shadow never breaks the primary: failures are counted until the circuit opens', async () => {
    const throwing = broken(v2, 'penguins@crash', 'throw');
    const { predict, mirrors } = await start(throwing, {
      shadow: { failureThreshold: 5, cooldownMs: 60_000 },
    });
    for (let i = 0; i < 30; i++) expect((await predict(penguin(i))).status).toBe(200);
    await until(
      async () =>
        (await mirrors('failed', 'crash')) + (await mirrors('dropped_circuit_open', 'crash')) === 30,
    );
    expect(await mirrors('failed', 'crash')).toBeGreaterThanOrEqual(5);
    // A merged call that fails is retried one mirror at a time, so calls can exceed failures.
    expect(throwing.calls()).toBeGreaterThanOrEqual(await mirrors('failed', 'crash'));
  });

  it('drops mirrors beyond its queue, counting them', async () => {
    const hanging = broken(v2, 'penguins@slow', 'hang');
    const { predict, mirrors } = await start(hanging, {
      shadow: { queueSize: 3, concurrency: 1, timeoutMs: 60_000, failureThreshold: 100, lingerMs: 0 },
    });
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => predict(penguin(i))));
    for (const a of answers) expect(a.status).toBe(200);
    await until(async () => (await mirrors('dropped_queue_full', 'slow')) === 8);
    expect(await mirrors('sent', 'slow')).toBe(1);
  });
});
