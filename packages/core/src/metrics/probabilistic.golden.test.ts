import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden } from '../../test/support/golden.js';
import {
  expectGoldenArray,
  expectRefusal,
  METRIC_TOL,
  type Outcome,
} from '../../test/support/metrics-golden.js';
import { brierScoreLoss, calibrationCurve, expectedCalibrationError, type Label, logLoss } from './index.js';

interface Calibration {
  nBins: number;
  strategy: 'uniform' | 'quantile';
  probTrue?: number[];
  probPred?: number[];
  binCounts?: number[];
  ece?: number;
  error?: string;
}
interface Case {
  name: string;
  yTrue: Label[];
  yProb: number[] | number[][];
  sampleWeight?: number[];
  labels?: Label[];
  posLabel?: Label;
  logLoss: ({ normalize: boolean } & Outcome)[];
  brier: ({ posLabel?: Label | null; scaleByHalf?: boolean } & Outcome)[];
  calibration?: Calibration[];
}

const { cases } = loadGolden<{ cases: Case[] }>('metrics-probabilistic');
const TOL = METRIC_TOL;

/** scikit-learn warns (and scores as given) where rows do not sum to 1; Vigie refuses beyond 1e-6. */
function rowsOff(yProb: number[] | number[][]): boolean {
  return yProb.some((row) => Array.isArray(row) && Math.abs(row.reduce((a, b) => a + b, 0) - 1) > 1e-6);
}

describe('probabilistic metrics against scikit-learn', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it('logLoss (eps clipping, normalize, labels, weights)', () => {
    let compared = 0;
    for (const c of cases) {
      for (const r of c.logLoss) {
        const label = `${c.name} normalize=${r.normalize}`;
        const run = () =>
          logLoss(c.yTrue, c.yProb, {
            normalize: r.normalize,
            ...(c.labels ? { labels: c.labels } : {}),
            ...(c.sampleWeight ? { sampleWeight: c.sampleWeight } : {}),
          });
        if ('error' in r) expectRefusal(run, label, r.error);
        else if (rowsOff(c.yProb)) expectRefusal(run, label, 'departure: rows not summing to 1');
        else {
          expectGolden('logLoss', run(), r.value, TOL, label);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThanOrEqual(30);
  });

  it('brierScoreLoss (binary posLabel, multiclass, scaleByHalf)', () => {
    let compared = 0;
    for (const c of cases) {
      for (const r of c.brier) {
        const posLabel = r.posLabel ?? undefined;
        const label = `${c.name} posLabel=${posLabel} scaleByHalf=${r.scaleByHalf}`;
        // The fixture scores 1 − p with posLabel 0 for the complementary case.
        const yProb = posLabel === 0 ? (c.yProb as number[]).map((p) => 1 - p) : c.yProb;
        const run = () =>
          brierScoreLoss(c.yTrue, yProb, {
            ...(posLabel !== undefined ? { posLabel } : {}),
            ...(c.labels && Array.isArray(c.yProb[0]) ? { labels: c.labels } : {}),
            ...(r.scaleByHalf !== undefined ? { scaleByHalf: r.scaleByHalf } : {}),
            ...(c.sampleWeight ? { sampleWeight: c.sampleWeight } : {}),
          });
        if ('error' in r) expectRefusal(run, label, r.error);
        else if (rowsOff(c.yProb)) expectRefusal(run, label, 'departure: rows not summing to 1');
        else {
          expectGolden('brierScoreLoss', run(), r.value, TOL, label);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThanOrEqual(30);
  });

  it('calibrationCurve and expectedCalibrationError (uniform and quantile bins)', () => {
    let compared = 0;
    for (const c of cases) {
      for (const r of c.calibration ?? []) {
        const options = {
          nBins: r.nBins,
          strategy: r.strategy,
          ...(c.posLabel !== undefined ? { posLabel: c.posLabel } : {}),
        };
        const label = `${c.name} nBins=${r.nBins} ${r.strategy}`;
        const yProb = c.yProb as number[];
        if (r.error !== undefined) {
          expectRefusal(() => calibrationCurve(c.yTrue, yProb, options), label, r.error);
          expectRefusal(() => expectedCalibrationError(c.yTrue, yProb, options), label, r.error);
          continue;
        }
        const got = calibrationCurve(c.yTrue, yProb, options);
        expectGoldenArray('calibrationCurve', got.probTrue, r.probTrue!, TOL, `${label} probTrue`);
        expectGoldenArray('calibrationCurve', got.probPred, r.probPred!, TOL, `${label} probPred`);
        expect(Array.from(got.binCounts), `${label} counts`).toEqual(r.binCounts);
        expectGolden(
          'expectedCalibrationError',
          expectedCalibrationError(c.yTrue, yProb, options),
          r.ece!,
          TOL,
          label,
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(30);
  });
});
