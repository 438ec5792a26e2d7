import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway, type ServedModel } from '../src/index.js';
import { eventually, get, post } from './support/http.js';
import { sample } from './support/metrics.js';
import { openPipeline, PENGUIN } from './support/models.js';

describe('GET /metrics', () => {
  let v1: ServedModel;
  let gateway: Gateway;
  let base: string;
  beforeAll(async () => {
    v1 = await openPipeline('penguins@1');
    gateway = createGateway({ routes: [{ name: 'penguins', primary: v1 }] });
    base = await gateway.listen(0);
  });
  afterAll(async () => {
    await gateway.close();
    await v1.model[Symbol.asyncDispose]();
  });

  it('exposes requests, latency, errors, probes and the process in the Prometheus text format', async () => {
    for (let i = 0; i < 5; i++)
      await post(`${base}/v1/models/penguins/predict`, { rows: [PENGUIN, PENGUIN] });
    await post(`${base}/v1/models/penguins/predict`, { rows: [PENGUIN] }, { 'x-vigie-probe': '1' });
    await post(`${base}/v1/models/penguins/predict`, '{');
    await post(`${base}/v1/models/nope/predict`, { rows: [PENGUIN] });
    // Latency is recorded once an answer is sent, and event-loop lag needs a few samples (each
    // scrape starts a new lag window, so the assertions read the scrape that had them).
    let res = await get(`${base}/metrics`);
    await eventually(async () => {
      res = await get(`${base}/metrics`);
      const timed = { model: 'penguins', version: '1', role: 'primary' };
      return (
        sample(res.text, 'vigie_gateway_request_duration_seconds_count', timed) === 5 &&
        /^nodejs_eventloop_lag_seconds\{quantile="0\.99"\} \d/m.test(res.text)
      );
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    const labels = { model: 'penguins', version: '1', role: 'primary' };
    expect(sample(text, 'vigie_gateway_requests_total', labels)).toBe(5);
    expect(sample(text, 'vigie_gateway_predictions_total', labels)).toBe(10);
    expect(sample(text, 'vigie_gateway_request_duration_seconds_count', labels)).toBe(5);
    expect(sample(text, 'vigie_gateway_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBe(5);
    expect(sample(text, 'vigie_gateway_request_duration_seconds_sum', labels)).toBeGreaterThan(0);
    expect(sample(text, 'vigie_gateway_probe_requests_total', { model: 'penguins' })).toBe(1);
    expect(sample(text, 'vigie_gateway_errors_total', { code: 'INVALID_JSON' })).toBe(1);
    expect(sample(text, 'vigie_gateway_errors_total', { code: 'UNKNOWN_MODEL' })).toBe(1);
    expect(sample(text, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(1e6);
    expect(sample(text, 'nodejs_heap_bytes', { kind: 'used' })).toBeGreaterThan(1e6);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds\{quantile="0\.99"\} \d/m);
    expect(text).toContain('# TYPE vigie_gateway_request_duration_seconds histogram');
    // Every sample line parses as name{labels} value.
    for (const line of text.trim().split('\n'))
      if (!line.startsWith('#'))
        expect(line).toMatch(/^[a-zA-Z_:][\w:]*(\{[^}]*\})? ([-+\d.eE]+|NaN|\+Inf)$/);
  });
});
