import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden } from '../../../test/support/golden.js';
import { matrixFromRows } from '../../stats/index.js';
import { logisticRegression } from './logistic-regression.js';

interface Case {
  name: string;
  x: number[][];
  y: number[];
  nClasses: number;
  C: number;
  fitIntercept: boolean;
  coef: number[];
  intercept: number[];
  proba: number[];
  sklearn: { proba: number[]; predict: number[] };
}

const golden = loadGolden('learners') as { logistic: Case[] };

// The reference is the exact optimum of scikit-learn's objective (its lbfgs solution refined by Newton
// steps, gradient ≤ 1e-13); scikit-learn itself stops up to 5e-6 short of it, Vigie within 1e-6.
describe('logisticRegression: the optimum of scikit-learn LogisticRegression(lbfgs) objective', () => {
  it.each(golden.logistic.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const fitted = logisticRegression(matrixFromRows(c.x), Int32Array.from(c.y), c.nClasses, {
      C: c.C,
      fitIntercept: c.fitIntercept,
    });
    expect(fitted.converged).toBe(true);
    // L-BFGS stops at a gradient tolerance, not at the last bit of an ill-conditioned optimum.
    const tol = { rel: 1e-5, abs: 1e-8 };
    for (const [i, v] of c.coef.entries())
      expectGolden('logisticRegression.coef', fitted.coef[i]!, v, tol, `${c.name} coef[${i}]`);
    for (const [i, v] of c.intercept.entries())
      expectGolden('logisticRegression.intercept', fitted.intercept[i]!, v, tol, `${c.name} intercept[${i}]`);
    const proba = fitted.predictProba(matrixFromRows(c.x));
    for (const [i, v] of c.proba.entries())
      expectGolden(
        'logisticRegression.proba',
        proba[i]!,
        v,
        { rel: 1e-6, abs: 1e-9 },
        `${c.name} proba[${i}]`,
      );
    // and scikit-learn's own predictions: the same classes, probabilities within its convergence
    const k = c.nClasses;
    c.sklearn.predict.forEach((label, i) => {
      let best = 0;
      for (let j = 1; j < k; j++) if (proba[i * k + j]! > proba[i * k + best]!) best = j;
      expect(best, `${c.name} row ${i}`).toBe(label);
    });
    for (const [i, v] of c.sklearn.proba.entries()) expect(Math.abs(proba[i]! - v)).toBeLessThan(1e-5);
  });

  it('is deterministic, frozen, holds no training data, and explains bad input', () => {
    const c = golden.logistic[0]!;
    const x = matrixFromRows(c.x);
    const a = logisticRegression(x, Int32Array.from(c.y), 3);
    expect(JSON.stringify(logisticRegression(x, Int32Array.from(c.y), 3).toJSON())).toBe(
      JSON.stringify(a.toJSON()),
    );
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.values(a).some((v) => ArrayBuffer.isView(v) && v.buffer === x.data.buffer)).toBe(false);
    expect(() => logisticRegression(x, Int32Array.from(c.y), 1)).toThrow(/single class/);
    expect(() => logisticRegression(matrixFromRows([[Number.NaN]]), Int32Array.from([0]), 2)).toThrow(
      /row 1, feature 1 is not finite/,
    );
  });
});
