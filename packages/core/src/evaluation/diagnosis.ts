import type { MetricName } from '../config-schema/index.js';
import type { Label } from '../metrics/index.js';
import type { Verdict } from '../verdict/index.js';
import { compareOn } from './compare.js';
import type { BootstrapSettings } from './evaluate.js';
import { higherIsBetter } from './metric-catalog.js';
import type { Prepared } from './prepare.js';

const fmt = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : Number(x.toPrecision(4)).toString();

/**
 * The dummy model a candidate must beat, as scikit-learn's DummyClassifier(strategy='prior') /
 * DummyRegressor(strategy='mean'), fitted on the evaluated rows themselves (so the bar is, if
 * anything, a little high): the most frequent class with the class shares as probabilities, or
 * the mean.
 */
export function dummyPredictions(p: Prepared): Prepared {
  if (p.task === 'regression') {
    const y = p.yTrue as Float64Array;
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    return { ...p, values: new Float64Array(y.length).fill(mean) };
  }
  const k = p.modelClasses.length;
  const counts = new Float64Array(k);
  const index = new Map(p.modelClasses.map((c, i) => [c, i]));
  for (const y of p.yTrue as Label[]) {
    const i = index.get(y);
    if (i !== undefined) counts[i]!++;
  }
  let best = 0;
  for (let i = 1; i < k; i++) if (counts[i]! > counts[best]!) best = i;
  const total = counts.reduce((a, b) => a + b, 0) || 1;
  const shares = counts.map((c) => c / total);
  return {
    ...p,
    yPred: new Array<Label>(p.n).fill(p.modelClasses[best]!),
    proba: Array.from({ length: p.n }, () => shares),
  };
}

/** The candidate must beat the dummy model on the primary metric, significantly. */
export function baselineVerdict(
  p: Prepared,
  metric: MetricName,
  options: { alpha: number; bootstrap: BootstrapSettings },
): Verdict {
  const c = compareOn(metric, p, dummyPredictions(p), options);
  const status: Verdict['status'] =
    c.improvementCi === null
      ? 'inconclusive'
      : c.improvementCi[0] > 0
        ? 'pass'
        : c.improvementCi[1] <= 0
          ? 'fail'
          : 'inconclusive';
  const dummy = p.task === 'regression' ? 'predicting the mean' : 'predicting the most frequent class';
  return {
    status,
    check: 'diagnosis:baseline',
    kind: 'diagnosis',
    subject: metric,
    method: `against a dummy model ${dummy}; ${c.test}`,
    value: c.improvement,
    threshold: 0,
    comparison: '>',
    sampleSizes: { n: p.n },
    ...(c.improvement !== null && c.improvementCi
      ? {
          effectSize: {
            name: `improvement in ${metric} over the dummy`,
            value: c.improvement,
            ci: c.improvementCi,
            confidenceLevel: 1 - options.alpha,
          },
        }
      : {}),
    reason: c.error
      ? `could not compare with the dummy model: ${c.error}`
      : status === 'pass'
        ? `${metric} ${fmt(c.candidate)} beats the dummy's ${fmt(c.champion)} (improvement ${fmt(c.improvement)}, p = ${fmt(c.pvalue)})`
        : status === 'fail'
          ? `${metric} ${fmt(c.candidate)} does not beat the dummy's ${fmt(c.champion)}: the model learned nothing useful`
          : `${metric} ${fmt(c.candidate)} vs the dummy's ${fmt(c.champion)}: not clearly better (p = ${fmt(c.pvalue)})`,
    ...(status === 'inconclusive' ? { decideBy: 'more labelled rows' } : {}),
    details: { comparison: c },
  };
}

/**
 * Over- and under-fitting from the metric on the train and validation splits: a gap above
 * `maxGap` (train better) suggests over-fitting; a train score no better than the baseline's
 * suggests under-fitting (the model cannot even fit what it saw).
 */
export function fitVerdict(
  metric: MetricName,
  train: number | undefined,
  validation: number | undefined,
  options: { maxGap: number; baseline?: number },
): Verdict {
  const hib = higherIsBetter(metric);
  const base = { check: 'diagnosis:fit', kind: 'diagnosis', subject: metric, sampleSizes: {} };
  if (train === undefined || validation === undefined)
    return {
      ...base,
      status: 'inconclusive',
      method: 'train − validation gap',
      value: null,
      threshold: options.maxGap,
      reason: `no ${train === undefined ? 'train' : 'validation'} ${metric} recorded with the model`,
      decideBy: 'metrics on the train and validation splits (vigie train records them)',
    };
  const gap = hib ? train - validation : validation - train;
  const underfit =
    options.baseline !== undefined && (hib ? train <= options.baseline : train >= options.baseline);
  const overfit = gap > options.maxGap;
  return {
    ...base,
    status: overfit || underfit ? 'warn' : 'pass',
    method: `train − validation gap ≤ ${options.maxGap}${options.baseline !== undefined ? `; train better than the baseline ${fmt(options.baseline)}` : ''}`,
    value: gap,
    threshold: options.maxGap,
    comparison: '<=',
    reason: underfit
      ? `under-fitting: ${metric} on train ${fmt(train)} is no better than the baseline ${fmt(options.baseline)}`
      : overfit
        ? `over-fitting: ${metric} ${fmt(train)} on train vs ${fmt(validation)} on validation (gap ${fmt(gap)} > ${options.maxGap})`
        : `${metric} ${fmt(train)} on train vs ${fmt(validation)} on validation (gap ${fmt(gap)})`,
  };
}
