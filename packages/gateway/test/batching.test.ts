import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway, loadServedModel, type ServedModel } from '../src/index.js';
import { post } from './support/http.js';
import { LOGREG, LOGREG_SIGNATURE, openPipeline, penguin } from './support/models.js';

describe('requests merged into one model call', () => {
  let pipeline: ServedModel;
  let logreg: ServedModel;
  let gateway: Gateway;
  let unbatched: Gateway;
  let url: string;
  let plainUrl: string;
  beforeAll(async () => {
    pipeline = await openPipeline('penguins@1');
    logreg = await loadServedModel(LOGREG, { ref: 'logreg@1', signature: LOGREG_SIGNATURE });
    const routes = [
      { name: 'penguins', primary: pipeline },
      { name: 'logreg', primary: logreg },
    ];
    gateway = createGateway({ routes });
    unbatched = createGateway({ routes, batchRows: 1 });
    url = `${await gateway.listen(0)}/v1/models`;
    plainUrl = `${await unbatched.listen(0)}/v1/models`;
  });
  afterAll(async () => {
    await gateway.close();
    await unbatched.close();
    for (const m of [pipeline, logreg]) await m.model[Symbol.asyncDispose]();
  });

  it('answers concurrent requests (text columns merged) exactly as one at a time', async () => {
    const islands = ['Torgersen', 'Biscoe', 'Dream'];
    const bodies = Array.from({ length: 40 }, (_, i) => ({
      rows: Array.from({ length: 1 + (i % 3) }, (_, j) => ({
        ...penguin(i * 5 + j),
        island: islands[(i + j) % 3],
      })),
    }));
    const together = await Promise.all(bodies.map((b) => post(`${url}/penguins/predict`, b)));
    for (let i = 0; i < bodies.length; i++) {
      const alone = await post(`${plainUrl}/penguins/predict`, bodies[i]);
      const strip = (a: typeof alone) => a.json.predictions.map(({ id: _, ...p }: { id: string }) => p);
      expect(together[i]!.status).toBe(200);
      expect(strip(together[i]!)).toEqual(strip(alone));
    }
  });

  it('keeps a failing request from failing the others it was merged with', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => {
      const { island: _i, sex: _s, ...measures } = penguin(i) as Record<string, unknown>;
      return i === 17 ? { ...measures, body_mass_g: null } : measures;
    });
    const answers = await Promise.all(rows.map((row) => post(`${url}/logreg/predict`, { rows: [row] })));
    answers.forEach((a, i) => {
      if (i === 17) {
        expect(a.status).toBe(502);
        expect(a.json.error.code).toBe('INVALID_MODEL_OUTPUT');
        expect(a.json.error.message).toMatch(/missing body_mass_g/);
      } else expect(a.status).toBe(200);
    });
  });
});
