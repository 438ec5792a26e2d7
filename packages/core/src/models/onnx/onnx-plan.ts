import type { InferenceSession } from 'onnxruntime-node';
import { VigieError } from '../../errors/index.js';
import type { ModelSignature, SignatureField, Task } from '../runtime.js';
import { completeSignature, type DeclaredSignature } from '../signature.js';
import type { OnnxFile, OnnxType } from './onnx-file.js';
import { type InputPlan, type InputTensorType, isInputTensorType } from './onnx-inputs.js';

type ValueMetadata = InferenceSession.ValueMetadata;

/** Which outputs to fetch and what each one is. */
export interface OutputPlan {
  /** Class labels (string or integer tensor, [N] or [N, 1]). */
  label: string | null;
  /** Class probabilities, [N, K] float (for a ZipMap output: the tensor the ZipMap reads). */
  probabilities: string | null;
  /** Regression values, [N] or [N, 1] float. */
  value: string | null;
  fetches: string[];
  /**
   * The classes as the label output names them, in probability order: the file's own when it
   * has them (a declared signature may rename them), else the declared ones.
   */
  labelClasses: Array<string | number> | null;
}

export interface OnnxPlan {
  signature: ModelSignature;
  inputs: InputPlan;
  outputs: OutputPlan;
}

/** What ONNX Runtime tells about a loaded model. */
export interface SessionInfo {
  readonly inputMetadata: readonly ValueMetadata[];
  readonly outputMetadata: readonly ValueMetadata[];
}

const SEMANTIC_OF_TENSOR: Record<string, string> = {
  float32: 'numeric',
  float64: 'numeric',
  int64: 'integer',
  int32: 'integer',
  string: 'categorical',
  bool: 'boolean',
};

const ONNX_ELEM_NAMES: Record<number, string> = {
  1: 'float',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  11: 'double',
};
const TENSOR_NAMES: Record<string, string> = { float32: 'float', float64: 'double' };

function tensorTypeName(type: string): string {
  return `tensor(${TENSOR_NAMES[type] ?? type})`;
}

function onnxTypeName(type: OnnxType | null): string {
  if (!type) return 'unknown';
  switch (type.kind) {
    case 'tensor':
      return `tensor(${ONNX_ELEM_NAMES[type.elemType] ?? type.elemType})`;
    case 'sequence':
      return `seq(${onnxTypeName(type.elem)})`;
    case 'map':
      return `map(${ONNX_ELEM_NAMES[type.keyType] ?? type.keyType},${onnxTypeName(type.value)})`;
    default:
      return 'unknown';
  }
}

function shapeText(shape: ReadonlyArray<number | string>): string {
  return `[${shape.map((d) => (typeof d === 'number' ? String(d) : 'N')).join(', ')}]`;
}

/**
 * The graph outputs that are ZipMaps (sequences of maps, which ONNX Runtime's node API cannot
 * return), each with the probability tensor its ZipMap reads: that tensor is fetched instead.
 */
export function zipMapSources(file: OnnxFile): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of file.outputs) {
    if (o.type?.kind === 'tensor') continue;
    const node = file.nodes.find((n) => n.opType === 'ZipMap' && n.outputs.includes(o.name));
    if (node?.inputs[0]) out.set(o.name, node.inputs[0]);
  }
  return out;
}

/** The class labels the file's ai.onnx.ml operators agree on, or null. */
function fileClasses(file: OnnxFile, probabilityOutput: string | null): Array<string | number> | null {
  const zipMap = file.nodes.find((n) => n.opType === 'ZipMap' && n.outputs.includes(probabilityOutput ?? ''));
  if (zipMap?.classLabels) return zipMap.classLabels;
  const lists = file.nodes.flatMap((n) => (n.classLabels ? [n.classLabels] : []));
  if (lists.length === 0) return null;
  const first = JSON.stringify(lists[0]);
  return lists.every((l) => JSON.stringify(l) === first) ? lists[0]! : null;
}

interface InputTensor {
  name: string;
  type: InputTensorType;
  shape: ReadonlyArray<number | string>;
}

function inputTensors(session: SessionInfo, label: string): InputTensor[] {
  return session.inputMetadata.map((m) => {
    if (!m.isTensor || !isInputTensorType(m.type))
      throw new VigieError(
        'UNSUPPORTED',
        `${label}: input "${m.name}" is ${m.isTensor ? `a ${m.type} tensor` : 'not a tensor'}; Vigie feeds float, double, int64, int32, string and bool tensors`,
      );
    return { name: m.name, type: m.type, shape: m.shape };
  });
}

/**
 * One [N, F] tensor when the model has a single 2-D input that the signature does not name
 * itself (the features are then the signature's inputs, in order); else one tensor per column,
 * named as the column.
 */
function planInputs(tensors: InputTensor[], declared: DeclaredSignature, label: string): InputPlan {
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
        `${label}: the model takes one ${shapeText(only.shape)} ${only.type} tensor "${only.name}" and its file does not say which column is which feature: declare the feature columns, in order, as the signature's inputs (or in a ${'vigie.signature'} metadata entry)`,
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

const LABEL_TYPES = new Set(['string', 'int64', 'int32']);
const FLOAT_TYPES = new Set(['float32', 'float64']);

/** [N], [N, 1] or a shape ONNX Runtime does not know. */
function oneValuePerRow(shape: ReadonlyArray<number | string>): boolean {
  return shape.length === 1 || (shape.length === 2 && shape[1] === 1);
}

/**
 * Finds the label, probability and value outputs by their types: a string or integer tensor of
 * one value per row is the label; a 2-D float tensor of more than one column (or a ZipMap) holds
 * the probabilities; a float tensor of one value per row is a regression's value. When the
 * signature names outputs, only those are considered.
 */
function planOutputs(
  session: SessionInfo,
  declared: DeclaredSignature,
  zipMaps: ReadonlyMap<string, string>,
  label: string,
): OutputPlan {
  const available = new Map(session.outputMetadata.map((m) => [m.name, m]));
  const wanted = declared.outputs?.map((o) => o.name);
  for (const name of wanted ?? [])
    if (!available.has(name))
      throw new VigieError(
        'INVALID_ARGUMENT',
        `${label}: the signature names output "${name}", which the model does not have (it has ${[...available.keys()].join(', ')})`,
        { details: { field: 'signature.outputs' } },
      );
  const candidates = (wanted ?? [...available.keys()]).filter((n) => !zipMapExposed(zipMaps, n));
  let labelOut: string | null = null;
  let probabilities: string | null = null;
  let value: string | null = null;
  for (const name of candidates) {
    const m = available.get(name)!;
    if (!m.isTensor) {
      const source = zipMaps.get(name);
      if (source && !probabilities) probabilities = source;
      continue;
    }
    if (LABEL_TYPES.has(m.type) && oneValuePerRow(m.shape)) labelOut ??= name;
    else if (FLOAT_TYPES.has(m.type) && m.shape.length === 2 && m.shape[1] !== 1) probabilities ??= name;
    else if (FLOAT_TYPES.has(m.type) && oneValuePerRow(m.shape)) value ??= name;
  }
  const fetches = [labelOut, probabilities, value].filter((n): n is string => n !== null);
  if (fetches.length === 0)
    throw new VigieError(
      'UNSUPPORTED',
      `${label}: no output holds labels, probabilities or values (outputs: ${[...available.values()].map(describeOutput).join(', ')})`,
    );
  return { label: labelOut, probabilities, value, fetches, labelClasses: null };
}

function zipMapExposed(zipMaps: ReadonlyMap<string, string>, name: string): boolean {
  for (const source of zipMaps.values()) if (source === name) return true;
  return false;
}

function describeOutput(m: ValueMetadata): string {
  return m.isTensor ? `${m.name} ${m.type}${shapeText(m.shape)}` : `${m.name} (not a tensor)`;
}

/**
 * Reads the model's signature and decides how to feed and read it. `declared` (the vigie.signature
 * metadata entry, then what the caller declared, merged) overrides or completes what the graph
 * says: the task, the classes, the feature order of a single [N, F] input.
 */
export function planOnnxModel(
  session: SessionInfo,
  file: OnnxFile,
  declared: DeclaredSignature,
  zipMaps: ReadonlyMap<string, string>,
  label: string,
): OnnxPlan {
  const tensors = inputTensors(session, label);
  const inputs = planInputs(tensors, declared, label);
  const outputs = planOutputs(session, declared, zipMaps, label);
  const zipMapOutput = [...zipMaps.entries()].find(([, source]) => source === outputs.probabilities)?.[0];
  const inFile = fileClasses(file, zipMapOutput ?? outputs.probabilities);
  if (declared.classes && inFile && declared.classes.length !== inFile.length)
    throw new VigieError(
      'INVALID_ARGUMENT',
      `${label}: the signature has ${declared.classes.length} classes (${declared.classes.join(', ')}) but the model has ${inFile.length} (${inFile.join(', ')})`,
      { details: { field: 'signature.classes' } },
    );
  const classes = declared.classes ?? inFile ?? undefined;
  const readTask: Task | undefined =
    outputs.label || outputs.probabilities ? 'classification' : outputs.value ? 'regression' : undefined;
  const task = declared.task ?? readTask;
  if (task === 'classification' && !outputs.label && !outputs.probabilities)
    throw new VigieError(
      'UNSUPPORTED',
      `${label}: declared a classifier, but no output holds labels or probabilities`,
    );
  if (task === 'regression' && !outputs.value)
    throw new VigieError(
      'UNSUPPORTED',
      `${label}: declared a regressor, but no output holds one value per row`,
    );
  const probabilityMeta = outputs.probabilities
    ? session.outputMetadata.find((m) => m.name === outputs.probabilities)
    : undefined;
  const width = probabilityMeta?.isTensor ? probabilityMeta.shape[1] : undefined;
  if (task === 'classification' && classes && typeof width === 'number' && width !== classes.length)
    throw new VigieError(
      'INVALID_ARGUMENT',
      `${label}: the model gives ${width} probabilities per row but the signature has ${classes.length} classes (${classes.join(', ')})`,
      { details: { field: 'signature.classes' } },
    );
  const inputFields: SignatureField[] =
    inputs.kind === 'matrix'
      ? inputs.features.map((name) => ({
          name,
          type: declared.inputs?.find((f) => f.name === name)?.type ?? 'numeric',
        }))
      : inputs.tensors.map((t) => ({
          name: t.column,
          type:
            declared.inputs?.find((f) => f.name === t.column)?.type ?? SEMANTIC_OF_TENSOR[t.type] ?? t.type,
        }));
  const outputFields: SignatureField[] = session.outputMetadata
    .filter((m) => !declared.outputs || declared.outputs.some((o) => o.name === m.name))
    .map((m) => ({
      name: m.name,
      type: m.isTensor
        ? tensorTypeName(m.type)
        : onnxTypeName(file.outputs.find((o) => o.name === m.name)?.type ?? null),
    }))
    .filter((f) => !zipMapExposed(zipMaps, f.name) || file.outputs.some((o) => o.name === f.name));
  const signature = completeSignature(
    { task, inputs: inputFields, outputs: outputFields, ...(classes ? { classes } : {}) },
    label,
  );
  return { signature, inputs, outputs: { ...outputs, labelClasses: inFile ?? classes ?? null } };
}
