import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { MetricsRegistry } from './prometheus.js';

const RESOLUTION_MS = 10;

/**
 * CPU, memory and event-loop lag of this process. The event-loop delay histogram is sampled every
 * 10 ms (perf_hooks) and reset at each scrape, so its quantiles cover the last scrape interval; the lag is the
 * sampling interval beyond the resolution.
 * Returns the function that stops the sampling.
 */
export function registerProcessMetrics(registry: MetricsRegistry): () => void {
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  // The histogram records the time between two samples, which is at least the resolution.
  const lag = (ns: number) => Math.max(0, ns / 1e9 - RESOLUTION_MS / 1000);
  delay.enable();
  registry.gauge(
    'process_cpu_seconds_total',
    'User and system CPU time of the process, in seconds.',
    [],
    () => {
      const { user, system } = process.cpuUsage();
      return (user + system) / 1e6;
    },
    'counter',
  );
  registry.gauge('process_resident_memory_bytes', 'Resident set size, in bytes.', [], () =>
    process.memoryUsage.rss(),
  );
  registry.gauge('nodejs_heap_bytes', 'V8 heap, in bytes (used and total).', ['kind'], () => {
    const m = process.memoryUsage();
    return [
      [['used'], m.heapUsed],
      [['total'], m.heapTotal],
      [['external'], m.external],
    ];
  });
  registry.gauge(
    'nodejs_eventloop_lag_seconds',
    'Event-loop delay since the previous scrape (quantiles 0.5, 0.99 and the maximum), in seconds.',
    ['quantile'],
    () => {
      const samples: Array<[string[], number]> =
        delay.count === 0
          ? []
          : [
              [['0.5'], lag(delay.percentile(50))],
              [['0.99'], lag(delay.percentile(99))],
              [['1'], lag(delay.max)],
            ];
      delay.reset();
      return samples;
    },
  );
  return () => delay.disable();
}
