import { computeDrift, PVALUE_METHODS } from '../drift/index.js';
import { mannwhitneyu, mean, proportionsZtest, quantiles } from '../stats/index.js';
import { createTable, dictColumnFromStrings, float64Column } from '../table/index.js';
import type { Verdict } from '../verdict/index.js';
import type { ArmSamples } from './arm-samples.js';
import { type Decision, decide } from './decide.js';
import { fmt, pct } from './format.js';
import { sampleRatioCheck } from './sample-ratio.js';
import type { OnlineGates } from './spec.js';

export interface CanaryAnalysisInput {
  baseline: ArmSamples;
  candidate: ArmSamples;
  /** The candidate's configured share of traffic, 0..1. */
  weight: number;
  /** Requests each arm needs before the step is analysed. */
  minRequests: number;
  gates: OnlineGates;
}

export interface CanaryAnalysis extends Decision {
  weight: number;
  sampleSizes: { baseline: number; candidate: number };
}

const kind = 'release';

/** Significance level of a prediction-drift test between the arms, unless the spec sets one. */
export const RELEASE_DRIFT_ALPHA = 0.001;

/**
 * The analysis of one canary step, candidate against baseline on the requests each served at
 * this weight: enough requests, the sample-ratio check, the error rate (two-proportion z-test
 * with a margin, as statsmodels' proportions_ztest), latency (p95 and p99 ratios, Mann-Whitney U
 * as scipy), the prediction distribution (the drift methods of docs/drift.md, baseline as the
 * reference) and labelled quality when labels arrived. Pass, fail or inconclusive, with the reason.
 */
export function analyzeCanary(input: CanaryAnalysisInput): CanaryAnalysis {
  const { baseline, candidate, weight, minRequests, gates } = input;
  const sampleSizes = { baseline: baseline.requests, candidate: candidate.requests };
  const verdicts: Verdict[] = [];
  const short = (
    [
      ['candidate', candidate.requests],
      ['baseline', baseline.requests],
    ] as const
  ).find(([, n]) => n < minRequests);
  if (short) {
    verdicts.push({
      status: 'inconclusive',
      check: 'canary:samples',
      kind,
      method: 'requests served at this step',
      value: short[1],
      threshold: minRequests,
      comparison: '>=',
      sampleSizes,
      reason: `held: ${short[1]} of ${minRequests} required ${short[0]} requests`,
      decideBy: `${minRequests - short[1]} more ${short[0]} requests`,
    });
  }
  verdicts.push(
    sampleRatioCheck({
      observed: [baseline.requests, candidate.requests],
      weights: [1 - weight, weight],
      arms: ['baseline', 'candidate'],
      alpha: gates.sample_ratio.alpha,
    }),
  );
  if (!short) {
    verdicts.push(errorRateVerdict(baseline, candidate, gates.error_rate));
    verdicts.push(latencyVerdict(baseline, candidate, gates.latency));
    verdicts.push(driftVerdict(baseline, candidate, gates.prediction_drift));
  }
  verdicts.push(qualityVerdict(baseline, candidate, gates.quality));
  return { ...decide(verdicts), weight, sampleSizes };
}

function errorRateVerdict(b: ArmSamples, c: ArmSamples, gate: OnlineGates['error_rate']): Verdict {
  const rb = b.errors / b.requests;
  const rc = c.errors / c.requests;
  const margin = gate.max_increase;
  const counts = [c.errors, b.errors];
  const nobs = [c.requests, b.requests];
  // H1 "worse by more than the margin" fails; H1 "worse by less than the margin" passes.
  const worse = proportionsZtest(counts, nobs, { value: margin, alternative: 'greater' }).pvalue;
  const within = proportionsZtest(counts, nobs, { value: margin, alternative: 'less' }).pvalue;
  const status = worse < gate.alpha ? 'fail' : within < gate.alpha ? 'pass' : 'inconclusive';
  const rates = `candidate ${c.errors}/${c.requests} (${pct(rc)}) vs baseline ${b.errors}/${b.requests} (${pct(rb)})`;
  return {
    status,
    check: 'canary:error-rate',
    kind,
    method: `two-proportion z-test of candidate − baseline error rate against +${pct(margin)} (statsmodels proportions_ztest)`,
    value: rc - rb,
    threshold: margin,
    comparison: '<=',
    sampleSizes: { baseline: b.requests, candidate: c.requests },
    effectSize: { name: 'error rate difference', value: rc - rb },
    details: { pvalueWorse: worse, pvalueWithin: within, baselineRate: rb, candidateRate: rc },
    reason:
      status === 'fail'
        ? `error rate: ${rates}, worse by more than ${pct(margin)} (p = ${fmt(worse)})`
        : status === 'pass'
          ? `error rate: ${rates}, within +${pct(margin)}`
          : `held: error rate ${rates} cannot yet be told within +${pct(margin)} (p = ${fmt(within)})`,
    ...(status === 'inconclusive' ? { decideBy: 'more requests on both arms' } : {}),
  };
}

function latencyVerdict(b: ArmSamples, c: ArmSamples, gate: OnlineGates['latency']): Verdict {
  const lb = Float64Array.from(b.latencies);
  const lc = Float64Array.from(c.latencies);
  if (lb.length < 2 || lc.length < 2)
    return {
      status: 'inconclusive',
      check: 'canary:latency',
      kind,
      method: 'latency quantile ratios candidate/baseline',
      value: null,
      threshold: gate.max_p95_ratio,
      sampleSizes: { baseline: lb.length, candidate: lc.length },
      reason: `held: too few answers to compare latencies (${lc.length} candidate, ${lb.length} baseline)`,
      decideBy: 'answers on both arms',
    };
  const [b95, b99] = quantiles(lb, [0.95, 0.99]) as unknown as [number, number];
  const [c95, c99] = quantiles(lc, [0.95, 0.99]) as unknown as [number, number];
  const r95 = c95 / b95;
  // A 99th percentile needs about 100 values to be more than the maximum.
  const with99 = lb.length >= 100 && lc.length >= 100;
  const r99 = with99 ? c99 / b99 : Number.NaN;
  const { statistic, pvalue } = mannwhitneyu(lc, lb, { alternative: 'greater' });
  const over = r95 > gate.max_p95_ratio || (with99 && r99 > gate.max_p99_ratio);
  const status = !over ? 'pass' : pvalue < gate.alpha ? 'fail' : 'inconclusive';
  const ratios = `p95 ${fmt(c95)} ms vs ${fmt(b95)} ms (×${fmt(r95)})${with99 ? `, p99 ${fmt(c99)} ms vs ${fmt(b99)} ms (×${fmt(r99)})` : ''}`;
  return {
    status,
    check: 'canary:latency',
    kind,
    method: `latency quantile ratios candidate/baseline (p95 ≤ ×${gate.max_p95_ratio}, p99 ≤ ×${gate.max_p99_ratio}); Mann-Whitney U, candidate slower`,
    value: r95,
    threshold: gate.max_p95_ratio,
    comparison: '<=',
    sampleSizes: { baseline: lb.length, candidate: lc.length },
    details: {
      p95: { baseline: b95, candidate: c95 },
      p99: { baseline: b99, candidate: c99 },
      ratio99: r99,
      mannwhitneyu: { statistic, pvalue },
    },
    reason:
      status === 'pass'
        ? `latency: ${ratios}, within the ratios`
        : status === 'fail'
          ? `latency: ${ratios}, slower beyond the ratios (Mann-Whitney p = ${fmt(pvalue)})`
          : `held: latency ${ratios} is above the ratios but not significantly slower (p = ${fmt(pvalue)})`,
    ...(status === 'inconclusive' ? { decideBy: 'more requests on both arms' } : {}),
  };
}

function driftVerdict(b: ArmSamples, c: ArmSamples, gate: OnlineGates['prediction_drift']): Verdict {
  const regression = b.values.length > 0 && c.values.length > 0;
  const prediction = (arm: ArmSamples) =>
    regression
      ? float64Column('prediction', Float64Array.from(arm.values))
      : dictColumnFromStrings('prediction', arm.labels);
  const ref = createTable([prediction(b)], 'baseline');
  const cur = createTable([prediction(c)], 'candidate');
  let col = computeDrift(ref, cur, {
    method: gate.method,
    ...(gate.threshold !== undefined ? { threshold: gate.threshold } : {}),
    correction: 'none',
  }).columns[0]!;
  // A test (KS, chi-square) at the drift default α = 0.05 would roll back one good candidate in
  // twenty per step: its arms see different requests, so small chance differences are the rule.
  if (gate.threshold === undefined && PVALUE_METHODS.has(col.method))
    col = computeDrift(ref, cur, { method: col.method, threshold: RELEASE_DRIFT_ALPHA, correction: 'none' })
      .columns[0]!;
  const value = col.pvalue ?? col.statistic;
  return {
    status: col.status === 'warn' ? 'pass' : col.status,
    check: 'canary:prediction-drift',
    kind,
    subject: regression ? 'predicted values' : 'predicted labels',
    method: `${col.method} (docs/drift.md), baseline as the reference`,
    value,
    threshold: col.threshold,
    comparison: col.pvalue !== null ? '>=' : '<=',
    sampleSizes: { baseline: col.referenceSize, candidate: col.currentSize },
    details: { drift: col },
    reason:
      col.status === 'inconclusive'
        ? `held: prediction distribution: ${col.reason}`
        : `prediction distribution ${col.status === 'fail' ? 'differs' : 'matches'}: ${col.method} ${col.pvalue !== null ? `p = ${fmt(col.pvalue)}` : `= ${fmt(col.statistic)}`} (threshold ${fmt(col.threshold)})`,
  };
}

function qualityVerdict(b: ArmSamples, c: ArmSamples, gate: OnlineGates['quality']): Verdict {
  const regression = b.absoluteErrors.length > 0 || c.absoluteErrors.length > 0;
  const n = Math.min(b.labelled, c.labelled);
  const common = {
    check: 'canary:quality',
    kind,
    subject: 'labelled quality',
    threshold: gate.max_regression,
    sampleSizes: { baseline: b.labelled, candidate: c.labelled },
    details: { blocking: gate.required },
  };
  if (n < gate.min_labels)
    return {
      ...common,
      status: 'inconclusive',
      method: 'accuracy (or MAE) of each arm on its labelled requests',
      value: null,
      reason: `${n} of ${gate.min_labels} labels per arm needed to compare quality`,
      decideBy: `${gate.min_labels - n} more labels per arm (POST /v1/feedback)`,
    };
  if (regression) {
    const mb = mean(Float64Array.from(b.absoluteErrors));
    const mc = mean(Float64Array.from(c.absoluteErrors));
    const ratio = mc / mb - 1;
    const { pvalue } = mannwhitneyu(
      Float64Array.from(c.absoluteErrors),
      Float64Array.from(b.absoluteErrors),
      {
        alternative: 'greater',
      },
    );
    const status = ratio > gate.max_regression && pvalue < gate.alpha ? 'fail' : 'pass';
    return {
      ...common,
      status,
      method: 'mean absolute error ratio; Mann-Whitney U on absolute errors, candidate worse',
      value: ratio,
      reason: `MAE ${fmt(mc)} vs ${fmt(mb)} (${ratio >= 0 ? '+' : ''}${pct(ratio)}; p = ${fmt(pvalue)})`,
    };
  }
  const ab = b.correct / b.labelled;
  const ac = c.correct / c.labelled;
  const { pvalue } = proportionsZtest([b.correct, c.correct], [b.labelled, c.labelled], {
    value: gate.max_regression,
    alternative: 'greater',
  });
  const status = pvalue < gate.alpha ? 'fail' : 'pass';
  return {
    ...common,
    status,
    method: `accuracy, two-proportion z-test of baseline − candidate against ${pct(gate.max_regression)}`,
    value: ab - ac,
    reason: `accuracy ${pct(ac)} (${c.labelled} labels) vs ${pct(ab)} (${b.labelled})${status === 'fail' ? `, worse by more than ${pct(gate.max_regression)} (p = ${fmt(pvalue)})` : ''}`,
  };
}
