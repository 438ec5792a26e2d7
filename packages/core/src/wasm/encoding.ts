/**
 * Just enough of the WebAssembly binary format to write small kernels by hand (the GBDT learner's,
 * the HyperLogLog's hash): the opcodes used, LEB128 integers, vectors, sections and names
 * (https://webassembly.github.io/spec/core/binary/).
 */
export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;
export const OP = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
  get: 0x20,
  set: 0x21,
  tee: 0x22,
  select: 0x1b,
  i32Load: 0x28,
  f32Load: 0x2a,
  f64Load: 0x2b,
  f32Store: 0x38,
  i32Load8U: 0x2d,
  i32Store: 0x36,
  i32Store8: 0x3a,
  f64Store: 0x39,
  i32Const: 0x41,
  i64Const: 0x42,
  f64Const: 0x44,
  i32Eqz: 0x45,
  i32Ne: 0x47,
  i32LtU: 0x49,
  i32GtU: 0x4b,
  i32GeS: 0x4e,
  i32GeU: 0x4f,
  f64Lt: 0x63,
  f64Ge: 0x66,
  i32Clz: 0x67,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32And: 0x71,
  i32Or: 0x72,
  i32Xor: 0x73,
  i32Shl: 0x74,
  i32ShrU: 0x76,
  i64Add: 0x7c,
  i64Shl: 0x86,
  f64Abs: 0x99,
  f64Neg: 0x9a,
  f64Add: 0xa0,
  f64Sub: 0xa1,
  f64Mul: 0xa2,
  f64Div: 0xa3,
  i64ExtendI32S: 0xac,
  f32DemoteF64: 0xb6,
  f64ConvertI32S: 0xb7,
  f64PromoteF32: 0xbb,
  f64ReinterpretI64: 0xbf,
  void: 0x40,
} as const;

export function uleb(value: number): number[] {
  const out: number[] = [];
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

export function vector(items: number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

export function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

export function name(text: string): number[] {
  return vector([...new TextEncoder().encode(text)].map((b) => [b]));
}

export function f64Const(value: number): number[] {
  return [OP.f64Const, ...new Uint8Array(Float64Array.of(value).buffer)];
}

/** i32.trunc_sat_f64_s: toward zero, saturating (0 for NaN) instead of trapping. */
export const I32_TRUNC_SAT_F64_S = [0xfc, 0x02];

/** Signed LEB128, for i32.const and i64.const. */
export function sleb(value: number): number[] {
  const out: number[] = [];
  let v = BigInt(value);
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    if ((v === 0n && !(byte & 0x40)) || (v === -1n && byte & 0x40)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** SIMD instructions (128-bit vectors): the 0xfd prefix, then the opcode in LEB128. */
export const SIMD = {
  v128Load: [0xfd, 0x00],
  v128Store: [0xfd, 0x0b],
  i8x16Shuffle: [0xfd, 0x0d],
  i32x4Splat: [0xfd, 0x11],
  i32x4Eq: [0xfd, 0x37],
  v128And: [0xfd, 0x4e],
  v128Andnot: [0xfd, 0x4f],
  v128Or: [0xfd, 0x50],
  v128Xor: [0xfd, 0x51],
  v128Bitselect: [0xfd, 0x52],
  i32x4Shl: [0xfd, 0xab, 0x01],
  i32x4ShrU: [0xfd, 0xad, 0x01],
  i32x4Add: [0xfd, 0xae, 0x01],
  i32x4Mul: [0xfd, 0xb5, 0x01],
} as const;

/** The module header: magic number and version 1. */
export const MODULE_HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00] as const;
