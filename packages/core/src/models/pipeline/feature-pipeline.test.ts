import { describe, expect, it } from 'vitest';
import { boolColumn, createTable, dictColumnFromStrings, float64Column } from '../../table/index.js';
import { logisticRegression } from '../learners/logistic-regression.js';
import { openOnnxModel } from '../onnx/index.js';
import { linearClassifierFromFront, linearRegressorFromFront } from '../onnx-export/linear-model.js';
import { fitPipeline } from './feature-pipeline.js';
import { pipelineOnnx } from './pipeline-onnx.js';

const n = 60;
const train = createTable([
  dictColumnFromStrings(
    'id',
    Array.from({ length: n }, (_, i) => `r${i}`),
  ),
  float64Column(
    'size',
    Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? Number.NaN : (i % 13) * 1.5)),
  ),
  boolColumn(
    'flag',
    Uint8Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 255 : i % 2)),
  ),
  dictColumnFromStrings(
    'color',
    Array.from({ length: n }, (_, i) => (i % 11 === 0 ? null : ['red', 'green', 'blue'][i % 3]!)),
  ),
  dictColumnFromStrings(
    'y',
    Array.from({ length: n }, (_, i) => ((i % 13) * 1.5 + (i % 3) > 9 ? 'big' : 'small')),
  ),
  float64Column('empty', new Float64Array(n).fill(Number.NaN)),
]);
(train.columns[0] as { type: string }).type = 'id';

describe('feature pipelines', () => {
  it('linear: median imputation, standardization, one-hot; ids and empty columns left out', () => {
    const p = fitPipeline(train, { kind: 'linear', exclude: ['y'] });
    expect(p.features).toEqual(['size', 'flag', 'color=blue', 'color=green', 'color=red']);
    expect(p.dropped).toEqual([
      { name: 'id', reason: 'a id column is not a feature' },
      { name: 'empty', reason: 'every value is missing' },
    ]);
    const x = p.transform(train);
    const size = Array.from({ length: n }, (_, i) => x.data[i * 5]!);
    const mean = size.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(size.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    expect(mean).toBeCloseTo(0, 12);
    expect(sd).toBeCloseTo(1, 12);
    // a missing category is all zeros
    expect(Array.from(x.data.subarray(0, 5)).slice(2)).toEqual([0, 0, 0]);
  });

  it('refuses infinite values and too many categories, naming the column', () => {
    const bad = createTable([float64Column('v', Float64Array.from([1, Number.POSITIVE_INFINITY]))]);
    expect(() => fitPipeline(bad, { kind: 'linear', exclude: [] })).toThrow(
      'column "v", row 2: Infinity is not a finite value',
    );
    const many = createTable([dictColumnFromStrings('c', ['a', 'b', 'c'])]);
    expect(() => fitPipeline(many, { kind: 'trees', exclude: [], maxCategories: 2 })).toThrow(
      /"c" has 3 categories/,
    );
  });

  it('exported in front of a model, gives in ONNX Runtime what it gives in process', async () => {
    const p = fitPipeline(train, { kind: 'linear', exclude: ['y'] });
    const x = p.transform(train);
    const y = Int32Array.from({ length: n }, (_, i) => ((i % 13) * 1.5 + (i % 3) > 9 ? 0 : 1));
    const fitted = logisticRegression(x, y, 2);
    const bytes = linearClassifierFromFront(pipelineOnnx(p), {
      nFeatures: x.cols,
      classes: ['big', 'small'],
      coefficients: fitted.coef,
      intercepts: fitted.intercept,
      producerVersion: 'test',
    });
    await using model = await openOnnxModel(bytes);
    expect(model.signature.inputs).toEqual([
      { name: 'size', type: 'numeric' },
      { name: 'flag', type: 'numeric' },
      { name: 'color', type: 'categorical' },
    ]);
    const got = await model.predict(train);
    const expected = fitted.predictProba(x);
    for (let i = 0; i < n * 2; i++)
      expect(Math.abs(got.probabilities![i]! - expected[i]!)).toBeLessThan(1e-5);
  });

  it('trees: raw numbers with NaN, categories as codes (unseen → NaN)', async () => {
    const p = fitPipeline(train, { kind: 'trees', exclude: ['y'] });
    expect(p.features).toEqual(['size', 'flag', 'color']);
    const x = p.transform(train);
    expect(Number.isNaN(x.data[0]!)).toBe(true); // row 0: size missing stays missing
    // read the codes back through ONNX: value = the color feature
    const bytes = linearRegressorFromFront(pipelineOnnx(p), {
      nFeatures: 3,
      coefficients: [0, 0, 1],
      intercept: 0,
      producerVersion: 't',
    });
    await using model = await openOnnxModel(bytes);
    const test = createTable([
      float64Column('size', Float64Array.from([1, 2, 3])),
      float64Column('flag', Float64Array.from([0, 1, 0])),
      dictColumnFromStrings('color', ['blue', 'green', 'red']),
    ]);
    const got = await model.predict(test);
    expect(Array.from(got.values!)).toEqual(
      ['blue', 'green', 'red'].map((c) => p.columns[2]!.categories!.indexOf(c)),
    );
    // an unseen category is missing, as in the ONNX LabelEncoder's default
    const unseen = p.transform(
      createTable([...test.columns.slice(0, 2), dictColumnFromStrings('color', ['purple', 'red', 'red'])]),
    );
    expect(Number.isNaN(unseen.data[2]!)).toBe(true);
  });
});
