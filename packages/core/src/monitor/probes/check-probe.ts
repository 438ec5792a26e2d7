import type { PredictionOutput } from '../prediction-record.js';
import type { ProbeExpectation, ProbeSpec } from './probe-spec.js';

/** What one run of a probe found. */
export interface ProbeResult {
  name: string;
  model: string;
  ok: boolean;
  /** 'pass', or why not: a wrong answer, an error status, a timeout. */
  outcome: 'pass' | 'wrong-answer' | 'error' | 'timeout';
  /** One line: which row and field differed, or the error. Never the request rows. */
  reason: string | null;
  modelVersion: string | null;
  latencyMs: number;
  at: string;
}

/** How a probe's request ended, as the runner saw it. */
export type ProbeResponse =
  | { kind: 'answer'; status: number; body: unknown; latencyMs: number }
  | { kind: 'timeout'; latencyMs: number }
  | { kind: 'network-error'; message: string; latencyMs: number };

function fmt(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/** The first way `got` differs from `expected`, or null when it matches. */
export function compareToExpectation(got: PredictionOutput, expected: ProbeExpectation): string | null {
  if (expected.label !== undefined && String(got.label) !== String(expected.label)) {
    return `label ${JSON.stringify(got.label ?? null)}, expected ${JSON.stringify(expected.label)}`;
  }
  for (const [cls, p] of Object.entries(expected.probabilities ?? {})) {
    const q = got.probabilities?.[cls];
    if (q === undefined) return `no probability for class ${JSON.stringify(cls)}`;
    if (!(Math.abs(q - p) <= expected.tolerance)) {
      return `probability of ${JSON.stringify(cls)} ${fmt(q)}, expected ${fmt(p)} ± ${expected.tolerance}`;
    }
  }
  if (expected.value !== undefined) {
    const v = got.value;
    if (typeof v !== 'number') return 'no value in the answer';
    if (!(Math.abs(v - expected.value) <= expected.tolerance)) {
      return `value ${fmt(v)}, expected ${fmt(expected.value)} ± ${expected.tolerance}`;
    }
  }
  return null;
}

/**
 * Checks a gateway's answer to a probe against the expected answers, row by row. A non-2xx status,
 * a timeout or a network error is a failure too (a missing answer is as bad as a wrong one).
 */
export function checkProbe(spec: ProbeSpec, response: ProbeResponse, at: Date): ProbeResult {
  const base = { name: spec.name, model: spec.model, at: at.toISOString(), latencyMs: response.latencyMs };
  if (response.kind === 'timeout') {
    return {
      ...base,
      ok: false,
      outcome: 'timeout',
      reason: `no answer within the timeout (${fmt(response.latencyMs)} ms)`,
      modelVersion: null,
    };
  }
  if (response.kind === 'network-error') {
    return { ...base, ok: false, outcome: 'error', reason: response.message, modelVersion: null };
  }
  const body = response.body as {
    modelVersion?: unknown;
    predictions?: unknown;
    error?: { code?: unknown; message?: unknown };
  } | null;
  const modelVersion = typeof body?.modelVersion === 'string' ? body.modelVersion : null;
  if (response.status < 200 || response.status >= 300) {
    const detail = typeof body?.error?.message === 'string' ? `: ${body.error.message}` : '';
    return { ...base, ok: false, outcome: 'error', reason: `HTTP ${response.status}${detail}`, modelVersion };
  }
  const predictions = Array.isArray(body?.predictions) ? (body.predictions as PredictionOutput[]) : null;
  if (!predictions || predictions.length !== spec.rows.length) {
    return {
      ...base,
      ok: false,
      outcome: 'wrong-answer',
      reason: `expected ${spec.rows.length} predictions, got ${predictions ? predictions.length : 'none'}`,
      modelVersion,
    };
  }
  for (let i = 0; i < spec.expect.length; i++) {
    const diff = compareToExpectation(predictions[i]!, spec.expect[i]!);
    if (diff !== null) {
      return { ...base, ok: false, outcome: 'wrong-answer', reason: `row ${i + 1}: ${diff}`, modelVersion };
    }
  }
  return { ...base, ok: true, outcome: 'pass', reason: null, modelVersion };
}
