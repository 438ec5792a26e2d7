import { fileURLToPath } from 'node:url';
import type { DeclaredSignature, ModelRuntime, Predictions } from '@vigie/core/models';
import type { Table } from '@vigie/core/table';
import { loadServedModel, type ServedModel, servedModel } from '../../src/index.js';

const FIXTURES = fileURLToPath(new URL('../../../core/test/fixtures/models/', import.meta.url));

export const PIPELINE = `${FIXTURES}penguins-pipeline.onnx`;
export const LOGREG = `${FIXTURES}penguins-logreg.onnx`;
export const DIABETES = `${FIXTURES}diabetes-gbr.onnx`;

const MEASURES = ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g'];
export const LOGREG_SIGNATURE: DeclaredSignature = {
  task: 'classification',
  inputs: MEASURES.map((name) => ({ name, type: 'numeric' })),
};
export const DIABETES_SIGNATURE: DeclaredSignature = {
  task: 'regression',
  inputs: ['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6'].map((name) => ({
    name,
    type: 'numeric',
  })),
};

/** A row the penguins pipeline (six raw columns, two of them text) takes. */
export const PENGUIN = {
  bill_length_mm: 39.1,
  bill_depth_mm: 18.7,
  flipper_length_mm: 181,
  body_mass_g: 3750,
  island: 'Torgersen',
  sex: 'male',
};

export function penguin(i: number): Record<string, unknown> {
  return { ...PENGUIN, bill_length_mm: 35 + (i % 200) / 10, body_mass_g: 3000 + (i % 97) * 25 };
}

export const openPipeline = (ref = 'penguins@1', beta = false): Promise<ServedModel> =>
  loadServedModel(PIPELINE, { ref, beta });

/** A real model whose answers a function changes (to make them invalid): the runtime interface. */
export function corrupted(inner: ServedModel, ref: string, corrupt: (p: Predictions) => void): ServedModel {
  const model: ModelRuntime = {
    format: inner.model.format,
    signature: inner.model.signature,
    async predict(table: Table) {
      const p = await inner.model.predict(table);
      corrupt(p);
      return p;
    },
    [Symbol.asyncDispose]: async () => {},
  };
  return servedModel(model, ref);
}

/** A model that never answers, or throws: what a broken shadow or candidate does. */
export function broken(
  inner: ServedModel,
  ref: string,
  how: 'hang' | 'throw',
): ServedModel & { calls: () => number } {
  let calls = 0;
  const model: ModelRuntime = {
    format: inner.model.format,
    signature: inner.model.signature,
    predict() {
      calls++;
      if (how === 'throw') return Promise.reject(new Error('the model crashed'));
      return new Promise<never>(() => {});
    },
    [Symbol.asyncDispose]: async () => {},
  };
  return Object.assign(servedModel(model, ref), { calls: () => calls });
}
