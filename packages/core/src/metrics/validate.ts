import { VigieError } from '../errors/index.js';

/** Throws INVALID_ARGUMENT with `fn: message`. */
export function invalid(fn: string, message: string): never {
  throw new VigieError('INVALID_ARGUMENT', `${fn}: ${message}`);
}

/** Equal, non-zero lengths (scikit-learn's check_consistent_length plus its empty-input error). */
export function checkLengths(fn: string, columns: Record<string, { length: number } | undefined>): number {
  let n = -1;
  let first = '';
  for (const [name, col] of Object.entries(columns)) {
    if (col === undefined) continue;
    if (n === -1) {
      n = col.length;
      first = name;
    } else if (col.length !== n) {
      invalid(fn, `${name} has ${col.length} rows but ${first} has ${n}`);
    }
  }
  if (n <= 0) invalid(fn, 'empty input: at least one row is needed');
  return n;
}

/** Every value finite (scikit-learn refuses NaN and infinity in targets and scores). */
export function checkFinite(fn: string, name: string, x: ArrayLike<number>): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!(v - v === 0)) {
      invalid(
        fn,
        `${name} contains ${typeof v === 'number' ? v : typeof v} at row ${i + 1}; values must be finite numbers`,
      );
    }
  }
}

/**
 * Sample weights: as many as rows, finite and non-negative, not all zero (scikit-learn refuses
 * all-zero weights; it accepts negative weights in some metrics, where they have no meaning, so
 * Vigie refuses them).
 */
export function checkSampleWeight(fn: string, w: ArrayLike<number> | undefined, n: number): void {
  if (w === undefined) return;
  if (w.length !== n) invalid(fn, `sampleWeight has ${w.length} values but there are ${n} rows`);
  let positive = false;
  for (let i = 0; i < n; i++) {
    const v = w[i]!;
    if (!(v >= 0 && v < Number.POSITIVE_INFINITY)) {
      invalid(fn, `sampleWeight must be finite and non-negative, got ${v} at row ${i + 1}`);
    }
    if (v > 0) positive = true;
  }
  if (!positive) invalid(fn, 'sampleWeight must contain at least one non-zero weight');
}

/** Probabilities in [0, 1] (scikit-learn raises on values outside). */
export function checkUnitInterval(fn: string, name: string, x: ArrayLike<number>): void {
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (!(v >= 0 && v <= 1)) invalid(fn, `${name} must be probabilities in [0, 1], got ${v} at row ${i + 1}`);
  }
}

/** A numeric view of a 1-D input (no copy for a Float64Array). */
export function asFloat64(x: ArrayLike<number>): Float64Array {
  if (x instanceof Float64Array) return x;
  return Float64Array.from(x);
}

/** True when `x` is a 2-D input: rows that are themselves arrays. */
export function isMatrix(x: ArrayLike<unknown>): x is ArrayLike<ArrayLike<number>> {
  const first = x[0];
  return typeof first === 'object' && first !== null;
}
