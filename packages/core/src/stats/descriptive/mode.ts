import { applyNanPolicy, type NanPolicy, type Sample, toFloat64 } from '../input.js';
import { sortFloat64 } from './radix-sort.js';

export interface ModeOptions {
  /**
   * scipy's nan_policy; default 'propagate', under which, as in scipy, NaN is counted as one more
   * value (sorting last): it is the mode only when strictly more frequent than every number.
   */
  nanPolicy?: NanPolicy;
}

export interface ModeResult {
  mode: number;
  count: number;
}

/**
 * Most frequent value as `scipy.stats.mode`: the smallest of the most frequent values, with its
 * count. -0 and +0 count as one value. Empty input gives `{ mode: NaN, count: 0 }`.
 *
 * @example mode([3, 1, 3, 1, 2]); // { mode: 1, count: 2 }
 */
export function mode(x: Sample, options: ModeOptions = {}): ModeResult {
  const { nanPolicy = 'propagate' } = options;
  const a = nanPolicy === 'propagate' ? toFloat64(x) : applyNanPolicy(x, nanPolicy, 'mode');
  if (a === null || a.length === 0) return { mode: Number.NaN, count: 0 };
  const sorted = sortFloat64(a);
  let best = sorted[0]!;
  let bestCount = 0;
  let i = 0;
  while (i < sorted.length) {
    const v = sorted[i]!;
    let j = i + 1;
    if (v === v) while (j < sorted.length && sorted[j] === v) j++;
    else j = sorted.length; // all NaN sort last and count together
    if (j - i > bestCount) {
      best = v;
      bestCount = j - i;
    }
    i = j;
  }
  return { mode: best, count: bestCount };
}
