import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden, PVALUE_TOL, STAT_TOL } from '../../../../test/support/golden.js';
import { isVigieError } from '../../../errors/index.js';
import type { Alternative, NanPolicy, TestResult } from '../../input.js';
import { jarqueBera, kurtosistest, normaltest, shapiro, skewtest } from './index.js';

interface Case {
  input: string;
  nanPolicy: NanPolicy;
  alternative?: Alternative;
  statistic?: number;
  pvalue?: number;
  error?: 'ValueError';
}

type Fn = 'skewtest' | 'kurtosistest' | 'normaltest' | 'jarqueBera' | 'shapiro';

type Fixture = { inputs: Record<string, number[]> } & Record<Fn, Case[]>;

const golden = loadGolden<Fixture>('tests_one_sample');
const inputs = new Map(Object.entries(golden.inputs).map(([k, v]) => [k, Float64Array.from(v)]));

const RUN: Record<Fn, (x: Float64Array, c: Case) => TestResult> = {
  skewtest: (x, c) => skewtest(x, { nanPolicy: c.nanPolicy, alternative: c.alternative! }),
  kurtosistest: (x, c) => kurtosistest(x, { nanPolicy: c.nanPolicy, alternative: c.alternative! }),
  normaltest: (x, c) => normaltest(x, { nanPolicy: c.nanPolicy }),
  jarqueBera: (x, c) => jarqueBera(x, { nanPolicy: c.nanPolicy }),
  shapiro: (x, c) => shapiro(x, { nanPolicy: c.nanPolicy }),
};

describe('one-sample normality tests against scipy', () => {
  for (const fn of Object.keys(RUN) as Fn[]) {
    it(fn, () => {
      const cases = golden[fn];
      expect(cases.length).toBeGreaterThanOrEqual(30);
      for (const c of cases) {
        const x = inputs.get(c.input)!;
        const label = `${c.input} nanPolicy=${c.nanPolicy}${c.alternative ? ` ${c.alternative}` : ''}`;
        if (c.error !== undefined) {
          let thrown: unknown;
          try {
            RUN[fn](x, c);
          } catch (err) {
            thrown = err;
          }
          expect(isVigieError(thrown) && thrown.code === 'INVALID_ARGUMENT', `${fn} ${label} throws`).toBe(
            true,
          );
          continue;
        }
        const actual = RUN[fn](x, c);
        expectGolden(fn, actual.statistic, c.statistic!, STAT_TOL, `${label} statistic`);
        expectGolden(fn, actual.pvalue, c.pvalue!, PVALUE_TOL, `${label} pvalue`);
      }
    });
  }
});
