import { Buffer } from 'node:buffer';
import { VigieError } from '../../errors/index.js';

/**
 * Helpers shared by the sketches' `toJSON` / `fromJSON`: exact encodings of binary state as
 * base64 strings (float64 values little-endian, so a sketch moves between machines bit for bit),
 * non-finite numbers as strings (JSON has no NaN or infinities), and field readers that turn a
 * malformed object into VigieError('INVALID_ARGUMENT').
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** Standard base64 (RFC 4648, with padding) of `bytes` (Node's encoder: a 16 KiB HyperLogLog in ~10 µs). */
export function bytesToBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Decodes standard padded base64; throws INVALID_ARGUMENT on anything else. */
export function base64ToBytes(text: string, what: string): Uint8Array {
  if (text.length % 4 !== 0) invalid(`${what}: base64 length must be a multiple of 4`);
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let w = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const c0 = sextet(text, i, what);
    const c1 = sextet(text, i + 1, what);
    const c2 = last && pad === 2 ? 0 : sextet(text, i + 2, what);
    const c3 = last && pad >= 1 ? 0 : sextet(text, i + 3, what);
    const triple = (c0 << 18) | (c1 << 12) | (c2 << 6) | c3;
    out[w++] = triple >> 16;
    if (w < out.length) out[w++] = (triple >> 8) & 255;
    if (w < out.length) out[w++] = triple & 255;
  }
  return out;
}

function sextet(text: string, i: number, what: string): number {
  const code = text.charCodeAt(i);
  const v = code < 128 ? DECODE[code]! : -1;
  if (v < 0) invalid(`${what}: not valid base64`);
  return v;
}

/** Base64 of the values as little-endian IEEE-754 binary64. */
export function float64ToBase64(values: Float64Array): string {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i]!, true);
  return bytesToBase64(bytes);
}

/** Inverse of `float64ToBase64`. */
export function base64ToFloat64(text: string, what: string): Float64Array {
  const bytes = base64ToBytes(text, what);
  if (bytes.length % 8 !== 0) invalid(`${what}: byte length must be a multiple of 8`);
  const view = new DataView(bytes.buffer);
  const out = new Float64Array(bytes.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}

/** A number as JSON: itself when finite, else "NaN" / "Infinity" / "-Infinity". */
export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity';

export function encodeNumber(x: number): JsonNumber {
  if (Number.isFinite(x)) return x;
  if (Number.isNaN(x)) return 'NaN';
  return x > 0 ? 'Infinity' : '-Infinity';
}

export function decodeNumber(value: unknown, what: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  return invalid(`${what} must be a number or "NaN" / "Infinity" / "-Infinity"`);
}

export function invalid(message: string): never {
  throw new VigieError('INVALID_ARGUMENT', message);
}

/**
 * Checks the envelope `{ kind, version }` of a serialized sketch and returns it as a record.
 * A foreign object (another kind) or a future version is rejected with a message that says so.
 */
export function readEnvelope(value: unknown, kind: string, version: number): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    invalid(`${kind}: expected a serialized sketch object, got ${value === null ? 'null' : typeof value}`);
  }
  const record = value as Record<string, unknown>;
  if (record.kind !== kind) invalid(`${kind}: not a serialized ${kind} (kind is ${String(record.kind)})`);
  if (record.version !== version) invalid(`${kind}: unsupported version ${String(record.version)}`);
  return record;
}

/** An integer field within [min, max]. */
export function readInteger(record: Record<string, unknown>, key: string, min: number, max: number): number {
  const v = record[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    invalid(`field '${key}' must be an integer in [${min}, ${max}], got ${JSON.stringify(v)}`);
  }
  return v;
}

export function readString(record: Record<string, unknown>, key: string): string {
  const v = record[key];
  if (typeof v !== 'string') invalid(`field '${key}' must be a string`);
  return v;
}

export function readArray(record: Record<string, unknown>, key: string): unknown[] {
  const v = record[key];
  if (!Array.isArray(v)) invalid(`field '${key}' must be an array`);
  return v;
}

export function readObject(record: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = record[key];
  if (typeof v !== 'object' || v === null || Array.isArray(v)) invalid(`field '${key}' must be an object`);
  return v as Record<string, unknown>;
}
