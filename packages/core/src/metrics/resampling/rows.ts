import type { Label } from '../labels.js';

/** One input of a metric, indexed by row: labels, scores, or a rows × classes matrix. */
export type Rows = ArrayLike<Label> | ArrayLike<number> | ArrayLike<ArrayLike<number>>;

/** The metric functions of this module (and any of the same shape: yTrue, yPred, options). */
// biome-ignore lint/suspicious/noExplicitAny: metrics differ in their input and option types
export type Metric = (yTrue: any, yPred: any, options?: any) => number | Float64Array;

/** The rows of `x` at `index` (with repetition), of the same kind: typed arrays stay typed. */
export function takeRows<T extends Rows>(x: T, index: ArrayLike<number>): T {
  const m = index.length;
  if (ArrayBuffer.isView(x)) {
    const src = x as unknown as Float64Array;
    const out = new (src.constructor as Float64ArrayConstructor)(m);
    for (let i = 0; i < m; i++) out[i] = src[index[i]!]!;
    return out as unknown as T;
  }
  const out = new Array(m);
  for (let i = 0; i < m; i++) out[i] = x[index[i]!];
  return out as unknown as T;
}

/** Row indices 0..n−1 without `skip`. */
export function allBut(n: number, skip: number): Uint32Array {
  const out = new Uint32Array(n - 1);
  for (let i = 0, w = 0; i < n; i++) if (i !== skip) out[w++] = i;
  return out;
}
