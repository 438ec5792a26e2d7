/**
 * A minimal protocol-buffers writer: enough to encode ONNX models (varints, 32-bit floats,
 * length-delimited fields, packed repeated numbers). Messages are built bottom-up as byte arrays.
 */
export class ProtoWriter {
  private chunks: Uint8Array[] = [];
  private size = 0;

  private push(bytes: Uint8Array): this {
    this.chunks.push(bytes);
    this.size += bytes.length;
    return this;
  }

  private tag(field: number, wire: 0 | 1 | 2 | 5): this {
    return this.push(varint(field * 8 + wire));
  }

  /** int32, int64, enum or bool field (skipped when 0, as proto3 does). */
  int(field: number, value: number | boolean): this {
    const v = typeof value === 'boolean' ? (value ? 1 : 0) : value;
    if (v === 0) return this;
    return this.tag(field, 0).push(varint(v));
  }

  float(field: number, value: number): this {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    return this.tag(field, 5).push(b);
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  bytes(field: number, value: Uint8Array): this {
    return this.tag(field, 2).push(varint(value.length)).push(value);
  }

  message(field: number, value: ProtoWriter): this {
    return this.bytes(field, value.finish());
  }

  packedFloats(field: number, values: ArrayLike<number>): this {
    const b = new Uint8Array(values.length * 4);
    const view = new DataView(b.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
    return this.bytes(field, b);
  }

  packedDoubles(field: number, values: ArrayLike<number>): this {
    const b = new Uint8Array(values.length * 8);
    const view = new DataView(b.buffer);
    for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i]!, true);
    return this.bytes(field, b);
  }

  packedInts(field: number, values: ArrayLike<number>): this {
    const parts: Uint8Array[] = [];
    let n = 0;
    for (let i = 0; i < values.length; i++) {
      const v = varint(values[i]!);
      parts.push(v);
      n += v.length;
    }
    const b = new Uint8Array(n);
    let at = 0;
    for (const p of parts) {
      b.set(p, at);
      at += p.length;
    }
    return this.bytes(field, b);
  }

  finish(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

/** Base-128 varint of a safe integer; negatives as 10-byte two's complement (int64). */
export function varint(value: number): Uint8Array {
  if (!Number.isSafeInteger(value)) throw new RangeError(`varint: ${value} is not a safe integer`);
  let big = BigInt(value);
  if (big < 0n) big += 1n << 64n;
  const out: number[] = [];
  while (big >= 0x80n) {
    out.push(Number(big & 0x7fn) | 0x80);
    big >>= 7n;
  }
  out.push(Number(big));
  return Uint8Array.from(out);
}
