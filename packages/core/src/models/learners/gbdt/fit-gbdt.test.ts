import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../random/index.js';
import type { Matrix } from '../../../stats/index.js';
import { float32Floor, float32SafeThreshold, float32UpperEdge } from '../../trees/float32-threshold.js';
import { fitGbdt } from './fit-gbdt.js';
import { gbdtFromJson } from './fitted-gbdt.js';

function data(n: number, seed: number): { x: Matrix; y: Float64Array; value: Float64Array } {
  const rng = createRandom(seed);
  const f = 4;
  const x = new Float64Array(n * f);
  const y = new Float64Array(n);
  const value = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.normal();
    const c = rng.int(5);
    x[i * f] = rng.float() < 0.1 ? Number.NaN : a;
    x[i * f + 1] = b;
    x[i * f + 2] = rng.float() < 0.05 ? Number.NaN : c;
    x[i * f + 3] = rng.normal();
    value[i] = a * b + (c === 2 ? 2 : 0) + 0.1 * rng.normal();
    y[i] = value[i]! > 0.3 ? 1 : 0;
  }
  return { x: { data: x, rows: n, cols: f }, y, value };
}

describe('fitGbdt', () => {
  const { x, y, value } = data(3000, 1);
  const categories = [0, 0, 5, 0];

  it('is deterministic for a seed, frozen, holds no training data, and round-trips through JSON', () => {
    const options = {
      task: 'classification' as const,
      categories,
      subsample: 0.7,
      maxFeatures: 0.5,
      maxIter: 20,
      seed: 3,
    };
    const a = fitGbdt(x, y, options);
    const b = fitGbdt(x, y, options);
    expect(JSON.stringify(a.toJSON())).toBe(JSON.stringify(b.toJSON()));
    expect(JSON.stringify(fitGbdt(x, y, { ...options, seed: 4 }).toJSON())).not.toBe(
      JSON.stringify(a.toJSON()),
    );
    expect(Object.isFrozen(a)).toBe(true);
    const again = gbdtFromJson(JSON.parse(JSON.stringify(a.toJSON())));
    expect(Array.from(again.predictProba(x))).toEqual(Array.from(a.predictProba(x)));
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(a.toJSON()));
  });

  it('learns: binary, multiclass and regression, with missing values and a categorical feature', () => {
    const binary = fitGbdt(x, y, { task: 'classification', categories, maxIter: 50 });
    const p = binary.predict(x);
    expect(p.filter((v, i) => v === y[i]).length / y.length).toBeGreaterThan(0.9);
    const classes = Float64Array.from(value, (v) => (v < -0.5 ? 0 : v < 0.8 ? 1 : 2));
    const multi = fitGbdt(x, classes, { task: 'classification', categories, maxIter: 30 });
    expect(multi.ensemble.trees.length).toBe(90);
    expect(multi.ensemble.link).toBe('softmax');
    const proba = multi.predictProba(x);
    for (let i = 0; i < 30; i++)
      expect(proba[i * 3]! + proba[i * 3 + 1]! + proba[i * 3 + 2]!).toBeCloseTo(1, 12);
    const reg = fitGbdt(x, value, { task: 'regression', categories, maxIter: 50 });
    const fitted = reg.predict(x);
    let ss = 0;
    let tot = 0;
    const mean = value.reduce((s, v) => s + v, 0) / value.length;
    value.forEach((v, i) => {
      ss += (v - fitted[i]!) ** 2;
      tot += (v - mean) ** 2;
    });
    expect(1 - ss / tot).toBeGreaterThan(0.8);
  });

  it('stops early on a held-out share or an explicit validation set', () => {
    const big = data(12_000, 2);
    const auto = fitGbdt(big.x, big.y, { task: 'classification', maxIter: 300 });
    expect(auto.nIter).toBeLessThan(300);
    expect(auto.validationScore.length).toBe(auto.nIter + 1);
    const val = data(500, 3);
    const explicit = fitGbdt(x, y, {
      task: 'classification',
      earlyStopping: true,
      validation: { x: val.x, y: val.y },
      maxIter: 300,
    });
    expect(explicit.nIter).toBeLessThan(300);
    expect(fitGbdt(x, y, { task: 'classification', maxIter: 7 }).nIter).toBe(7);
  });

  it('explains bad input', () => {
    const one = { data: Float64Array.of(1, 2, 3), rows: 3, cols: 1 };
    expect(() => fitGbdt(one, [0, 0, 0], { task: 'classification' })).toThrow(/label is constant/);
    expect(() => fitGbdt(one, [5, 5, 5], { task: 'regression' })).toThrow(/label is constant/);
    expect(() => fitGbdt(one, [0, 1, 2], { task: 'classification', nClasses: 4 })).toThrow(
      /4 classes but only 3 rows/,
    );
    expect(() =>
      fitGbdt({ data: new Float64Array(0), rows: 0, cols: 2 }, [], { task: 'regression' }),
    ).toThrow(/empty/);
    const inf = { data: Float64Array.of(1, Number.POSITIVE_INFINITY, 3), rows: 3, cols: 1 };
    expect(() => fitGbdt(inf, [0, 1, 0], { task: 'classification' })).toThrow(/row 2, feature 1 is Infinity/);
    expect(() => fitGbdt(one, [0, 1, 0.5], { task: 'classification' })).toThrow(/not a class index/);
    expect(() => fitGbdt(one, [0, 1, 0], { task: 'classification', categories: [2] })).toThrow(
      /holds 2, not a code 0..1/,
    );
    expect(() => fitGbdt(one, [0, 1, 0], { task: 'classification', learningRate: 0 })).toThrow(
      /learningRate/,
    );
  });
});

describe('float32-safe thresholds', () => {
  it('make float32 and float64 comparisons agree on every value', () => {
    const rng = createRandom(9);
    for (let k = 0; k < 2000; k++) {
      const a = rng.normal() * 10 ** rng.int(8);
      const b = a + Math.abs(rng.normal()) * 10 ** -rng.int(12);
      if (!(b > a)) continue;
      const t = float32SafeThreshold((a + b) / 2, a, b);
      const t32 = float32Floor(t);
      expect(float32UpperEdge(t32)).toBe(Math.fround(a) < Math.fround(b) ? t : float32UpperEdge(t32));
      if (Math.fround(a) < Math.fround(b)) {
        expect(a <= t && b > t).toBe(true);
        for (const v of [a, b, t, (a + b) / 2, t + 1e-300, Math.fround(t), t * (1 + 1e-16)])
          expect(Math.fround(v) <= t32, `${v}`).toBe(v <= t);
      }
    }
  });
});
