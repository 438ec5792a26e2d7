import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AlertPayload } from '@vigie/core/monitor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookSender } from '../src/index.js';

const ALERT: AlertPayload = {
  kind: 'vigie.alert',
  schemaVersion: 1,
  id: 'log-lag/prediction-log/2026-12-02T03:00:00.000Z',
  status: 'firing',
  rule: 'log-lag',
  ruleKind: 'log-lag',
  severity: 'critical',
  subject: 'prediction-log',
  summary: 'prediction log lag 9000 ms > 5000 ms (0 dropped)',
  value: 9000,
  threshold: 5000,
  startsAt: '2026-12-02T03:00:00.000Z',
  at: '2026-12-02T03:00:00.000Z',
  repeat: 0,
  evidence: [],
};

describe('createWebhookSender (real HTTP on loopback)', () => {
  let server: Server;
  let url: string;
  const statuses: number[] = [];
  const received: Array<{ body: unknown; headers: Record<string, unknown> }> = [];
  let hang = false;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        received.push({ body: JSON.parse(body), headers: req.headers });
        if (hang) return; // never answers
        res.writeHead(statuses.shift() ?? 200).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('posts the alert as JSON with the configured headers', async () => {
    received.length = 0;
    const send = createWebhookSender({ url, headers: { authorization: 'Bearer t0k' } });
    expect(await send(ALERT)).toEqual({ ok: true, attempts: 1, status: 200, error: null });
    expect(received[0]!.body).toEqual(ALERT);
    expect(received[0]!.headers).toMatchObject({
      'content-type': 'application/json',
      authorization: 'Bearer t0k',
    });
  });

  it('retries a 5xx or 429, not another 4xx', async () => {
    received.length = 0;
    statuses.push(500, 429);
    expect(await createWebhookSender({ url })(ALERT)).toEqual({
      ok: true,
      attempts: 3,
      status: 200,
      error: null,
    });
    statuses.push(404);
    expect(await createWebhookSender({ url })(ALERT)).toEqual({
      ok: false,
      attempts: 1,
      status: 404,
      error: 'HTTP 404',
    });
    statuses.push(503, 503, 503);
    expect(await createWebhookSender({ url })(ALERT)).toMatchObject({
      ok: false,
      attempts: 3,
      error: 'HTTP 503',
    });
  });

  it('gives up on a receiver that does not answer in time, or is not there', async () => {
    hang = true;
    const slow = await createWebhookSender({ url, timeoutMs: 100, attempts: 1 })(ALERT);
    hang = false;
    expect(slow).toEqual({ ok: false, attempts: 1, status: null, error: 'no answer within 100 ms' });
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const gone = await createWebhookSender({ url: `http://127.0.0.1:${port}/hook`, attempts: 1 })(ALERT);
    expect(gone).toMatchObject({ ok: false, status: null, error: 'ECONNREFUSED' });
  });
});
