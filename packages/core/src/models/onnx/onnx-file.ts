import { VigieError } from '../../errors/index.js';
import {
  concatBytes,
  encodeBytesField,
  encodeVarintField,
  forEachField,
  readInt64,
  readInt64s,
  readString,
  WIRE_BYTES,
  WIRE_VARINT,
  WireError,
  type WireField,
} from './protobuf.js';

/** ONNX TensorProto.DataType values Vigie deals with. */
export const ONNX_FLOAT = 1;
export const ONNX_INT64 = 7;
export const ONNX_STRING = 8;

/** A dimension: its size, its symbolic name, or null when the file says nothing. */
export type OnnxDim = number | string | null;

/** A graph output's type, as far as the signature needs it (`shape` null when not stated). */
export type OnnxType =
  | { kind: 'tensor'; elemType: number; shape: OnnxDim[] | null }
  | { kind: 'sequence'; elem: OnnxType | null }
  | { kind: 'map'; keyType: number; value: OnnxType | null }
  | { kind: 'other' };

/** An operator of the graph; `classLabels` only for the ai.onnx.ml operators that carry them. */
export interface OnnxNode {
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  classLabels: Array<string | number> | null;
}

/** What Vigie reads from an ONNX file itself (ONNX Runtime's node API gives the rest). */
export interface OnnxFile {
  bytes: Uint8Array;
  irVersion: number;
  producer: string | null;
  /** ModelProto.metadata_props, e.g. `vigie.signature`. */
  metadata: ReadonlyMap<string, string>;
  /** Operator set versions by domain ('' is the default ONNX domain). */
  opsets: ReadonlyMap<string, number>;
  outputs: Array<{ name: string; type: OnnxType | null }>;
  nodes: OnnxNode[];
  /** Where the GraphProto field sits in `bytes` (tag included), for `exposeOutputs`. */
  graph: { tagStart: number; start: number; end: number };
}

/** The ai.onnx.ml operators whose attributes name the classes, and those attributes. */
const CLASS_LABEL_OPS = new Set(['ZipMap', 'LinearClassifier', 'TreeEnsembleClassifier', 'SVMClassifier']);
const STRING_LABELS = 'classlabels_strings';
const INT_LABELS = new Set(['classlabels_int64s', 'classlabels_ints']);

/**
 * Reads the parts of a ModelProto that describe the model (metadata, outputs, operators). A file
 * that is not a protobuf ModelProto with a graph raises PARSE_ERROR naming `label`.
 */
export function readOnnxFile(bytes: Uint8Array, label: string): OnnxFile {
  try {
    return parseModel(bytes);
  } catch (cause) {
    const reason =
      cause instanceof WireError ? `invalid protobuf: ${cause.message}` : (cause as Error).message;
    throw new VigieError('PARSE_ERROR', `${label}: not an ONNX model (${reason})`, {
      cause,
      details: { file: label },
    });
  }
}

function parseModel(bytes: Uint8Array): OnnxFile {
  if (bytes.length === 0) throw new Error('the file is empty');
  let irVersion: number | null = null;
  let producer: string | null = null;
  let graph: OnnxFile['graph'] | null = null;
  const metadata = new Map<string, string>();
  const opsets = new Map<string, number>();
  let tagStart = 0;
  forEachField(bytes, 0, bytes.length, (f) => {
    if (f.number === 1 && f.wire === WIRE_VARINT) irVersion = Number(readInt64(bytes, f.start));
    else if (f.number === 2 && f.wire === WIRE_BYTES) producer = readString(bytes, f);
    else if (f.number === 7 && f.wire === WIRE_BYTES) graph = { tagStart, start: f.start, end: f.end };
    else if (f.number === 8 && f.wire === WIRE_BYTES) {
      let domain = '';
      let version = 0;
      forEachField(bytes, f.start, f.end, (o) => {
        if (o.number === 1) domain = readString(bytes, o);
        else if (o.number === 2 && o.wire === WIRE_VARINT) version = Number(readInt64(bytes, o.start));
      });
      opsets.set(domain === 'ai.onnx' ? '' : domain, Math.max(version, opsets.get(domain) ?? 0));
    } else if (f.number === 14 && f.wire === WIRE_BYTES) {
      const entry = stringPair(bytes, f);
      metadata.set(entry[0], entry[1]);
    } else if ([1, 2, 7, 14].includes(f.number))
      throw new WireError(f.start, `field ${f.number} has the wrong type`);
    tagStart = f.end;
  });
  if (irVersion === null) throw new Error('no ir_version');
  if (graph === null) throw new Error('no graph');
  const g: OnnxFile['graph'] = graph;
  const nodes: OnnxNode[] = [];
  const outputs: OnnxFile['outputs'] = [];
  forEachField(bytes, g.start, g.end, (f) => {
    if (f.wire !== WIRE_BYTES) return;
    if (f.number === 1) nodes.push(readNode(bytes, f));
    else if (f.number === 12) outputs.push(readValueInfo(bytes, f));
  });
  return { bytes, irVersion, producer, metadata, opsets, outputs, nodes, graph: g };
}

function stringPair(bytes: Uint8Array, entry: WireField): [string, string] {
  let key = '';
  let value = '';
  forEachField(bytes, entry.start, entry.end, (f) => {
    if (f.number === 1) key = readString(bytes, f);
    else if (f.number === 2) value = readString(bytes, f);
  });
  return [key, value];
}

function readNode(bytes: Uint8Array, node: WireField): OnnxNode {
  const out: OnnxNode = { opType: '', domain: '', inputs: [], outputs: [], classLabels: null };
  const attributes: WireField[] = [];
  forEachField(bytes, node.start, node.end, (f) => {
    if (f.number === 1) out.inputs.push(readString(bytes, f));
    else if (f.number === 2) out.outputs.push(readString(bytes, f));
    else if (f.number === 4) out.opType = readString(bytes, f);
    else if (f.number === 7) out.domain = readString(bytes, f);
    else if (f.number === 5 && f.wire === WIRE_BYTES) attributes.push(f);
  });
  if (out.domain === 'ai.onnx.ml' && CLASS_LABEL_OPS.has(out.opType))
    for (const a of attributes) out.classLabels ??= readClassLabels(bytes, a);
  return out;
}

/** The class labels held by one AttributeProto, or null when it is another attribute. */
function readClassLabels(bytes: Uint8Array, attribute: WireField): Array<string | number> | null {
  let name = '';
  const strings: string[] = [];
  const ints: bigint[] = [];
  forEachField(bytes, attribute.start, attribute.end, (f) => {
    if (f.number === 1) name = readString(bytes, f);
    else if (f.number === 9) strings.push(readString(bytes, f));
    else if (f.number === 8) readInt64s(bytes, f, ints);
  });
  if (name === STRING_LABELS && strings.length > 0) return strings;
  if (INT_LABELS.has(name) && ints.length > 0) return ints.map(Number);
  return null;
}

function readValueInfo(bytes: Uint8Array, info: WireField): { name: string; type: OnnxType | null } {
  let name = '';
  let type: OnnxType | null = null;
  forEachField(bytes, info.start, info.end, (f) => {
    if (f.number === 1) name = readString(bytes, f);
    else if (f.number === 2 && f.wire === WIRE_BYTES) type = readType(bytes, f);
  });
  return { name, type };
}

function readType(bytes: Uint8Array, typeField: WireField): OnnxType {
  let type: OnnxType = { kind: 'other' };
  forEachField(bytes, typeField.start, typeField.end, (f) => {
    if (f.wire !== WIRE_BYTES) return;
    if (f.number === 1) {
      let elemType = 0;
      let shape: OnnxDim[] | null = null;
      forEachField(bytes, f.start, f.end, (t) => {
        if (t.number === 1 && t.wire === WIRE_VARINT) elemType = Number(readInt64(bytes, t.start));
        else if (t.number === 2 && t.wire === WIRE_BYTES) shape = readShape(bytes, t);
      });
      type = { kind: 'tensor', elemType, shape };
    } else if (f.number === 4) {
      let elem: OnnxType | null = null;
      forEachField(bytes, f.start, f.end, (t) => {
        if (t.number === 1 && t.wire === WIRE_BYTES) elem = readType(bytes, t);
      });
      type = { kind: 'sequence', elem };
    } else if (f.number === 5) {
      let keyType = 0;
      let value: OnnxType | null = null;
      forEachField(bytes, f.start, f.end, (t) => {
        if (t.number === 1 && t.wire === WIRE_VARINT) keyType = Number(readInt64(bytes, t.start));
        else if (t.number === 2 && t.wire === WIRE_BYTES) value = readType(bytes, t);
      });
      type = { kind: 'map', keyType, value };
    }
  });
  return type;
}

function readShape(bytes: Uint8Array, shapeField: WireField): OnnxDim[] {
  const dims: OnnxDim[] = [];
  forEachField(bytes, shapeField.start, shapeField.end, (d) => {
    if (d.number !== 1 || d.wire !== WIRE_BYTES) return;
    let dim: OnnxDim = null;
    forEachField(bytes, d.start, d.end, (v) => {
      if (v.number === 1 && v.wire === WIRE_VARINT) dim = Number(readInt64(bytes, v.start));
      else if (v.number === 2 && v.wire === WIRE_BYTES) dim = readString(bytes, v);
    });
    dims.push(dim);
  });
  return dims;
}

/** An operator to add to a graph (attributes: integer lists, string lists, one integer). */
export interface NewNode {
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: Array<{ name: string; ints?: number[]; strings?: string[]; int?: number }>;
}

const ATTRIBUTE_INT = 2;
const ATTRIBUTE_INTS = 7;
const ATTRIBUTE_STRINGS = 8;

function encodeNode(node: NewNode): Uint8Array {
  const text = new TextEncoder();
  const parts: Uint8Array[] = [
    ...node.inputs.map((i) => encodeBytesField(1, text.encode(i))),
    ...node.outputs.map((o) => encodeBytesField(2, text.encode(o))),
    encodeBytesField(4, text.encode(node.opType)),
    encodeBytesField(7, text.encode(node.domain)),
  ];
  for (const a of node.attributes) {
    const fields: Uint8Array[] = [encodeBytesField(1, text.encode(a.name))];
    if (a.int !== undefined) fields.push(encodeVarintField(3, a.int), encodeVarintField(20, ATTRIBUTE_INT));
    if (a.ints)
      fields.push(...a.ints.map((v) => encodeVarintField(8, v)), encodeVarintField(20, ATTRIBUTE_INTS));
    if (a.strings)
      fields.push(
        ...a.strings.map((v) => encodeBytesField(9, text.encode(v))),
        encodeVarintField(20, ATTRIBUTE_STRINGS),
      );
    parts.push(encodeBytesField(5, concatBytes(fields)));
  }
  return encodeBytesField(1, concatBytes(parts));
}

/**
 * The same model with more graph outputs: intermediate tensors of type `elemType`, e.g. the
 * probabilities a ZipMap turns into maps (ONNX Runtime's node API cannot return maps), and new
 * operators computing them (appended last, so the graph stays topologically sorted). Repeated
 * fields may be appended in protobuf, so the GraphProto's bytes stay as they are and only its
 * length changes.
 */
export function exposeOutputs(
  file: OnnxFile,
  outputs: ReadonlyArray<{ name: string; elemType: number }>,
  nodes: readonly NewNode[] = [],
): Uint8Array {
  const encoder = new TextEncoder();
  const extra = nodes.map(encodeNode);
  for (const { name, elemType } of outputs) {
    const tensorType = encodeBytesField(1, encodeVarintField(1, elemType));
    const valueInfo = concatBytes([
      encodeBytesField(1, encoder.encode(name)),
      encodeBytesField(2, tensorType),
    ]);
    extra.push(encodeBytesField(12, valueInfo));
  }
  const { bytes, graph } = file;
  const graphField = encodeBytesField(7, concatBytes([bytes.subarray(graph.start, graph.end), ...extra]));
  return concatBytes([bytes.subarray(0, graph.tagStart), graphField, bytes.subarray(graph.end)]);
}
