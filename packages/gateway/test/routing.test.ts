import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway, type ServedModel } from '../src/index.js';
import { get, post, put } from './support/http.js';
import { openPipeline, PENGUIN, penguin } from './support/models.js';

describe('routing: canary weights, sticky keys, atomic swaps and the admin API', () => {
  let gateway: Gateway;
  let base: string;
  let v1: ServedModel;
  let v2: ServedModel;
  let v3: ServedModel;
  beforeAll(async () => {
    [v1, v2, v3] = await Promise.all([
      openPipeline('penguins@1'),
      openPipeline('penguins@2'),
      openPipeline('penguins@3'),
    ]);
    gateway = createGateway({
      routes: [{ name: 'penguins', primary: v1, candidate: { model: v2, weight: 0.2 } }],
      adminToken: 'tok-123',
      loadModel: async (ref) => {
        if (ref === 'penguins@3') return v3;
        throw new Error(`no version ${ref}`);
      },
    });
    base = await gateway.listen(0);
  });
  afterAll(async () => {
    await gateway.close();
    for (const m of [v1, v2, v3]) await m.model[Symbol.asyncDispose]();
  });
  const predict = (row: unknown, headers: Record<string, string> = {}) =>
    post(`${base}/v1/models/penguins/predict`, { rows: [row] }, headers);

  it('sends the configured share of request keys to the candidate', async () => {
    let candidate = 0;
    const n = 1500;
    for (let i = 0; i < n; i += 50) {
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, j) => predict(PENGUIN, { 'x-vigie-request-key': `user-${i + j}` })),
      );
      for (const a of answers) {
        expect(a.status).toBe(200);
        if (a.json.modelVersion === 'penguins@2') candidate++;
      }
    }
    // 0.2 ± 4.5 standard deviations of a binomial share over 1500 keys.
    expect(Math.abs(candidate / n - 0.2)).toBeLessThan(4.5 * Math.sqrt((0.2 * 0.8) / n));
  });

  it('keeps a request key on the same version, and a row without a key too', async () => {
    for (const key of ['user-1', 'user-2', 'user-3', 'user-4', 'user-5']) {
      const versions = new Set<string>();
      for (let i = 0; i < 10; i++)
        versions.add((await predict(penguin(i), { 'x-vigie-request-key': key })).json.modelVersion);
      expect(versions.size).toBe(1);
    }
    const seen = new Map<number, string>();
    for (let round = 0; round < 3; round++)
      for (let i = 0; i < 40; i++) {
        const v = (await predict(penguin(i))).json.modelVersion as string;
        if (round === 0) seen.set(i, v);
        else expect(v).toBe(seen.get(i));
      }
    expect(new Set(seen.values()).size).toBe(2);
  });

  it('refuses rows that are not objects with a 400 when a candidate is set', async () => {
    const a = await post(`${base}/v1/models/penguins/predict`, { rows: [null, 3] });
    expect(a.status).toBe(400);
    expect(a.json.error.message).toMatch(/^row 1: expected an object/);
  });

  it('swaps a route in one assignment: weight 0 and 1 send everything to one side', async () => {
    gateway.setRoute({ name: 'penguins', primary: v1, candidate: { model: v2, weight: 1 } });
    for (let i = 0; i < 20; i++) expect((await predict(penguin(i))).json.modelVersion).toBe('penguins@2');
    const t0 = performance.now();
    gateway.setRoute({ name: 'penguins', primary: v1 });
    expect(performance.now() - t0).toBeLessThan(5);
    for (let i = 0; i < 20; i++) expect((await predict(penguin(i))).json.modelVersion).toBe('penguins@1');
  });

  it('shows and sets routes through the admin API, with the bearer token', async () => {
    const auth = { authorization: 'Bearer tok-123' };
    expect((await get(`${base}/v1/admin/routes`)).status).toBe(401);
    expect((await get(`${base}/v1/admin/routes`, { authorization: 'Bearer wrong' })).status).toBe(401);
    const listed = await get(`${base}/v1/admin/routes`, auth);
    expect(listed.json.routes).toEqual([{ name: 'penguins', primary: 'penguins@1', beta: false }]);

    const set = await put(
      `${base}/v1/admin/routes/penguins`,
      { primary: 'penguins@1', candidate: { ref: 'penguins@3', weight: 0.5 }, shadow: 'penguins@1' },
      auth,
    );
    expect(set.status).toBe(200);
    expect(set.json).toEqual({
      name: 'penguins',
      primary: 'penguins@1',
      candidate: { ref: 'penguins@3', weight: 0.5 },
      shadow: 'penguins@1',
      beta: false,
    });
    expect(gateway.getRoute('penguins')!.candidate!.model).toBe(v3);

    const rollback = await put(`${base}/v1/admin/routes/penguins`, { primary: 'penguins@1' }, auth);
    expect(rollback.status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await predict(penguin(i))).json.modelVersion).toBe('penguins@1');

    const created = await put(`${base}/v1/admin/routes/other`, { primary: 'penguins@2', beta: true }, auth);
    expect(created.status).toBe(200);
    const other = await post(`${base}/v1/models/other/predict`, { rows: [PENGUIN] });
    expect(other.json).toMatchObject({ modelVersion: 'penguins@2', beta: true });

    const unknown = await put(`${base}/v1/admin/routes/penguins`, { primary: 'penguins@9' }, auth);
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toMatch(/cannot load a model of the route: no version penguins@9/);
    const badWeight = await put(
      `${base}/v1/admin/routes/penguins`,
      { primary: 'penguins@1', candidate: { ref: 'penguins@3', weight: 2 } },
      auth,
    );
    expect(badWeight.json.error.message).toMatch(/"candidate.weight" must be a number from 0 to 1/);
    expect(gateway.getRoute('penguins')!.primary.ref).toBe('penguins@1');
  });

  it('runs mounted admin handlers behind the same token', async () => {
    gateway.mount('/v1/admin/releases', (_req, res, path) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path }));
    });
    expect((await get(`${base}/v1/admin/releases/r1`)).status).toBe(401);
    const a = await get(`${base}/v1/admin/releases/r1`, { authorization: 'Bearer tok-123' });
    expect(a.json).toEqual({ path: '/v1/admin/releases/r1' });
  });
});
