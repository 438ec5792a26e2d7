import { describe, expect, it } from 'vitest';
import { checkProbe } from './check-probe.js';
import { probeSpec } from './probe-spec.js';

const spec = probeSpec.parse({
  name: 'adelie',
  model: 'penguins',
  rows: [
    { island: 'Torgersen', bill_length_mm: 39.1 },
    { island: 'Biscoe', bill_length_mm: 48 },
  ],
  expect: [{ label: 'Adelie', probabilities: { Adelie: 0.95 }, tolerance: 0.05 }, { label: 'Gentoo' }],
});
const at = new Date('2026-12-01T10:00:00Z');
const answer = (predictions: unknown, status = 200) => ({
  kind: 'answer' as const,
  status,
  latencyMs: 3,
  body: { modelVersion: 'penguins@1', predictions },
});

describe('checkProbe', () => {
  it('passes a matching answer within tolerance', () => {
    const r = checkProbe(
      spec,
      answer([
        { id: 'a', label: 'Adelie', probabilities: { Adelie: 0.91, Gentoo: 0.09 } },
        { id: 'b', label: 'Gentoo' },
      ]),
      at,
    );
    expect(r).toEqual({
      name: 'adelie',
      model: 'penguins',
      ok: true,
      outcome: 'pass',
      reason: null,
      modelVersion: 'penguins@1',
      latencyMs: 3,
      at: at.toISOString(),
    });
  });

  it('names the row and field of a wrong answer', () => {
    expect(
      checkProbe(spec, answer([{ label: 'Adelie', probabilities: { Adelie: 0.8 } }, { label: 'Gentoo' }]), at)
        .reason,
    ).toBe('row 1: probability of "Adelie" 0.8, expected 0.95 ± 0.05');
    expect(
      checkProbe(
        spec,
        answer([{ label: 'Adelie', probabilities: { Adelie: 0.95 } }, { label: 'Chinstrap' }]),
        at,
      ),
    ).toMatchObject({
      ok: false,
      outcome: 'wrong-answer',
      reason: 'row 2: label "Chinstrap", expected "Gentoo"',
    });
    expect(checkProbe(spec, answer([{ label: 'Adelie' }]), at).reason).toBe('expected 2 predictions, got 1');
  });

  it('fails on an error status, a timeout or a network error', () => {
    expect(
      checkProbe(
        spec,
        {
          kind: 'answer',
          status: 503,
          latencyMs: 1,
          body: { error: { code: 'UNAVAILABLE', message: 'model not ready' } },
        },
        at,
      ),
    ).toMatchObject({
      ok: false,
      outcome: 'error',
      reason: 'HTTP 503: model not ready',
    });
    expect(checkProbe(spec, { kind: 'timeout', latencyMs: 2000 }, at)).toMatchObject({
      ok: false,
      outcome: 'timeout',
      reason: 'no answer within the timeout (2000 ms)',
    });
    expect(
      checkProbe(
        spec,
        { kind: 'network-error', message: 'connect ECONNREFUSED 127.0.0.1:7800', latencyMs: 1 },
        at,
      ).outcome,
    ).toBe('error');
  });

  it('rejects a spec without one expectation per row', () => {
    const bad = probeSpec.safeParse({
      name: 'x',
      model: 'm',
      rows: [{ a: 1 }],
      expect: [{ label: 'a' }, { label: 'b' }],
    });
    expect(bad.success).toBe(false);
  });
});
