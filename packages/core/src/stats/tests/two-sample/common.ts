import { VigieError } from '../../../errors/index.js';
import { sortFloat64 } from '../../descriptive/index.js';
import { type Alternative, applyNanPolicy, type NanPolicy, type Sample } from '../../input.js';

const ALTERNATIVES: readonly Alternative[] = ['two-sided', 'less', 'greater'];
const NAN_POLICIES: readonly NanPolicy[] = ['propagate', 'omit', 'raise'];

/** Throws INVALID_ARGUMENT unless `value` is one of `allowed` (options come from untyped callers too). */
export function checkChoice<T extends string>(fn: string, name: string, value: T, allowed: readonly T[]): T {
  if (!allowed.includes(value)) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `${fn}: ${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got '${String(value)}'`,
    );
  }
  return value;
}

export function checkAlternative(fn: string, alternative: Alternative): Alternative {
  return checkChoice(fn, 'alternative', alternative, ALTERNATIVES);
}

/**
 * Applies scipy's `nan_policy` to every sample, as its `_axis_nan_policy` decorator does:
 * 'omit' drops NaN from each sample independently, 'raise' throws, and 'propagate' returns null
 * when any sample holds a NaN (the caller then returns NaN results).
 */
export function prepareSamples(
  samples: readonly Sample[],
  nanPolicy: NanPolicy,
  fn: string,
): Float64Array[] | null {
  checkChoice(fn, 'nanPolicy', nanPolicy, NAN_POLICIES);
  const out: Float64Array[] = [];
  let propagate = false;
  for (const s of samples) {
    const clean = applyNanPolicy(s, nanPolicy, fn);
    if (clean === null) propagate = true;
    else out.push(clean);
  }
  return propagate ? null : out;
}

/** numpy's `np.round` for a scalar: halves go to the even neighbour. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  // Math.round sends halves up; step back when that made an odd number out of an exact half.
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

export function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

/**
 * numpy's pairwise sum of x[i] - offset (`np.sum(x - offset)`), operation for operation so that
 * sums of squares agree with scipy to the last bit: blocks of at most 128 terms with eight
 * interleaved accumulators, larger ranges split in two at a multiple of eight.
 * (stats/descriptive keeps the same kernel private; see the report.)
 */
export function numpySum(x: Float64Array, offset = 0, lo = 0, n = x.length - lo): number {
  if (n > 128) {
    let half = Math.floor(n / 2);
    half -= half % 8;
    return numpySum(x, offset, lo, half) + numpySum(x, offset, lo + half, n - half);
  }
  if (n < 8) {
    let res = 0;
    for (let i = lo; i < lo + n; i++) res += x[i]! - offset;
    return res;
  }
  let r0 = x[lo]! - offset;
  let r1 = x[lo + 1]! - offset;
  let r2 = x[lo + 2]! - offset;
  let r3 = x[lo + 3]! - offset;
  let r4 = x[lo + 4]! - offset;
  let r5 = x[lo + 5]! - offset;
  let r6 = x[lo + 6]! - offset;
  let r7 = x[lo + 7]! - offset;
  const end8 = lo + n - (n % 8);
  let i = lo + 8;
  for (; i < end8; i += 8) {
    r0 += x[i]! - offset;
    r1 += x[i + 1]! - offset;
    r2 += x[i + 2]! - offset;
    r3 += x[i + 3]! - offset;
    r4 += x[i + 4]! - offset;
    r5 += x[i + 5]! - offset;
    r6 += x[i + 6]! - offset;
    r7 += x[i + 7]! - offset;
  }
  let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
  for (; i < lo + n; i++) res += x[i]! - offset;
  return res;
}

/** Concatenation of samples into one array. */
export function concat(samples: readonly Float64Array[]): Float64Array {
  let n = 0;
  for (const s of samples) n += s.length;
  const out = new Float64Array(n);
  let at = 0;
  for (const s of samples) {
    out.set(s, at);
    at += s.length;
  }
  return out;
}

/**
 * `x` sorted ascending: `x` itself when it already is (callers such as drift keep sorted columns,
 * and the check stops at the first descent of unsorted data), else a radix-sorted copy.
 * NaN must already be removed.
 */
export function sorted(x: Float64Array): Float64Array {
  for (let i = 1; i < x.length; i++) if (x[i - 1]! > x[i]!) return sortFloat64(x);
  return x;
}
