import { expect } from 'vitest';
import { isVigieError } from '../../src/errors/index.js';
import { expectGolden, type Tolerance } from './golden.js';

/** A reference result: the value, or the error the reference raised. */
export type Outcome<T = number> = { value: T } | { error: string };

/** 1e-9 relative, with an absolute floor for values that are 0 in one and ~1e-17 in the other. */
export const METRIC_TOL: Tolerance = { rel: 1e-9, abs: 1e-15 };

/** Asserts that `run` throws VigieError INVALID_ARGUMENT, naming the case and the reference's error. */
export function expectRefusal(run: () => unknown, label: string, reference: string): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  if (thrown === undefined) expect.fail(`${label}: expected a refusal as the reference (${reference})`);
  if (!isVigieError(thrown)) throw thrown;
  expect(thrown.code, label).toBe('INVALID_ARGUMENT');
}

/** Compares arrays element by element with expectGolden (same length required). */
export function expectGoldenArray(
  fn: string,
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: Tolerance,
  label: string,
): void {
  expect(actual.length, `${fn} ${label} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectGolden(fn, actual[i]!, expected[i]!, tol, `${label}[${i}]`);
}

/** Numeric label arrays also as typed arrays (the fast paths), strings as given. */
export function labelVariants(y: (number | string)[]): { name: string; y: ArrayLike<number | string> }[] {
  const out: { name: string; y: ArrayLike<number | string> }[] = [{ name: 'array', y }];
  if (y.every((v) => typeof v === 'number')) {
    out.push({ name: 'Int32Array', y: Int32Array.from(y as number[]) });
    out.push({ name: 'Float64Array', y: Float64Array.from(y as number[]) });
  }
  return out;
}
