import {
  forEachField,
  readInt64,
  readInt64s,
  readString,
  WIRE_BYTES,
  WIRE_FIXED32,
  WIRE_VARINT,
  type WireField,
} from './protobuf.js';

/** One attribute of an operator, decoded (TensorProto values flattened to numbers). */
export interface OnnxAttribute {
  name: string;
  float?: number;
  int?: number;
  string?: string;
  floats?: number[];
  ints?: number[];
  strings?: string[];
  /** A tensor attribute's values (float, double, int32/uint8 or int64 data; raw_data decoded). */
  tensor?: number[];
}

/** An operator with every attribute decoded: what the tree-ensemble reader needs. */
export interface OnnxNodeWithAttributes {
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: Map<string, OnnxAttribute>;
}

function readFloats(bytes: Uint8Array, f: WireField, into: number[]): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (f.wire === WIRE_FIXED32) into.push(view.getFloat32(f.start, true));
  else if (f.wire === WIRE_BYTES)
    for (let p = f.start; p + 4 <= f.end; p += 4) into.push(view.getFloat32(p, true));
}

function readDoubles(bytes: Uint8Array, f: WireField, into: number[]): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (f.wire === 1) into.push(view.getFloat64(f.start, true));
  else if (f.wire === WIRE_BYTES)
    for (let p = f.start; p + 8 <= f.end; p += 8) into.push(view.getFloat64(p, true));
}

/** TensorProto data types whose raw_data this reader decodes. */
const RAW: Record<number, { size: number; read: (v: DataView, p: number) => number }> = {
  1: { size: 4, read: (v, p) => v.getFloat32(p, true) },
  2: { size: 1, read: (v, p) => v.getUint8(p) },
  3: { size: 1, read: (v, p) => v.getInt8(p) },
  6: { size: 4, read: (v, p) => v.getInt32(p, true) },
  7: { size: 8, read: (v, p) => Number(v.getBigInt64(p, true)) },
  11: { size: 8, read: (v, p) => v.getFloat64(p, true) },
};

function readTensor(bytes: Uint8Array, t: WireField): number[] {
  let type = 0;
  const out: number[] = [];
  let raw: WireField | null = null;
  forEachField(bytes, t.start, t.end, (f) => {
    if (f.number === 2 && f.wire === WIRE_VARINT) type = Number(readInt64(bytes, f.start));
    else if (f.number === 4) readFloats(bytes, f, out);
    else if (f.number === 5 || f.number === 7) {
      const ints: bigint[] = [];
      readInt64s(bytes, f, ints);
      for (const i of ints) out.push(Number(i));
    } else if (f.number === 10) readDoubles(bytes, f, out);
    else if (f.number === 9 && f.wire === WIRE_BYTES) raw = f;
  });
  const r = raw as WireField | null;
  const spec = RAW[type];
  if (r && spec) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let p = r.start; p + spec.size <= r.end; p += spec.size) out.push(spec.read(view, p));
  }
  return out;
}

function readAttribute(bytes: Uint8Array, a: WireField): OnnxAttribute {
  const out: OnnxAttribute = { name: '' };
  const floats: number[] = [];
  const ints: bigint[] = [];
  const strings: string[] = [];
  forEachField(bytes, a.start, a.end, (f) => {
    if (f.number === 1) out.name = readString(bytes, f);
    else if (f.number === 2 && f.wire === WIRE_FIXED32) readFloats(bytes, f, floats);
    else if (f.number === 3 && f.wire === WIRE_VARINT) out.int = Number(readInt64(bytes, f.start));
    else if (f.number === 4 && f.wire === WIRE_BYTES) out.string = readString(bytes, f);
    else if (f.number === 5 && f.wire === WIRE_BYTES) out.tensor = readTensor(bytes, f);
    else if (f.number === 7) readFloats(bytes, f, (out.floats ??= []));
    else if (f.number === 8) readInt64s(bytes, f, ints);
    else if (f.number === 9 && f.wire === WIRE_BYTES) strings.push(readString(bytes, f));
  });
  if (floats.length > 0) out.float = floats[0]!;
  if (ints.length > 0) out.ints = ints.map(Number);
  if (strings.length > 0) out.strings = strings;
  return out;
}

/**
 * The operators of a graph (its bytes between `start` and `end`, as OnnxFile.graph gives) that
 * `want` selects, with their attributes decoded. Other nodes are skipped without decoding, so a
 * large model's weights are read only for the operators asked for.
 */
export function readNodesWithAttributes(
  bytes: Uint8Array,
  graph: { start: number; end: number },
  want: (opType: string, domain: string) => boolean,
): OnnxNodeWithAttributes[] {
  const nodes: OnnxNodeWithAttributes[] = [];
  forEachField(bytes, graph.start, graph.end, (g) => {
    if (g.number !== 1 || g.wire !== WIRE_BYTES) return;
    let opType = '';
    let domain = '';
    forEachField(bytes, g.start, g.end, (f) => {
      if (f.number === 4) opType = readString(bytes, f);
      else if (f.number === 7) domain = readString(bytes, f);
    });
    if (!want(opType, domain)) return;
    const node: OnnxNodeWithAttributes = { opType, domain, inputs: [], outputs: [], attributes: new Map() };
    forEachField(bytes, g.start, g.end, (f) => {
      if (f.number === 1) node.inputs.push(readString(bytes, f));
      else if (f.number === 2) node.outputs.push(readString(bytes, f));
      else if (f.number === 5 && f.wire === WIRE_BYTES) {
        const a = readAttribute(bytes, f);
        node.attributes.set(a.name, a);
      }
    });
    nodes.push(node);
  });
  return nodes;
}

/** The values of the graph initializer named `name` (field 5 of GraphProto), or null. */
export function readInitializer(
  bytes: Uint8Array,
  graph: { start: number; end: number },
  name: string,
): number[] | null {
  let found: number[] | null = null;
  forEachField(bytes, graph.start, graph.end, (g) => {
    if (found || g.number !== 5 || g.wire !== WIRE_BYTES) return;
    let tensorName = '';
    forEachField(bytes, g.start, g.end, (f) => {
      if (f.number === 8 && f.wire === WIRE_BYTES) tensorName = readString(bytes, f);
    });
    if (tensorName === name) found = readTensor(bytes, g);
  });
  return found;
}
