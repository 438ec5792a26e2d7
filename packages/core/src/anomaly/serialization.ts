import { VigieError } from '../errors/index.js';

/**
 * Helpers for the `toJSON()` / `fromJSON()` pair of every fitted detector. The JSON form is a
 * plain object `{ kind, version, ... }`; non-finite numbers are written as the strings "NaN",
 * "Infinity" and "-Infinity" (as the golden fixtures do) because JSON has no such numbers.
 */

export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity';

export function encodeNumber(v: number): JsonNumber {
  if (Number.isFinite(v)) return v;
  if (Number.isNaN(v)) return 'NaN';
  return v > 0 ? 'Infinity' : '-Infinity';
}

function decodeNumber(v: unknown, where: string): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return Number.NaN;
  if (v === 'Infinity') return Number.POSITIVE_INFINITY;
  if (v === '-Infinity') return Number.NEGATIVE_INFINITY;
  throw new VigieError('PARSE_ERROR', `${where}: expected a number, got ${JSON.stringify(v)}`);
}

/** Reads a serialized detector: checks it is an object of the expected kind and version. */
export function openJson(json: unknown, kind: string, version: number): JsonReader {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new VigieError('PARSE_ERROR', `${kind}.fromJSON: expected an object`);
  }
  const obj = json as Record<string, unknown>;
  if (obj.kind !== kind) {
    throw new VigieError(
      'PARSE_ERROR',
      `${kind}.fromJSON: kind is ${JSON.stringify(obj.kind)}, expected '${kind}'`,
    );
  }
  if (obj.version !== version) {
    throw new VigieError('UNSUPPORTED', `${kind}.fromJSON: version ${String(obj.version)} is not supported`);
  }
  return new JsonReader(obj, kind);
}

export class JsonReader {
  constructor(
    private readonly obj: Record<string, unknown>,
    private readonly kind: string,
  ) {}

  number(key: string): number {
    return decodeNumber(this.obj[key], `${this.kind}.${key}`);
  }

  integer(key: string): number {
    const v = this.number(key);
    if (!Number.isInteger(v)) throw new VigieError('PARSE_ERROR', `${this.kind}.${key}: expected an integer`);
    return v;
  }

  string(key: string): string {
    const v = this.obj[key];
    if (typeof v !== 'string') throw new VigieError('PARSE_ERROR', `${this.kind}.${key}: expected a string`);
    return v;
  }

  boolean(key: string): boolean {
    const v = this.obj[key];
    if (typeof v !== 'boolean')
      throw new VigieError('PARSE_ERROR', `${this.kind}.${key}: expected a boolean`);
    return v;
  }

  float64Array(key: string): Float64Array {
    const v = this.array(key);
    const out = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = decodeNumber(v[i], `${this.kind}.${key}[${i}]`);
    return out;
  }

  int32Array(key: string): Int32Array {
    const v = this.array(key);
    const out = new Int32Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x !== 'number' || !Number.isInteger(x) || x !== (x | 0)) {
        throw new VigieError('PARSE_ERROR', `${this.kind}.${key}[${i}]: expected a 32-bit integer`);
      }
      out[i] = x;
    }
    return out;
  }

  private array(key: string): unknown[] {
    const v = this.obj[key];
    if (!Array.isArray(v)) throw new VigieError('PARSE_ERROR', `${this.kind}.${key}: expected an array`);
    return v;
  }
}

/** Encodes a typed array for JSON, keeping non-finite values. */
export function encodeArray(values: ArrayLike<number>): JsonNumber[] {
  const out = new Array<JsonNumber>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = encodeNumber(values[i]!);
  return out;
}
