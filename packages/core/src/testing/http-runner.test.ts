import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntegrationCase } from './case.js';
import { runHttpCases } from './http-runner.js';
import { answersShapeVerdicts } from './inference-shape.js';

// One real server on loopback; the path chooses how it (mis)behaves.
type Behaviour = (rows: unknown, req: IncomingMessage, res: ServerResponse) => void;
const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};
const predictions = (n: number, extra: (i: number) => object = () => ({})) =>
  Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    label: 'A',
    probabilities: { A: 0.75, B: 0.25 },
    ...extra(i),
  }));
const behaviours: Record<string, Behaviour> = {
  good: (body, _req, res) => {
    const rows = (body as { rows?: unknown[] } | null)?.rows;
    if (
      !Array.isArray(rows) ||
      rows.some((r) => r === null || typeof r !== 'object' || Object.values(r).includes(null))
    )
      return json(res, 400, { error: { code: 'INVALID_INPUT', message: 'row 1: "x" is missing' } });
    json(res, 200, { modelVersion: 'm@1', predictions: predictions(rows.length) });
  },
  crash: (_b, _q, res) => json(res, 500, { error: { code: 'INTERNAL', message: 'boom' } }),
  hang: () => {},
  drop: (_b, req) => req.socket.destroy(),
  cut: (_b, _q, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    res.write('{"predictions": [');
    setTimeout(() => res.socket?.destroy(), 10);
  },
  'wrong-count': (_b, _q, res) => json(res, 200, { predictions: predictions(2) }),
  'bad-probabilities': (_b, _q, res) =>
    json(res, 200, { predictions: predictions(1, () => ({ probabilities: { A: 0.7, B: 0.7 } })) }),
  'unknown-class': (_b, _q, res) =>
    json(res, 200, { predictions: predictions(1, () => ({ label: 'Z', probabilities: undefined })) }),
  'repeated-ids': (body, _q, res) =>
    json(res, 200, {
      predictions: predictions((body as { rows: unknown[] }).rows.length, () => ({ id: 'same' })),
    }),
  'text-400': (_b, _q, res) => {
    res.writeHead(400, { 'content-type': 'text/plain' });
    res.end('bad request');
  },
  echo: (_b, _q, res) =>
    json(res, 400, { error: { code: 'INVALID', message: `bad value ${'x'.repeat(2000)}` } }),
  'differing-duplicates': (body, _q, res) =>
    json(res, 200, {
      predictions: predictions((body as { rows: unknown[] }).rows.length, (i) => ({
        probabilities: { A: 0.5 + i / 10, B: 0.5 - i / 10 },
      })),
    }),
  slow: (body, _q, res) =>
    setTimeout(
      () => json(res, 200, { predictions: predictions((body as { rows: unknown[] }).rows.length) }),
      120,
    ),
};

let base = '';
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    let body: unknown = null;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      if (req.url === '/good')
        return json(res, 400, { error: { code: 'INVALID_JSON', message: 'not JSON' } });
    }
    behaviours[req.url!.slice(1)]!(body, req, res);
  });
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const kase = (over: Partial<IntegrationCase>): IntegrationCase => ({
  name: 'c',
  kind: 'null',
  exercises: 'x: a null',
  nominal: false,
  expect: ['reject', 'drop', 'repair'],
  invalid: false,
  rows: [{ x: null }],
  ...over,
});
const nominal = kase({
  name: 'nominal',
  kind: 'nominal',
  nominal: true,
  expect: ['succeed'],
  rows: [{ x: 1 }],
});
const run = (path: string, cases: IntegrationCase[], options = {}) =>
  runHttpCases(`${base}/${path}`, cases, { timeoutMs: 300, ...options });

describe('runHttpCases', () => {
  it('passes a clear 4xx on abnormal rows and a 200 on nominal ones', async () => {
    const [a, n, e] = await run('good', [
      kase({}),
      nominal,
      kase({ name: 'invalid-json', kind: 'envelope', expect: ['reject'], rows: [], body: '{"rows": [' }),
    ]);
    expect(a).toMatchObject({ passed: true, outcome: 'reject', status: 400 });
    expect(n).toMatchObject({ passed: true, outcome: 'succeed', status: 200, rowsOut: 1 });
    expect(e).toMatchObject({ passed: true, outcome: 'reject' });
  });

  it('fails a 5xx, a hang, a dropped connection and an answer cut short, whatever the case expects', async () => {
    const [crash] = await run('crash', [kase({})]);
    expect(crash).toMatchObject({
      passed: false,
      status: 500,
      failure: { kind: 'crash', message: 'HTTP 500: boom' },
    });
    const [hang] = await run('hang', [kase({})]);
    expect(hang).toMatchObject({
      passed: false,
      status: 0,
      failure: { kind: 'timeout', message: 'no answer within 300 ms' },
    });
    expect(hang!.latencyMs).toBeGreaterThanOrEqual(290);
    const [drop] = await run('drop', [nominal]);
    expect(drop).toMatchObject({ passed: false, failure: { kind: 'dropped-connection' } });
    const [cut] = await run('cut', [nominal]);
    expect(cut).toMatchObject({ passed: false, failure: { kind: 'dropped-connection' } });
  });

  it('fails malformed answers, naming what is wrong', async () => {
    const message = async (path: string, c = nominal, options = {}) =>
      (await run(path, [c], options))[0]!.failure?.message;
    expect(await message('wrong-count')).toBe('HTTP 200: 2 predictions for 1 rows');
    expect(await message('bad-probabilities')).toBe(
      'HTTP 200: invalid prediction at row 1: probabilities sum to 1.4, not 1',
    );
    expect(await message('unknown-class', nominal, { classes: ['A', 'B'] })).toBe(
      'HTTP 200: invalid prediction at row 1: label "Z" is not one of the classes (A, B)',
    );
    expect(await message('repeated-ids', kase({ rows: [{ x: 1 }, { x: 2 }] }))).toBe(
      'HTTP 200: prediction 2 repeats the id "same"',
    );
    expect(await message('text-400', kase({}))).toBe('HTTP 400: the error body is not JSON');
    expect(await message('echo', kase({ kind: 'long-string' }))).toBe(
      'HTTP 400: the error message echoes the payload',
    );
    expect(
      await message(
        'differing-duplicates',
        kase({ kind: 'duplicated-rows', expect: ['succeed'], rows: [{ x: 1 }, { x: 1 }], abnormalRows: [] }),
      ),
    ).toBe('the same row got different answers within one batch');
  });

  it('fails an outcome the case does not expect, and a nominal case over the latency budget', async () => {
    const [r] = await run('good', [kase({ expect: ['repair'] })]);
    expect(r).toMatchObject({
      passed: false,
      outcome: 'reject',
      failure: { kind: 'unexpected-outcome', message: 'rejected (4xx), expected answered (repaired)' },
    });
    const [slow] = await run('slow', [nominal], { latencyBudgetMs: 50 });
    expect(slow).toMatchObject({ passed: false, outcome: 'succeed', failure: { kind: 'slow' } });
  });

  it('sends NaN as the bare token, which a strict JSON service rejects with a 4xx', async () => {
    const [r] = await run('good', [kase({ rows: [{ x: Number.NaN }] })]);
    expect(r).toMatchObject({ passed: true, outcome: 'reject', status: 400 });
  });

  it('flags a service answering one class for every nominal row', async () => {
    const nominals = Array.from({ length: 20 }, (_, i) => ({
      ...nominal,
      name: `nominal:row-${i + 1}`,
      rows: [{ x: i }],
    }));
    const results = await run('good', nominals);
    expect(results.every((r) => r.passed && r.answers?.length === 1)).toBe(true);
    expect(answersShapeVerdicts(results, { classes: ['A', 'B'] })).toMatchObject([
      { check: 'class-collapse', status: 'warn', value: 1, reason: '100.0% of the rows are predicted A' },
    ]);
    expect(answersShapeVerdicts(results.slice(0, 5), {})).toMatchObject([
      { status: 'pass', reason: '100.0% of the rows are predicted A (too few rows to judge)' },
    ]);
  });
});
