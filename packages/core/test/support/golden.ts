import { appendFileSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';

const GOLDENS = new URL('../goldens/', import.meta.url);

/**
 * Reads packages/core/test/goldens/<name>.json, written by scripts/goldens/<name>.py.
 * The strings "NaN", "Infinity" and "-Infinity" are decoded back into numbers.
 */
// biome-ignore lint/suspicious/noExplicitAny: fixtures are free-form JSON, narrowed by each test
export function loadGolden<T = any>(name: string): T {
  const text = readFileSync(new URL(`${name}.json`, GOLDENS), 'utf8');
  return JSON.parse(text, (_key, value) => {
    if (value === 'NaN') return Number.NaN;
    if (value === 'Infinity') return Number.POSITIVE_INFINITY;
    if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
    return value;
  }) as T;
}

export interface Tolerance {
  /** Relative tolerance, |a - e| <= rel * |e|. */
  rel?: number;
  /** Absolute tolerance, |a - e| <= abs. Either bound passing is enough. */
  abs?: number;
}

/** Relative error |a - e| / |e| (absolute when e is 0); 0 when both are equal or both NaN. */
export function relativeError(actual: number, expected: number): number {
  if (Object.is(actual, expected) || (Number.isNaN(actual) && Number.isNaN(expected))) return 0;
  if (actual === expected) return 0;
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) return Number.POSITIVE_INFINITY;
  const diff = Math.abs(actual - expected);
  return expected === 0 ? diff : diff / Math.abs(expected);
}

/** True when `actual` agrees with `expected` within either tolerance (NaN matches NaN). */
export function isClose(actual: number, expected: number, tol: Tolerance): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (actual === expected) return true;
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) return false;
  const diff = Math.abs(actual - expected);
  if (tol.abs !== undefined && diff <= tol.abs) return true;
  if (tol.rel !== undefined && diff <= tol.rel * Math.abs(expected)) return true;
  return false;
}

/** Asserts closeness with a message that names the case and the field. */
export function expectClose(actual: number, expected: number, tol: Tolerance, label = ''): void {
  if (!isClose(actual, expected, tol)) {
    expect.fail(
      `${label}: got ${actual}, expected ${expected} (relative error ${relativeError(actual, expected).toExponential(2)}, tolerance ${JSON.stringify(tol)})`,
    );
  }
}

/** Agreement levels required by the statistics issue. */
export const STAT_TOL: Tolerance = { rel: 1e-9 };
export const PVALUE_TOL: Tolerance = { rel: 1e-6, abs: 1e-12 };

/**
 * Records the relative error of one compared value under the function's name. When the test run
 * has VIGIE_AGREEMENT_FILE set (see `npm run agreement`), each record is appended there and
 * scripts/agreement.mjs prints the worst error per function.
 */
export function track(fn: string, actual: number, expected: number): void {
  const file = process.env.VIGIE_AGREEMENT_FILE;
  if (!file) return;
  // Relative error where the reference is not tiny; absolute error near zero, where a relative
  // error says nothing (the tests then use an absolute tolerance).
  const tiny = Number.isFinite(expected) && Math.abs(expected) < 1e-12;
  const err = tiny ? Math.abs(actual - expected) : relativeError(actual, expected);
  appendFileSync(
    file,
    `${JSON.stringify({ fn, kind: tiny ? 'abs' : 'rel', err: Number.isFinite(err) ? err : null })}\n`,
  );
}

/** `expectClose` plus `track`: the usual way a golden test compares one number. */
export function expectGolden(fn: string, actual: number, expected: number, tol: Tolerance, label = ''): void {
  track(fn, actual, expected);
  expectClose(actual, expected, tol, `${fn} ${label}`);
}
