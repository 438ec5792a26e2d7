/**
 * Latencies on fixed log-spaced bins (50 per decade from 1 µs to 100 s): exact counts that merge
 * by addition, so a sliding window sums its buckets' histograms. A quantile is reported as the
 * upper edge of the bin that holds it: at most 4.7% above the true value, never below it.
 */
const PER_DECADE = 50;
const LOW_EXP = -3; // 1e-3 ms
const HIGH_EXP = 5; // 1e5 ms
export const LATENCY_BINS = (HIGH_EXP - LOW_EXP) * PER_DECADE + 2; // + underflow and overflow

export function createLatencyCounts(): Uint32Array {
  return new Uint32Array(LATENCY_BINS);
}

function binOf(ms: number): number {
  if (!(ms > 10 ** LOW_EXP)) return 0;
  const b = Math.ceil((Math.log10(ms) - LOW_EXP) * PER_DECADE);
  return Math.min(b, LATENCY_BINS - 1);
}

function upperEdge(bin: number): number {
  if (bin === LATENCY_BINS - 1) return Number.POSITIVE_INFINITY;
  return 10 ** (LOW_EXP + bin / PER_DECADE);
}

export function addLatency(counts: Uint32Array, ms: number): void {
  counts[binOf(ms)]!++;
}

/** Adds `from` into `into`. */
export function mergeLatencies(into: Uint32Array, from: Uint32Array): void {
  for (let i = 0; i < into.length; i++) into[i]! += from[i]!;
}

/** The q-quantile (0 < q <= 1) as its bin's upper edge; null when empty. */
export function latencyQuantile(counts: Uint32Array, q: number): number | null {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i]!;
  if (total === 0) return null;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i]!;
    if (seen >= rank) return upperEdge(i);
  }
  return upperEdge(counts.length - 1);
}
