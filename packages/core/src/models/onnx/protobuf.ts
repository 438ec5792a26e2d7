/**
 * Just enough of the protobuf wire format to walk an ONNX file: fields are visited in place
 * (length-delimited ones as byte ranges, never copied), so the weights of a large model are
 * skipped, not decoded. ONNX's node API does not expose the model's metadata or its operators'
 * attributes, which is why Vigie reads them itself.
 */

/** A malformed byte sequence; `offset` is where reading failed. */
export class WireError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(`${message} at byte ${offset}`);
  }
}

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_FIXED32 = 5;

/** One field: for varints `start` is where the varint begins; for bytes, the payload range. */
export interface WireField {
  number: number;
  wire: number;
  start: number;
  end: number;
}

function varintEnd(bytes: Uint8Array, pos: number, end: number): number {
  for (let i = 0; i < 10; i++) {
    if (pos + i >= end) throw new WireError(pos, 'truncated varint');
    if ((bytes[pos + i]! & 0x80) === 0) return pos + i + 1;
  }
  throw new WireError(pos, 'varint longer than 10 bytes');
}

/** A varint that must fit a JS number (lengths, tags, enum values). */
function readSmallVarint(bytes: Uint8Array, pos: number, end: number): [value: number, next: number] {
  let value = 0;
  let scale = 1;
  const stop = varintEnd(bytes, pos, end);
  for (let i = pos; i < stop; i++) {
    value += (bytes[i]! & 0x7f) * scale;
    scale *= 128;
  }
  if (!Number.isSafeInteger(value)) throw new WireError(pos, 'length out of range');
  return [value, stop];
}

/** The signed 64-bit integer of the varint at `pos` (int64 fields, two's complement). */
export function readInt64(bytes: Uint8Array, pos: number): bigint {
  let value = 0n;
  let shift = 0n;
  for (let i = pos; i < pos + 10 && i < bytes.length; i++) {
    const b = bytes[i]!;
    value |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) break;
    shift += 7n;
  }
  return BigInt.asIntN(64, value);
}

/** Visits the fields of one message, in order. */
export function forEachField(
  bytes: Uint8Array,
  start: number,
  end: number,
  visit: (field: WireField) => void,
): void {
  let pos = start;
  while (pos < end) {
    const [tag, afterTag] = readSmallVarint(bytes, pos, end);
    const number = Math.floor(tag / 8);
    const wire = tag & 7;
    if (number === 0) throw new WireError(pos, 'field number 0');
    let field: WireField;
    switch (wire) {
      case WIRE_VARINT: {
        const next = varintEnd(bytes, afterTag, end);
        field = { number, wire, start: afterTag, end: next };
        break;
      }
      case WIRE_FIXED64:
        field = { number, wire, start: afterTag, end: afterTag + 8 };
        break;
      case WIRE_FIXED32:
        field = { number, wire, start: afterTag, end: afterTag + 4 };
        break;
      case WIRE_BYTES: {
        const [length, payload] = readSmallVarint(bytes, afterTag, end);
        field = { number, wire, start: payload, end: payload + length };
        break;
      }
      default:
        throw new WireError(pos, `unsupported wire type ${wire}`);
    }
    if (field.end > end) throw new WireError(pos, `field ${number} runs past the end of its message`);
    visit(field);
    pos = field.end;
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true });

export function readString(bytes: Uint8Array, field: WireField): string {
  if (field.wire !== WIRE_BYTES) throw new WireError(field.start, `field ${field.number} is not a string`);
  try {
    return decoder.decode(bytes.subarray(field.start, field.end));
  } catch {
    throw new WireError(field.start, `field ${field.number} is not UTF-8 text`);
  }
}

/** A repeated int64 field's values, packed or not (proto2 writers use either). */
export function readInt64s(bytes: Uint8Array, field: WireField, into: bigint[]): void {
  if (field.wire === WIRE_VARINT) {
    into.push(readInt64(bytes, field.start));
    return;
  }
  if (field.wire !== WIRE_BYTES) throw new WireError(field.start, `field ${field.number} is not an integer`);
  for (let pos = field.start; pos < field.end; pos = varintEnd(bytes, pos, field.end))
    into.push(readInt64(bytes, pos));
}

function encodeVarint(value: number, out: number[]): void {
  if (value < 0) {
    // int64 fields: a negative number is its 64-bit two's complement, ten bytes long.
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(Number(v));
    return;
  }
  let v = value;
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
}

/** Encodes a length-delimited field (a string or an embedded message). */
export function encodeBytesField(number: number, payload: Uint8Array): Uint8Array {
  const head: number[] = [];
  encodeVarint(number * 8 + WIRE_BYTES, head);
  encodeVarint(payload.length, head);
  const out = new Uint8Array(head.length + payload.length);
  out.set(head, 0);
  out.set(payload, head.length);
  return out;
}

export function encodeVarintField(number: number, value: number): Uint8Array {
  const out: number[] = [];
  encodeVarint(number * 8 + WIRE_VARINT, out);
  encodeVarint(value, out);
  return Uint8Array.from(out);
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
