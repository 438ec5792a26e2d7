import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden } from '../../../test/support/golden.js';
import { matrixFromRows } from '../../stats/index.js';
import { linearRegression } from './linear-regression.js';
import { logisticRegressionL1 } from './logistic-regression.js';

interface LinearCase {
  name: string;
  x: number[][];
  y: number[];
  alpha: number;
  coef: number[];
  intercept: number;
  predict: number[];
}
interface L1Case {
  name: string;
  x: number[][];
  y: number[];
  nClasses: number;
  C: number;
  coef: number[];
  intercept: number[];
  proba: number[];
}

const golden = loadGolden('learners') as { linear: LinearCase[]; logisticL1: L1Case[] };

describe('linearRegression against scikit-learn LinearRegression and Ridge', () => {
  it.each(golden.linear.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const fitted = linearRegression(matrixFromRows(c.x), Float64Array.from(c.y), { alpha: c.alpha });
    for (const [i, v] of c.coef.entries())
      expectGolden(
        'linearRegression.coef',
        fitted.coef[i]!,
        v,
        { rel: 1e-9, abs: 1e-10 },
        `${c.name} coef[${i}]`,
      );
    expectGolden(
      'linearRegression.intercept',
      fitted.intercept,
      c.intercept,
      { rel: 1e-9, abs: 1e-10 },
      c.name,
    );
    const p = fitted.predict(matrixFromRows(c.x));
    for (const [i, v] of c.predict.entries())
      expectGolden('linearRegression.predict', p[i]!, v, { rel: 1e-9, abs: 1e-9 }, `${c.name} row ${i}`);
  });

  it('refuses non-finite input and a negative alpha', () => {
    expect(() => linearRegression(matrixFromRows([[1], [Number.NaN]]), Float64Array.from([1, 2]))).toThrow(
      /row 2, feature 1 is not finite/,
    );
    expect(() => linearRegression(matrixFromRows([[1]]), Float64Array.from([1]), { alpha: -1 })).toThrow(
      /alpha must be ≥ 0/,
    );
  });
});

// saga stops at its own tolerance; both solve the same convex problem, so the coefficients agree to
// ~1e-4 and the features set to zero are the same.
describe('logisticRegressionL1 against scikit-learn LogisticRegression(l1_ratio=1, solver=saga)', () => {
  it.each(golden.logisticL1.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const fitted = logisticRegressionL1(matrixFromRows(c.x), Int32Array.from(c.y), c.nClasses, { C: c.C });
    expect(fitted.converged).toBe(true);
    for (const [i, v] of c.coef.entries()) {
      expect(fitted.coef[i] === 0, `${c.name} coef[${i}] zero pattern`).toBe(v === 0);
      expectGolden(
        'logisticRegressionL1.coef',
        fitted.coef[i]!,
        v,
        { rel: 2e-4, abs: 1e-5 },
        `${c.name} coef[${i}]`,
      );
    }
    const proba = fitted.predictProba(matrixFromRows(c.x));
    for (const [i, v] of c.proba.entries()) expect(Math.abs(proba[i]! - v)).toBeLessThan(1e-4);
  });
});
