import type { InferenceSession } from 'onnxruntime-node';
import { VigieError } from '../../errors/index.js';
import type { SignatureField } from '../runtime.js';
import type { DeclaredSignature } from '../signature.js';
import { type InputPlan, type InputTensorType, isInputTensorType } from './onnx-inputs.js';

function shapeText(shape: ReadonlyArray<number | string | null>): string {
  return `[${shape.map((d) => (typeof d === 'number' ? String(d) : 'N')).join(', ')}]`;
}

interface InputTensor {
  name: string;
  type: InputTensorType;
  shape: ReadonlyArray<number | string>;
}

function inputTensors(metadata: readonly InferenceSession.ValueMetadata[], label: string): InputTensor[] {
  return metadata.map((m) => {
    if (!m.isTensor || !isInputTensorType(m.type))
      throw new VigieError(
        'UNSUPPORTED',
        `${label}: input "${m.name}" is ${m.isTensor ? `a ${m.type} tensor` : 'not a tensor'}; Vigie feeds float, double, int64, int32, string and bool tensors`,
      );
    return { name: m.name, type: m.type, shape: m.shape };
  });
}

const SEMANTIC_OF_TENSOR: Record<InputTensorType, string> = {
  float32: 'numeric',
  float64: 'numeric',
  int64: 'integer',
  int32: 'integer',
  string: 'categorical',
  bool: 'boolean',
};

/**
 * One [N, F] tensor when the model has a single 2-D input that the signature does not name
 * itself (the features are then the signature's inputs, in order); else one tensor per column,
 * named as the column.
 */
export function planInputs(
  metadata: readonly InferenceSession.ValueMetadata[],
  declared: DeclaredSignature,
  label: string,
): InputPlan {
  const tensors = inputTensors(metadata, label);
  const names = tensors.map((t) => t.name);
  const declaredNames = declared.inputs?.map((f) => f.name);
  const sameNames =
    declaredNames !== undefined &&
    declaredNames.length === names.length &&
    declaredNames.every((n) => names.includes(n));
  const only = tensors.length === 1 ? tensors[0]! : null;
  if (only && only.shape.length === 2 && !sameNames) {
    const width = only.shape[1];
    if (!declaredNames || declaredNames.length === 0)
      throw new VigieError(
        'INVALID_ARGUMENT',
        `${label}: the model takes one ${shapeText(only.shape)} ${only.type} tensor "${only.name}" and its file does not say which column is which feature: declare the feature columns, in order, as the signature's inputs (or in a vigie.signature metadata entry)`,
        { details: { field: 'signature.inputs' } },
      );
    if (typeof width === 'number' && width !== declaredNames.length)
      throw new VigieError(
        'INVALID_ARGUMENT',
        `${label}: the model takes ${width} features in "${only.name}" ${shapeText(only.shape)} but the signature lists ${declaredNames.length} (${declaredNames.join(', ')})`,
        { details: { field: 'signature.inputs' } },
      );
    if (only.type === 'string' || only.type === 'bool')
      throw new VigieError(
        'UNSUPPORTED',
        `${label}: "${only.name}" is one ${only.type} tensor of several columns; Vigie feeds numeric [N, F] tensors or one tensor per column`,
      );
    return { kind: 'matrix', tensor: only.name, type: only.type, features: declaredNames };
  }
  if (declaredNames && declaredNames.length > 0 && !sameNames)
    throw new VigieError(
      'INVALID_ARGUMENT',
      `${label}: the signature's inputs (${declaredNames.join(', ')}) are not the model's inputs (${names.join(', ')})`,
      { details: { field: 'signature.inputs' } },
    );
  return {
    kind: 'columns',
    tensors: tensors.map((t) => {
      const { shape } = t;
      if (
        shape.length === 0 ||
        shape.length > 2 ||
        (shape.length === 2 && typeof shape[1] === 'number' && shape[1] !== 1)
      )
        throw new VigieError(
          'UNSUPPORTED',
          `${label}: input "${t.name}" is ${shapeText(shape)}; with several inputs, each must be one column, [N] or [N, 1]`,
        );
      return { tensor: t.name, column: t.name, type: t.type, rank: shape.length === 1 ? 1 : 2 };
    }),
  };
}

/** The signature's inputs: the columns the plan reads, typed as declared or from their tensors. */
export function inputSignature(inputs: InputPlan, declared: DeclaredSignature): SignatureField[] {
  const declaredType = (name: string) => declared.inputs?.find((f) => f.name === name)?.type;
  return inputs.kind === 'matrix'
    ? inputs.features.map((name) => ({ name, type: declaredType(name) ?? 'numeric' }))
    : inputs.tensors.map((t) => ({
        name: t.column,
        type: declaredType(t.column) ?? SEMANTIC_OF_TENSOR[t.type],
      }));
}
