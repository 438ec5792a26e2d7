import { describe, expect, it } from 'vitest';
import { createRequestWindow } from './request-window.js';

describe('createRequestWindow', () => {
  it('counts requests and errors in the window and forgets older slices', () => {
    const w = createRequestWindow(10_000, 10);
    const t = 1_000_000;
    for (let i = 0; i < 99; i++) w.add(t + i, 1, false);
    w.add(t + 100, 50, true);
    const s = w.evaluate(t + 500);
    expect(s).toMatchObject({ requests: 100, errors: 1 });
    expect(s.latencyP50Ms).toBeGreaterThanOrEqual(1);
    expect(s.latencyP50Ms).toBeLessThan(1.05);
    expect(s.latencyP99Ms).toBeLessThan(1.05);
    w.add(t + 5000, 80, false);
    expect(w.evaluate(t + 5000).latencyP99Ms).toBeGreaterThanOrEqual(50);
    expect(w.evaluate(t + 10_500)).toMatchObject({ requests: 1, errors: 0 });
    expect(w.evaluate(t + 30_000)).toEqual({
      requests: 0,
      errors: 0,
      latencyP50Ms: null,
      latencyP99Ms: null,
    });
  });
});
