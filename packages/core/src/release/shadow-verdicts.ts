import type { Verdict } from '../verdict/index.js';
import { fmt, pct } from './format.js';
import type { ShadowSummary } from './shadow-comparison.js';
import type { OnlineGates, ShadowPhase } from './spec.js';

const base = { kind: 'release' } as const;

/**
 * The verdicts of a shadow phase: the disagreement rate against its maximum (pass when the whole
 * Wilson interval is at or below it, fail when the whole interval is above it, inconclusive
 * otherwise or before `min_requests` pairs), the 95th percentile of |score difference| when
 * bounded, each slice with enough pairs, and labelled quality when labels arrived.
 */
export function shadowVerdicts(
  summary: ShadowSummary,
  phase: ShadowPhase,
  gates: Pick<OnlineGates, 'quality' | 'error_rate'>,
): Verdict[] {
  const quality = gates.quality;
  const out: Verdict[] = [
    failureVerdict(summary, phase, gates.error_rate.max_increase),
    disagreementVerdict(summary, phase),
  ];
  if (phase.max_score_difference !== undefined) out.push(scoreVerdict(summary, phase));
  const slice = sliceVerdict(summary, phase);
  if (slice) out.push(slice);
  out.push(labelledVerdict(summary, quality));
  return out;
}

function failureVerdict(s: ShadowSummary, phase: ShadowPhase, max: number): Verdict {
  const f = s.failures;
  const measured = `${f.count} of ${f.n} mirrored requests (${pct(f.rate)}, interval [${pct(f.ci[0])}, ${pct(f.ci[1])}])`;
  const common = {
    ...base,
    check: 'shadow:errors',
    subject: 'candidate failures on mirrored requests',
    method: `share of mirrored requests the candidate failed to answer, Wilson ${pct(s.confidence)} interval`,
    value: f.n > 0 ? f.rate : null,
    threshold: max,
    comparison: '<=' as const,
    sampleSizes: { mirrored: f.n },
  };
  if (f.n > 0 && f.ci[0] > max)
    return { ...common, status: 'fail', reason: `the candidate failed on ${measured}, above ${pct(max)}` };
  if (f.n < phase.min_requests)
    return {
      ...common,
      status: 'inconclusive',
      reason: `held: ${f.n} of ${phase.min_requests} mirrored requests`,
      decideBy: `${phase.min_requests - f.n} more mirrored requests`,
      details: { blocking: false },
    };
  return { ...common, status: 'pass', reason: `the candidate failed on ${measured}` };
}

function disagreementVerdict(s: ShadowSummary, phase: ShadowPhase): Verdict {
  const d = s.disagreement;
  const max = phase.max_disagreement;
  const common = {
    ...base,
    check: 'shadow:disagreement',
    subject: 'candidate vs primary answers',
    method: `share of requests answered differently, Wilson ${pct(s.confidence)} interval`,
    value: s.pairs > 0 ? d.rate : null,
    threshold: max,
    comparison: '<=' as const,
    sampleSizes: { pairs: s.pairs },
    effectSize: { name: 'disagreement rate', value: d.rate, ci: d.ci, confidenceLevel: s.confidence },
  };
  const measured = `${d.count} of ${d.n} (${pct(d.rate)}, interval [${pct(d.ci[0])}, ${pct(d.ci[1])}])`;
  if (s.pairs < phase.min_requests)
    return {
      ...common,
      status: 'inconclusive',
      reason: `held: ${s.pairs} of ${phase.min_requests} required compared requests`,
      decideBy: `${phase.min_requests - s.pairs} more compared requests`,
    };
  if (d.ci[0] > max)
    return { ...common, status: 'fail', reason: `the candidate disagrees on ${measured}, above ${pct(max)}` };
  if (d.ci[1] <= max)
    return {
      ...common,
      status: 'pass',
      reason: `the candidate disagrees on ${measured}, within ${pct(max)}`,
    };
  return {
    ...common,
    status: 'inconclusive',
    reason: `held: disagreement ${measured} straddles ${pct(max)}`,
    decideBy: 'more compared requests (the interval narrows as 1/√n)',
  };
}

function scoreVerdict(s: ShadowSummary, phase: ShadowPhase): Verdict {
  const max = phase.max_score_difference!;
  const sd = s.scoreDifference;
  const common = {
    ...base,
    check: 'shadow:score-difference',
    subject: 'candidate score − primary score',
    method: '95th percentile of |score difference| (linear interpolation, as numpy)',
    value: sd?.absoluteP95 ?? null,
    threshold: max,
    comparison: '<=' as const,
    sampleSizes: { pairs: sd?.n ?? 0 },
  };
  if (!sd || sd.n < phase.min_requests)
    return {
      ...common,
      status: 'inconclusive',
      reason: `held: ${sd?.n ?? 0} of ${phase.min_requests} required score differences`,
      decideBy: `${phase.min_requests - (sd?.n ?? 0)} more compared requests with scores`,
    };
  const ok = sd.absoluteP95 <= max;
  return {
    ...common,
    status: ok ? 'pass' : 'fail',
    reason: `95% of score differences are within ${fmt(sd.absoluteP95)} (${ok ? 'at most' : 'above'} ${fmt(max)}); median ${fmt(sd.quantiles.p50)}`,
  };
}

function sliceVerdict(s: ShadowSummary, phase: ShadowPhase): Verdict | null {
  if (s.sliceBy === null) return null;
  const eligible = s.slices.filter((x) => x.n >= phase.min_slice_requests);
  const worst = eligible.find((x) => x.ci[0] > phase.max_disagreement);
  const common = {
    ...base,
    check: 'shadow:slices',
    subject: `slices by ${s.sliceBy}`,
    method: `disagreement rate per slice with at least ${phase.min_slice_requests} pairs, Wilson interval`,
    threshold: phase.max_disagreement,
    comparison: '<=' as const,
    sampleSizes: Object.fromEntries(s.slices.map((x) => [x.value, x.n])),
    details: { slices: s.slices },
  };
  if (worst)
    return {
      ...common,
      status: 'fail',
      value: worst.rate,
      reason: `${s.sliceBy}=${worst.value} diverges: ${worst.count} of ${worst.n} answered differently (${pct(worst.rate)}, interval [${pct(worst.ci[0])}, ${pct(worst.ci[1])}])`,
    };
  if (eligible.length === 0)
    return {
      ...common,
      status: 'inconclusive',
      value: null,
      reason: `no slice by ${s.sliceBy} has ${phase.min_slice_requests} pairs yet`,
      decideBy: 'more compared requests',
      details: { ...common.details, blocking: false },
    };
  const top = eligible[0]!;
  return {
    ...common,
    status: 'pass',
    value: top.rate,
    reason: `no slice diverges (highest: ${s.sliceBy}=${top.value} at ${pct(top.rate)} of ${top.n})`,
  };
}

function labelledVerdict(s: ShadowSummary, quality: OnlineGates['quality']): Verdict {
  const l = s.labelled;
  const n = l?.n ?? 0;
  const common = {
    ...base,
    check: 'shadow:quality',
    subject: 'labelled quality, candidate vs primary on the same requests',
    method:
      l?.task === 'regression'
        ? 'mean absolute error on the same requests'
        : "accuracy on the same requests, McNemar's exact test",
    threshold: quality.max_regression,
    sampleSizes: { labelled: n },
    details: { blocking: quality.required, ...(l ? { labelled: l } : {}) },
  };
  if (!l || n < quality.min_labels)
    return {
      ...common,
      status: 'inconclusive',
      value: null,
      reason: `${n} of ${quality.min_labels} labels needed to score both arrived`,
      decideBy: `${quality.min_labels - n} more labels (POST /v1/feedback)`,
    };
  if (l.task === 'regression') {
    const ratio = l.candidate / l.primary - 1;
    const ok = !(ratio > quality.max_regression);
    return {
      ...common,
      status: ok ? 'pass' : 'fail',
      value: ratio,
      reason: `MAE ${fmt(l.candidate)} vs ${fmt(l.primary)} on ${n} labelled requests (${ok ? 'within' : 'worse than'} +${pct(quality.max_regression)})`,
    };
  }
  const loss = l.primary - l.candidate;
  const significant = (l.mcnemar?.pvalue ?? 1) < quality.alpha;
  const status = loss > quality.max_regression && significant ? 'fail' : 'pass';
  return {
    ...common,
    status,
    value: loss,
    reason: `accuracy ${pct(l.candidate)} vs ${pct(l.primary)} on ${n} labelled requests; McNemar p = ${fmt(l.mcnemar?.pvalue)}`,
  };
}
