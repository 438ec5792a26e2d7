import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway, loadServedModel, type ServedModel } from '../src/index.js';
import { get, post } from './support/http.js';
import { corrupted, DIABETES, DIABETES_SIGNATURE, openPipeline, PENGUIN, penguin } from './support/models.js';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('POST /v1/models/{name}/predict', () => {
  let gateway: Gateway;
  let url: string;
  let penguins: ServedModel;
  let diabetes: ServedModel;
  let bad: ServedModel[];
  beforeAll(async () => {
    penguins = await openPipeline('penguins@1');
    diabetes = await loadServedModel(DIABETES, { ref: 'diabetes@4', signature: DIABETES_SIGNATURE });
    const beta = await openPipeline('penguins@2', true);
    bad = [
      corrupted(penguins, 'sums@1', (p) => {
        p.probabilities![0] = 0.9;
        p.probabilities![1] = 0.9;
      }),
      corrupted(penguins, 'labels@1', (p) => {
        p.labels![0] = 7;
      }),
      corrupted(diabetes, 'values@1', (p) => {
        p.values![0] = Number.NaN;
      }),
      corrupted(penguins, 'rows@1', (p) => {
        p.rows = 0;
      }),
    ];
    gateway = createGateway({
      routes: [
        { name: 'penguins', primary: penguins },
        { name: 'diabetes', primary: diabetes },
        { name: 'beta', primary: beta },
        ...bad.map((b) => ({ name: b.ref.split('@')[0]!, primary: b })),
      ],
      maxBodyBytes: 4096,
      maxBatchRows: 10,
    });
    url = `${await gateway.listen(0)}/v1/models`;
  });
  afterAll(async () => {
    await gateway.close();
    for (const m of [penguins, diabetes]) await m.model[Symbol.asyncDispose]();
  });

  it('answers a row with a label, probabilities, the model version and a UUIDv7 id', async () => {
    const a = await post(`${url}/penguins/predict`, { rows: [PENGUIN] });
    expect(a.status).toBe(200);
    expect(a.json.modelVersion).toBe('penguins@1');
    expect(a.json.beta).toBeUndefined();
    const [p] = a.json.predictions;
    expect(p.id).toMatch(UUID_V7);
    expect(p.label).toBe('Adelie');
    expect(Object.keys(p.probabilities)).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    const sum = Object.values(p.probabilities as Record<string, number>).reduce((s, q) => s + q, 0);
    expect(sum).toBeCloseTo(1, 6);
  });

  it('gives the same answers as the model in process, with distinct, time-ordered ids', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => penguin(i * 7));
    const a = await post(`${url}/penguins/predict`, { rows });
    expect(a.status).toBe(200);
    const ids = a.json.predictions.map((p: { id: string }) => p.id);
    expect(new Set(ids).size).toBe(10);
    expect([...ids].sort()).toEqual(ids);
    const b = await post(`${url}/penguins/predict`, { rows: [rows[9]] });
    expect(b.json.predictions[0].id > ids[9]).toBe(true);
    expect(b.json.predictions[0].probabilities).toEqual(a.json.predictions[9].probabilities);
  });

  it('answers a regression with values, and missing values as null', async () => {
    const row = {
      age: 0.02,
      sex: -0.04,
      bmi: 0.06,
      bp: 0.02,
      s1: -0.04,
      s2: -0.03,
      s3: -0.04,
      s4: -0.002,
      s5: 0.02,
      s6: -0.02,
    };
    const a = await post(`${url}/diabetes/predict`, { rows: [row, { ...row, bmi: -0.05 }] });
    expect(a.status).toBe(200);
    expect(a.json.modelVersion).toBe('diabetes@4');
    expect(typeof a.json.predictions[0].value).toBe('number');
    expect(a.json.predictions[0].value).toBeGreaterThan(a.json.predictions[1].value);
    const missing = await post(`${url}/penguins/predict`, { rows: [{ ...PENGUIN, body_mass_g: null }] });
    expect(missing.status).toBe(200);
  });

  it('labels the answers of a beta model', async () => {
    const a = await post(`${url}/beta/predict`, { rows: [PENGUIN] });
    expect(a.json.beta).toBe(true);
  });

  const secret = 'SECRET-PAYLOAD-7f3a';
  const cases: Array<
    [
      string,
      () => Promise<{ status: number; json: { error: { code: string; message: string } } }>,
      number,
      string,
      RegExp,
    ]
  > = [
    [
      'malformed JSON',
      () => post(`${url}/penguins/predict`, `{"rows": [{"island": "${secret}"`),
      400,
      'INVALID_JSON',
      /not valid JSON/,
    ],
    [
      'a body that is not an object',
      () => post(`${url}/penguins/predict`, '[1, 2]'),
      400,
      'INVALID_INPUT',
      /expected a JSON object/,
    ],
    ['no rows', () => post(`${url}/penguins/predict`, { row: [] }), 400, 'INVALID_INPUT', /missing "rows"/],
    [
      'rows not a list',
      () => post(`${url}/penguins/predict`, { rows: { a: 1 } }),
      400,
      'INVALID_INPUT',
      /must be a list/,
    ],
    ['empty rows', () => post(`${url}/penguins/predict`, { rows: [] }), 400, 'INVALID_INPUT', /empty/],
    [
      'a row that is not an object',
      () => post(`${url}/penguins/predict`, { rows: [PENGUIN, 3] }),
      400,
      'INVALID_INPUT',
      /^row 2: expected an object/,
    ],
    [
      'a missing field',
      () => post(`${url}/penguins/predict`, { rows: [PENGUIN, { ...PENGUIN, sex: undefined }] }),
      400,
      'INVALID_INPUT',
      /^row 2: missing field "sex"/,
    ],
    [
      'a string for a number',
      () => post(`${url}/penguins/predict`, { rows: [{ ...PENGUIN, body_mass_g: secret }] }),
      400,
      'INVALID_INPUT',
      /^row 1, field "body_mass_g": expected a number, got a string$/,
    ],
    [
      'a number for a category',
      () => post(`${url}/penguins/predict`, { rows: [{ ...PENGUIN, island: 3 }] }),
      400,
      'INVALID_INPUT',
      /field "island": expected a string, got a number/,
    ],
    [
      'Infinity (1e999)',
      () =>
        post(`${url}/penguins/predict`, `{"rows": [${JSON.stringify(PENGUIN).replace('3750', '1e999')}]}`),
      400,
      'INVALID_INPUT',
      /field "body_mass_g": not a finite number/,
    ],
    [
      'NaN (not JSON)',
      () => post(`${url}/penguins/predict`, `{"rows": [${JSON.stringify(PENGUIN).replace('3750', 'NaN')}]}`),
      400,
      'INVALID_JSON',
      /not valid JSON/,
    ],
    [
      'an unknown model',
      () => post(`${url}/nope/predict`, { rows: [PENGUIN] }),
      404,
      'UNKNOWN_MODEL',
      /no model named "nope" \(served: penguins, diabetes/,
    ],
    [
      'too many rows',
      () => post(`${url}/penguins/predict`, { rows: Array(11).fill(PENGUIN) }),
      413,
      'BATCH_TOO_LARGE',
      /11 rows, more than the 10/,
    ],
    [
      'a body over the limit',
      () => post(`${url}/penguins/predict`, { rows: [{ ...PENGUIN, pad: 'x'.repeat(5000) }] }),
      413,
      'PAYLOAD_TOO_LARGE',
      /larger than the limit of 4096 bytes/,
    ],
    ['GET on predict', () => get(`${url}/penguins/predict`), 405, 'METHOD_NOT_ALLOWED', /method/],
    [
      'a malformed model name',
      () => post(`${url}/%E0%A4%A/predict`, { rows: [PENGUIN] }),
      400,
      'INVALID_INPUT',
      /malformed percent escape/,
    ],
  ];
  it.each(cases)(
    'refuses %s with a one-line 4xx that never echoes the payload',
    async (_, send, status, code, message) => {
      const a = await send();
      expect(a.status).toBe(status);
      expect(a.json.error.code).toBe(code);
      expect(a.json.error.message).toMatch(message);
      expect(a.json.error.message).not.toContain('\n');
      expect(JSON.stringify(a.json)).not.toContain(secret);
    },
  );

  it('refuses a body whose declared length is over the limit before reading it, closing the connection', async () => {
    const { status, connection } = await new Promise<{ status: number; connection: string | undefined }>(
      (resolve, reject) => {
        const req = request(
          `${url}/penguins/predict`,
          { method: 'POST', headers: { 'content-length': 1_000_000 } },
          (res) => {
            res.resume();
            resolve({ status: res.statusCode!, connection: res.headers.connection });
          },
        );
        req.on('error', reject);
        req.write('{"rows": [');
      },
    );
    expect(status).toBe(413);
    expect(connection).toBe('close');
  });

  it.each([
    ['sums', /probabilities sum to 1\.8/],
    ['labels', /label index 7 is not one of the 3 classes/],
    ['values', /value NaN is not finite/],
    ['rows', /0 predictions for 1 rows/],
  ])('never returns an invalid output (%s): 502 INVALID_MODEL_OUTPUT, counted', async (name, why) => {
    const a = await post(`${url}/${name}/predict`, {
      rows: [
        name === 'values'
          ? { age: 0, sex: 0, bmi: 0, bp: 0, s1: 0, s2: 0, s3: 0, s4: 0, s5: 0, s6: 0 }
          : PENGUIN,
      ],
    });
    expect(a.status).toBe(502);
    expect(a.json.error.code).toBe('INVALID_MODEL_OUTPUT');
    expect(a.json.error.message).toMatch(why);
    expect(a.json.predictions).toBeUndefined();
    const metrics = (await get(`${url.replace('/v1/models', '')}/metrics`)).text;
    expect(metrics).toContain(
      `vigie_gateway_invalid_outputs_total{model="${name}",version="1",role="primary"} 1`,
    );
  });

  it('answers health, readiness and unknown endpoints', async () => {
    const base = url.replace('/v1/models', '');
    expect((await get(`${base}/healthz`)).status).toBe(200);
    const ready = await get(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.json.models).toContain('penguins');
    const none = await get(`${base}/v2/nothing`);
    expect(none.status).toBe(404);
    expect(none.json.error.code).toBe('NOT_FOUND');
  });
});
