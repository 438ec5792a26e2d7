import { VigieError } from '../../errors/index.js';
import { applyNanPolicy, type NanPolicy, type Sample, toFloat64 } from '../input.js';

/** A non-empty sample after the NaN policy, or null when NaN should propagate. */
export function nonEmptySample(
  x: Sample,
  nanPolicy: NanPolicy,
  fn: string,
  name: string,
): Float64Array | null {
  if (x.length === 0) throw new VigieError('EMPTY_INPUT', `${fn}: ${name} is empty`);
  const out = applyNanPolicy(x, nanPolicy, fn);
  if (out !== null && out.length === 0) {
    throw new VigieError('EMPTY_INPUT', `${fn}: ${name} has no values left after omitting NaN`);
  }
  return out;
}

/** A sample the caller vouches is ascending without NaN (`presorted` options): only checked non-empty. */
export function presortedSample(x: Sample, fn: string, name: string): Float64Array {
  if (x.length === 0) throw new VigieError('EMPTY_INPUT', `${fn}: ${name} is empty`);
  return toFloat64(x);
}
