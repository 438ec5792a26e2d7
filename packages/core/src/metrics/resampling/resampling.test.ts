import { describe, expect, it } from 'vitest';
import { createRandom } from '../../random/index.js';
import { proportionConfint } from '../../stats/index.js';
import {
  accuracyScore,
  balancedAccuracyScore,
  brierScoreLoss,
  f1Score,
  fbetaScore,
  logLoss,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  metricInterval,
  pairedBootstrap,
  precisionScore,
  r2Score,
  recallScore,
  rocAucScore,
  rootMeanSquaredError,
  sliceMetrics,
} from '../index.js';
import { metricKernel } from './kernels.js';
import { bootstrapDistribution } from './metric-interval.js';
import { allBut, type Metric, takeRows } from './rows.js';

const mean = (x: Float64Array) => x.reduce((a, b) => a + b, 0) / x.length;
const sd = (x: Float64Array) => {
  const m = mean(x);
  return Math.sqrt(x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1));
};

function classification(n: number, seed: number, classes = 2, error = 0.3) {
  const rng = createRandom(seed);
  const yTrue = Array.from({ length: n }, () => rng.int(classes));
  const yPred = yTrue.map((v) => (rng.float() < error ? rng.int(classes) : v));
  return { yTrue, yPred };
}

function scores(n: number, seed: number, shift = 1) {
  const rng = createRandom(seed);
  const yTrue = Array.from({ length: n }, () => rng.int(2));
  const score = yTrue.map((y) => Math.round((rng.normal() + shift * y) * 4) / 4);
  const prob = score.map((s) => 1 / (1 + Math.exp(-s)));
  return { yTrue, score, prob };
}

function regression(n: number, seed: number) {
  const rng = createRandom(seed);
  const yTrue = Array.from({ length: n }, () => 3 + rng.normal());
  const yPred = yTrue.map((v) => v + 0.5 * rng.normal());
  return { yTrue, yPred };
}

describe('fast kernels equal the metric on the resampled rows', () => {
  const c2 = classification(60, 1);
  const c3 = classification(80, 2, 3, 0.5);
  const s = scores(70, 3);
  const r = regression(50, 4);
  const cases: [string, Metric, unknown[], unknown[], Record<string, unknown>][] = [
    ['accuracy', accuracyScore, c3.yTrue, c3.yPred, {}],
    ['balanced accuracy', balancedAccuracyScore, c3.yTrue, c3.yPred, { adjusted: true }],
    ['precision', precisionScore, c2.yTrue, c2.yPred, {}],
    ['recall macro', recallScore, c3.yTrue, c3.yPred, { average: 'macro' }],
    ['f1 weighted', f1Score, c3.yTrue, c3.yPred, { average: 'weighted' }],
    [
      'fbeta micro with labels',
      fbetaScore,
      c3.yTrue,
      c3.yPred,
      { average: 'micro', beta: 2, labels: [0, 2] },
    ],
    ['ROC AUC with ties', rocAucScore, s.yTrue, s.score, {}],
    ['log loss', logLoss, s.yTrue, s.prob, {}],
    ['brier', brierScoreLoss, s.yTrue, s.prob, {}],
    ['MSE', meanSquaredError, r.yTrue, r.yPred, {}],
    ['RMSE', rootMeanSquaredError, r.yTrue, r.yPred, {}],
    ['MAE', meanAbsoluteError, r.yTrue, r.yPred, {}],
    ['MAPE', meanAbsolutePercentageError, r.yTrue, r.yPred, {}],
  ];
  for (const [name, metric, yTrue, yPred, options] of cases) {
    it(name, () => {
      const kernel = metricKernel('test', metric, yTrue as number[], yPred as number[], options);
      expect(kernel.value).toBeCloseTo(metric(yTrue, yPred, options) as number, 14);
      const rng = createRandom(9);
      const n = yTrue.length;
      for (let rep = 0; rep < 20; rep++) {
        const index = Uint32Array.from({ length: n }, () => rng.int(n));
        const want = metric(
          takeRows(yTrue as number[], index),
          takeRows(yPred as number[], index),
          options,
        ) as number;
        expect(kernel.resample(index)).toBeCloseTo(want, 12);
      }
      const jack = kernel.jackknife();
      for (const i of [0, 1, Math.floor(n / 2), n - 1]) {
        const keep = allBut(n, i);
        const want = metric(
          takeRows(yTrue as number[], keep),
          takeRows(yPred as number[], keep),
          options,
        ) as number;
        expect(jack[i]).toBeCloseTo(want, 12);
      }
    });
  }
});

describe('metricInterval', () => {
  const { yTrue, yPred } = classification(400, 5);

  it('is deterministic for a seed and changes with it', () => {
    const a = metricInterval(accuracyScore, yTrue, yPred, { seed: 3 });
    expect(metricInterval(accuracyScore, yTrue, yPred, { seed: 3 })).toEqual(a);
    const others = [4, 5, 6, 7].map((seed) => metricInterval(accuracyScore, yTrue, yPred, { seed }).ci);
    expect(others.some((ci) => ci[0] !== a.ci[0] || ci[1] !== a.ci[1])).toBe(true);
    expect(a.value).toBe(accuracyScore(yTrue, yPred));
    expect(a.ci[0]).toBeLessThan(a.value);
    expect(a.ci[1]).toBeGreaterThan(a.value);
    expect(a).toMatchObject({ nResamples: 1000, method: 'percentile', confidenceLevel: 0.95 });
  });

  it('count-based resampling has the distribution of row resampling', () => {
    const kernel = metricKernel('test', f1Score, yTrue, yPred, { average: 'macro' });
    const { cells: _, ...byRows } = kernel;
    const counted = bootstrapDistribution([kernel], 4000, 1);
    const drawn = bootstrapDistribution([byRows], 4000, 2);
    expect(Math.abs(mean(counted) - mean(drawn))).toBeLessThan(0.002);
    expect(sd(counted) / sd(drawn)).toBeGreaterThan(0.93);
    expect(sd(counted) / sd(drawn)).toBeLessThan(1.07);
    // Paired: one multinomial draw over the joint (true, A, B) cells.
    const other = classification(400, 15);
    const b = metricKernel('test', f1Score, yTrue, other.yPred, { average: 'macro' });
    const { cells: __, ...bRows } = b;
    const pairedCounted = bootstrapDistribution([kernel, b], 4000, 3);
    const pairedDrawn = bootstrapDistribution([byRows, bRows], 4000, 4);
    expect(Math.abs(mean(pairedCounted) - mean(pairedDrawn))).toBeLessThan(0.003);
    expect(sd(pairedCounted) / sd(pairedDrawn)).toBeGreaterThan(0.93);
    expect(sd(pairedCounted) / sd(pairedDrawn)).toBeLessThan(1.07);
  });

  it('re-runs other metrics on the gathered rows (same interval as a count-based metric in distribution)', () => {
    const generic: Metric = (t, p) => accuracyScore(t, p);
    const fast = metricInterval(accuracyScore, yTrue, yPred, { seed: 8, nResamples: 4000 });
    const slow = metricInterval(generic, yTrue, yPred, { seed: 8, nResamples: 4000 });
    expect(Math.abs(slow.ci[0] - fast.ci[0])).toBeLessThan(0.006);
    expect(Math.abs(slow.ci[1] - fast.ci[1])).toBeLessThan(0.006);
  });

  it("agrees with the normal approximation for accuracy and gives the Wilson interval with 'wilson'", () => {
    const big = classification(20_000, 6);
    const acc = accuracyScore(big.yTrue, big.yPred);
    const half = 1.959964 * Math.sqrt((acc * (1 - acc)) / 20_000);
    const boot = metricInterval(accuracyScore, big.yTrue, big.yPred, { seed: 1 });
    expect(Math.abs(boot.ci[0] - (acc - half))).toBeLessThan(0.002);
    expect(Math.abs(boot.ci[1] - (acc + half))).toBeLessThan(0.002);
    const wilson = metricInterval(accuracyScore, big.yTrue, big.yPred, {
      method: 'wilson',
      confidenceLevel: 0.9,
    });
    expect(wilson.ci).toEqual(proportionConfint(Math.round(acc * 20_000), 20_000, { alpha: 0.1 }));
    expect(wilson.nResamples).toBe(0);
    expect(() => metricInterval(f1Score, yTrue, yPred, { method: 'wilson' })).toThrow(/accuracyScore only/);
  });

  it('passes metric options, refuses per-class values and sample weights', () => {
    const m = classification(300, 7, 3, 0.4);
    const macro = metricInterval(f1Score, m.yTrue, m.yPred, { metricOptions: { average: 'macro' } });
    expect(macro.value).toBe(f1Score(m.yTrue, m.yPred, { average: 'macro' }));
    expect(() => metricInterval(f1Score, m.yTrue, m.yPred, { metricOptions: { average: null } })).toThrow(
      /one value/,
    );
    expect(() =>
      metricInterval(accuracyScore, m.yTrue, m.yPred, {
        metricOptions: { sampleWeight: m.yTrue.map(() => 1) },
      }),
    ).toThrow(/sampleWeight/);
  });

  it('gives a NaN interval when the metric is undefined on some resamples (as scipy)', () => {
    const r = metricInterval(rocAucScore, [0, 1, 1, 1, 1], [0.1, 0.4, 0.6, 0.8, 0.9], { seed: 2 });
    expect(r.value).toBe(1);
    expect(r.ci.every(Number.isNaN)).toBe(true);
  });

  it('bootstraps other metrics by re-running them; refuses BCa of those above 5000 rows', () => {
    const r = regression(200, 9);
    const ci = metricInterval(r2Score, r.yTrue, r.yPred, { method: 'bca', nResamples: 300 });
    expect(ci.ci[0]).toBeLessThan(ci.value);
    const big = regression(6000, 9);
    expect(() => metricInterval(r2Score, big.yTrue, big.yPred, { method: 'bca', nResamples: 10 })).toThrow(
      /leave-one-out/,
    );
  });
});

describe('pairedBootstrap', () => {
  const rng = createRandom(12);
  const n = 3000;
  const yTrue = Array.from({ length: n }, () => rng.int(2));
  const predA = yTrue.map((v) => (rng.float() < 0.15 ? 1 - v : v));
  const predB = yTrue.map((v) => (rng.float() < 0.2 ? 1 - v : v));

  it('is deterministic, and its interval contains the observed difference', () => {
    const r = pairedBootstrap(accuracyScore, yTrue, predA, predB, { seed: 5 });
    expect(pairedBootstrap(accuracyScore, yTrue, predA, predB, { seed: 5 })).toEqual(r);
    expect(r.difference).toBeCloseTo(accuracyScore(yTrue, predA) - accuracyScore(yTrue, predB), 15);
    expect(r.ci[0]).toBeLessThan(r.difference);
    expect(r.ci[1]).toBeGreaterThan(r.difference);
    expect(r.pvalue).toBeGreaterThan(0);
    expect(r.pvalue).toBeLessThan(0.01);
  });

  it('gives p = 1 and a zero interval for identical predictions', () => {
    const r = pairedBootstrap(f1Score, yTrue, predA, predA, { seed: 1, nResamples: 200 });
    expect(r.difference).toBe(0);
    expect(r.ci).toEqual([0, 0]);
    expect(r.pvalue).toBe(1);
  });

  it('has p-values in [0, 1] and a BCa interval for AUCs', () => {
    const s = scores(400, 13);
    const other = s.score.map((v, i) => v + (i % 3) * 0.1);
    const r = pairedBootstrap(rocAucScore, s.yTrue, s.score, other, { method: 'bca', nResamples: 500 });
    expect(r.pvalue).toBeGreaterThanOrEqual(0);
    expect(r.pvalue).toBeLessThanOrEqual(1);
    expect(r.ci[0]).toBeLessThanOrEqual(r.ci[1]);
  });
});

describe('sliceMetrics', () => {
  const { yTrue, yPred } = classification(500, 21);
  const rng = createRandom(22);
  const country = yTrue.map(() => ['fr', 'de', 'it', 'lu'][Math.min(3, Math.floor(rng.float() * 3.2))]!);

  it('scores every slice, reports small ones as too small, never drops them', () => {
    const r = sliceMetrics(
      { accuracy: accuracyScore, f1: { metric: f1Score, options: { average: 'macro' } } },
      yTrue,
      yPred,
      country,
      {
        minRows: 60,
      },
    );
    expect(r.slices.map((s) => s.slice)).toEqual(['de', 'fr', 'it', 'lu']);
    expect(r.slices.reduce((a, s) => a + s.n, 0)).toBe(500);
    const lu = r.slices.find((s) => s.slice === 'lu')!;
    expect(lu.status).toBe('too-small');
    expect(lu.metrics).toEqual({});
    for (const s of r.slices.filter((x) => x.status === 'ok')) {
      const rows = country.flatMap((c, i) => (c === s.slice ? [i] : []));
      expect(s.metrics.accuracy!.value).toBe(accuracyScore(takeRows(yTrue, rows), takeRows(yPred, rows)));
    }
    expect(r.overall.metrics.accuracy!.value).toBe(accuracyScore(yTrue, yPred));
  });

  it('adds intervals when asked, equal to metricInterval on the slice with the same seed', () => {
    const r = sliceMetrics({ accuracy: accuracyScore }, yTrue, yPred, country, {
      interval: { seed: 4, nResamples: 200 },
    });
    const de = r.slices.find((s) => s.slice === 'de')!;
    const rows = country.flatMap((c, i) => (c === 'de' ? [i] : []));
    const want = metricInterval(accuracyScore, takeRows(yTrue, rows), takeRows(yPred, rows), {
      seed: 4,
      nResamples: 200,
    });
    expect(de.metrics.accuracy!.ci).toEqual(want.ci);
  });

  it('reports a metric undefined on a slice with its reason instead of failing', () => {
    const s = scores(200, 5);
    const group = s.yTrue.map((y, i) => (i < 100 ? 'a' : y === 1 ? 'only-positives' : 'b'));
    const r = sliceMetrics({ auc: rocAucScore }, s.yTrue, s.score, group, { minRows: 5 });
    const bad = r.slices.find((x) => x.slice === 'only-positives')!;
    expect(bad.metrics.auc).toEqual({ value: null, error: expect.stringMatching(/only one class/) });
    expect(r.slices.find((x) => x.slice === 'a')!.metrics.auc!.value).toBeGreaterThan(0.5);
  });
});
