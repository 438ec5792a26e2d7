import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPredictionLog, type PredictionLog } from '@vigie/core/monitor';
import { openSqliteRegistry, type RegistryStore } from '@vigie/core/registry';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  bucketOf,
  createGateway,
  createReleaseController,
  type Gateway,
  loadServedModel,
  RELEASES_PREFIX,
  type ReleaseController,
  type ReleaseStatus,
  releaseRoutes,
  type ServedModel,
  tapFeedback,
} from '../src/index.js';
import { get, post } from './support/http.js';
import { broken, LOGREG, LOGREG_SIGNATURE } from './support/models.js';

const SEX_GB = fileURLToPath(
  new URL('../../core/test/fixtures/models/penguins-sex-gb.onnx', import.meta.url),
);
const H = (c: string) => c.repeat(64).slice(0, 64);

/** A penguin with measures that vary with i, so the species answered varies too. */
function row(i: number): Record<string, number> {
  return {
    bill_length_mm: 34 + ((i * 7) % 180) / 10,
    bill_depth_mm: 13 + ((i * 3) % 80) / 10,
    flipper_length_mm: 172 + ((i * 11) % 60),
    body_mass_g: 2900 + ((i * 13) % 97) * 30,
  };
}

describe('release controller on a real gateway (loopback, ONNX models, SQLite registry)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-release-'));
  let store: RegistryStore;
  let log: PredictionLog;
  let models: Record<string, ServedModel>;
  let gateway: Gateway;
  let releases: ReleaseController;
  let base: string;

  beforeAll(async () => {
    store = await openSqliteRegistry(join(dir, 'registry.db'));
    for (const [i, c] of ['a', 'b', 'c', 'd', 'e'].entries())
      await store.registerModel({
        by: 'ci',
        name: 'penguins',
        modelType: 'logreg',
        artifactHash: H(c),
        artifactFormat: 'onnx',
        sizeBytes: 100 + i,
      });
    const signature = LOGREG_SIGNATURE;
    const v1 = await loadServedModel(LOGREG, { ref: 'penguins@1', signature });
    models = {
      'penguins@1': v1,
      'penguins@2': await loadServedModel(LOGREG, { ref: 'penguins@2', signature }),
      'penguins@3': await loadServedModel(SEX_GB, { ref: 'penguins@3', signature }),
      'penguins@4': broken(v1, 'penguins@4', 'throw'),
      'penguins@5': await loadServedModel(LOGREG, { ref: 'penguins@5', signature }),
    };
    log = await openPredictionLog(`sqlite:${join(dir, 'predictions.db')}`);
    let controller: ReleaseController | undefined;
    gateway = createGateway({
      routes: [{ name: 'penguins', primary: v1 }],
      log: tapFeedback(log, (f) => controller?.feedback(f)),
      loadModel: async (ref) => {
        const m = models[ref];
        if (!m) throw new Error(`no version ${ref}`);
        return m;
      },
    });
    releases = createReleaseController({ gateway, store, by: 'gateway', intervalMs: 20 });
    controller = releases;
    gateway.mount(RELEASES_PREFIX, releaseRoutes(releases));
    base = await gateway.listen(0);
  });

  afterAll(async () => {
    await releases.close();
    await gateway.close();
    await log[Symbol.asyncDispose]();
    for (const m of Object.values(models)) await m.model[Symbol.asyncDispose]();
    await store[Symbol.asyncDispose]();
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    // Every case starts from penguins@1 answering alone.
    gateway.setRoute({ name: 'penguins', primary: models['penguins@1']! });
  });

  let sent = 0;
  /** Answers other than 200 during the last `traffic` call. */
  let non200 = 0;
  /** Sends requests (20 at a time, each its own request key) until `until` holds or `max` were sent. */
  async function traffic(
    until: () => boolean,
    max = 6000,
    key = (i: number) => `user-${i}`,
  ): Promise<number> {
    let n = 0;
    non200 = 0;
    while (n < max && !until()) {
      await Promise.all(
        Array.from({ length: 20 }, () => {
          const i = sent++;
          return post(
            `${base}/v1/models/penguins/predict`,
            { rows: [row(i)] },
            { 'x-vigie-request-key': key(i) },
          ).then((a) => {
            if (a.status !== 200) non200++;
          });
        }),
      );
      n += 20;
      await new Promise((r) => setTimeout(r, 1));
    }
    return n;
  }

  const apply = async (spec: Record<string, unknown>): Promise<ReleaseStatus> => {
    const a = await post(`${base}${RELEASES_PREFIX}`, spec);
    expect(a.status, a.text).toBe(201);
    return a.json as ReleaseStatus;
  };
  const status = (id: string) => releases.get(id);
  const ended = (id: string) => () =>
    ['promoted', 'rolled-back', 'failed', 'shadow-passed'].includes(status(id).state);
  // Latency on a shared machine is noisy: where latency is not the subject, only a gross slowdown fails.
  const lenient = { max_p95_ratio: 1000, max_p99_ratio: 1000 };
  const strict = { prediction_drift: { method: 'chisquare', threshold: 0.001 }, latency: lenient };

  it('promotes a good candidate through the shadow phase and every canary step, recording each decision', async () => {
    const started = await apply({
      model: 'penguins',
      candidate: 'penguins@2',
      shadow: { min_requests: 100, slice_by: 'flipper_length_mm', min_slice_requests: 1000 },
      canary: { steps: [10, 50, 100], min_requests: 60 },
      online_gates: strict,
    });
    expect(started).toMatchObject({ id: 'release:1', state: 'shadow', baseline: 'penguins@1' });
    await traffic(ended(started.id));
    const s = status(started.id);
    expect(s.state, s.decision?.reason).toBe('promoted');
    expect(s.history.map((h) => h.type)).toEqual([
      'release.started',
      'release.shadow-started',
      'release.shadow-passed',
      'release.step-started',
      'release.step-passed',
      'release.step-started',
      'release.step-passed',
      'release.promoted',
    ]);
    expect(gateway.getRoute('penguins')!.primary.ref).toBe('penguins@2');
    const answer = await post(`${base}/v1/models/penguins/predict`, { rows: [row(1)] });
    expect(answer.json.modelVersion).toBe('penguins@2');

    await releases.settled(s.id);
    const events = await store.events({ subjectId: s.id });
    const decisions = events.filter((e) => e.type.startsWith('release.'));
    expect(decisions.map((e) => e.type)).toEqual(s.history.map((h) => h.type));
    const passed = decisions.filter((e) => e.type === 'release.step-passed');
    expect(passed.every((e) => e.evidence.length === 1)).toBe(true);
    const analyses = await store.listAnalyses(s.id);
    expect(analyses.map((a) => a.kind)).toEqual(['shadow-comparison', 'canary-analysis', 'canary-analysis']);
    expect(analyses[1]!.summary).toMatchObject({ percent: 10 });
    expect(await store.getRecord(s.id)).toMatchObject({ kind: 'release', status: 'promoted' });
  });

  it('rolls back a candidate that disagrees with the primary in shadow, automatically', async () => {
    const started = await apply({ model: 'penguins', candidate: 'penguins@3', shadow: { min_requests: 50 } });
    await traffic(ended(started.id), 2000);
    const s = status(started.id);
    expect(s.state).toBe('rolled-back');
    expect(s.rollback).toMatchObject({ automatic: true });
    expect(s.rollback!.reason).toMatch(/^automatic: the candidate disagrees on \d+ of \d+ \(100%/);
    expect(s.history.map((h) => h.type)).toEqual([
      'release.started',
      'release.shadow-started',
      'release.shadow-failed',
      'release.rolled-back',
    ]);
    expect(s.shadow!.disagreement.rate).toBe(1);
    const route = gateway.getRoute('penguins')!;
    expect(route.primary.ref).toBe('penguins@1');
    expect(route.shadow).toBeUndefined();
  });

  it('rolls back a shadow that fails on the mirrored traffic, users never seeing it', async () => {
    const started = await apply({ model: 'penguins', candidate: 'penguins@4', shadow: { min_requests: 40 } });
    const n = await traffic(ended(started.id), 2000);
    const s = status(started.id);
    expect(s.state).toBe('rolled-back');
    expect(s.rollback!.reason).toMatch(
      /^automatic: the candidate failed on \d+ of \d+ mirrored requests \(100%/,
    );
    expect(n).toBeGreaterThan(0);
    expect(non200).toBe(0);
  });

  it('rolls back a canary candidate that errors, on its error rate', async () => {
    const started = await apply({
      model: 'penguins',
      candidate: 'penguins@4',
      shadow: null,
      canary: { steps: [20, 100], min_requests: 40 },
      online_gates: { latency: lenient },
    });
    let failures = 0;
    await traffic(ended(started.id), 3000);
    const s = status(started.id);
    expect(s.state).toBe('rolled-back');
    expect(s.history.map((h) => h.type)).toContain('release.step-failed');
    expect(s.rollback!.reason).toMatch(/error rate: candidate \d+\/\d+ \(100%\) vs baseline 0\/\d+ \(0%\)/);
    for (let i = 0; i < 20; i++) {
      const a = await post(
        `${base}/v1/models/penguins/predict`,
        { rows: [row(i)] },
        { 'x-vigie-request-key': `k${i}` },
      );
      if (a.status !== 200) failures++;
    }
    expect(failures).toBe(0);
  });

  it('holds an inconclusive step, saying why, until a rollback swaps the route back in one call', async () => {
    const started = await apply({
      model: 'penguins',
      candidate: 'penguins@5',
      shadow: null,
      canary: { steps: [10, 100], min_requests: 100_000, max_duration: '150ms' },
    });
    await traffic(() => status(started.id).state === 'held', 3000);
    let s = status(started.id);
    expect(s.state).toBe('held');
    expect(s.decision!.reason).toMatch(/^held: \d+ of 100000 required candidate requests/);
    expect(s.history.at(-1)).toMatchObject({ type: 'release.held' });
    expect(gateway.getRoute('penguins')!.candidate!.weight).toBe(0.1);

    const t0 = performance.now();
    const rolled = await post(`${base}${RELEASES_PREFIX}/${encodeURIComponent(s.id)}/rollback`, {
      reason: 'not enough traffic today',
    });
    const httpMs = performance.now() - t0;
    expect(rolled.status).toBe(200);
    s = rolled.json as ReleaseStatus;
    expect(s.state).toBe('rolled-back');
    expect(s.rollback).toMatchObject({ automatic: false, reason: 'not enough traffic today' });
    expect(s.rollback!.swapMs).toBeLessThan(httpMs);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        post(
          `${base}/v1/models/penguins/predict`,
          { rows: [row(i)] },
          { 'x-vigie-request-key': `after-${i}` },
        ),
      ),
    );
    expect(new Set(answers.map((a) => a.json.modelVersion))).toEqual(new Set(['penguins@1']));
    const again = await post(`${base}${RELEASES_PREFIX}/${encodeURIComponent(s.id)}/rollback`, {});
    expect(again.status).toBe(409);
  });

  it('detects a sample ratio mismatch when the split is biased, and rolls back', async () => {
    const started = await apply({
      model: 'penguins',
      candidate: 'penguins@2',
      shadow: null,
      canary: { steps: [10, 100], min_requests: 100 },
      online_gates: strict,
    });
    // A client that reuses the same few keys, all in the candidate's bucket, for half the requests.
    const hot = Array.from({ length: 5000 }, (_, i) => `hot-${i}`).filter((k) => bucketOf(k) < 0.1);
    await traffic(ended(started.id), 4000, (i) => (i % 2 === 0 ? hot[i % hot.length]! : `user-${i}`));
    const s = status(started.id);
    expect(s.state).toBe('rolled-back');
    expect(s.rollback!.reason).toMatch(
      /sample ratio mismatch: baseline \d+ \(90% expected\), candidate \d+ \(10% expected\)/,
    );
  });

  it('scores both arms as labels arrive through the prediction log', async () => {
    const started = await apply({
      model: 'penguins',
      candidate: 'penguins@3',
      shadow: null,
      canary: { steps: [50, 100], min_requests: 30, min_duration: '10s' },
      online_gates: {
        quality: { min_labels: 20, required: true },
        prediction_drift: { threshold: 1e-300 },
        latency: lenient,
      },
    });
    const ids: Array<{ id: string; label: string }> = [];
    for (let i = 0; i < 200; i++) {
      const a = await post(
        `${base}/v1/models/penguins/predict`,
        { rows: [row(i)] },
        { 'x-vigie-request-key': `q${i}` },
      );
      ids.push({ id: a.json.predictions[0].id, label: 'Adelie' });
    }
    for (const { id, label } of ids)
      expect((await post(`${base}/v1/feedback`, { predictionId: id, label })).status).toBe(202);
    // The analysis runs on its interval: wait for it (bounded), however loaded the machine.
    for (let t = Date.now(); !ended(started.id)() && Date.now() - t < 15_000; )
      await new Promise((r) => setTimeout(r, 20));
    const s = status(started.id);
    expect(s.state).toBe('rolled-back');
    expect(s.rollback!.reason).toMatch(
      /accuracy 0% \(\d+ labels\) vs \d+(\.\d+)?% \(\d+\), worse by more than 2%/,
    );
  });

  it('switches all traffic blue/green after a smoke test, keeps the old version for a rollback, and refuses a failing smoke test', async () => {
    const smoke = [row(1), row(2)];
    const broken = await apply({
      model: 'penguins',
      candidate: 'penguins@4',
      strategy: 'blue-green',
      shadow: null,
      blue_green: { smoke },
    });
    await traffic(ended(broken.id), 200);
    expect(status(broken.id)).toMatchObject({ state: 'failed' });
    expect(status(broken.id).history.at(-1)!.reason).toMatch(/^smoke test failed: /);
    expect(gateway.getRoute('penguins')!.primary.ref).toBe('penguins@1');

    const started = await apply({
      model: 'penguins',
      candidate: 'penguins@2',
      strategy: 'blue-green',
      shadow: null,
      blue_green: { smoke, keep_warm: '300ms' },
    });
    await traffic(() => status(started.id).state !== 'offline', 200);
    expect(status(started.id).state).toBe('switched');
    expect(gateway.getRoute('penguins')!).toMatchObject({ primary: { ref: 'penguins@2' } });
    expect(gateway.getRoute('penguins')!.candidate).toBeUndefined();
    const rolled = releases.rollback(started.id, 'blue/green check');
    expect(rolled.state).toBe('rolled-back');
    expect(gateway.getRoute('penguins')!.primary.ref).toBe('penguins@1');

    const kept = await apply({
      model: 'penguins',
      candidate: 'penguins@2',
      strategy: 'blue-green',
      shadow: null,
      blue_green: { smoke, keep_warm: '100ms' },
    });
    await traffic(ended(kept.id), 2000);
    expect(status(kept.id).history.map((h) => h.type)).toEqual([
      'release.started',
      'release.switched',
      'release.promoted',
    ]);
  });

  it('moves the alias named by promote_alias on promotion and back on a rollback, recording a refusal', async () => {
    for (const v of ['1', '2']) {
      for (const split of ['validation', 'test'])
        await store.recordEvaluation({
          by: 'ci',
          model: `penguins@${v}`,
          split,
          metrics: { accuracy: { value: 0.95 } },
          status: 'pass',
        });
      await store.attachAnalysis(`model:penguins@${v}`, {
        by: 'ci',
        kind: 'gates',
        status: 'pass',
        blobHash: null,
      });
    }
    await store.moveAlias({ kind: 'model', name: 'penguins', alias: 'champion', to: '1', by: 'ci' });
    const champion = async () =>
      (await store.listAliases('model', 'penguins')).find((a) => a.alias === 'champion')!.targetId;
    const spec = (candidate: string) => ({
      model: 'penguins',
      candidate,
      strategy: 'blue-green',
      shadow: null,
      blue_green: { smoke: [row(1)], keep_warm: '10s' },
      promote_alias: 'champion',
    });

    const good = await apply(spec('penguins@2'));
    await traffic(() => status(good.id).state === 'switched', 200);
    await releases.settled(good.id);
    expect(await champion()).toBe('model:penguins@2');
    expect(status(good.id).history.at(-1)).toMatchObject({
      type: 'release.alias-moved',
      reason: 'penguins@champion → 2',
    });
    releases.rollback(good.id, 'check the way back');
    await releases.settled(good.id);
    expect(await champion()).toBe('model:penguins@1');
    const types = (await store.events({ subjectId: good.id })).map((e) => e.type);
    expect(types.slice(-3)).toEqual(['release.alias-moved', 'release.rolled-back', 'release.alias-moved']);

    const unready = await apply(spec('penguins@5'));
    await traffic(() => status(unready.id).state === 'switched', 200);
    await releases.settled(unready.id);
    expect(await champion()).toBe('model:penguins@1');
    expect(status(unready.id).history.at(-1)!.type).toBe('release.alias-refused');
    expect(status(unready.id).history.at(-1)!.reason).toMatch(
      /^cannot move penguins@champion to penguins@5: /,
    );
    releases.rollback(unready.id);
    await releases.settled(unready.id);
  });

  it('answers bad requests with one clear line', async () => {
    const bad = await post(`${base}${RELEASES_PREFIX}`, {
      model: 'penguins',
      candidate: 'penguins@2',
      canary: { steps: [5, 1] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/^canary\.steps: steps must increase/);
    const unknown = await post(`${base}${RELEASES_PREFIX}`, { model: 'otters', candidate: 'otters@2' });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.message).toBe('the gateway serves no model named "otters"');
    const missing = await get(`${base}${RELEASES_PREFIX}/release%3A999`);
    expect(missing.status).toBe(404);
    const first = await apply({
      model: 'penguins',
      candidate: 'penguins@5',
      shadow: { min_requests: 10_000 },
    });
    const second = await post(`${base}${RELEASES_PREFIX}`, { model: 'penguins', candidate: 'penguins@2' });
    expect(second.status).toBe(409);
    expect(second.json.error.message).toMatch(/^release release:\d+ of penguins is still shadow/);
    const list = await get(`${base}${RELEASES_PREFIX}`);
    expect(list.json.releases.map((r: ReleaseStatus) => r.id)).toContain(first.id);
    expect(
      (await post(`${base}${RELEASES_PREFIX}/${encodeURIComponent(first.id)}/rollback`, {})).status,
    ).toBe(200);
  });
});
