import { VigieError } from '../errors/index.js';

/** Parameter checks shared by the detectors; each throws INVALID_ARGUMENT naming the parameter. */

export function requireFinite(fn: string, name: string, v: number, min = Number.NEGATIVE_INFINITY): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `${fn}: ${name} must be a finite number >= ${min}, got ${String(v)}`,
    );
  }
  return v;
}

export function requirePositive(fn: string, name: string, v: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw new VigieError('INVALID_ARGUMENT', `${fn}: ${name} must be a finite number > 0, got ${String(v)}`);
  }
  return v;
}

export function requireInteger(fn: string, name: string, v: number, min: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new VigieError('INVALID_ARGUMENT', `${fn}: ${name} must be an integer >= ${min}, got ${String(v)}`);
  }
  return v;
}

/** 'auto' or a fraction in (0, 0.5], as scikit-learn's `contamination`. */
export function requireContamination(fn: string, v: 'auto' | number): 'auto' | number {
  if (v === 'auto') return v;
  if (typeof v !== 'number' || !(v > 0 && v <= 0.5)) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `${fn}: contamination must be 'auto' or in (0, 0.5], got ${String(v)}`,
    );
  }
  return v;
}
