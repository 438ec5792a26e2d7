import { VigieError } from '../../errors/index.js';
import { MISSING_TEXT_METADATA_KEY } from '../onnx/onnx-inputs.js';
import type { OnnxFront } from '../pipeline/pipeline-onnx.js';
import type { ModelSignature } from '../runtime.js';
import { SIGNATURE_METADATA_KEY } from '../signature.js';
import { type Attribute, ElemType, encodeOnnxModel, type OnnxNode } from './onnx-model.js';

/** Numeric preprocessing exported in front of a model: impute, then standardize. */
export interface NumericPreprocessing {
  /** Per feature, the value that replaces NaN (e.g. the training median). */
  impute?: ArrayLike<number>;
  /** Per feature, (x − mean) / scale. */
  mean?: ArrayLike<number>;
  scale?: ArrayLike<number>;
}

export interface LinearClassifierSpec {
  features: string[];
  classes: Array<string | number>;
  /** classes × features, row-major. Binary models may give one row (the positive class's). */
  coefficients: ArrayLike<number>;
  intercepts: ArrayLike<number>;
  preprocessing?: NumericPreprocessing;
  producerVersion: string;
  docString?: string;
}

export interface LinearRegressorSpec {
  features: string[];
  coefficients: ArrayLike<number>;
  intercept: number;
  preprocessing?: NumericPreprocessing;
  producerVersion: string;
  docString?: string;
}

function preprocessingNodes(
  p: NumericPreprocessing | undefined,
  f: number,
): { nodes: OnnxNode[]; output: string } {
  const nodes: OnnxNode[] = [];
  let current = 'X';
  const check = (name: string, v: ArrayLike<number> | undefined) => {
    if (v && v.length !== f)
      throw new VigieError('INVALID_ARGUMENT', `${name} has ${v.length} values for ${f} features`, {
        details: { field: name },
      });
  };
  check('impute', p?.impute);
  check('mean', p?.mean);
  check('scale', p?.scale);
  if (p?.impute) {
    nodes.push({
      op: 'Imputer',
      domain: 'ai.onnx.ml',
      inputs: [current],
      outputs: ['imputed'],
      attributes: { imputed_value_floats: { floats: p.impute }, replaced_value_float: { f: Number.NaN } },
    });
    current = 'imputed';
  }
  if (p?.mean || p?.scale) {
    const scale = Array.from({ length: f }, (_, j) => 1 / (p.scale?.[j] || 1));
    nodes.push({
      op: 'Scaler',
      domain: 'ai.onnx.ml',
      inputs: [current],
      outputs: ['scaled'],
      attributes: { offset: { floats: p.mean ?? new Float64Array(f) }, scale: { floats: scale } },
    });
    current = 'scaled';
  }
  return { nodes, output: current };
}

/** The signature, and the text a missing value is in string inputs (the encoders treat it as unseen). */
export function signatureMetadata(signature: ModelSignature): Record<string, string> {
  return { [SIGNATURE_METADATA_KEY]: JSON.stringify(signature), [MISSING_TEXT_METADATA_KEY]: '' };
}

/**
 * A linear classifier as ONNX: input `X` float [N, F] (features in `spec.features` order, NaN for
 * missing), optional imputation and standardization, then ai.onnx.ml LinearClassifier with a
 * softmax, giving `label` [N] and `probabilities` [N, K]. The signature is stored in the metadata.
 */
export function linearClassifierOnnx(spec: LinearClassifierSpec): Uint8Array {
  return linearClassifierFromFront(matrixFront(spec.features, spec.preprocessing), {
    ...spec,
    nFeatures: spec.features.length,
  });
}

/** A linear regressor as ONNX: input `X` float [N, F], then ai.onnx.ml LinearRegressor, `value` [N, 1]. */
export function linearRegressorOnnx(spec: LinearRegressorSpec): Uint8Array {
  return linearRegressorFromFront(matrixFront(spec.features, spec.preprocessing), {
    ...spec,
    nFeatures: spec.features.length,
  });
}

/** A front that is one float input `X` [N, F] with optional imputation and scaling. */
function matrixFront(features: string[], p: NumericPreprocessing | undefined): OnnxFront {
  const pre = preprocessingNodes(p, features.length);
  return {
    inputs: [{ name: 'X', elemType: ElemType.FLOAT, shape: ['N', features.length] }],
    nodes: pre.nodes,
    initializers: [],
    output: pre.output,
    signatureInputs: features.map((name) => ({ name, type: 'numeric' })),
  };
}

export interface LinearHead {
  producerVersion: string;
  docString?: string;
}

/** A linear classifier behind a front (raw columns through a feature pipeline, or `X`). */
export function linearClassifierFromFront(
  front: OnnxFront,
  spec: LinearHead & {
    nFeatures: number;
    classes: Array<string | number>;
    coefficients: ArrayLike<number>;
    intercepts: ArrayLike<number>;
  },
): Uint8Array {
  const f = spec.nFeatures;
  const k = spec.classes.length;
  let coefficients = Array.from(spec.coefficients);
  let intercepts = Array.from(spec.intercepts);
  // One row for two classes (a logistic regression): softmax([0, z]) = [1 − σ(z), σ(z)].
  if (k === 2 && coefficients.length === f) {
    coefficients = [...new Array<number>(f).fill(0), ...coefficients];
    intercepts = [0, intercepts[0] ?? 0];
  }
  if (coefficients.length !== k * f || intercepts.length !== k)
    throw new VigieError('INVALID_ARGUMENT', `expected ${k}×${f} coefficients and ${k} intercepts`, {
      details: { field: 'coefficients' },
    });
  const numeric = spec.classes.every((c) => typeof c === 'number' && Number.isInteger(c));
  const labels: Attribute = numeric
    ? { ints: spec.classes as number[] }
    : { strings: spec.classes.map(String) };
  const signature: ModelSignature = {
    task: 'classification',
    inputs: front.signatureInputs,
    outputs: [
      { name: 'label', type: numeric ? 'int64' : 'string' },
      { name: 'probabilities', type: 'float' },
    ],
    classes: spec.classes,
  };
  return encodeOnnxModel({
    graphName: 'vigie_linear_classifier',
    producerVersion: spec.producerVersion,
    ...(spec.docString ? { docString: spec.docString } : {}),
    opsets: { '': 15, 'ai.onnx.ml': 3 },
    inputs: front.inputs,
    initializers: front.initializers,
    outputs: [
      { name: 'label', elemType: numeric ? ElemType.INT64 : ElemType.STRING, shape: ['N'] },
      { name: 'probabilities', elemType: ElemType.FLOAT, shape: ['N', k] },
    ],
    nodes: [
      ...front.nodes,
      {
        op: 'LinearClassifier',
        domain: 'ai.onnx.ml',
        inputs: [front.output],
        outputs: ['label', 'probabilities'],
        attributes: {
          coefficients: { floats: coefficients },
          intercepts: { floats: intercepts },
          [numeric ? 'classlabels_ints' : 'classlabels_strings']: labels,
          multi_class: { i: 0 },
          post_transform: { s: 'SOFTMAX' },
        },
      },
    ],
    metadata: signatureMetadata(signature),
  });
}

/** A linear regressor behind a front: `value` [N, 1]. */
export function linearRegressorFromFront(
  front: OnnxFront,
  spec: LinearHead & { nFeatures: number; coefficients: ArrayLike<number>; intercept: number },
): Uint8Array {
  if (spec.coefficients.length !== spec.nFeatures)
    throw new VigieError('INVALID_ARGUMENT', `expected ${spec.nFeatures} coefficients`, {
      details: { field: 'coefficients' },
    });
  const signature: ModelSignature = {
    task: 'regression',
    inputs: front.signatureInputs,
    outputs: [{ name: 'value', type: 'float' }],
  };
  return encodeOnnxModel({
    graphName: 'vigie_linear_regressor',
    producerVersion: spec.producerVersion,
    ...(spec.docString ? { docString: spec.docString } : {}),
    opsets: { '': 15, 'ai.onnx.ml': 3 },
    inputs: front.inputs,
    initializers: front.initializers,
    outputs: [{ name: 'value', elemType: ElemType.FLOAT, shape: ['N', 1] }],
    nodes: [
      ...front.nodes,
      {
        op: 'LinearRegressor',
        domain: 'ai.onnx.ml',
        inputs: [front.output],
        outputs: ['value'],
        attributes: {
          coefficients: { floats: spec.coefficients },
          intercepts: { floats: [spec.intercept] },
          targets: { i: 1 },
        },
      },
    ],
    metadata: signatureMetadata(signature),
  });
}
