import { VigieError } from '../../errors/index.js';
import { argsortFloat64 } from '../descriptive/index.js';

/** Labels as dense codes 0..count-1 in ascending order of value, as numpy.unique's inverse. */
export interface Factorized {
  codes: Int32Array;
  count: number;
}

/**
 * Factorizes numeric labels (-0 and +0 are one label; NaN throws). Integer labels spanning a
 * range not much wider than n go through a lookup table in O(n); others through a sort.
 */
export function factorize(labels: ArrayLike<number>, fn: string): Factorized {
  const n = labels.length;
  const codes = new Int32Array(n);
  if (n === 0) return { codes, count: 0 };
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let integers = true;
  for (let i = 0; i < n; i++) {
    const v = labels[i]!;
    if (v !== v) throw new VigieError('INVALID_ARGUMENT', `${fn}: labels must not be NaN (row ${i})`);
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (integers && !Number.isInteger(v)) integers = false;
  }
  const span = hi - lo + 1;
  if (integers && span <= 4 * n + 1024) {
    const slot = new Int32Array(span).fill(-1);
    for (let i = 0; i < n; i++) slot[labels[i]! - lo] = 0;
    let count = 0;
    for (let s = 0; s < span; s++) if (slot[s] === 0) slot[s] = count++;
    for (let i = 0; i < n; i++) codes[i] = slot[labels[i]! - lo]!;
    return { codes, count };
  }
  const order = argsortFloat64(labels);
  let count = 0;
  let prev = labels[order[0]!]!;
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const v = labels[i]!;
    if (v !== prev) {
      count++;
      prev = v;
    }
    codes[i] = count;
  }
  return { codes, count: count + 1 };
}
