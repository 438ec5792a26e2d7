import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden } from '../../test/support/golden.js';
import {
  expectGoldenArray,
  expectRefusal,
  labelVariants,
  METRIC_TOL,
  type Outcome,
} from '../../test/support/metrics-golden.js';
import {
  accuracyScore,
  balancedAccuracyScore,
  classificationReport,
  confusionMatrix,
  f1Score,
  fbetaScore,
  type Label,
  type PrfValue,
  precisionRecallFscoreSupport,
  precisionScore,
  recallScore,
} from './index.js';

type Avg = 'binary' | 'micro' | 'macro' | 'weighted' | null;
interface Prf {
  average: Avg;
  zeroDivision: 'warn' | number;
  beta: number;
  useLabels: boolean;
  precision?: number | number[];
  recall?: number | number[];
  fscore?: number | number[];
  support?: number[] | null;
  error?: string;
}
interface Case {
  name: string;
  yTrue: Label[];
  yPred: Label[];
  sampleWeight?: number[];
  labels?: Label[];
  posLabel?: Label;
  accuracy: ({ normalize: boolean } & Outcome)[];
  balancedAccuracy: ({ adjusted: boolean } & Outcome)[];
  confusionMatrix: {
    useLabels: boolean;
    normalize: 'true' | 'pred' | 'all' | null;
    matrix?: number[][];
    error?: string;
  }[];
  prfs: Prf[];
  scores: ({ fn: string; average: Avg; beta?: number } & Outcome)[];
  report:
    | {
        perClass: { label: string; precision: number; recall: number; 'f1-score': number; support: number }[];
        macroF1: number;
        weightedF1: number;
      }
    | { error: string };
}

const { cases } = loadGolden<{ cases: Case[] }>('metrics');
const TOL = METRIC_TOL;

function compareValue(fn: string, got: PrfValue, want: number | number[], label: string) {
  if (Array.isArray(want)) expectGoldenArray(fn, got as Float64Array, want, TOL, label);
  else expectGolden(fn, got as number, want, TOL, label);
}

describe('label metrics against scikit-learn', () => {
  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it('accuracyScore and balancedAccuracyScore (plain and typed arrays)', () => {
    for (const c of cases) {
      const sampleWeight = c.sampleWeight;
      for (const t of labelVariants(c.yTrue)) {
        for (const p of labelVariants(c.yPred)) {
          const label = `${c.name} (${t.name}, ${p.name})`;
          for (const a of c.accuracy) {
            const run = () =>
              accuracyScore(t.y, p.y, { normalize: a.normalize, ...(sampleWeight ? { sampleWeight } : {}) });
            if ('error' in a) expectRefusal(run, label, a.error);
            else expectGolden('accuracyScore', run(), a.value, TOL, `${label} normalize=${a.normalize}`);
          }
          for (const b of c.balancedAccuracy) {
            const run = () =>
              balancedAccuracyScore(t.y, p.y, {
                adjusted: b.adjusted,
                ...(sampleWeight ? { sampleWeight } : {}),
              });
            if ('error' in b) expectRefusal(run, label, b.error);
            else
              expectGolden('balancedAccuracyScore', run(), b.value, TOL, `${label} adjusted=${b.adjusted}`);
          }
        }
      }
    }
  });

  it('confusionMatrix: identical counts, normalized shares within 1e-9', () => {
    for (const c of cases) {
      for (const m of c.confusionMatrix) {
        const run = () =>
          confusionMatrix(c.yTrue, c.yPred, {
            ...(m.useLabels ? { labels: c.labels! } : {}),
            ...(m.normalize ? { normalize: m.normalize } : {}),
            ...(c.sampleWeight ? { sampleWeight: c.sampleWeight } : {}),
          });
        const label = `${c.name} labels=${m.useLabels} normalize=${m.normalize}`;
        if (m.error !== undefined) {
          expectRefusal(run, label, m.error);
          continue;
        }
        const got = run();
        const want = m.matrix!;
        if (m.normalize === null && c.sampleWeight === undefined) {
          expect(got.matrix, label).toEqual(want);
          continue;
        }
        expect(got.matrix.length, label).toBe(want.length);
        for (const [i, row] of want.entries()) {
          expectGoldenArray('confusionMatrix', got.matrix[i]!, row, TOL, `${label} row ${i}`);
        }
      }
    }
  });

  it('precisionRecallFscoreSupport: every average, zeroDivision, beta and labels', () => {
    let compared = 0;
    for (const c of cases) {
      for (const r of c.prfs) {
        const run = () =>
          precisionRecallFscoreSupport(c.yTrue, c.yPred, {
            average: r.average,
            zeroDivision: r.zeroDivision,
            beta: r.beta,
            ...(r.useLabels ? { labels: c.labels! } : {}),
            ...(c.posLabel !== undefined ? { posLabel: c.posLabel } : {}),
            ...(c.sampleWeight ? { sampleWeight: c.sampleWeight } : {}),
          });
        const label = `${c.name} average=${r.average} zeroDivision=${r.zeroDivision} beta=${r.beta} labels=${r.useLabels}`;
        if (r.error !== undefined) {
          expectRefusal(run, label, r.error);
          continue;
        }
        const got = run();
        compareValue('precisionRecallFscoreSupport', got.precision, r.precision!, `${label} precision`);
        compareValue('precisionRecallFscoreSupport', got.recall, r.recall!, `${label} recall`);
        compareValue('precisionRecallFscoreSupport', got.fscore, r.fscore!, `${label} fscore`);
        if (r.support)
          expectGoldenArray('precisionRecallFscoreSupport', got.support!, r.support, TOL, `${label} support`);
        else expect(got.support).toBeNull();
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('precisionScore, recallScore, f1Score and fbetaScore', () => {
    const fns = { precisionScore, recallScore, f1Score, fbetaScore } as const;
    for (const c of cases) {
      for (const s of c.scores) {
        const fn = fns[s.fn as keyof typeof fns];
        const run = () =>
          fn(c.yTrue, c.yPred, {
            average: s.average,
            beta: s.beta ?? 1,
            ...(c.posLabel !== undefined ? { posLabel: c.posLabel } : {}),
            ...(c.sampleWeight ? { sampleWeight: c.sampleWeight } : {}),
          });
        const label = `${c.name} average=${s.average}`;
        if ('error' in s) expectRefusal(run, label, s.error);
        else compareValue(s.fn, run(), s.value as number | number[], label);
      }
    }
  });

  it('classificationReport equals classification_report (zero_division=0)', () => {
    for (const c of cases) {
      const run = () =>
        classificationReport(c.yTrue, c.yPred, {
          zeroDivision: 0,
          ...(c.sampleWeight ? { sampleWeight: c.sampleWeight } : {}),
        });
      if ('error' in c.report) {
        expectRefusal(run, c.name, c.report.error);
        continue;
      }
      const got = run();
      const want = c.report;
      expect(got.perClass.map((r) => String(r.label))).toEqual(want.perClass.map((r) => r.label));
      want.perClass.forEach((w, j) => {
        const g = got.perClass[j]!;
        expectGolden('classificationReport', g.precision, w.precision, TOL, `${c.name} ${w.label} precision`);
        expectGolden('classificationReport', g.recall, w.recall, TOL, `${c.name} ${w.label} recall`);
        expectGolden('classificationReport', g.f1, w['f1-score'], TOL, `${c.name} ${w.label} f1`);
        expectGolden('classificationReport', g.support, w.support, TOL, `${c.name} ${w.label} support`);
      });
      expectGolden('classificationReport', got.macro.f1, want.macroF1, TOL, `${c.name} macro f1`);
      expectGolden('classificationReport', got.weighted.f1, want.weightedF1, TOL, `${c.name} weighted f1`);
    }
  });
});
