import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden, STAT_TOL } from '../../test/support/golden.js';
import type { Sample } from '../stats/input.js';
import { checkConformance, type DetectorUnderTest, errorCode } from './conformance.js';
import { FittedZScore, type ZScoreParams, zScore } from './z-score.js';

interface ZGolden {
  mean: number;
  std: number;
  z: number[];
  outlier: boolean[];
}
interface Case {
  name: string;
  x: number[];
  z_ddof0?: ZGolden;
  z_ddof1?: ZGolden;
  new?: number[];
  new_z_ddof1?: number[];
}
const cases = loadGolden<{ cases: Case[] }>('anomaly-univariate').cases;

const zDetector: DetectorUnderTest<Sample, ZScoreParams, FittedZScore> = {
  name: 'zScore',
  fit: zScore,
  fromJSON: FittedZScore.fromJSON,
  outputs: (f, x) => [f.zScores(x), f.scoreSamples(x), f.flag(x).isOutlier, f.flag(x).isMissing],
  rowOrder: { invariant: true, compare: 'close', values: (f, x) => f.zScores(x) },
};

describe('zScore against scipy.stats.zscore', () => {
  for (const c of cases.filter((c) => c.z_ddof0 !== undefined)) {
    for (const ddof of [0, 1] as const) {
      it(`${c.name}, ddof ${ddof}`, () => {
        const g = (ddof === 0 ? c.z_ddof0 : c.z_ddof1)!;
        const fitted = zScore(c.x, { ddof });
        const z = fitted.zScores(c.x);
        // A spread that is zero up to rounding is stored as 0 (scipy keeps the rounding noise).
        if (fitted.std > 0) expectGolden('zScore', fitted.std, g.std, STAT_TOL, `${c.name} std`);
        expectGolden('zScore', fitted.mean, g.mean, STAT_TOL, `${c.name} mean`);
        g.z.forEach((want, i) => {
          expectGolden('zScore', z[i]!, want, STAT_TOL, `${c.name} z[${i}]`);
        });
        const flags = fitted.flag(c.x);
        expect(Array.from(flags.isOutlier, Boolean)).toEqual(g.outlier);
        expect(Array.from(flags.isMissing, Boolean)).toEqual(c.x.map(Number.isNaN));
        expect(flags.nOutliers).toBe(g.outlier.filter(Boolean).length);
      });
    }
  }

  it('applies training statistics to new values as scipy.stats.zmap', () => {
    const c = cases.find((c) => c.name === 'apply_to_new')!;
    const z = zScore(c.x, { ddof: 1 }).zScores(c.new!);
    c.new_z_ddof1!.forEach((want, i) => {
      expectGolden('zScore', z[i]!, want, STAT_TOL, `zmap[${i}]`);
    });
  });
});

describe('zScore behaviour', () => {
  it('passes the conformance checks', () => {
    checkConformance(zDetector, [1, 5, Number.NaN, 2, 40, 3, 3, 2.5], { ddof: 1, threshold: 2 });
    checkConformance(
      zDetector,
      Float64Array.from({ length: 200 }, (_, i) => Math.sin(i) * i),
      {},
    );
  });

  it('reports NaN as missing, never as an outlier', () => {
    const f = zScore([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).flag([Number.NaN, 100, 5]);
    expect(Array.from(f.isMissing)).toEqual([1, 0, 0]);
    expect(Array.from(f.isOutlier)).toEqual([0, 1, 0]);
    expect([f.nMissing, f.nOutliers]).toEqual([1, 1]);
  });

  it('gives NaN z-scores on constant training data and flags values away from it', () => {
    const f = zScore(new Array(12).fill(0.1));
    expect(f.mean).toBe(0.1);
    expect(f.std).toBe(0);
    const z = f.zScores([0.1, 0.3, -1]);
    expect(z[0]).toBeNaN();
    expect([z[1], z[2]]).toEqual([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    expect(Array.from(f.flag([0.1, 0.3]).isOutlier)).toEqual([0, 1]);
  });

  it('is equivariant under affine maps (z(ax + b) = sign(a) z(x))', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: -64_000, max: 64_000 }).map((v) => v / 64),
          { minLength: 3, maxLength: 40 },
        ),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (x, a, b) => {
          const f = zScore(x);
          // Keep away from catastrophic cancellation: the spread must dominate the rounding of ax + b.
          const scale = Math.abs(b) + a * Math.max(...x.map(Math.abs));
          fc.pre(a * f.std > 1e-6 * scale);
          const z = f.zScores(x);
          const z2 = zScore(x.map((v) => a * v + b)).zScores(x.map((v) => a * v + b));
          return z.every((v, i) => Math.abs(v - z2[i]!) <= 1e-7 * (1 + Math.abs(v)));
        },
      ),
    );
  });

  it('rejects empty input and invalid parameters', () => {
    expect(errorCode(() => zScore([]))).toBe('EMPTY_INPUT');
    expect(errorCode(() => zScore([Number.NaN]))).toBe('EMPTY_INPUT');
    expect(errorCode(() => zScore([1, 2], { threshold: 0 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => zScore([1, 2], { ddof: -1 }))).toBe('INVALID_ARGUMENT');
    expect(errorCode(() => FittedZScore.fromJSON({ kind: 'zScore', version: 2 }))).toBe('UNSUPPORTED');
  });
});
