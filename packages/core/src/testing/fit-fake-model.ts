import type { ModelRuntime, ModelSignature, Predictions } from '../models/runtime.js';
import { gbdtTrainer } from '../models/trainers/gbdt-trainer.js';
import { type BuiltinModel, trainBuiltin } from '../models/trainers/train-builtin.js';
import { validatePredictions } from '../models/validate-predictions.js';
import { getColumn, type Table } from '../table/index.js';

export interface FitFakeOptions {
  label: string;
  /**
   * `logistic` (classification, default), `linear` (regression), or `gbdt`: small boosted trees
   * (20 trees of at most 8 leaves), for a stand-in whose answers are not linear in the inputs.
   */
  trainer?: 'logistic' | 'linear' | 'gbdt';
  features?: readonly string[];
  /** Vigie's version, recorded as the ONNX producer. */
  producerVersion: string;
}

export interface FittedFake {
  /** The model run in process (no ONNX Runtime): the fast stand-in. */
  model: ModelRuntime;
  /** The same model as a self-contained ONNX file (signature in its metadata), for `vigie serve`. */
  onnx: Uint8Array;
  signature: ModelSignature;
  builtin: BuiltinModel;
}

/**
 * A tiny model fitted on fixture data with a built-in learner (logistic or linear regression,
 * deterministic): a stand-in whose answers depend on the inputs as a real model's do, fitted in
 * milliseconds on a few hundred rows. Run in process, or served from its ONNX export.
 */
export function fitFakeModel(table: Table, options: FitFakeOptions): FittedFake {
  const trainer = options.trainer ?? 'logistic';
  const builtin = trainBuiltin(
    {
      trainer,
      train: table,
      label: options.label,
      ...(options.features ? { features: options.features } : {}),
      ...(trainer === 'gbdt' ? { params: { maxIter: 20, maxLeafNodes: 8, earlyStopping: false } } : {}),
      seed: 0,
      producerVersion: options.producerVersion,
    },
    gbdtTrainer,
  );
  const names = builtin.pipeline.columns.map((c) => c.name);
  const signature: ModelSignature = {
    task: builtin.task,
    inputs: names.map((name) => ({ name, type: getColumn(table, name).type })),
    outputs:
      builtin.task === 'regression'
        ? [{ name: 'value', type: 'float' }]
        : [{ name: 'label', type: 'string' }],
    ...(builtin.classes ? { classes: builtin.classes } : {}),
  };
  const model: ModelRuntime = {
    format: `fake:${builtin.trainer}`,
    signature,
    async predict(t: Table): Promise<Predictions> {
      const p = builtin.predict(t);
      validatePredictions(p, t.rowCount, 'fake model (fitted)');
      return p;
    },
    async [Symbol.asyncDispose]() {},
  };
  return { model, onnx: builtin.onnx, signature, builtin };
}
