import { describe, expect, it } from 'vitest';
import { ArmSamples } from './arm-samples.js';
import { analyzeCanary } from './canary-analysis.js';
import { decide } from './decide.js';
import type { ObservedPrediction } from './observation.js';
import { sampleRatioCheck } from './sample-ratio.js';
import { ShadowComparison } from './shadow-comparison.js';
import { shadowVerdicts } from './shadow-verdicts.js';
import { releaseSpecSchema } from './spec.js';

const spec = releaseSpecSchema.parse({
  model: 'm',
  candidate: 'm@2',
  shadow: { min_requests: 100, max_disagreement: 0.05, slice_by: 'island', min_slice_requests: 20 },
});

function answer(
  id: string,
  role: ObservedPrediction['role'],
  label: string,
  extra: Partial<ObservedPrediction> = {},
) {
  return {
    id,
    role,
    probe: false,
    inputs: {},
    output: { label },
    latencyMs: 1,
    ...extra,
  } as ObservedPrediction;
}

function shadowOf(n: number, disagreeWhen: (i: number) => boolean): ShadowComparison {
  const cmp = new ShadowComparison({ sliceBy: 'island' });
  for (let i = 0; i < n; i++) {
    const island = i % 2 === 0 ? 'Biscoe' : 'Dream';
    // Shadows come back before or after their primary: both orders pair.
    const p = answer(`p${i}`, 'primary', 'Adelie', { inputs: { island } });
    const s = answer(`s${i}`, 'shadow', disagreeWhen(i) ? 'Gentoo' : 'Adelie', { pairedWith: `p${i}` });
    if (i % 3 === 0) {
      cmp.add(s);
      cmp.add(p);
    } else {
      cmp.add(p);
      cmp.add(s);
    }
  }
  return cmp;
}

describe('shadow decisions', () => {
  it('holds before the minimum number of pairs, saying how many', () => {
    const d = decide(shadowVerdicts(shadowOf(37, () => false).summary(), spec.shadow!, spec.online_gates));
    expect(d.outcome).toBe('inconclusive');
    expect(d.reason).toMatch(/^held: 37 of 100 required compared requests/);
  });

  it('passes an agreeing shadow and fails one that disagrees, naming the diverging slice', () => {
    const good = decide(
      shadowVerdicts(shadowOf(200, () => false).summary(), spec.shadow!, spec.online_gates),
    );
    expect(good.outcome).toBe('pass');
    const bad = shadowOf(200, (i) => i % 2 === 1 && i % 4 === 1);
    const summary = bad.summary();
    expect(summary.slices[0]).toMatchObject({ value: 'Dream', n: 100, count: 50 });
    const d = decide(shadowVerdicts(summary, spec.shadow!, spec.online_gates));
    expect(d.outcome).toBe('fail');
    expect(d.reason).toMatch(/disagrees on 50 of 200 \(25%/);
    expect(d.reason).toMatch(/island=Dream diverges: 50 of 100/);
  });

  it('ignores probes and candidate answers, and counts unmatched ones', () => {
    const cmp = new ShadowComparison();
    cmp.add(answer('p1', 'primary', 'a', { probe: true }));
    cmp.add(answer('c1', 'candidate', 'a'));
    cmp.add(answer('p2', 'primary', 'a'));
    expect(cmp.summary()).toMatchObject({ pairs: 0, unmatched: 1 });
  });

  it('compares regression values with a tolerance', () => {
    const cmp = new ShadowComparison({ valueTolerance: 0.5 });
    for (let i = 0; i < 10; i++) {
      cmp.add({ ...answer(`p${i}`, 'primary', ''), output: { value: i } });
      cmp.add({
        ...answer(`s${i}`, 'shadow', ''),
        pairedWith: `p${i}`,
        output: { value: i + (i < 3 ? 1 : 0.1) },
      });
    }
    cmp.addFeedback({ predictionId: 'p0', value: 0 });
    const s = cmp.summary();
    expect(s.disagreement.count).toBe(3);
    expect(s.scoreDifference!.quantiles.p50).toBeCloseTo(0.1, 12);
    expect(s.labelled).toMatchObject({ n: 1, task: 'regression', primary: 0, candidate: 1 });
  });
});

describe('bounded memory', () => {
  it('keeps exact counts and a uniform sample of at most maxSamples latencies, predictions and score differences', () => {
    const arm = new ArmSamples({ maxSamples: 100, seed: 1 });
    const cmp = new ShadowComparison({ maxSamples: 100, seed: 1 });
    for (let i = 0; i < 1000; i++) {
      arm.add(answer(`a${i}`, 'candidate', String(i % 10), { latencyMs: i }));
      cmp.add({ ...answer(`p${i}`, 'primary', ''), output: { value: 0 } });
      cmp.add({ ...answer(`s${i}`, 'shadow', ''), pairedWith: `p${i}`, output: { value: i } });
    }
    expect(arm.answers).toBe(1000);
    expect(arm.latencies).toHaveLength(100);
    expect(arm.labels).toHaveLength(100);
    expect(new Set(arm.latencies).size).toBe(100);
    // A uniform sample of 0..999 reaches well past the first 100.
    expect(Math.max(...arm.latencies)).toBeGreaterThan(500);
    const s = cmp.summary();
    expect(s.pairs).toBe(1000);
    expect(s.scoreDifference!.n).toBe(1000);
    expect(s.scoreDifference!.quantiles.p50).toBeGreaterThan(300);
    expect(s.scoreDifference!.quantiles.p50).toBeLessThan(700);
  });
});

describe('canary decisions', () => {
  const gates = spec.online_gates;
  const fill = (arm: ArmSamples, role: ObservedPrediction['role'], n: number, prefix: string, errors = 0) => {
    for (let i = 0; i < n; i++)
      arm.add(answer(`${prefix}${i}`, role, ['a', 'b', 'c'][i % 3]!, { latencyMs: 1 + (i % 7) / 10 }));
    for (let i = 0; i < errors; i++) arm.addError();
  };

  it('holds a step until both arms have the minimum, saying which', () => {
    const b = new ArmSamples();
    const c = new ArmSamples();
    fill(b, 'primary', 3700, 'b');
    fill(c, 'candidate', 37, 'c');
    const a = analyzeCanary({ baseline: b, candidate: c, weight: 0.01, minRequests: 200, gates });
    expect(a.outcome).toBe('inconclusive');
    expect(a.reason).toBe('held: 37 of 200 required candidate requests');
  });

  it('passes a candidate that behaves like the baseline', () => {
    const b = new ArmSamples();
    const c = new ArmSamples();
    fill(b, 'primary', 950, 'b');
    fill(c, 'candidate', 1000, 'c');
    const a = analyzeCanary({ baseline: b, candidate: c, weight: 0.5, minRequests: 200, gates });
    expect(a.verdicts.map((v) => [v.check, v.status])).toEqual([
      ['sample-ratio', 'pass'],
      ['canary:error-rate', 'pass'],
      ['canary:latency', 'pass'],
      ['canary:prediction-drift', 'pass'],
      ['canary:quality', 'inconclusive'],
    ]);
    expect(a.outcome).toBe('pass');
  });

  it('fails a candidate that errors, and one whose predictions differ', () => {
    const b = new ArmSamples();
    const c = new ArmSamples();
    fill(b, 'primary', 1000, 'b');
    fill(c, 'candidate', 800, 'c', 200);
    const erroring = analyzeCanary({ baseline: b, candidate: c, weight: 0.5, minRequests: 200, gates });
    expect(erroring.outcome).toBe('fail');
    expect(erroring.reason).toMatch(/^error rate: candidate 200\/1000 \(20%\) vs baseline 0\/1000 \(0%\)/);
    const d = new ArmSamples();
    for (let i = 0; i < 1000; i++) d.add(answer(`d${i}`, 'candidate', i % 2 ? 'a' : 'c'));
    const drifting = analyzeCanary({ baseline: b, candidate: d, weight: 0.5, minRequests: 200, gates });
    expect(drifting.verdicts.find((v) => v.check === 'canary:prediction-drift')!.status).toBe('fail');
  });

  it('tests prediction drift between the arms at α = 0.001 unless the spec sets a threshold', () => {
    const b = new ArmSamples();
    const c = new ArmSamples();
    for (let i = 0; i < 900; i++) b.add(answer(`b${i}`, 'primary', i % 2 ? 'a' : 'b'));
    for (let i = 0; i < 900; i++) c.add(answer(`c${i}`, 'candidate', i < 495 ? 'a' : 'b'));
    const drift = (g: typeof gates) =>
      analyzeCanary({ baseline: b, candidate: c, weight: 0.5, minRequests: 100, gates: g }).verdicts.find(
        (v) => v.check === 'canary:prediction-drift',
      )!;
    const byDefault = drift(gates);
    expect(byDefault).toMatchObject({ status: 'pass', threshold: 0.001 });
    expect(byDefault.value).toBeGreaterThan(0.001);
    expect(byDefault.value).toBeLessThan(0.05);
    expect(drift({ ...gates, prediction_drift: { method: 'auto', threshold: 0.05 } }).status).toBe('fail');
  });

  it('detects a sample ratio mismatch', () => {
    expect(sampleRatioCheck({ observed: [520, 480], weights: [0.5, 0.5] }).status).toBe('pass');
    const srm = sampleRatioCheck({
      observed: [600, 400],
      weights: [0.5, 0.5],
      arms: ['baseline', 'candidate'],
    });
    expect(srm.status).toBe('fail');
    expect(srm.reason).toMatch(/^sample ratio mismatch: baseline 600 \(50% expected\), candidate 400/);
    expect(sampleRatioCheck({ observed: [10, 5], weights: [0.5, 0.5] }).status).toBe('inconclusive');
    expect(sampleRatioCheck({ observed: [1000, 3], weights: [1, 0] }).status).toBe('fail');
  });
});
