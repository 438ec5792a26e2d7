import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden, STAT_TOL } from '../../test/support/golden.js';
import { createRandom } from '../random/index.js';
import { checkConformance, type DetectorUnderTest, errorCode } from './conformance.js';
import {
  FittedLocalOutlierFactor,
  type LocalOutlierFactorParams,
  localOutlierFactor,
} from './local-outlier-factor.js';
import { type Matrix, matrixFromRows } from './matrix.js';

interface Case {
  name: string;
  x: number[][];
  n_neighbors: number;
  contamination: 'auto' | number;
  n_neighbors_: number;
  negative_outlier_factor: number[];
  offset: number;
  labels: number[];
  new?: number[][];
  score_samples?: number[];
  decision_function?: number[];
  predict?: number[];
}
const cases = loadGolden<{ cases: Case[] }>('anomaly-lof').cases;

const detector: DetectorUnderTest<Matrix, LocalOutlierFactorParams, FittedLocalOutlierFactor> = {
  name: 'localOutlierFactor',
  fit: localOutlierFactor,
  fromJSON: FittedLocalOutlierFactor.fromJSON,
  outputs: (f, m) => [
    f.negativeOutlierFactor,
    f.predictTraining(),
    ...(f.novelty ? [f.scoreSamples(m), f.predict(m)] : []),
  ],
  // Holds when no two rows tie at a k-th distance (continuous data).
  rowOrder: { invariant: true, compare: 'close', values: (f) => f.negativeOutlierFactor },
};

describe('localOutlierFactor against sklearn.neighbors.LocalOutlierFactor', () => {
  it(`has at least 30 golden cases (${cases.length})`, () => expect(cases.length).toBeGreaterThanOrEqual(30));

  for (const c of cases) {
    it(`${c.name} (${c.x.length} rows, k ${c.n_neighbors}, contamination ${c.contamination})`, () => {
      const m = matrixFromRows(c.x);
      const params = { nNeighbors: c.n_neighbors, contamination: c.contamination };
      const f = localOutlierFactor(m, params);
      expect(f.nNeighbors).toBe(c.n_neighbors_);
      c.negative_outlier_factor.forEach((want, i) => {
        expectGolden(
          'localOutlierFactor',
          f.negativeOutlierFactor[i]!,
          want,
          STAT_TOL,
          `${c.name} nof[${i}]`,
        );
      });
      expectGolden('localOutlierFactor', f.offset, c.offset, STAT_TOL, `${c.name} offset`);
      expect(Array.from(f.predictTraining())).toEqual(c.labels);
      if (c.new !== undefined) {
        const nov = localOutlierFactor(m, { ...params, novelty: true });
        const fresh = matrixFromRows(c.new);
        const scores = nov.scoreSamples(fresh);
        const decision = nov.decisionFunction(fresh);
        c.score_samples!.forEach((want, i) => {
          expectGolden('localOutlierFactor', scores[i]!, want, STAT_TOL, `${c.name} score_samples[${i}]`);
        });
        c.decision_function!.forEach((want, i) => {
          expectGolden('localOutlierFactor', decision[i]!, want, STAT_TOL, `${c.name} decision[${i}]`);
        });
        expect(Array.from(nov.predict(fresh))).toEqual(c.predict);
      }
    });
  }
});

describe('localOutlierFactor behaviour', () => {
  const rng = createRandom(9);
  const m = matrixFromRows(Array.from({ length: 150 }, () => [rng.normal(), rng.normal() * 2, rng.normal()]));

  it('passes the conformance checks, with and without novelty', () => {
    checkConformance(detector, m, { nNeighbors: 10 });
    checkConformance(detector, m, { nNeighbors: 20, contamination: 0.1, novelty: true });
  });

  it('scores new rows only with novelty, as sklearn', () => {
    const f = localOutlierFactor(m, { nNeighbors: 5 });
    expect(f.novelty).toBe(false);
    expect(errorCode(() => f.scoreSamples(m))).toBe('UNSUPPORTED');
    expect(errorCode(() => f.predict(m))).toBe('UNSUPPORTED');
    expect(f.toJSON().data).toBeUndefined();
  });

  it('keeps duplicates finite through the 1e-10 guard', () => {
    const f = localOutlierFactor(matrixFromRows([[0], [0], [0], [0], [1], [5]]), { nNeighbors: 2 });
    expect(f.negativeOutlierFactor.every(Number.isFinite)).toBe(true);
    expect(f.negativeOutlierFactor[0]).toBe(-1);
    expect(f.negativeOutlierFactor[5]! < -1e9).toBe(true);
  });

  it('rejects invalid input', () => {
    expect(errorCode(() => localOutlierFactor(matrixFromRows([[1, 2]])))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => localOutlierFactor(m, { nNeighbors: 0 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => localOutlierFactor(m, { contamination: 0.6 }))).toBe('INVALID_ARGUMENT');
    const nov = localOutlierFactor(m, { novelty: true });
    expect(errorCode(() => nov.scoreSamples(matrixFromRows([[1, 2]])))).toBe('INVALID_ARGUMENT');
  });
});
