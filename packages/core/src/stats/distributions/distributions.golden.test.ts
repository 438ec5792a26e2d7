import { describe, expect, it } from 'vitest';
import { isClose, loadGolden, relativeError, type Tolerance, track } from '../../../test/support/golden.js';
import * as distributions from './index.js';

type Row = [number, ...unknown[]];
type Table = Record<string, Row[]>;
const golden = loadGolden<Record<string, Table | unknown>>('distributions');

// biome-ignore lint/suspicious/noExplicitAny: methods are looked up by name from the fixture
const dists = distributions as unknown as Record<string, Record<string, (...args: number[]) => any>>;

const names = ['norm', 'studentT', 'chi2', 'fDist', 'betaDist', 'gammaDist', 'kstwobign', 'kstwo', 'ksone'];

describe('distributions agree with scipy.stats', () => {
  for (const name of names) {
    const table = golden[name] as Table;
    for (const [method, rows] of Object.entries(table)) {
      it(`${name}.${method} (${rows.length} cases)`, () => {
        const failures: string[] = [];
        for (const row of rows) {
          const args = row.slice(0, -2) as number[];
          const expected = row[row.length - 2] as number;
          const note = row[row.length - 1] as string;
          const actual = dists[name]![method]!(...args) as number;
          const tol = tolerance(name, method, args, expected);
          track(`${name}.${method}`, actual, expected);
          if (!isClose(actual, expected, tol)) {
            failures.push(
              `(${args.join(', ')}) ${note}: got ${actual}, expected ${expected}, rel ${relativeError(actual, expected).toExponential(2)}`,
            );
          }
        }
        if (failures.length > 0)
          expect.fail(`${failures.length} mismatches:\n${failures.slice(0, 40).join('\n')}`);
      });
    }
  }
});

/**
 * Which agreement each case must reach, and why.
 * - cdf, sf, pdf: 1e-9 relative in the body. In the extreme tails (value < 1e-30) 1e-6 relative:
 *   there the value is exp(-large) and both sides round that large exponent differently
 *   (scipy's own reference moves by ~1e-12..1e-8 there). Below 1e-300 values are compared
 *   absolutely (1e-300): scipy often flushes such results to 0.
 * - Densities of laws with a shape >= 1e5 (chi2/t/F with df = 1e6): 1e-7 relative, because
 *   scipy's log-space formula cancels terms of size df log df ~ 1e7 and so carries ~3e-9 error.
 * - logpdf, logcdf, logsf: 1e-9 relative or 1e-12 absolute (they cross zero, where scipy's own
 *   value is a difference of O(1) terms), with the same large-shape allowance.
 * - ppf, isf: 1e-9 relative, and 1e-300 absolute for roots that underflow (scipy returns 0 or
 *   the smallest normal double depending on the routine).
 * - kstwo.pdf between the closed forms (1/n < d < 1/2): scipy differentiates its cdf by a
 *   5-point difference with step d / 65536, whose noise is ~1e-11 / d absolute; so 1e-6
 *   relative or 1e-10 / d absolute.
 */
function tolerance(name: string, method: string, args: number[], expected: number): Tolerance {
  const x = args[0]!;
  const shapes = args.slice(1);
  const hugeShape = shapes.some((s) => Math.abs(s) >= 1e5 && Number.isFinite(s));
  if (method === 'ppf' || method === 'isf') return { rel: 1e-9, abs: 1e-300 };
  if (method.startsWith('log')) return { rel: hugeShape ? 1e-7 : 1e-9, abs: 1e-12 };
  if (name === 'kstwo' && method === 'pdf') {
    const n = shapes[0]!;
    if (x > 1 / n && x < 0.5 && n * x < n - 1) return { rel: 1e-6, abs: 1e-10 / x };
  }
  const tail = Math.abs(expected) < 1e-30;
  const rel = method === 'pdf' && hugeShape ? 1e-7 : tail ? 1e-6 : 1e-9;
  return { rel, abs: 1e-300 };
}
