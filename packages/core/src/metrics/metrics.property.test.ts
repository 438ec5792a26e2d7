import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accuracyScore,
  balancedAccuracyScore,
  brierScoreLoss,
  confusionMatrix,
  expectedCalibrationError,
  f1Score,
  logLoss,
  meanAbsoluteError,
  meanSquaredError,
  medianAbsoluteError,
  precisionScore,
  r2Score,
  recallScore,
  rocAucScore,
} from './index.js';

/** Paired label arrays over k classes. */
const labelPairs = (k: number) =>
  fc
    .integer({ min: 2, max: 60 })
    .chain((n) =>
      fc.tuple(
        fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: n, maxLength: n }),
        fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: n, maxLength: n }),
      ),
    );

/** A binary target with both classes and scores (ties likely), plus a permutation of the rows. */
const scored = fc
  .integer({ min: 2, max: 60 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }),
      fc.array(
        fc.integer({ min: -8, max: 8 }).map((v) => v / 4),
        { minLength: n, maxLength: n },
      ),
      fc.array(fc.nat(), { minLength: n, maxLength: n }),
    ),
  )
  .filter(([y]) => y.includes(0) && y.includes(1));

const regression = fc
  .integer({ min: 2, max: 50 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
      fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n }),
      fc.array(fc.nat(), { minLength: n, maxLength: n }),
    ),
  );

/** Row order from random keys. */
function permute<T>(x: T[], keys: number[]): T[] {
  return x
    .map((v, i) => [v, keys[i]!, i] as const)
    .sort((a, b) => a[1] - b[1] || a[2] - b[2])
    .map(([v]) => v);
}

const inUnit = (v: number) => v >= 0 && v <= 1;

describe('metric properties', () => {
  it('label metrics are invariant to row order and lie in [0, 1]', () => {
    fc.assert(
      fc.property(labelPairs(4), fc.array(fc.nat(), { minLength: 60, maxLength: 60 }), ([t, p], keys) => {
        const k = keys.slice(0, t.length);
        const t2 = permute(t, k);
        const p2 = permute(p, k);
        for (const metric of [accuracyScore, balancedAccuracyScore]) {
          const v = metric(t, p);
          expect(inUnit(v)).toBe(true);
          expect(metric(t2, p2)).toBeCloseTo(v, 14);
        }
        for (const average of ['micro', 'macro', 'weighted'] as const) {
          for (const metric of [precisionScore, recallScore, f1Score]) {
            const v = metric(t, p, { average }) as number;
            expect(inUnit(v)).toBe(true);
            expect(metric(t2, p2, { average }) as number).toBeCloseTo(v, 14);
          }
        }
        expect(confusionMatrix(t2, p2)).toEqual(confusionMatrix(t, p));
      }),
    );
  });

  it('micro-averaged precision, recall and F1 equal accuracy (multiclass, all labels)', () => {
    fc.assert(
      fc.property(labelPairs(5), ([t, p]) => {
        const acc = accuracyScore(t, p);
        for (const metric of [precisionScore, recallScore, f1Score]) {
          expect(metric(t, p, { average: 'micro' }) as number).toBeCloseTo(acc, 14);
        }
      }),
    );
  });

  it('swapping yTrue and yPred transposes the confusion matrix and swaps precision and recall', () => {
    fc.assert(
      fc.property(labelPairs(2), ([t, p]) => {
        const a = confusionMatrix(t, p).matrix;
        const b = confusionMatrix(p, t).matrix;
        expect(b).toEqual(a[0]!.map((_, j) => a.map((row) => row[j]!)));
        const withBoth = [...t, 0, 1];
        const predBoth = [...p, 0, 1];
        expect(precisionScore(withBoth, predBoth)).toBe(recallScore(predBoth, withBoth));
        expect(f1Score(withBoth, predBoth)).toBeCloseTo(f1Score(predBoth, withBoth) as number, 15);
        expect(accuracyScore(t, p)).toBe(accuracyScore(p, t));
      }),
    );
  });

  it('ROC AUC: row order invariant, in [0, 1], AUC(−s) = 1 − AUC(s), invariant to increasing maps', () => {
    fc.assert(
      fc.property(scored, ([y, s, keys]) => {
        const auc = rocAucScore(y, s) as number;
        expect(inUnit(auc)).toBe(true);
        expect(rocAucScore(permute(y, keys), permute(s, keys)) as number).toBe(auc);
        expect(
          rocAucScore(
            y,
            s.map((v) => -v),
          ) as number,
        ).toBeCloseTo(1 - auc, 14);
        expect(
          rocAucScore(
            y,
            s.map((v) => Math.exp(v) + 3),
          ) as number,
        ).toBe(auc);
        expect(
          rocAucScore(
            y.map((v) => 1 - v),
            s,
          ) as number,
        ).toBeCloseTo(1 - auc, 14);
      }),
    );
  });

  it('probability losses: row order invariant; Brier and ECE in [0, 1]; log loss ≥ 0', () => {
    fc.assert(
      fc.property(scored, ([y, s, keys]) => {
        const p = s.map((v) => 1 / (1 + Math.exp(-v)));
        const ll = logLoss(y, p);
        const brier = brierScoreLoss(y, p);
        const ece = expectedCalibrationError(y, p);
        expect(ll).toBeGreaterThanOrEqual(0);
        expect(inUnit(brier)).toBe(true);
        expect(inUnit(ece)).toBe(true);
        expect(logLoss(permute(y, keys), permute(p, keys))).toBeCloseTo(ll, 12);
        expect(brierScoreLoss(permute(y, keys), permute(p, keys))).toBeCloseTo(brier, 12);
        expect(expectedCalibrationError(permute(y, keys), permute(p, keys))).toBeCloseTo(ece, 12);
      }),
    );
  });

  it('regression metrics: row order invariant, symmetric where the definition is, R² ≤ 1', () => {
    fc.assert(
      fc.property(regression, ([t, p, keys]) => {
        const t2 = permute(t, keys);
        const p2 = permute(p, keys);
        const mse = meanSquaredError(t, p);
        expect(mse).toBeGreaterThanOrEqual(0);
        expect(meanSquaredError(t2, p2)).toBeCloseTo(mse, 8);
        expect(meanSquaredError(p, t)).toBe(mse);
        expect(meanAbsoluteError(p, t)).toBe(meanAbsoluteError(t, p));
        expect(medianAbsoluteError(t2, p2)).toBe(medianAbsoluteError(t, p));
        expect(r2Score(t, p)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
