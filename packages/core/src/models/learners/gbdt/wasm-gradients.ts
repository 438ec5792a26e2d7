import { F64, f64Const, I32, I32_TRUNC_SAT_F64_S, OP, sleb, uleb, vector } from '../../../wasm/index.js';
import { EXP_CONSTANTS } from './exp-non-positive.js';

// Parameters (y, raw, gradient, hessian, start, end: byte offsets and rows), then locals.
const [Y, RAW, G, H, START, END] = [0, 1, 2, 3, 4, 5];
const [I, K] = [6, 7];
const [Z, X, AX, HI, LO, T, C, E, D, P] = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17];
const get = (local: number) => [OP.get, local];
const set = (local: number) => [OP.set, local];
const f64 = f64Const;

/** 2^k for the i32 on the stack plus `bias` (a normal power of two: its exponent bits). */
function pow2(bias: number): number[] {
  return [
    OP.i64ExtendI32S,
    OP.i64Const,
    ...sleb(1023 + bias),
    OP.i64Add,
    OP.i64Const,
    52,
    OP.i64Shl,
    OP.f64ReinterpretI64,
  ];
}

/** P1 + t·(P2 + t·(P3 + t·(P4 + t·P5))), evaluated as written. */
function horner(coefficients: readonly number[]): number[] {
  const [first, ...rest] = coefficients;
  if (rest.length === 0) return f64(first!);
  return [...f64(first!), ...get(T), ...horner(rest), OP.f64Mul, OP.f64Add];
}

/**
 * The binomial loss's gradients and hessians in the WebAssembly module, the same operations in the
 * same order as loss.ts (σ through expNonPositive, fdlibm's e^x), so the same float32 bits:
 *   for i in [start, end): z = raw[i]; e = e^(−|z|); p = z ≥ 0 ? 1/(1 + e) : e/(1 + e)
 *     gradient[i] = p − y[i]; hessian[i] = p·(1 − p)
 * The branches of e^x become selects where both sides are cheap (k = 0 below ln2/2, the tiny and
 * underflow cases) and the sigmoid's side of zero is a select (a coin toss for the processor).
 */
export function binomialGradientsBody(): number[] {
  const c = EXP_CONSTANTS;
  const at = (base: number, shift: number) => [
    ...get(base),
    ...get(I),
    OP.i32Const,
    shift,
    OP.i32Shl,
    OP.i32Add,
  ];
  const body = [
    OP.block,
    OP.void,
    ...[...get(START), ...get(END), OP.i32GeU, OP.brIf, 0],
    ...[...get(START), ...set(I)],
    OP.loop,
    OP.void,
    ...[...at(RAW, 3), OP.f64Load, 3, 0, OP.tee, Z, OP.f64Abs, OP.tee, AX, OP.f64Neg, ...set(X)],
    // k = |z| ≥ ln2/2 ? trunc(x/ln2 − 0.5) : 0; then x = hi − lo (unchanged when k = 0)
    ...[...f64(c.INV_LN2), ...get(X), OP.f64Mul, ...f64(0.5), OP.f64Sub, ...I32_TRUNC_SAT_F64_S],
    ...[OP.i32Const, 0, ...get(AX), ...f64(c.HALF_LN2_HIGH_WORD), OP.f64Ge, OP.select, ...set(K)],
    ...[...get(X), ...get(K), OP.f64ConvertI32S, ...f64(c.LN2_HI), OP.f64Mul, OP.f64Sub, ...set(HI)],
    ...[...get(K), OP.f64ConvertI32S, ...f64(c.LN2_LO), OP.f64Mul, ...set(LO)],
    ...[...get(HI), ...get(LO), OP.f64Sub, ...set(X)],
    // t = x²; c = x − t·(P1 + t·(…))
    ...[...get(X), ...get(X), OP.f64Mul, ...set(T)],
    ...[...get(X), ...get(T), ...horner(c.P), OP.f64Mul, OP.f64Sub, ...set(C)],
    ...[...get(K), OP.i32Eqz, OP.if, F64],
    // k = 0: 1 − ((x·c)/(c − 2) − x)
    ...[...f64(1), ...get(X), ...get(C), OP.f64Mul, ...get(C), ...f64(2), OP.f64Sub, OP.f64Div],
    ...[...get(X), OP.f64Sub, OP.f64Sub],
    OP.else,
    // y = 1 − (lo − (x·c)/(2 − c) − hi), times 2^k (2^(k+1000)·2^−1000 below 2^−1021)
    ...[...f64(1), ...get(LO), ...get(X), ...get(C), OP.f64Mul, ...f64(2), ...get(C), OP.f64Sub, OP.f64Div],
    ...[OP.f64Sub, ...get(HI), OP.f64Sub, OP.f64Sub, ...set(D)],
    ...[...get(K), OP.i32Const, ...sleb(-1021), OP.i32GeS, OP.if, F64],
    ...[...get(D), ...get(K), ...pow2(0), OP.f64Mul],
    OP.else,
    ...[...get(D), ...get(K), ...pow2(1000), OP.f64Mul, ...f64(2 ** -1000), OP.f64Mul],
    OP.end,
    OP.end,
    ...set(E),
    // |z| < 2^−28: 1 + x; −|z| below the underflow threshold: 0
    ...[
      ...f64(1),
      ...get(X),
      OP.f64Add,
      ...get(E),
      ...get(AX),
      ...f64(c.TINY),
      OP.f64Lt,
      OP.select,
      ...set(E),
    ],
    ...[...f64(0), ...get(E), ...get(AX), OP.f64Neg, ...f64(c.UNDERFLOW), OP.f64Lt, OP.select, ...set(E)],
    // p = z ≥ 0 ? 1/(1 + e) : e/(1 + e)
    ...[...f64(1), ...get(E), OP.f64Add, ...set(D)],
    ...[...f64(1), ...get(D), OP.f64Div, ...get(E), ...get(D), OP.f64Div],
    ...[...get(Z), ...f64(0), OP.f64Ge, OP.select, ...set(P)],
    ...[...at(G, 2), ...get(P), ...at(Y, 3), OP.f64Load, 3, 0, OP.f64Sub, OP.f32DemoteF64, OP.f32Store, 2, 0],
    ...[
      ...at(H, 2),
      ...get(P),
      ...f64(1),
      ...get(P),
      OP.f64Sub,
      OP.f64Mul,
      OP.f32DemoteF64,
      OP.f32Store,
      2,
      0,
    ],
    ...[...get(I), OP.i32Const, 1, OP.i32Add, OP.tee, I, ...get(END), OP.i32LtU, OP.brIf, 0],
    OP.end,
    OP.end,
    OP.end,
  ];
  const locals = vector([
    [...uleb(2), I32],
    [...uleb(10), F64],
  ]);
  const code = [...locals, ...body];
  return [...uleb(code.length), ...code];
}
