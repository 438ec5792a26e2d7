import { addLatency, createLatencyCounts, latencyQuantile, mergeLatencies } from './latency-histogram.js';

/** Requests, server-side errors and latency quantiles over a sliding window. */
export interface RequestWindowStats {
  requests: number;
  errors: number;
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
}

export interface RequestWindow {
  /** One answered request: `error` when it failed on the server side. */
  add(at: number, latencyMs: number, error: boolean): void;
  evaluate(now: number): RequestWindowStats;
}

/**
 * Counters over `buckets` slices of `windowMs` (the window slides by one slice): fixed memory, exact
 * counts, latency quantiles as the upper edge of their log bin (at most 4.7% above).
 */
export function createRequestWindow(windowMs = 300_000, buckets = 10): RequestWindow {
  const sliceMs = windowMs / buckets;
  const slices: Array<{ start: number; requests: number; errors: number; latencies: Uint32Array }> = [];
  const first = (now: number) => Math.floor(now / sliceMs) * sliceMs - (buckets - 1) * sliceMs;
  return {
    add(at, latencyMs, error) {
      const start = Math.floor(at / sliceMs) * sliceMs;
      let slice = slices.at(-1);
      if (!slice || slice.start !== start) {
        if (slice && start < slice.start) return; // late: clocks do not go back by a slice
        slice = { start, requests: 0, errors: 0, latencies: createLatencyCounts() };
        slices.push(slice);
        const keep = first(at);
        while (slices.length > 0 && slices[0]!.start < keep) slices.shift();
      }
      slice.requests++;
      if (error) slice.errors++;
      addLatency(slice.latencies, latencyMs);
    },
    evaluate(now) {
      const keep = first(now);
      const latencies = createLatencyCounts();
      let requests = 0;
      let errors = 0;
      for (const s of slices) {
        if (s.start < keep || s.start > now) continue;
        requests += s.requests;
        errors += s.errors;
        mergeLatencies(latencies, s.latencies);
      }
      return {
        requests,
        errors,
        latencyP50Ms: latencyQuantile(latencies, 0.5),
        latencyP99Ms: latencyQuantile(latencies, 0.99),
      };
    },
  };
}
