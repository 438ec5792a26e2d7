import { describe, expect, it } from 'vitest';
import { openModel } from '../models/index.js';
import type { ModelSignature } from '../models/runtime.js';
import { createRandom } from '../random/index.js';
import { createTable, dictColumnFromStrings, float64Column } from '../table/index.js';
import { createFakeModel } from './fake-model.js';
import { fitFakeModel } from './fit-fake-model.js';

const signature: ModelSignature = {
  task: 'classification',
  inputs: [
    { name: 'length', type: 'numeric' },
    { name: 'island', type: 'categorical' },
  ],
  outputs: [],
  classes: ['A', 'B', 'C'],
};
const table = createTable([
  float64Column('length', Float64Array.from([30, 45, Number.NaN, 60])),
  dictColumnFromStrings('island', ['B', 'x', 'C', null]),
]);

describe('createFakeModel', () => {
  it('constant: the same label and probabilities for every row', async () => {
    const m = createFakeModel(signature, {
      kind: 'constant',
      output: 'B',
      probabilities: { A: 0.2, B: 0.5, C: 0.3 },
    });
    const p = await m.predict(table);
    expect(Array.from(p.labels!)).toEqual([1, 1, 1, 1]);
    expect(Array.from(p.probabilities!.slice(0, 3))).toEqual([0.2, 0.5, 0.3]);
    expect(m.format).toBe('fake:constant');
  });

  it('rule: a threshold on a number, missing values to "otherwise"', async () => {
    const m = createFakeModel(signature, {
      kind: 'rule',
      feature: 'length',
      threshold: 40,
      below: 'A',
      above: 'C',
      otherwise: 'B',
    });
    const p = await m.predict(table);
    expect(Array.from(p.labels!)).toEqual([0, 2, 1, 2]);
    expect(Array.from(p.probabilities!.slice(3, 6))).toEqual([0, 0, 1]);
  });

  it('rule on a category, and echo of a feature', async () => {
    const rule = createFakeModel(signature, {
      kind: 'rule',
      feature: 'island',
      cases: { B: 'B', C: 'C' },
      otherwise: 'A',
    });
    expect(Array.from((await rule.predict(table)).labels!)).toEqual([1, 0, 2, 0]);
    const echo = createFakeModel(signature, { kind: 'echo', feature: 'island', otherwise: 'A' });
    expect(Array.from((await echo.predict(table)).labels!)).toEqual([1, 0, 2, 0]);
    const reg = createFakeModel(
      { task: 'regression', inputs: [], outputs: [] },
      { kind: 'echo', feature: 'length', scale: 2, offset: 1, otherwise: 0 },
    );
    expect(Array.from((await reg.predict(table)).values!)).toEqual([61, 91, 0, 121]);
  });

  it('refuses outputs that are not classes, and regressions of text', async () => {
    expect(() => createFakeModel(signature, { kind: 'constant', output: 'Z' })).toThrow(
      /"Z" is not one of the classes \(A, B, C\)/,
    );
    expect(() =>
      createFakeModel({ task: 'regression', inputs: [], outputs: [] }, { kind: 'constant', output: 'A' }),
    ).toThrow(/must be a finite number/);
    const m = createFakeModel(signature, {
      kind: 'rule',
      feature: 'nope',
      threshold: 1,
      below: 'A',
      above: 'B',
      otherwise: 'A',
    });
    await expect(m.predict(table)).rejects.toThrow(/no column "nope"/);
  });
});

describe('fitFakeModel', () => {
  // Three classes separated by length, with a categorical column and a few missing values.
  const rng = createRandom(3);
  const n = 90;
  const label = Array.from({ length: n }, (_, i) => ['A', 'B', 'C'][i % 3]!);
  const fixture = createTable([
    float64Column(
      'length',
      Float64Array.from(label, (l, i) =>
        i % 17 === 0 ? Number.NaN : 35 + 8 * 'ABC'.indexOf(l) + 3 * rng.normal(),
      ),
    ),
    dictColumnFromStrings(
      'island',
      label.map((l, i) => (i % 5 === 0 ? 'Dream' : l === 'C' ? 'Biscoe' : 'Dream')),
    ),
    dictColumnFromStrings('species', label),
  ]);

  it('fits in process and exports the same model as ONNX, signature included', async () => {
    const fake = fitFakeModel(fixture, { label: 'species', producerVersion: 'test' });
    expect(fake.signature).toMatchObject({ task: 'classification', classes: ['A', 'B', 'C'] });
    expect(fake.signature.inputs.map((i) => i.name)).toEqual(['length', 'island']);
    const inProcess = await fake.model.predict(fixture);
    await using onnx = await openModel(fake.onnx);
    expect(onnx.signature.classes).toEqual(['A', 'B', 'C']);
    const viaOnnx = await onnx.predict(fixture);
    expect(Array.from(viaOnnx.labels!)).toEqual(Array.from(inProcess.labels!));
    let worst = 0;
    for (let i = 0; i < inProcess.probabilities!.length; i++)
      worst = Math.max(worst, Math.abs(inProcess.probabilities![i]! - viaOnnx.probabilities![i]!));
    expect(worst).toBeLessThan(1e-5);
    // A stand-in worth its name: it learned the classes.
    const correct = Array.from(inProcess.labels!).filter((l, i) => ['A', 'B', 'C'][l] === label[i]).length;
    expect(correct / n).toBeGreaterThan(0.8);
  });

  it('fits small boosted trees too (not linear in the inputs), equal to their ONNX export', async () => {
    const fake = fitFakeModel(fixture, { label: 'species', trainer: 'gbdt', producerVersion: 'test' });
    expect(fake.model.format).toBe('fake:gbdt');
    const inProcess = await fake.model.predict(fixture);
    await using onnx = await openModel(fake.onnx);
    const viaOnnx = await onnx.predict(fixture);
    expect(Array.from(viaOnnx.labels!)).toEqual(Array.from(inProcess.labels!));
    let worst = 0;
    for (let i = 0; i < inProcess.probabilities!.length; i++)
      worst = Math.max(worst, Math.abs(inProcess.probabilities![i]! - viaOnnx.probabilities![i]!));
    expect(worst).toBeLessThan(1e-5);
  });
});
