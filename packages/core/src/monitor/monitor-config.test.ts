import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMonitorConfig } from './monitor-config.js';

const EXAMPLE = new URL('../../../../examples/monitoring/monitor.yaml', import.meta.url);

describe('parseMonitorConfig', () => {
  it('reads the example monitoring file with its defaults', () => {
    const config = parseMonitorConfig(readFileSync(EXAMPLE, 'utf8'), 'monitor.yaml');
    expect(config.probes!.items.map((p) => p.name)).toEqual(['adelie-torgersen', 'gentoo-biscoe']);
    expect(config.probes!.items[0]!.expect[0]!.tolerance).toBe(0.05);
    expect(config.drift!['penguin-clf']).toMatchObject({
      labelColumn: 'Species',
      windowSeconds: 3600,
      buckets: 12,
      severity: 'warn',
    });
    expect(config.alerts!.rules.map((r) => r.kind)).toEqual([
      'probe-failure',
      'drift',
      'data-quality',
      'error-rate',
      'latency-p99',
      'log-lag',
    ]);
    expect(config.alerts!.webhook).toBeUndefined();
  });
});
