import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden } from '../../test/support/golden.js';
import {
  expectGoldenArray,
  expectRefusal,
  labelVariants,
  METRIC_TOL,
  type Outcome,
} from '../../test/support/metrics-golden.js';
import { averagePrecisionScore, type Label, precisionRecallCurve, rocAucScore, rocCurve } from './index.js';

interface Curve {
  length: number;
  stride: number;
  [name: string]: number[] | number;
}
type CurveOutcome = Curve | { error: string };
interface BinaryCase {
  name: string;
  yTrue: Label[];
  yScore: number[];
  sampleWeight?: number[];
  posLabel?: Label;
  rocAuc: Outcome;
  rocCurveDrop: CurveOutcome;
  rocCurveAll: CurveOutcome;
  prCurveDrop: CurveOutcome;
  prCurveAll: CurveOutcome;
  averagePrecision: Outcome;
}
type Avg = 'macro' | 'weighted' | 'micro' | null;
interface MulticlassCase {
  name: string;
  yTrue: Label[];
  yScore: number[][];
  labels?: Label[];
  sampleWeight?: number[];
  rocAuc: ({ multiClass: 'ovr' | 'ovo'; average: Avg; weighted: boolean } & Outcome<number | number[]>)[];
  averagePrecision: ({ average: Avg } & Outcome<number | number[]>)[];
}

const golden = loadGolden<{ binary: BinaryCase[]; multiclass: MulticlassCase[] }>('metrics-ranking');
const TOL = METRIC_TOL;

/** Compares a curve's arrays at the recorded points (every stride-th and the last). */
function compareCurve(fn: string, got: Record<string, Float64Array>, want: Curve, label: string) {
  for (const [name, values] of Object.entries(want)) {
    if (!Array.isArray(values)) continue;
    const full = got[name]!;
    expect(full.length >= want.length, `${label} ${name} length`).toBe(true);
    const picked: number[] = [];
    for (let i = 0; i < want.length; i += want.stride) picked.push(full[i]!);
    if (want.stride > 1) picked.push(full[want.length - 1]!);
    expectGoldenArray(fn, picked, values, TOL, `${label} ${name}`);
  }
}

describe('ranking metrics against scikit-learn', () => {
  it('has at least 30 binary cases', () => {
    expect(golden.binary.length).toBeGreaterThanOrEqual(30);
  });

  it('rocAucScore, binary: exact Mann-Whitney value (plain and typed labels)', () => {
    for (const c of golden.binary) {
      for (const t of labelVariants(c.yTrue)) {
        const label = `${c.name} (${t.name})`;
        const run = () =>
          rocAucScore(
            t.y,
            Float64Array.from(c.yScore),
            c.sampleWeight ? { sampleWeight: c.sampleWeight } : {},
          );
        if ('error' in c.rocAuc) expectRefusal(run, label, c.rocAuc.error);
        else if (Number.isNaN(c.rocAuc.value)) {
          // Departure: scikit-learn warns and returns NaN for a single class; Vigie refuses.
          expectRefusal(run, label, 'UndefinedMetricWarning, NaN');
        } else expectGolden('rocAucScore', run() as number, c.rocAuc.value, TOL, label);
      }
    }
  });

  it('rocCurve, with and without dropIntermediate', () => {
    for (const c of golden.binary) {
      for (const drop of [true, false]) {
        const want = drop ? c.rocCurveDrop : c.rocCurveAll;
        const run = () =>
          rocCurve(c.yTrue, c.yScore, {
            dropIntermediate: drop,
            ...(c.posLabel !== undefined ? { posLabel: c.posLabel } : {}),
            ...(c.sampleWeight ? { sampleWeight: c.sampleWeight } : {}),
          });
        const label = `${c.name} drop=${drop}`;
        if ('error' in want) {
          expectRefusal(run, label, want.error as string);
          continue;
        }
        const got = run();
        expect(got.fpr.length, label).toBe(want.length);
        compareCurve('rocCurve', { ...got }, want, label);
      }
    }
  });

  it('precisionRecallCurve, with and without dropIntermediate', () => {
    for (const c of golden.binary) {
      for (const drop of [true, false]) {
        const want = drop ? c.prCurveDrop : c.prCurveAll;
        const run = () =>
          precisionRecallCurve(c.yTrue, c.yScore, {
            dropIntermediate: drop,
            ...(c.posLabel !== undefined ? { posLabel: c.posLabel } : {}),
            ...(c.sampleWeight ? { sampleWeight: c.sampleWeight } : {}),
          });
        const label = `${c.name} drop=${drop}`;
        if ('error' in want) {
          expectRefusal(run, label, want.error as string);
          continue;
        }
        const got = run();
        // The fixture holds the thresholds' points; the curve ends with (recall 0, precision 1).
        expect(got.thresholds.length, label).toBe(want.length);
        expect(got.precision[want.length]).toBe(1);
        expect(got.recall[want.length]).toBe(0);
        compareCurve('precisionRecallCurve', { ...got }, want, label);
      }
    }
  });

  it('averagePrecisionScore, binary', () => {
    for (const c of golden.binary) {
      const run = () =>
        averagePrecisionScore(c.yTrue, c.yScore, {
          ...(c.posLabel !== undefined ? { posLabel: c.posLabel } : {}),
          ...(c.sampleWeight ? { sampleWeight: c.sampleWeight } : {}),
        });
      if ('error' in c.averagePrecision) expectRefusal(run, c.name, c.averagePrecision.error);
      else expectGolden('averagePrecisionScore', run() as number, c.averagePrecision.value, TOL, c.name);
    }
  });

  it('rocAucScore and averagePrecisionScore, multiclass (ovr, ovo; every average)', () => {
    for (const c of golden.multiclass) {
      for (const r of c.rocAuc) {
        const label = `${c.name} ${r.multiClass} ${r.average}`;
        const run = () =>
          rocAucScore(c.yTrue, c.yScore, {
            multiClass: r.multiClass,
            average: r.average,
            ...(c.labels ? { labels: c.labels } : {}),
            ...(r.weighted ? { sampleWeight: c.sampleWeight! } : {}),
          });
        if ('error' in r) {
          expectRefusal(run, label, r.error);
        } else if (Array.isArray(r.value)) {
          expectGoldenArray('rocAucScore', run() as Float64Array, r.value, TOL, label);
        } else if (Number.isNaN(r.value)) {
          // Departure: a class of `labels` absent from yTrue makes scikit-learn's macro average NaN; Vigie refuses.
          expectRefusal(run, label, 'NaN');
        } else {
          expectGolden('rocAucScore', run() as number, r.value, TOL, label);
        }
      }
      for (const r of c.averagePrecision) {
        const label = `${c.name} AP ${r.average}`;
        const run = () =>
          averagePrecisionScore(c.yTrue, c.yScore, {
            average: r.average,
            ...(c.sampleWeight ? { sampleWeight: c.sampleWeight } : {}),
          });
        if ('error' in r) expectRefusal(run, label, r.error);
        else if (Array.isArray(r.value))
          expectGoldenArray('averagePrecisionScore', run() as Float64Array, r.value, TOL, label);
        else expectGolden('averagePrecisionScore', run() as number, r.value, TOL, label);
      }
    }
  });
});
