import { ProtoWriter } from './protobuf.js';

/** ONNX tensor element types used here (onnx.proto TensorProto.DataType). */
export const ElemType = { FLOAT: 1, UINT8: 2, INT32: 6, INT64: 7, STRING: 8, BOOL: 9, DOUBLE: 11 } as const;

export interface ValueInfo {
  name: string;
  elemType: number;
  /** A number is a fixed size, a string a named symbolic one (`N`), null unknown. */
  shape: Array<number | string | null>;
}

export type Attribute =
  | { f: number }
  | { i: number }
  | { s: string }
  | { floats: ArrayLike<number> }
  | { ints: ArrayLike<number> }
  | { strings: string[] }
  /** A tensor attribute (ai.onnx.ml TreeEnsemble's splits, modes and weights). */
  | { t: OnnxTensor };

export interface OnnxNode {
  op: string;
  /** '' (the default ai.onnx domain) or 'ai.onnx.ml'. */
  domain?: string;
  name?: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, Attribute>;
}

export interface OnnxTensor {
  name: string;
  elemType: number;
  dims: number[];
  floats?: ArrayLike<number>;
  ints?: ArrayLike<number>;
  /** int32_data: also how UINT8, INT8, INT16 and BOOL values are stored. */
  int32s?: ArrayLike<number>;
}

export interface OnnxModelSpec {
  graphName: string;
  nodes: OnnxNode[];
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  initializers?: OnnxTensor[];
  /** Operator sets by domain, e.g. `{ '': 15, 'ai.onnx.ml': 3 }`. */
  opsets: Record<string, number>;
  producerVersion: string;
  docString?: string;
  metadata?: Record<string, string>;
  /** ONNX IR version (default 8); opset 21 and ai.onnx.ml 5 need 10. */
  irVersion?: number;
}

/** ONNX IR version 8: read by ONNX Runtime 1.10 and later. */
const IR_VERSION = 8;

function valueInfo(v: ValueInfo): ProtoWriter {
  const shape = new ProtoWriter();
  for (const d of v.shape) {
    const dim = new ProtoWriter();
    if (typeof d === 'number') dim.int(1, d);
    else if (typeof d === 'string') dim.string(2, d);
    shape.message(1, dim);
  }
  const tensor = new ProtoWriter().int(1, v.elemType).message(2, shape);
  return new ProtoWriter().string(1, v.name).message(2, new ProtoWriter().message(1, tensor));
}

const ATTRIBUTE_TYPE = { f: 1, i: 2, s: 3, t: 4, floats: 6, ints: 7, strings: 8 } as const;

function attribute(name: string, a: Attribute): ProtoWriter {
  const w = new ProtoWriter().string(1, name);
  if ('f' in a) w.float(2, a.f).int(20, ATTRIBUTE_TYPE.f);
  else if ('i' in a) w.int(3, a.i).int(20, ATTRIBUTE_TYPE.i);
  else if ('s' in a) w.string(4, a.s).int(20, ATTRIBUTE_TYPE.s);
  else if ('t' in a) w.message(5, tensor(a.t)).int(20, ATTRIBUTE_TYPE.t);
  else if ('floats' in a) w.packedFloats(7, a.floats).int(20, ATTRIBUTE_TYPE.floats);
  else if ('ints' in a) w.packedInts(8, a.ints).int(20, ATTRIBUTE_TYPE.ints);
  else {
    for (const s of a.strings) w.string(9, s);
    w.int(20, ATTRIBUTE_TYPE.strings);
  }
  return w;
}

function node(n: OnnxNode): ProtoWriter {
  const w = new ProtoWriter();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  if (n.name) w.string(3, n.name);
  w.string(4, n.op);
  for (const [name, a] of Object.entries(n.attributes ?? {})) w.message(5, attribute(name, a));
  if (n.domain) w.string(7, n.domain);
  return w;
}

function tensor(t: OnnxTensor): ProtoWriter {
  const w = new ProtoWriter().packedInts(1, t.dims).int(2, t.elemType);
  if (t.floats) w.packedFloats(4, t.floats);
  if (t.int32s) w.packedInts(5, t.int32s);
  if (t.ints) w.packedInts(7, t.ints);
  return w.string(8, t.name);
}

/** Encodes a model as an ONNX ModelProto (the bytes of a .onnx file). */
export function encodeOnnxModel(spec: OnnxModelSpec): Uint8Array {
  const graph = new ProtoWriter();
  for (const n of spec.nodes) graph.message(1, node(n));
  graph.string(2, spec.graphName);
  for (const t of spec.initializers ?? []) graph.message(5, tensor(t));
  for (const i of spec.inputs) graph.message(11, valueInfo(i));
  for (const o of spec.outputs) graph.message(12, valueInfo(o));
  const model = new ProtoWriter().int(1, spec.irVersion ?? IR_VERSION);
  model.string(2, 'vigie').string(3, spec.producerVersion);
  if (spec.docString) model.string(6, spec.docString);
  model.message(7, graph);
  for (const [domain, version] of Object.entries(spec.opsets)) {
    const opset = new ProtoWriter();
    if (domain) opset.string(1, domain);
    model.message(8, opset.int(2, version));
  }
  for (const [key, value] of Object.entries(spec.metadata ?? {}))
    model.message(14, new ProtoWriter().string(1, key).string(2, value));
  return model.finish();
}
