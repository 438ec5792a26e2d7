import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden, PVALUE_TOL, STAT_TOL } from '../../test/support/golden.js';
import { ArmSamples } from './arm-samples.js';
import { analyzeCanary } from './canary-analysis.js';
import type { ObservedPrediction } from './observation.js';
import { ShadowComparison } from './shadow-comparison.js';
import { releaseSpecSchema } from './spec.js';

interface Arm {
  errors: number;
  latencies: number[];
  right: boolean[];
}
interface CanaryCase {
  name: string;
  weight: number;
  margin: number;
  accMargin: number;
  baseline: Arm;
  candidate: Arm;
  srm: { statistic: number; pvalue: number };
  errorRate: { pvalueWorse: number; pvalueWithin: number };
  latency: {
    baseline: [number, number];
    candidate: [number, number];
    mannwhitneyu: { statistic: number; pvalue: number };
  };
  accuracy: { pvalue: number };
}
interface ShadowCase {
  name: string;
  primary: string[];
  shadow: string[];
  pPrimary: number[];
  pShadow: number[];
  truth: string[];
  labelled: number;
  disagreements: number;
  wilson: [number, number];
  quantiles: number[];
  absP95: number;
  mcnemar: { pvalue: number; onlyPrimary: number; onlyShadow: number };
}

const golden = loadGolden<{ canary: CanaryCase[]; shadow: ShadowCase[] }>('release');

function record(
  id: string,
  role: ObservedPrediction['role'],
  label: string,
  latencyMs: number,
): ObservedPrediction {
  return { id, role, probe: false, inputs: {}, output: { label }, latencyMs };
}

function arm(name: string, data: Arm): ArmSamples {
  const samples = new ArmSamples();
  for (let i = 0; i < data.errors; i++) samples.addError();
  data.latencies.forEach((ms, i) => {
    samples.add(
      record(`${name}-${i}`, name === 'candidate' ? 'candidate' : 'primary', i % 3 === 0 ? 'a' : 'b', ms),
    );
  });
  data.right.forEach((right, i) => {
    const label = i % 3 === 0 ? 'a' : 'b';
    samples.addFeedback({ predictionId: `${name}-${i}`, label: right ? label : 'c' });
  });
  return samples;
}

const gates = (c: CanaryCase) =>
  releaseSpecSchema.parse({
    model: 'm',
    candidate: 'm@2',
    online_gates: {
      error_rate: { max_increase: c.margin },
      quality: { max_regression: c.accMargin, min_labels: 100 },
      latency: { max_p95_ratio: 1.2, max_p99_ratio: 1.5 },
    },
  }).online_gates;

describe('release statistics against scipy/statsmodels (scripts/goldens/release.py)', () => {
  for (const c of golden.canary) {
    it(`canary: ${c.name}`, () => {
      const analysis = analyzeCanary({
        baseline: arm('baseline', c.baseline),
        candidate: arm('candidate', c.candidate),
        weight: c.weight,
        minRequests: 100,
        gates: gates(c),
      });
      const byCheck = Object.fromEntries(analysis.verdicts.map((v) => [v.check, v]));
      const srm = byCheck['sample-ratio']!.details as { statistic: number; pvalue: number };
      expectGolden('sampleRatioCheck statistic', srm.statistic, c.srm.statistic, STAT_TOL, c.name);
      expectGolden('sampleRatioCheck', srm.pvalue, c.srm.pvalue, PVALUE_TOL, c.name);
      const err = byCheck['canary:error-rate']!.details as { pvalueWorse: number; pvalueWithin: number };
      expectGolden('error rate (worse)', err.pvalueWorse, c.errorRate.pvalueWorse, PVALUE_TOL, c.name);
      expectGolden('error rate (within)', err.pvalueWithin, c.errorRate.pvalueWithin, PVALUE_TOL, c.name);
      const lat = byCheck['canary:latency']!.details as {
        p95: { baseline: number; candidate: number };
        p99: { baseline: number; candidate: number };
        mannwhitneyu: { statistic: number; pvalue: number };
      };
      expectGolden('latency p95', lat.p95.baseline, c.latency.baseline[0], STAT_TOL, c.name);
      expectGolden('latency p99', lat.p99.candidate, c.latency.candidate[1], STAT_TOL, c.name);
      expectGolden(
        'latency U',
        lat.mannwhitneyu.statistic,
        c.latency.mannwhitneyu.statistic,
        STAT_TOL,
        c.name,
      );
      expectGolden(
        'latency mannwhitneyu',
        lat.mannwhitneyu.pvalue,
        c.latency.mannwhitneyu.pvalue,
        PVALUE_TOL,
        c.name,
      );
      const quality = byCheck['canary:quality']!;
      expect(quality.status).toBe(c.accuracy.pvalue < 0.05 ? 'fail' : 'pass');
    });
  }

  it('canary outcomes follow the evidence', () => {
    const outcomes = golden.canary.map((c) =>
      analyzeCanary({
        baseline: arm('baseline', c.baseline),
        candidate: arm('candidate', c.candidate),
        weight: c.weight,
        minRequests: 100,
        gates: gates(c),
      }),
    );
    // The good candidate's error rate cannot yet be told within +1% on 500 requests: held, saying so.
    expect(outcomes[0]!.outcome).toBe('inconclusive');
    expect(outcomes[0]!.reason).toMatch(/^held: error rate/);
    expect(outcomes[1]!.outcome).toBe('fail');
    expect(outcomes[1]!.reason).toMatch(/sample ratio mismatch|error rate/);
    expect(outcomes[2]!.outcome).toBe('fail');
    expect(outcomes[2]!.reason).toMatch(/^sample ratio mismatch: baseline 1300 \(50% expected\)/);
  });

  for (const s of golden.shadow) {
    it(`shadow: ${s.name}`, () => {
      const cmp = new ShadowComparison();
      s.primary.forEach((label, i) => {
        cmp.add({
          ...record(`p${i}`, 'primary', label, 1),
          output: { label, probabilities: { [label]: s.pPrimary[i]! } },
        });
        cmp.add({
          ...record(`s${i}`, 'shadow', s.shadow[i]!, 1),
          pairedWith: `p${i}`,
          output: { label: s.shadow[i]!, probabilities: { [label]: s.pShadow[i]! } },
        });
      });
      for (let i = 0; i < s.labelled; i++) cmp.addFeedback({ predictionId: `p${i}`, label: s.truth[i]! });
      const summary = cmp.summary();
      expect(summary.pairs).toBe(s.primary.length);
      expect(summary.disagreement.count).toBe(s.disagreements);
      expectGolden('wilson lower', summary.disagreement.ci[0], s.wilson[0], STAT_TOL, s.name);
      expectGolden('wilson upper', summary.disagreement.ci[1], s.wilson[1], STAT_TOL, s.name);
      const q = summary.scoreDifference!.quantiles;
      [q.p05, q.p25, q.p50, q.p75, q.p95].forEach((x, i) => {
        expectGolden('score difference quantile', x, s.quantiles[i]!, STAT_TOL, s.name);
      });
      expectGolden(
        '|score difference| p95',
        summary.scoreDifference!.absoluteP95,
        s.absP95,
        STAT_TOL,
        s.name,
      );
      expect(summary.labelled!.mcnemar!.onlyPrimary).toBe(s.mcnemar.onlyPrimary);
      expect(summary.labelled!.mcnemar!.onlyCandidate).toBe(s.mcnemar.onlyShadow);
      expectGolden('mcnemar', summary.labelled!.mcnemar!.pvalue, s.mcnemar.pvalue, PVALUE_TOL, s.name);
    });
  }
});
