import type { InferenceSession } from 'onnxruntime-node';
import { VigieError } from '../../errors/index.js';
import type { ModelSignature, SignatureField, Task } from '../runtime.js';
import { completeSignature, type DeclaredSignature } from '../signature.js';
import {
  exposeOutputs,
  type NewNode,
  ONNX_FLOAT,
  ONNX_INT64,
  ONNX_STRING,
  type OnnxDim,
  type OnnxFile,
  type OnnxType,
} from './onnx-file.js';
import { inputSignature, planInputs } from './onnx-input-plan.js';
import type { InputPlan } from './onnx-inputs.js';

/** Which outputs to fetch and what each one is. */
export interface OutputPlan {
  /** Class labels (string or integer tensor, [N] or [N, 1]). */
  label: string | null;
  /** True when `label` holds class indices (Vigie's own LabelEncoder, see `prepareModel`). */
  labelIsIndex: boolean;
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

/** What is decided from the file alone, before ONNX Runtime loads it. */
export interface PreparedModel {
  /** The bytes to load: the file's, or the file with outputs (and operators) added. */
  bytes: Uint8Array;
  outputs: OutputPlan;
  task: Task | undefined;
  classes: Array<string | number> | undefined;
  outputFields: SignatureField[];
}

export interface OnnxPlan {
  signature: ModelSignature;
  inputs: InputPlan;
  outputs: OutputPlan;
}

const ELEM_NAMES: Record<number, string> = {
  1: 'float',
  2: 'uint8',
  3: 'int8',
  5: 'int16',
  6: 'int32',
  7: 'int64',
  8: 'string',
  9: 'bool',
  10: 'float16',
  11: 'double',
};
const LABEL_ELEMS = new Set([ONNX_STRING, ONNX_INT64, 6]);
const FLOAT_ELEMS = new Set([ONNX_FLOAT, 11]);
/** The output Vigie adds for string labels: their index among the classes, as int64. */
const LABEL_INDEX_OUTPUT = 'vigie_label_index';

function typeName(type: OnnxType | null): string {
  if (!type) return 'unknown';
  switch (type.kind) {
    case 'tensor':
      return `tensor(${ELEM_NAMES[type.elemType] ?? type.elemType})`;
    case 'sequence':
      return `seq(${typeName(type.elem)})`;
    case 'map':
      return `map(${ELEM_NAMES[type.keyType] ?? type.keyType},${typeName(type.value)})`;
    default:
      return 'unknown';
  }
}

/** [N], [N, 1], or a tensor whose shape the file does not state. */
function oneValuePerRow(shape: readonly OnnxDim[] | null): boolean {
  return shape === null || shape.length === 1 || (shape.length === 2 && shape[1] === 1);
}

/**
 * The graph outputs that are ZipMaps (sequences of maps, which ONNX Runtime's node API cannot
 * return), each with the probability tensor its ZipMap reads: that tensor is fetched instead.
 */
function zipMapSources(
  file: OnnxFile,
): Map<string, { source: string; classes: Array<string | number> | null }> {
  const out = new Map<string, { source: string; classes: Array<string | number> | null }>();
  for (const o of file.outputs) {
    if (o.type?.kind === 'tensor') continue;
    const node = file.nodes.find((n) => n.opType === 'ZipMap' && n.outputs.includes(o.name));
    if (node?.inputs[0]) out.set(o.name, { source: node.inputs[0], classes: node.classLabels });
  }
  return out;
}

/** The class labels the file's ai.onnx.ml classifier operators agree on, or null. */
function classesInFile(file: OnnxFile): Array<string | number> | null {
  const lists = file.nodes.flatMap((n) => (n.classLabels ? [n.classLabels] : []));
  if (lists.length === 0) return null;
  const first = JSON.stringify(lists[0]);
  return lists.every((l) => JSON.stringify(l) === first) ? lists[0]! : null;
}

/**
 * Finds the label, probability and value outputs by their types: a string or integer tensor of
 * one value per row is the label; a 2-D float tensor of more than one column (or a ZipMap) holds
 * the probabilities; a float tensor of one value per row is a regression's value. When the
 * signature names outputs, only those are considered.
 */
function findOutputs(file: OnnxFile, declared: DeclaredSignature, label: string) {
  const names = file.outputs.map((o) => o.name);
  const wanted = declared.outputs?.map((o) => o.name);
  for (const name of wanted ?? [])
    if (!names.includes(name))
      throw new VigieError(
        'INVALID_ARGUMENT',
        `${label}: the signature names output "${name}", which the model does not have (it has ${names.join(', ')})`,
        { details: { field: 'signature.outputs' } },
      );
  const zipMaps = zipMapSources(file);
  let labelOut: { name: string; elemType: number } | null = null;
  let probabilities: { name: string; width: OnnxDim; zipMap: string | null } | null = null;
  let value: string | null = null;
  for (const o of file.outputs) {
    if (wanted && !wanted.includes(o.name)) continue;
    const type = o.type;
    if (type?.kind !== 'tensor') {
      const z = zipMaps.get(o.name);
      if (z && !probabilities)
        probabilities = { name: z.source, width: z.classes?.length ?? null, zipMap: o.name };
      continue;
    }
    const { elemType, shape } = type;
    if (LABEL_ELEMS.has(elemType) && oneValuePerRow(shape)) labelOut ??= { name: o.name, elemType };
    else if (FLOAT_ELEMS.has(elemType) && shape?.length === 2 && shape[1] !== 1)
      probabilities ??= { name: o.name, width: shape[1] ?? null, zipMap: null };
    else if (FLOAT_ELEMS.has(elemType) && oneValuePerRow(shape)) value ??= o.name;
  }
  if (!labelOut && !probabilities && !value)
    throw new VigieError(
      'UNSUPPORTED',
      `${label}: no output holds labels, probabilities or values (outputs: ${file.outputs.map((o) => `${o.name} ${typeName(o.type)}`).join(', ')})`,
    );
  return { labelOut, probabilities, value, zipMaps };
}

/**
 * Decides from the file alone (its graph outputs, its ai.onnx.ml operators and the declared
 * signature) what to fetch, the task and the classes, and the bytes to load: ZipMap outputs are
 * replaced by the probability tensor they read, and string labels are turned into class indices by
 * a LabelEncoder added to the graph (ONNX Runtime's node API copies string tensors into JavaScript
 * strings one by one, which cost more than the model itself).
 */
export function prepareModel(file: OnnxFile, declared: DeclaredSignature, label: string): PreparedModel {
  const found = findOutputs(file, declared, label);
  const { labelOut, probabilities, value } = found;
  const inFile =
    (probabilities?.zipMap ? found.zipMaps.get(probabilities.zipMap)?.classes : null) ?? classesInFile(file);
  if (declared.classes && inFile && declared.classes.length !== inFile.length)
    throw new VigieError(
      'INVALID_ARGUMENT',
      `${label}: the signature has ${declared.classes.length} classes (${declared.classes.join(', ')}) but the model has ${inFile.length} (${inFile.join(', ')})`,
      { details: { field: 'signature.classes' } },
    );
  const classes = declared.classes ?? inFile ?? undefined;
  const readTask: Task | undefined =
    labelOut || probabilities ? 'classification' : value ? 'regression' : undefined;
  const task = declared.task ?? readTask;
  if (task === 'classification' && !labelOut && !probabilities)
    throw new VigieError(
      'UNSUPPORTED',
      `${label}: declared a classifier, but no output holds labels or probabilities`,
    );
  if (task === 'regression' && !value)
    throw new VigieError(
      'UNSUPPORTED',
      `${label}: declared a regressor, but no output holds one value per row`,
    );
  const width = probabilities?.width;
  if (task === 'classification' && classes && typeof width === 'number' && width !== classes.length)
    throw new VigieError(
      'INVALID_ARGUMENT',
      `${label}: the model gives ${width} probabilities per row but the signature has ${classes.length} classes (${classes.join(', ')})`,
      { details: { field: 'signature.classes' } },
    );
  const labelClasses = inFile ?? classes ?? null;
  const exposed = probabilities?.zipMap ? [{ name: probabilities.name, elemType: ONNX_FLOAT }] : [];
  const nodes: NewNode[] = [];
  let labelName = task === 'classification' ? (labelOut?.name ?? null) : null;
  let labelIsIndex = false;
  const mlOpset = file.opsets.get('ai.onnx.ml');
  if (labelName && labelOut?.elemType === ONNX_STRING && labelClasses && mlOpset !== undefined) {
    nodes.push(labelEncoder(labelName, labelClasses.map(String), mlOpset));
    exposed.push({ name: LABEL_INDEX_OUTPUT, elemType: ONNX_INT64 });
    labelName = LABEL_INDEX_OUTPUT;
    labelIsIndex = true;
  }
  const outputs: OutputPlan = {
    label: labelName,
    labelIsIndex,
    probabilities: task === 'classification' ? (probabilities?.name ?? null) : null,
    value: task === 'regression' ? value : null,
    fetches: [],
    labelClasses,
  };
  outputs.fetches = [outputs.label, outputs.probabilities, outputs.value].filter(
    (n): n is string => n !== null,
  );
  const outputFields = file.outputs
    .filter((o) => !declared.outputs || declared.outputs.some((d) => d.name === o.name))
    .map((o) => ({ name: o.name, type: typeName(o.type) }));
  return {
    bytes: exposed.length === 0 ? file.bytes : exposeOutputs(file, exposed, nodes),
    outputs,
    task,
    classes,
    outputFields,
  };
}

/**
 * ai.onnx.ml LabelEncoder from the label strings to their index among the classes (-1 for any
 * other string, which the decoder reports). Version 1 takes `classes_strings`, later ones
 * key/value lists.
 */
function labelEncoder(input: string, classes: string[], mlOpset: number): NewNode {
  const attributes: NewNode['attributes'] =
    mlOpset < 2
      ? [
          { name: 'classes_strings', strings: classes },
          { name: 'default_int64', int: -1 },
        ]
      : [
          { name: 'keys_strings', strings: classes },
          { name: 'values_int64s', ints: classes.map((_, i) => i) },
          { name: 'default_int64', int: -1 },
        ];
  return {
    opType: 'LabelEncoder',
    domain: 'ai.onnx.ml',
    inputs: [input],
    outputs: [LABEL_INDEX_OUTPUT],
    attributes,
  };
}

/**
 * The complete plan once ONNX Runtime has loaded the model: how to feed its inputs (from the
 * session, which leaves out initializers) and the signature.
 */
export function planOnnxModel(
  session: { readonly inputMetadata: readonly InferenceSession.ValueMetadata[] },
  prepared: PreparedModel,
  declared: DeclaredSignature,
  label: string,
): OnnxPlan {
  const inputs = planInputs(session.inputMetadata, declared, label);
  const inputFields = inputSignature(inputs, declared);
  const signature = completeSignature(
    {
      ...(prepared.task ? { task: prepared.task } : {}),
      inputs: inputFields,
      outputs: prepared.outputFields,
      ...(prepared.classes ? { classes: prepared.classes } : {}),
    },
    label,
  );
  return { signature, inputs, outputs: prepared.outputs };
}
