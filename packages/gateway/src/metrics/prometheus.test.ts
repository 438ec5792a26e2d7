import { describe, expect, it } from 'vitest';
import { createMetricsRegistry } from './prometheus.js';

describe('createMetricsRegistry', () => {
  it('renders counters, cumulative histogram buckets and gauges in the text format', () => {
    const r = createMetricsRegistry();
    r.counter('a_total', 'A.', ['k']).labels('x"y').inc(2);
    const h = r.histogram('d_seconds', 'D.', ['m'], [0.1, 1]);
    h.labels('p').observe(0.05);
    h.labels('p').observe(0.5);
    h.labels('p').observe(3);
    r.gauge('g', 'G.', ['q'], () => [[['0.5'], 1.5]]);
    expect(r.render()).toBe(
      [
        '# HELP a_total A.',
        '# TYPE a_total counter',
        'a_total{k="x\\"y"} 2',
        '# HELP d_seconds D.',
        '# TYPE d_seconds histogram',
        'd_seconds_bucket{m="p",le="0.1"} 1',
        'd_seconds_bucket{m="p",le="1"} 2',
        'd_seconds_bucket{m="p",le="+Inf"} 3',
        'd_seconds_sum{m="p"} 3.55',
        'd_seconds_count{m="p"} 3',
        '# HELP g G.',
        '# TYPE g gauge',
        'g{q="0.5"} 1.5',
        '',
      ].join('\n'),
    );
    expect(() => r.counter('a_total', 'again')).toThrow(/twice/);
  });
});
