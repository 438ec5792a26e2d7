import { VigieError } from '../../errors/index.js';
import type { Sample } from '../input.js';

/**
 * Smallest value, as `numpy.min`: NaN propagates (any NaN gives NaN); an empty sample throws
 * EMPTY_INPUT (numpy raises ValueError).
 *
 * @example min([3, -1, 2]); // -1
 */
export function min(x: Sample): number {
  if (x.length === 0) throw new VigieError('EMPTY_INPUT', 'min: the sample is empty');
  let m = Number.POSITIVE_INFINITY;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v < m) m = v;
    else if (v !== v) return Number.NaN;
  }
  return m;
}

/**
 * Largest value, as `numpy.max`: NaN propagates (any NaN gives NaN); an empty sample throws
 * EMPTY_INPUT (numpy raises ValueError).
 *
 * @example max([3, -1, 2]); // 3
 */
export function max(x: Sample): number {
  if (x.length === 0) throw new VigieError('EMPTY_INPUT', 'max: the sample is empty');
  let m = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v > m) m = v;
    else if (v !== v) return Number.NaN;
  }
  return m;
}
