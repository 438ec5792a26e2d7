import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden } from '../../test/support/golden.js';
import { expectRefusal, METRIC_TOL, type Outcome } from '../../test/support/metrics-golden.js';
import {
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanSquaredError,
  medianAbsoluteError,
  r2Score,
  regressionReport,
  rootMeanSquaredError,
} from './index.js';

const FNS = {
  meanSquaredError,
  rootMeanSquaredError,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  medianAbsoluteError,
  r2Score,
} as const;

type Case = { name: string; yTrue: number[]; yPred: number[]; sampleWeight?: number[] } & Record<
  keyof typeof FNS | 'r2ScoreNotFinite',
  Outcome
>;

const { cases } = loadGolden<{ cases: Case[] }>('metrics-regression');

describe('regression metrics against scikit-learn', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  for (const [name, fn] of Object.entries(FNS)) {
    it(`${name} (plain and typed arrays, weights)`, () => {
      for (const c of cases) {
        const want = c[name as keyof typeof FNS];
        for (const [kind, t, p] of [
          ['array', c.yTrue, c.yPred],
          ['Float64Array', Float64Array.from(c.yTrue), Float64Array.from(c.yPred)],
        ] as const) {
          const label = `${c.name} (${kind})`;
          const run = () => fn(t, p, c.sampleWeight ? { sampleWeight: c.sampleWeight } : {});
          if ('error' in want) expectRefusal(run, label, want.error);
          else if (Number.isNaN(want.value) && name === 'r2Score') {
            // Departure: scikit-learn warns and returns NaN below two rows; Vigie refuses.
            expectRefusal(run, label, 'UndefinedMetricWarning, NaN');
          } else expectGolden(name, run(), want.value, METRIC_TOL, label);
        }
      }
    });
  }

  it('regressionReport gives the five mean-type metrics of each case', () => {
    let compared = 0;
    for (const c of cases) {
      const run = () =>
        regressionReport(c.yTrue, c.yPred, c.sampleWeight ? { sampleWeight: c.sampleWeight } : {});
      const fields = [
        'meanSquaredError',
        'rootMeanSquaredError',
        'meanAbsoluteError',
        'meanAbsolutePercentageError',
        'r2Score',
      ] as const;
      const refusals = fields.map((f) => c[f]).filter((o) => 'error' in o || Number.isNaN(o.value));
      if (refusals.length > 0) {
        expectRefusal(run, c.name, 'a refusal or NaN of one of the five');
        continue;
      }
      const got = run();
      for (const f of fields)
        expectGolden(
          'regressionReport',
          got[f],
          (c[f] as { value: number }).value,
          METRIC_TOL,
          `${c.name} ${f}`,
        );
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(25);
  });

  it('r2Score with forceFinite false', () => {
    for (const c of cases) {
      const want = c.r2ScoreNotFinite;
      const run = () =>
        r2Score(c.yTrue, c.yPred, {
          forceFinite: false,
          ...(c.sampleWeight ? { sampleWeight: c.sampleWeight } : {}),
        });
      if ('error' in want) expectRefusal(run, c.name, want.error);
      else if (c.yTrue.length < 2) expectRefusal(run, c.name, 'departure: fewer than two rows');
      else expectGolden('r2Score', run(), want.value, METRIC_TOL, `${c.name} forceFinite=false`);
    }
  });
});
