import { describe, expect, it } from 'vitest';
import { isVigieError } from '../errors/index.js';
import { createRandom } from '../random/index.js';
import { median } from '../stats/index.js';
import {
  accuracyScore,
  brierScoreLoss,
  calibrationCurve,
  classificationCounts,
  classificationReport,
  confusionMatrix,
  expectedCalibrationError,
  f1Score,
  fbetaScore,
  logLoss,
  meanSquaredError,
  medianAbsoluteError,
  precisionScore,
  r2Score,
  rocAucScore,
  rocCurve,
} from './index.js';

function refused(run: () => unknown, message?: RegExp): void {
  try {
    run();
  } catch (error) {
    expect(isVigieError(error) && error.code).toBe('INVALID_ARGUMENT');
    if (message) expect((error as Error).message).toMatch(message);
    return;
  }
  expect.fail('expected INVALID_ARGUMENT');
}

describe('input checks', () => {
  it('refuses mismatched lengths and empty input with one line naming the inputs', () => {
    refused(() => accuracyScore([0, 1], [0]), /yPred has 1 rows but yTrue has 2/);
    refused(() => accuracyScore([], []), /empty input/);
    refused(() => meanSquaredError([1], [1, 2]), /rows/);
    refused(() => rocAucScore([0, 1], [0.5]), /rows/);
  });

  it('refuses NaN labels, non-integer numeric labels and mixed label types, as scikit-learn', () => {
    refused(() => accuracyScore([0, Number.NaN], [0, 1]), /integers or strings/);
    refused(() => f1Score([0, 0.5], [0, 1]), /integers or strings/);
    refused(() => accuracyScore(['a', 1] as (string | number)[], ['a', 'a']), /mix of string and number/);
    refused(() => accuracyScore(['a', 'b'], [0, 1]), /mix of string and number/);
  });

  it('refuses NaN and infinite scores, targets and probabilities', () => {
    refused(() => rocAucScore([0, 1], [0.2, Number.NaN]), /finite/);
    refused(() => meanSquaredError([1, Number.POSITIVE_INFINITY], [1, 2]), /finite/);
    refused(() => logLoss([0, 1], [0.2, Number.NaN]), /finite/);
    refused(() => logLoss([0, 1], [0.2, 1.2]), /\[0, 1\]/);
    refused(() => brierScoreLoss([0, 1], [-0.1, 0.5]), /\[0, 1\]/);
  });

  it('refuses bad sample weights', () => {
    refused(() => accuracyScore([0, 1], [0, 1], { sampleWeight: [1] }), /sampleWeight/);
    refused(() => accuracyScore([0, 1], [0, 1], { sampleWeight: [1, -1] }), /non-negative/);
    refused(() => accuracyScore([0, 1], [0, 1], { sampleWeight: [0, 0] }), /non-zero/);
  });
});

describe('deliberate departures from scikit-learn', () => {
  it('ROC AUC of a single class throws (scikit-learn warns and returns NaN)', () => {
    refused(() => rocAucScore([1, 1, 1], [0.2, 0.4, 0.9]), /only one class/);
  });

  it('log loss refuses probability rows that do not sum to 1 within 1e-6 (scikit-learn warns)', () => {
    refused(
      () =>
        logLoss(
          [0, 1, 2],
          [
            [0.5, 0.3, 0.1],
            [0.2, 0.5, 0.3],
            [0.1, 0.1, 0.8],
          ],
        ),
      /sum to 1/,
    );
    expect(
      logLoss(
        [0, 1],
        [
          [0.3, 0.7 + 5e-7],
          [0.4, 0.6],
        ],
      ),
    ).toBeCloseTo(-(Math.log(0.3) + Math.log(0.6)) / 2, 6);
  });

  it('log loss refuses unsorted labels (scikit-learn sorts them silently, reordering the columns)', () => {
    refused(
      () =>
        logLoss(
          [0, 1],
          [
            [0.3, 0.7],
            [0.4, 0.6],
          ],
          { labels: [1, 0] },
        ),
      /sorted/,
    );
  });

  it('R² of one row throws (scikit-learn warns and returns NaN)', () => {
    refused(() => r2Score([1], [2]), /two rows/);
  });
});

describe('label handling', () => {
  it('gives the same counts from plain, Int32Array and Float64Array labels, and from the Map path', () => {
    const rng = createRandom(3);
    const t = Array.from({ length: 500 }, () => rng.int(4));
    const p = t.map((v) => (rng.float() < 0.3 ? rng.int(4) : v));
    const a = classificationCounts(t, p);
    const b = classificationCounts(Int32Array.from(t), Float64Array.from(p));
    const wide = classificationCounts(
      t.map((v) => v * 1000),
      p.map((v) => v * 1000),
    );
    expect(Array.from(b.matrix)).toEqual(Array.from(a.matrix));
    expect(Array.from(wide.matrix)).toEqual(Array.from(a.matrix));
    expect(wide.labels).toEqual([0, 1000, 2000, 3000]);
  });

  it('sorts string labels and handles negative integers', () => {
    expect(confusionMatrix(['b', 'a', 'c'], ['a', 'a', 'c']).labels).toEqual(['a', 'b', 'c']);
    expect(confusionMatrix([-1, 1, -1], [1, 1, -1])).toEqual({
      matrix: [
        [1, 1],
        [0, 1],
      ],
      labels: [-1, 1],
    });
  });

  it('requires posLabel for binary string labels, as scikit-learn', () => {
    refused(() => precisionScore(['no', 'yes'], ['yes', 'yes']), /posLabel=1 is not a valid label/);
    expect(precisionScore(['no', 'yes'], ['yes', 'yes'], { posLabel: 'yes' })).toBe(0.5);
    refused(() => rocCurve(['no', 'yes'], [0.1, 0.9]), /posLabel is not specified/);
  });

  it('requires beta for fbetaScore', () => {
    refused(() => fbetaScore([0, 1], [0, 1], {} as { beta: number }), /beta is required/);
  });

  it('classificationReport agrees with the single-metric functions', () => {
    const t = [0, 1, 2, 2, 1, 0, 1];
    const p = [0, 2, 2, 2, 1, 1, 1];
    const r = classificationReport(t, p);
    expect(r.accuracy).toBe(accuracyScore(t, p));
    expect(r.macro.f1).toBe(f1Score(t, p, { average: 'macro' }));
    expect(r.confusionMatrix).toEqual(confusionMatrix(t, p).matrix);
    expect(r.binary).toBeUndefined();
    refused(() => classificationReport(t, p, { posLabel: 1 }), /classificationReport: .*multiclass/);
    const b = classificationReport([0, 1, 1, 0], [0, 1, 0, 1], { posLabel: 1 });
    expect(b.binary).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
  });
});

describe('medianAbsoluteError on large inputs (streaming selection)', () => {
  it('equals the median of the materialized errors, whatever the order and ties', () => {
    const rng = createRandom(17);
    const n = 150_001;
    const base = Float64Array.from({ length: n }, () => rng.normal());
    const cases: [string, Float64Array][] = [
      ['random', Float64Array.from(base, (v) => v + 0.5 * rng.normal())],
      ['sorted errors', Float64Array.from({ length: n }, (_, i) => i / n)],
      ['integer ties', Float64Array.from({ length: n }, () => rng.int(5))],
      // A period equal to the sampling stride makes the sample useless: the full selection takes over.
      [
        'periodic',
        Float64Array.from({ length: n }, (_, i) =>
          Math.floor(i / (n / 20_000)) % 2 === 0 ? i % 7 : 100 + i,
        ),
      ],
    ];
    for (const [name, yPred] of cases) {
      const yTrue = name === 'random' ? base : new Float64Array(n);
      const errors = Float64Array.from(yPred, (p, i) => Math.abs(p - yTrue[i]!));
      for (const m of [n, n - 1]) {
        const want = median(errors.subarray(0, m));
        expect(medianAbsoluteError(yTrue.subarray(0, m), yPred.subarray(0, m)), `${name} n=${m}`).toBe(want);
      }
    }
    refused(
      () =>
        medianAbsoluteError(
          new Float64Array(n),
          Float64Array.from({ length: n }, (_, i) => (i === 7 ? Number.NaN : 0)),
        ),
      /finite/,
    );
  });
});

describe('calibration', () => {
  it('ECE is the bin-size-weighted mean gap of calibrationCurve', () => {
    const rng = createRandom(11);
    const p = Array.from({ length: 300 }, () => rng.float());
    const y = p.map((v) => (rng.float() < v * v ? 1 : 0));
    for (const strategy of ['uniform', 'quantile'] as const) {
      const curve = calibrationCurve(y, p, { nBins: 10, strategy });
      let ece = 0;
      curve.probTrue.forEach((t, b) => {
        ece += (curve.binCounts[b]! / 300) * Math.abs(t - curve.probPred[b]!);
      });
      expect(expectedCalibrationError(y, p, { strategy })).toBeCloseTo(ece, 15);
    }
    expect(expectedCalibrationError([0, 1], [0, 1])).toBe(0);
  });
});
