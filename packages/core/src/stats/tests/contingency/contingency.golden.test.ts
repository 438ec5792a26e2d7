import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden, PVALUE_TOL, STAT_TOL } from '../../../../test/support/golden.js';
import { isVigieError } from '../../../errors/index.js';
import type { Alternative, NanPolicy, TestResult } from '../../input.js';
import {
  chi2Contingency,
  chisquare,
  contingencyFromCodes,
  fisherExact,
  gtest,
  type PowerDivergenceLambda,
  powerDivergence,
  proportionsZtest,
} from './index.js';

/** A reference result, or the class of the exception the reference raised. */
interface Outcome {
  statistic?: number;
  pvalue?: number;
  error?: 'ValueError' | 'NotImplementedError';
  /**
   * Absolute rounding noise of the reference statistic (16ε · the summed magnitudes its terms
   * are computed from). Power-divergence terms of both signs cancel near independence or a
   * perfect fit, and scipy's own value is then no better than this; 1e-9 relative holds above it.
   */
  statAbsTol?: number;
}

interface GofCase extends Outcome {
  name: string;
  fObs: number[];
  fExp: number[] | null;
  ddof: number;
  nanPolicy: NanPolicy;
  lambda?: PowerDivergenceLambda;
}

interface TableCase extends Outcome {
  name: string;
  table: number[][];
  correction: boolean;
  lambda: PowerDivergenceLambda | null;
  dof?: number;
  expectedFreq?: number[][];
}

interface FisherCase extends Outcome {
  table: number[][];
  alternative: Alternative;
}

interface PropCase extends Outcome {
  count: number | number[];
  nobs: number | number[];
  value: number | null;
  propVar: number | false;
  alternative: Alternative;
}

interface CodesCase {
  a: number[];
  b: number[];
  nA: number;
  nB: number;
  table: number[][];
}

interface Fixture {
  chisquare: GofCase[];
  powerDivergence: GofCase[];
  chi2Contingency: TableCase[];
  gtest: TableCase[];
  fisherExact: FisherCase[];
  proportionsZtest: PropCase[];
  contingencyFromCodes: CodesCase[];
}

const golden = loadGolden<Fixture>('tests_contingency');

// Python's ValueError maps to INVALID_ARGUMENT; NotImplementedError (and the r×c Fisher test,
// which scipy answers with a random Monte Carlo test) to UNSUPPORTED.
const ERROR_CODES = { ValueError: 'INVALID_ARGUMENT', NotImplementedError: 'UNSUPPORTED' } as const;

/** Compares one case (or checks that it throws as the reference raised); returns the result. */
function check<T extends TestResult>(
  fn: string,
  label: string,
  expected: Outcome,
  run: () => T,
): T | undefined {
  if (expected.error !== undefined) {
    let thrown: unknown;
    try {
      run();
    } catch (err) {
      thrown = err;
    }
    expect(isVigieError(thrown), `${fn} ${label} should throw`).toBe(true);
    expect((thrown as { code: string }).code, `${fn} ${label}`).toBe(ERROR_CODES[expected.error]);
    return undefined;
  }
  const actual = run();
  const statTol = expected.statAbsTol === undefined ? STAT_TOL : { ...STAT_TOL, abs: expected.statAbsTol };
  expectGolden(fn, actual.statistic, expected.statistic!, statTol, `${label} statistic`);
  expectGolden(fn, actual.pvalue, expected.pvalue!, PVALUE_TOL, `${label} pvalue`);
  return actual;
}

describe('goodness of fit against scipy', () => {
  it('chisquare', () => {
    expect(golden.chisquare.length).toBeGreaterThanOrEqual(30);
    for (const c of golden.chisquare) {
      check('chisquare', c.name, c, () =>
        chisquare(c.fObs, c.fExp, { ddof: c.ddof, nanPolicy: c.nanPolicy }),
      );
    }
  });

  it('powerDivergence', () => {
    expect(golden.powerDivergence.length).toBeGreaterThanOrEqual(30);
    for (const c of golden.powerDivergence) {
      const lambda_ = c.lambda!;
      check('powerDivergence', `${c.name} lambda=${lambda_}`, c, () =>
        powerDivergence(c.fObs, c.fExp, { ddof: c.ddof, lambda_, nanPolicy: c.nanPolicy }),
      );
    }
  });
});

describe('two-way tables against scipy', () => {
  function checkTable(fn: 'chi2Contingency' | 'gtest', c: TableCase) {
    const label = `${c.name} correction=${c.correction} lambda=${c.lambda}`;
    const run =
      fn === 'gtest'
        ? () => gtest(c.table, { correction: c.correction })
        : () => chi2Contingency(c.table, { correction: c.correction, lambda_: c.lambda ?? 1 });
    const actual = check(fn, label, c, run);
    if (actual === undefined) return;
    expect(actual.dof, `${fn} ${label} dof`).toBe(c.dof);
    for (const [i, row] of c.expectedFreq!.entries()) {
      for (const [j, e] of row.entries()) {
        expectGolden(fn, actual.expectedFreq[i]![j]!, e, STAT_TOL, `${label} expected[${i}][${j}]`);
      }
    }
  }

  it('chi2Contingency', () => {
    expect(golden.chi2Contingency.length).toBeGreaterThanOrEqual(30);
    for (const c of golden.chi2Contingency) checkTable('chi2Contingency', c);
  });

  it('gtest (chi2_contingency with lambda_="log-likelihood")', () => {
    expect(golden.gtest.length).toBeGreaterThanOrEqual(30);
    for (const c of golden.gtest) checkTable('gtest', c);
  });

  it('fisherExact', () => {
    expect(golden.fisherExact.length).toBeGreaterThanOrEqual(30);
    for (const c of golden.fisherExact) {
      const label = `${JSON.stringify(c.table)} ${c.alternative}`;
      check('fisherExact', label, c, () => fisherExact(c.table, { alternative: c.alternative }));
    }
  });
});

describe('proportions against statsmodels', () => {
  it('proportionsZtest', () => {
    expect(golden.proportionsZtest.length).toBeGreaterThanOrEqual(30);
    for (const c of golden.proportionsZtest) {
      const label = `${JSON.stringify(c.count)}/${JSON.stringify(c.nobs)} value=${c.value} propVar=${c.propVar} ${c.alternative}`;
      check('proportionsZtest', label, c, () =>
        proportionsZtest(c.count, c.nobs, {
          alternative: c.alternative,
          propVar: c.propVar,
          ...(c.value === null ? {} : { value: c.value }),
        }),
      );
    }
  });
});

describe('contingencyFromCodes against numpy.add.at', () => {
  it('cross-tabulates with -1 skipped', () => {
    expect(golden.contingencyFromCodes.length).toBeGreaterThanOrEqual(30);
    for (const c of golden.contingencyFromCodes) {
      expect(contingencyFromCodes(c.a, c.b, c.nA, c.nB)).toEqual(c.table);
    }
  });
});
