import { describe, expect, it } from 'vitest';
import { createTable, float64Column } from '../../table/index.js';
import { openOnnxModel } from '../onnx/index.js';
import { linearClassifierOnnx, linearRegressorOnnx } from './linear-model.js';

const rows = [
  [1.0, 2.0],
  [Number.NaN, -1.5],
  [3.5, Number.NaN],
  [-2.0, 0.25],
];
const table = createTable([
  float64Column('a', Float64Array.from(rows.map((r) => r[0]!))),
  float64Column('b', Float64Array.from(rows.map((r) => r[1]!))),
]);
const pre = { impute: [0.5, 1.0], mean: [0.25, -0.5], scale: [2, 4] };
const prepared = (r: number[]) =>
  r.map((v, j) => ((Number.isNaN(v) ? pre.impute[j]! : v) - pre.mean[j]!) / pre.scale[j]!);

describe('ONNX export of linear models, run by ONNX Runtime', () => {
  it('a multinomial classifier gives the softmax of the linear scores, with string classes and the signature', async () => {
    const coefficients = [0.5, -1, 2, 0.25, -0.75, 1.5];
    const intercepts = [0.1, -0.2, 0.3];
    const bytes = linearClassifierOnnx({
      features: ['a', 'b'],
      classes: ['x', 'y', 'z'],
      coefficients,
      intercepts,
      preprocessing: pre,
      producerVersion: 'test',
    });
    await using model = await openOnnxModel(bytes);
    expect(model.signature).toMatchObject({
      task: 'classification',
      classes: ['x', 'y', 'z'],
      inputs: [{ name: 'a' }, { name: 'b' }],
    });
    const p = await model.predict(table);
    rows.forEach((r, i) => {
      const x = prepared(r);
      const z = [0, 1, 2].map(
        (k) => intercepts[k]! + coefficients[2 * k]! * x[0]! + coefficients[2 * k + 1]! * x[1]!,
      );
      const m = Math.max(...z);
      const e = z.map((v) => Math.exp(v - m));
      const sum = e.reduce((a, b) => a + b);
      for (let k = 0; k < 3; k++) expect(p.probabilities![i * 3 + k]).toBeCloseTo(e[k]! / sum, 6);
      expect(p.labels![i]).toBe(z.indexOf(m));
    });
  });

  it('a binary classifier from one row of coefficients gives the logistic function', async () => {
    const bytes = linearClassifierOnnx({
      features: ['a', 'b'],
      classes: [0, 1],
      coefficients: [1.5, -0.5],
      intercepts: [0.2],
      producerVersion: 'test',
      preprocessing: { impute: [0, 0] },
    });
    await using model = await openOnnxModel(bytes);
    const p = await model.predict(table);
    rows.forEach((r, i) => {
      const x = r.map((v) => (Number.isNaN(v) ? 0 : v));
      const q = 1 / (1 + Math.exp(-(0.2 + 1.5 * x[0]! - 0.5 * x[1]!)));
      expect(p.probabilities![i * 2 + 1]).toBeCloseTo(q, 6);
      expect(p.labels![i]).toBe(q > 0.5 ? 1 : 0);
    });
  });

  it('a regressor gives the linear prediction', async () => {
    const bytes = linearRegressorOnnx({
      features: ['a', 'b'],
      coefficients: [2, -3],
      intercept: 0.5,
      preprocessing: pre,
      producerVersion: 'test',
    });
    await using model = await openOnnxModel(bytes);
    expect(model.signature.task).toBe('regression');
    const p = await model.predict(table);
    rows.forEach((r, i) => {
      const x = prepared(r);
      expect(p.values![i]).toBeCloseTo(0.5 + 2 * x[0]! - 3 * x[1]!, 5);
    });
  });

  it('refuses coefficients that do not fit', () => {
    expect(() =>
      linearClassifierOnnx({
        features: ['a'],
        classes: ['x', 'y', 'z'],
        coefficients: [1, 2],
        intercepts: [0, 0, 0],
        producerVersion: 't',
      }),
    ).toThrow(/3×1 coefficients/);
  });
});
