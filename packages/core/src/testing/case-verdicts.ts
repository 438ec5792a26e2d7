import type { Verdict } from '../verdict/index.js';
import type { CaseResult } from './case.js';

/** One verdict per case (one JUnit test case each): pass, or fail naming what happened. */
export function caseVerdicts(results: readonly CaseResult[], method: string): Verdict[] {
  return results.map((r) => {
    const happened = r.failure
      ? r.failure.message
      : `${r.outcome}${r.status ? ` (HTTP ${r.status})` : ''}${r.rowsOut !== undefined && r.rowsOut !== r.rowsIn ? `, ${r.rowsOut} of ${r.rowsIn} rows out` : ''}`;
    return {
      status: r.passed ? 'pass' : 'fail',
      check: `case:${r.case}`,
      kind: r.failure?.kind ?? (r.nominal ? 'nominal' : 'abnormal'),
      ...(r.column !== undefined ? { subject: r.column } : {}),
      method,
      value: r.status ?? null,
      threshold: null,
      sampleSizes: { rows: r.rowsIn },
      reason: `${r.exercises}: ${happened}`,
      details: {
        expect: r.expect,
        ...(r.outcome ? { outcome: r.outcome } : {}),
        latencyMs: Number(r.latencyMs.toFixed(3)),
        ...(r.rowsOut !== undefined ? { rowsOut: r.rowsOut } : {}),
      },
    } satisfies Verdict;
  });
}

/** Latency of the answered cases: p50, p95, max (ms). */
export function latencySummary(
  results: readonly CaseResult[],
): { p50: number; p95: number; max: number } | null {
  const ms = results
    .filter((r) => r.failure?.kind !== 'timeout')
    .map((r) => r.latencyMs)
    .sort((a, b) => a - b);
  if (ms.length === 0) return null;
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: ms[ms.length - 1]! };
}
