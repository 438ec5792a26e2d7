import { F64, f64Const, I32, OP, uleb, vector } from '../../../wasm/index.js';
import { SLOTS } from './histogram.js';

/**
 * The function bodies of the WebAssembly module of histogram-wasm.ts (each with its locals, ready
 * for the code section), each documented by the loop it runs.
 */

/** Which slots a kernel adds to: gradient, hessian, count ('gn': gradient and count). */
export type Kind = 'ghn' | 'gh' | 'gn' | 'columnsGhn' | 'columnsGn' | 'gatherGh' | 'gatherG';
export const KINDS: Kind[] = ['ghn', 'gh', 'gn', 'columnsGhn', 'columnsGn', 'gatherGh', 'gatherG'];

// Parameters (all i32), then locals, by index.
const [HIST, BINS, F, STEP, IDX, START, END, G, H, FROM, TO] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const [I, R, P, PEND, O, K, J, Q, GG, HH] = [11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
const get = (local: number) => [OP.get, local];
const set = (local: number) => [OP.set, local];

/** k[offset] += value, k the cell's address. */
function addTo(offset: number, value: number[]): number[] {
  return [
    ...get(K),
    ...get(K),
    OP.f64Load,
    3,
    ...uleb(offset),
    ...value,
    OP.f64Add,
    OP.f64Store,
    3,
    ...uleb(offset),
  ];
}

/** k = o + bins[p]·24: the cell of the byte at p, in the feature histogram at o. */
const cellOf = (binAddress: number[]) => [
  ...get(O),
  ...binAddress,
  OP.i32Load8U,
  0,
  0,
  OP.i32Const,
  SLOTS * 8,
  OP.i32Mul,
  OP.i32Add,
  ...set(K),
];

/** base + r·4: the address of row r's float32. */
const rowFloat = (base: number) => [...get(base), ...get(R), OP.i32Const, 2, OP.i32Shl, OP.i32Add];

/**
 * Row-major (hist, bins, nFeatures, stepBytes, idx, start, end, gradient, hessian, from, to):
 *   for i in [start, end): r = idx[i]; gg = gradient[r]; hh = hessian[r]
 *     for j in [from, to): k = hist + j·stepBytes + bins[r·nFeatures + j]·24
 *       k[0] += gg; k[1] += hh; k[2] += 1   (the slots of the kind)
 * Column-major (hist, columns, rows, stepBytes, idx, start, end, ordered, _, from, to):
 *   for j in [from, to): for i in [start, end): k = hist + j·stepBytes + columns[j·rows + idx[i]]·24
 *     k[0] += ordered[2(i − start)]; k[1] += ordered[2(i − start) + 1]; k[2] += 1
 */
export function kernelBody(kind: Kind): number[] {
  if (kind === 'gatherGh' || kind === 'gatherG') return gatherBody(kind === 'gatherGh');
  const hessian = kind === 'ghn' || kind === 'gh' || kind === 'columnsGhn';
  const counts = kind !== 'gh';
  const slots = (g: number[], h: number[]) => [
    ...addTo(0, g),
    ...(hessian ? addTo(8, h) : []),
    ...(counts ? addTo(16, f64Const(1)) : []),
  ];
  const nextI = [...get(I), OP.i32Const, 1, OP.i32Add, OP.tee, I, ...get(END), OP.i32LtU, OP.brIf, 0];
  const empty = [
    ...[...get(START), ...get(END), OP.i32GeU, OP.brIf, 0],
    ...[...get(FROM), ...get(TO), OP.i32GeU, OP.brIf, 0],
  ];
  const rowMajor = [
    ...get(START),
    ...set(I),
    OP.loop,
    OP.void,
    ...[...get(IDX), ...get(I), OP.i32Const, 2, OP.i32Shl, OP.i32Add, OP.i32Load, 2, 0, ...set(R)],
    ...[...rowFloat(G), OP.f32Load, 2, 0, OP.f64PromoteF32, ...set(GG)],
    ...(hessian ? [...rowFloat(H), OP.f32Load, 2, 0, OP.f64PromoteF32, ...set(HH)] : []),
    // p = bins + r·f + from; pend = p + to − from; o = hist + from·step
    ...[...get(BINS), ...get(R), ...get(F), OP.i32Mul, OP.i32Add, ...get(FROM), OP.i32Add, OP.tee, P],
    ...[...get(TO), OP.i32Add, ...get(FROM), OP.i32Sub, ...set(PEND)],
    ...[...get(HIST), ...get(FROM), ...get(STEP), OP.i32Mul, OP.i32Add, ...set(O)],
    OP.loop,
    OP.void,
    ...cellOf(get(P)),
    ...slots(get(GG), get(HH)),
    ...[...get(O), ...get(STEP), OP.i32Add, ...set(O)],
    ...[...get(P), OP.i32Const, 1, OP.i32Add, OP.tee, P, ...get(PEND), OP.i32LtU, OP.brIf, 0],
    OP.end,
    ...nextI,
    OP.end,
  ];
  const columnMajor = [
    ...get(FROM),
    ...set(J),
    OP.loop,
    OP.void,
    // p = columns + j·rows; o = hist + j·step; q = ordered; i = start
    ...[...get(BINS), ...get(J), ...get(F), OP.i32Mul, OP.i32Add, ...set(P)],
    ...[...get(HIST), ...get(J), ...get(STEP), OP.i32Mul, OP.i32Add, ...set(O)],
    ...[...get(G), ...set(Q), ...get(START), ...set(I)],
    OP.loop,
    OP.void,
    ...cellOf([
      ...get(P),
      ...get(IDX),
      ...get(I),
      OP.i32Const,
      2,
      OP.i32Shl,
      OP.i32Add,
      OP.i32Load,
      2,
      0,
      OP.i32Add,
    ]),
    ...slots([...get(Q), OP.f64Load, 3, 0], [...get(Q), OP.f64Load, 3, 8]),
    ...[...get(Q), OP.i32Const, 16, OP.i32Add, ...set(Q)],
    ...nextI,
    OP.end,
    ...[...get(J), OP.i32Const, 1, OP.i32Add, OP.tee, J, ...get(TO), OP.i32LtU, OP.brIf, 0],
    OP.end,
  ];
  const body = [
    OP.block,
    OP.void,
    ...empty,
    ...(kind.startsWith('columns') ? columnMajor : rowMajor),
    OP.end,
    OP.end,
  ];
  const locals = vector([
    [...uleb(8), I32],
    [...uleb(2), F64],
  ]);
  const code = [...locals, ...body];
  return [...uleb(code.length), ...code];
}

/**
 * (ordered, _, _, _, idx, start, end, gradient, hessian, _, _):
 *   for i in [start, end): ordered[2(i − start)] = gradient[idx[i]]; ordered[2(i − start) + 1] = hessian[idx[i]]
 */
function gatherBody(hessian: boolean): number[] {
  const body = [
    OP.block,
    OP.void,
    ...[...get(START), ...get(END), OP.i32GeU, OP.brIf, 0],
    ...[...get(HIST), ...set(Q), ...get(START), ...set(I)],
    OP.loop,
    OP.void,
    ...[...get(IDX), ...get(I), OP.i32Const, 2, OP.i32Shl, OP.i32Add, OP.i32Load, 2, 0, ...set(R)],
    ...[...get(Q), ...rowFloat(G), OP.f32Load, 2, 0, OP.f64PromoteF32, OP.f64Store, 3, 0],
    ...(hessian ? [...get(Q), ...rowFloat(H), OP.f32Load, 2, 0, OP.f64PromoteF32, OP.f64Store, 3, 8] : []),
    ...[...get(Q), OP.i32Const, 16, OP.i32Add, ...set(Q)],
    ...[...get(I), OP.i32Const, 1, OP.i32Add, OP.tee, I, ...get(END), OP.i32LtU, OP.brIf, 0],
    OP.end,
    OP.end,
    OP.end,
  ];
  const locals = vector([
    [...uleb(8), I32],
    [...uleb(2), F64],
  ]);
  const code = [...locals, ...body];
  return [...uleb(code.length), ...code];
}

/**
 * (idx, scratch, column, start, end, bin, missingBin, keepMissing) → nl, without branches (which
 * side a row goes is a coin toss the processor cannot predict): each row is written to both sides
 * and only the side it belongs to advances.
 *   nl = start; nr = 0
 *   for i in [start, end): r = idx[i]; b = column[r]
 *     right = (b > bin) & ((b ≠ missingBin) | ¬keepMissing)
 *     idx[nl] = r; scratch[nr] = r; nl += 1 − right; nr += right
 */
export function partitionBody(): number[] {
  const [IDXP, SCRATCH, COL, PSTART, PEND_, BIN, MISSING, KEEP] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [PI, NL, NR, PR, B, RIGHT] = [8, 9, 10, 11, 12, 13];
  const at = (base: number, index: number) => [
    ...get(base),
    ...get(index),
    OP.i32Const,
    2,
    OP.i32Shl,
    OP.i32Add,
  ];
  const body = [
    ...[...get(PSTART), OP.tee, NL, ...set(PI)],
    OP.block,
    OP.void,
    ...[...get(PI), ...get(PEND_), OP.i32GeU, OP.brIf, 0],
    OP.loop,
    OP.void,
    ...[...at(IDXP, PI), OP.i32Load, 2, 0, OP.tee, PR],
    ...[...get(COL), OP.i32Add, OP.i32Load8U, 0, 0, ...set(B)],
    ...[...get(B), ...get(BIN), OP.i32GtU],
    ...[...get(B), ...get(MISSING), OP.i32Ne, ...get(KEEP), OP.i32Const, 1, OP.i32Xor, OP.i32Or],
    ...[OP.i32And, ...set(RIGHT)],
    ...[...at(IDXP, NL), ...get(PR), OP.i32Store, 2, 0],
    ...[...at(SCRATCH, NR), ...get(PR), OP.i32Store, 2, 0],
    ...[...get(NL), ...get(RIGHT), OP.i32Const, 1, OP.i32Xor, OP.i32Add, ...set(NL)],
    ...[...get(NR), ...get(RIGHT), OP.i32Add, ...set(NR)],
    ...[...get(PI), OP.i32Const, 1, OP.i32Add, OP.tee, PI, ...get(PEND_), OP.i32LtU, OP.brIf, 0],
    OP.end,
    OP.end,
    ...get(NL),
    OP.end,
  ];
  const locals = vector([[...uleb(6), I32]]);
  const code = [...locals, ...body];
  return [...uleb(code.length), ...code];
}

/**
 * (raw, idx, start, end, strideBytes, offsetBytes, value: f64):
 *   for i in [start, end): a = raw + idx[i]·strideBytes + offsetBytes; *a += value
 */
export function addToRowsBody(): number[] {
  const [RAW, AIDX, ASTART, AEND, ASTRIDE, AOFFSET, VALUE] = [0, 1, 2, 3, 4, 5, 6];
  const [AI, A] = [7, 8];
  const body = [
    OP.block,
    OP.void,
    ...[...get(ASTART), ...get(AEND), OP.i32GeU, OP.brIf, 0],
    ...[...get(ASTART), ...set(AI)],
    OP.loop,
    OP.void,
    ...[...get(AIDX), ...get(AI), OP.i32Const, 2, OP.i32Shl, OP.i32Add, OP.i32Load, 2, 0],
    ...[...get(ASTRIDE), OP.i32Mul, ...get(RAW), OP.i32Add, ...get(AOFFSET), OP.i32Add, OP.tee, A],
    ...[...get(A), OP.f64Load, 3, 0, ...get(VALUE), OP.f64Add, OP.f64Store, 3, 0],
    ...[...get(AI), OP.i32Const, 1, OP.i32Add, OP.tee, AI, ...get(AEND), OP.i32LtU, OP.brIf, 0],
    OP.end,
    OP.end,
    OP.end,
  ];
  const locals = vector([[...uleb(2), I32]]);
  const code = [...locals, ...body];
  return [...uleb(code.length), ...code];
}
