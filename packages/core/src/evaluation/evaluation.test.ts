import { describe, expect, it } from 'vitest';
import type { GatesConfig } from '../config-schema/index.js';
import { accuracyScore, rocAucScore } from '../metrics/index.js';
import type { Predictions } from '../models/index.js';
import { createRandom } from '../random/index.js';
import { dictColumnFromStrings, float64Column } from '../table/index.js';
import { compareOn } from './compare.js';
import { baselineVerdict } from './diagnosis.js';
import { evaluatePrepared } from './evaluate.js';
import { runGates } from './gates.js';
import { prepareEvaluation } from './prepare.js';

/** n rows of a binary problem; the model is right with probability `skill` (seeded). */
function binaryCase(n: number, skill: number, seed: number, truthSeed = 1) {
  const truthRng = createRandom(truthSeed);
  const rng = createRandom(seed);
  const truth = Array.from({ length: n }, () => (truthRng.float() < 0.4 ? 'yes' : 'no'));
  const probabilities = new Float64Array(n * 2);
  const labels = new Int32Array(n);
  truth.forEach((t, i) => {
    const right = rng.float() < skill;
    const pYes = right === (t === 'yes') ? 0.55 + 0.4 * rng.float() : 0.05 + 0.4 * rng.float();
    probabilities[2 * i] = 1 - pYes;
    probabilities[2 * i + 1] = pYes;
    labels[i] = pYes > 0.5 ? 1 : 0;
  });
  const predictions: Predictions = {
    task: 'classification',
    rows: n,
    classes: ['no', 'yes'],
    labels,
    probabilities,
  };
  return { truth, predictions };
}

const gates = (rules: GatesConfig['rules']): GatesConfig => ({ alpha: 0.05, power: 0.8, rules });

describe('evaluatePrepared', () => {
  it('reports each metric with a bootstrap interval, equal to the metric functions', () => {
    const { truth, predictions } = binaryCase(400, 0.85, 2);
    const p = prepareEvaluation(dictColumnFromStrings('y', truth), predictions);
    const r = evaluatePrepared(p, { bootstrap: { resamples: 200, confidence: 0.95, seed: 3 } });
    expect(Object.keys(r.metrics)).toEqual([
      'accuracy',
      'balancedAccuracy',
      'f1Macro',
      'rocAuc',
      'logLoss',
      'precision',
      'recall',
      'f1',
      'averagePrecision',
      'brier',
      'ece',
    ]);
    expect(r.metrics.accuracy!.value).toBe(accuracyScore(truth, p.yPred!));
    const scores = Array.from({ length: 400 }, (_, i) => predictions.probabilities![2 * i + 1]!);
    expect(r.metrics.rocAuc!.value).toBeCloseTo(
      rocAucScore(
        truth.map((t) => (t === 'yes' ? 1 : 0)),
        scores,
      ) as number,
      12,
    );
    for (const m of Object.values(r.metrics)) {
      expect(m.ci![0]).toBeLessThanOrEqual(m.value!);
      expect(m.ci![1]).toBeGreaterThanOrEqual(m.value!);
    }
    expect(r.confusion!.labels).toEqual(['no', 'yes']);
    expect(r.roc![0]!.name).toBe('yes');
    expect(evaluatePrepared(p, { bootstrap: { resamples: 200, confidence: 0.95, seed: 3 } })).toEqual(r);
  });

  it('leaves out rows without a label, and says which metrics are undefined and why', () => {
    const { truth, predictions } = binaryCase(50, 0.9, 2);
    truth[3] = '';
    truth[7] = 'maybe';
    const p = prepareEvaluation(
      dictColumnFromStrings(
        'y',
        truth.map((t) => (t === '' ? null : t)),
      ),
      predictions,
    );
    expect(p.missingLabels).toBe(1);
    expect(p.unseen).toEqual(['maybe']);
    const r = evaluatePrepared(p, {
      metrics: ['accuracy', 'rocAuc', 'mse'],
      bootstrap: { resamples: 50, confidence: 0.9, seed: 0 },
    });
    expect(r.n).toBe(49);
    expect(r.metrics.accuracy!.value).not.toBeNull();
    expect(r.metrics.mse).toMatchObject({
      value: null,
      error: 'a regression metric, and this is classification',
    });
    expect(r.confusion!.labels).toEqual(['no', 'yes', 'maybe']);
  });

  it('regression: errors and residuals', () => {
    const y = Float64Array.from({ length: 100 }, (_, i) => i);
    const values = Float64Array.from(y, (v) => v + (v % 2 === 0 ? 1 : -1));
    const p = prepareEvaluation(float64Column('y', y), { task: 'regression', rows: 100, values });
    const r = evaluatePrepared(p, { bootstrap: { resamples: 100, confidence: 0.95, seed: 0 } });
    expect(r.metrics.mae!.value).toBe(1);
    expect(r.metrics.rmse!.value).toBe(1);
    expect(r.residuals!.predicted.length).toBe(100);
  });
});

describe('paired comparisons and gates', () => {
  const strong = binaryCase(2000, 0.9, 11);
  const weak = binaryCase(2000, 0.7, 12);
  const prep = (c: ReturnType<typeof binaryCase>) =>
    prepareEvaluation(dictColumnFromStrings('y', c.truth), c.predictions);
  const candidate = prep(strong);
  const champion = prep(weak);
  const evaluation = evaluatePrepared(candidate, {
    metrics: ['accuracy', 'rocAuc'],
    bootstrap: { resamples: 100, confidence: 0.95, seed: 0 },
  });

  it('McNemar for accuracy, DeLong for ROC AUC, paired bootstrap otherwise', () => {
    const a = compareOn('accuracy', candidate, champion);
    expect(a.test).toBe('mcnemar');
    expect(a.improvement!).toBeGreaterThan(0.1);
    expect(a.pvalue!).toBeLessThan(1e-10);
    expect(compareOn('rocAuc', candidate, champion).test).toBe('delong');
    const l = compareOn('logLoss', candidate, champion, {
      bootstrap: { resamples: 200, confidence: 0.95, seed: 1 },
    });
    expect(l.test).toBe('paired-bootstrap');
    expect(l.improvement!).toBeGreaterThan(0); // a lower loss is an improvement
    expect(compareOn('accuracy', candidate, candidate)).toMatchObject({ difference: 0, pvalue: 1 });
  });

  it('absolute, improvement, non-inferiority and slice gates', () => {
    const sliceValues = {
      region: candidate.rows.length
        ? Array.from(candidate.rows, (r) => (r % 2 === 0 ? 'north' : 'south'))
        : [],
    };
    const verdicts = runGates(
      gates([
        { metric: 'accuracy', split: 'test', min: 0.8 },
        { metric: 'accuracy', split: 'test', min: 0.99 },
        { metric: 'accuracy', split: 'test', against: 'champion', min_improvement: 0 },
        { metric: 'rocAuc', split: 'test', against: 'champion', max_regression: 0.01 },
        {
          metric: 'accuracy',
          split: 'test',
          against: 'champion',
          max_slice_regression: 0.02,
          slices: ['region'],
        },
      ]),
      {
        candidate: { prepared: candidate, evaluation, ref: 'clf@2' },
        champion: { prepared: champion, ref: 'clf@1' },
        sliceValues,
      },
    );
    expect(verdicts.map((v) => [v.check, v.status])).toEqual([
      ['gate:accuracy', 'pass'],
      ['gate:accuracy', 'fail'],
      ['gate:accuracy:improvement', 'pass'],
      ['gate:rocAuc:regression', 'pass'],
      ['gate:accuracy:slices', 'pass'],
    ]);
    // the champion against the candidate: a clear regression fails
    const reversed = runGates(
      gates([{ metric: 'accuracy', split: 'test', against: 'champion', max_regression: 0.01 }]),
      {
        candidate: { prepared: champion, evaluation, ref: 'clf@1' },
        champion: { prepared: candidate, ref: 'clf@2' },
        sliceValues: {},
      },
    );
    expect(reversed[0]!.status).toBe('fail');
  });

  it('is inconclusive on too few rows, saying how many more would decide', () => {
    const a = binaryCase(60, 0.8, 21);
    const b = binaryCase(60, 0.75, 22);
    const verdict = runGates(
      gates([{ metric: 'accuracy', split: 'test', against: 'champion', min_improvement: 0 }]),
      {
        candidate: { prepared: prep(a), evaluation, ref: 'clf@2' },
        champion: { prepared: prep(b), ref: 'clf@1' },
        sliceValues: {},
      },
    )[0]!;
    expect(verdict.status).toBe('inconclusive');
    expect(verdict.decideBy).toMatch(/^about \d+ more labelled rows \(\d+ in all\) at power 0\.8/);
    const first = runGates(
      gates([{ metric: 'accuracy', split: 'test', against: 'champion', min_improvement: 0 }]),
      {
        candidate: { prepared: prep(a), evaluation, ref: 'clf@1' },
        champion: null,
        sliceValues: {},
      },
    )[0]!;
    expect(first).toMatchObject({ status: 'pass', reason: expect.stringMatching(/no champion yet/) });
  });

  it('the candidate must beat a dummy model', () => {
    expect(
      baselineVerdict(candidate, 'accuracy', {
        alpha: 0.05,
        bootstrap: { resamples: 100, confidence: 0.95, seed: 0 },
      }).status,
    ).toBe('pass');
    const coinFlip = prep(binaryCase(2000, 0.5, 5));
    expect(
      baselineVerdict(coinFlip, 'accuracy', {
        alpha: 0.05,
        bootstrap: { resamples: 100, confidence: 0.95, seed: 0 },
      }).status,
    ).toBe('fail');
  });
});
