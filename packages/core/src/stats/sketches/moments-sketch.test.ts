import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden, STAT_TOL } from '../../../test/support/golden.js';
import { createRandom } from '../../random/index.js';
import { createMomentsSketch, MomentsSketch } from './moments-sketch.js';

interface MomentCase {
  name: string;
  x: number[];
  mean: number;
  var0: number;
  var1: number;
  skew: number;
  skewUnbiased: number;
  kurtosis: number;
  kurtosisUnbiased: number;
  kurtosisPearson: number;
}
const golden = loadGolden<{ moments: MomentCase[] }>('sketches');

/**
 * Skewness and kurtosis are ratios of central sums that cancel for near-symmetric data; the
 * sketch sums blockwise and merges, scipy sums pairwise, so on a skewness near 0 the two differ
 * by rounding relative to the scale of the data, not to the (tiny) result. They are compared at
 * 1e-9 relative or 1e-12 absolute (they are dimensionless, of order 1).
 */
const SHAPE_TOL = { rel: 1e-9, abs: 1e-12 };

function check(sketch: MomentsSketch, c: MomentCase, label: string): void {
  expect(sketch.n, label).toBe(c.x.length);
  expectGolden('MomentsSketch.mean', sketch.mean, c.mean, STAT_TOL, label);
  expectGolden('MomentsSketch.variance', sketch.variance(0), c.var0, { rel: 1e-9, abs: 1e-300 }, label);
  expectGolden('MomentsSketch.variance', sketch.variance(1), c.var1, { rel: 1e-9, abs: 1e-300 }, label);
  expectGolden('MomentsSketch.skewness', sketch.skewness(), c.skew, SHAPE_TOL, label);
  expectGolden('MomentsSketch.skewness', sketch.skewness({ bias: false }), c.skewUnbiased, SHAPE_TOL, label);
  expectGolden('MomentsSketch.kurtosis', sketch.kurtosis(), c.kurtosis, SHAPE_TOL, label);
  expectGolden(
    'MomentsSketch.kurtosis',
    sketch.kurtosis({ bias: false }),
    c.kurtosisUnbiased,
    SHAPE_TOL,
    label,
  );
  expectGolden(
    'MomentsSketch.kurtosis',
    sketch.kurtosis({ fisher: false }),
    c.kurtosisPearson,
    SHAPE_TOL,
    label,
  );
  const sorted = [...c.x].sort((a, b) => a - b);
  expect([sketch.min, sketch.max], label).toEqual([sorted[0], sorted[sorted.length - 1]]);
}

describe('MomentsSketch against numpy / scipy', () => {
  it('matches mean, var, skew and kurtosis on the whole sample', () => {
    expect(golden.moments.length).toBeGreaterThanOrEqual(15);
    for (const c of golden.moments) {
      const s = createMomentsSketch();
      s.updateMany(c.x);
      check(s, c, c.name);
    }
  });

  it('matches them whatever the partitioning, merge order and mix of update/updateMany', () => {
    const rng = createRandom(17);
    for (const c of golden.moments) {
      for (let trial = 0; trial < 3; trial++) {
        const parts = 1 + rng.int(6);
        const sketches = Array.from({ length: parts }, () => createMomentsSketch());
        c.x.forEach((v, i) => {
          const s = sketches[rng.int(parts)]!;
          if (i % 3 === 0) s.update(v);
          else s.updateMany([v]);
        });
        const merged = (trial === 1 ? sketches.reverse() : sketches).reduce((a, b) => a.merge(b));
        check(merged, c, `${c.name} in ${parts} parts`);
      }
    }
  });
});

describe('MomentsSketch', () => {
  it('ignores and counts NaN; infinities make the moments non-finite', () => {
    const s = createMomentsSketch();
    s.updateMany([1, Number.NaN, 3]);
    expect([s.n, s.nanCount, s.mean]).toEqual([2, 1, 2]);
    s.update(Number.POSITIVE_INFINITY);
    expect([s.mean, s.max]).toEqual([Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY]);
    expect(Number.isNaN(s.variance())).toBe(true);
    const empty = createMomentsSketch();
    expect([empty.mean, empty.min, empty.skewness(), empty.variance()].every(Number.isNaN)).toBe(true);
  });

  it('round-trips through JSON exactly and rejects malformed objects', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: false }), { maxLength: 50 }), (xs) => {
        const s = createMomentsSketch();
        s.updateMany(xs);
        const back = MomentsSketch.fromJSON(JSON.parse(JSON.stringify(s.toJSON())));
        expect(back.toJSON()).toEqual(s.toJSON());
        expect(Object.is(back.skewness(), s.skewness()) || Number.isNaN(s.skewness())).toBe(true);
      }),
      { seed: 2 },
    );
    const good = (() => {
      const s = createMomentsSketch();
      s.updateMany([1, 2, 4]);
      return s.toJSON();
    })();
    for (const bad of [
      42,
      { ...good, kind: 'vigie.frequent-items' },
      { ...good, n: -1 },
      { ...good, m2: -1 },
      { ...good, min: 5 },
      { ...good, mean: 'one' },
      { ...good, n: 0 },
    ]) {
      expect(() => MomentsSketch.fromJSON(bad)).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
    }
  });

  it('leaves merge inputs unchanged', () => {
    const a = createMomentsSketch();
    a.updateMany([1, 2, 3]);
    const before = a.toJSON();
    const b = createMomentsSketch();
    b.updateMany([10]);
    expect(a.merge(b).n).toBe(4);
    expect(a.toJSON()).toEqual(before);
    expect(() => a.merge({} as MomentsSketch)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
