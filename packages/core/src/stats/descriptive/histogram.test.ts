import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectGolden, loadGolden, STAT_TOL } from '../../../test/support/golden.js';
import { histogram, histogramUniform, histogramUniformSorted } from './histogram.js';
import { type BinRule, histogramBinEdges } from './histogram-bin-edges.js';

const G = loadGolden('descriptive');

/** Golden arrays longer than 300 are stored at `<key>Positions` only. */
function expectStored(
  fn: string,
  got: Float64Array,
  c: Record<string, unknown>,
  key: string,
  label: string,
): void {
  const want = c[key] as number[];
  const positions = c[`${key}Positions`] as number[] | undefined;
  expect(got.length).toBe((c[`${key}Length`] as number | undefined) ?? want.length);
  (positions ?? want.map((_, i) => i)).forEach((p, i) => {
    expectGolden(fn, got[p]!, want[i]!, STAT_TOL, `${label}[${p}]`);
  });
}

interface EdgesCase {
  input: string;
  bins: number | BinRule;
  range: [number, number] | null;
  error?: string;
  [key: string]: unknown;
}

describe('histogramBinEdges', () => {
  it.each(G.histogramBinEdges as EdgesCase[])('$input bins=$bins range=$range', (c) => {
    const run = () => histogramBinEdges(G.inputs[c.input], { bins: c.bins, range: c.range ?? undefined });
    if (c.error !== undefined) {
      // numpy raises or fails (see scripts/goldens/descriptive.py); Vigie throws INVALID_ARGUMENT.
      expect(run).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
      return;
    }
    expectStored('histogramBinEdges', run(), c, 'edges', `${c.input} ${c.bins}`);
  });

  it('throws where numpy raises', () => {
    const invalid = expect.objectContaining({ code: 'INVALID_ARGUMENT' });
    expect(() => histogramBinEdges([1, Number.NaN])).toThrow(invalid);
    expect(() => histogramBinEdges([1, Number.POSITIVE_INFINITY], { bins: 'fd' })).toThrow(invalid);
    expect(() => histogramBinEdges([1, 2], { bins: 0 })).toThrow(invalid);
    expect(() => histogramBinEdges([1, 2], { bins: 'bogus' as BinRule })).toThrow(invalid);
    expect(() => histogramBinEdges([1, 2], { range: [3, 1] })).toThrow(invalid);
  });

  it('follows numpy for empty and constant data', () => {
    expect(Array.from(histogramBinEdges([], { bins: 'auto' }))).toEqual([0, 1]);
    expect(Array.from(histogramBinEdges([5], { bins: 2 }))).toEqual([4.5, 5, 5.5]);
    expect(Array.from(histogramBinEdges([1, 2, 2, 3, 5], { bins: 'sturges' }))).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('histogramUniform', () => {
  it.each(G.histogramUniform as { input: string; lo: number; hi: number; nBins: number }[])(
    '$input [$lo, $hi] $nBins bins',
    (c) => {
      const got = histogramUniform(G.inputs[c.input], c.lo, c.hi, c.nBins);
      expectStored('histogramUniform', got.counts, c, 'counts', c.input);
    },
  );

  it('puts values on an edge in the bin to the right, closing the last bin', () => {
    const h = histogramUniform([0, 0.5, 1, 1.5, 2, 2.5, -1, Number.NaN], 0, 2, 2);
    expect(Array.from(h.counts)).toEqual([2, 3]);
    expect(Array.from(h.edges)).toEqual([0, 1, 2]);
  });
});

describe('histogramUniformSorted', () => {
  it.each(G.histogramUniform as { input: string; lo: number; hi: number; nBins: number }[])(
    'matches the stored numpy counts on sorted $input [$lo, $hi] $nBins bins',
    (c) => {
      const sorted = Float64Array.from(G.inputs[c.input] as number[]).sort();
      const got = histogramUniformSorted(sorted, c.lo, c.hi, c.nBins);
      expectStored('histogramUniform', got.counts, c, 'counts', c.input);
    },
  );

  it('equals histogramUniform on values that fall on edges, repeat and lie outside', () => {
    let s = 7;
    const next = () => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 2 ** 32;
    };
    for (const bins of [1, 2, 7, 50]) {
      const x = Float64Array.from({ length: 5000 }, () => Math.round((next() * 12 - 1) * 8) / 8);
      x[0] = Number.NaN;
      const sorted = Float64Array.from(x).sort();
      const expected = histogramUniform(x, 0, 10, bins);
      const got = histogramUniformSorted(sorted, 0, 10, bins);
      expect(Array.from(got.counts)).toEqual(Array.from(expected.counts));
      expect(Array.from(got.edges)).toEqual(Array.from(expected.edges));
      // The same data as a tally: distinct values ascending and how often each occurs.
      const values: number[] = [];
      const weights: number[] = [];
      for (const v of sorted) {
        if (Number.isNaN(v)) continue;
        if (values.length > 0 && values[values.length - 1] === v) weights[weights.length - 1]!++;
        else {
          values.push(v);
          weights.push(1);
        }
      }
      const tallied = histogramUniformSorted(
        Float64Array.from(values),
        0,
        10,
        bins,
        Float64Array.from(weights),
      );
      expect(Array.from(tallied.counts)).toEqual(Array.from(expected.counts));
    }
  });
});

describe('histogram', () => {
  it.each(G.histogram as { input: string; edges: number[]; counts: number[] }[])(
    '$input edges=$edges',
    (c) => {
      const got = histogram(G.inputs[c.input], c.edges);
      expect(Array.from(got.counts)).toEqual(c.counts);
    },
  );

  it('accepts a bin count or a rule, like numpy.histogram', () => {
    expect(Array.from(histogram([1, 2, 2, 3, 5], 2).counts)).toEqual([3, 2]);
    expect(Array.from(histogram([1, 2, 2, 3, 5], [0, 2, 4, 5]).counts)).toEqual([1, 3, 1]);
    expect(Array.from(histogram([1, 2, 2, 3, 5], 'sturges').counts)).toEqual([1, 2, 1, 1]);
    expect(Array.from(histogram([1, 2, 9], 2, { range: [0, 4] }).counts)).toEqual([1, 1]);
  });

  it('accepts infinite outer edges, as numpy', () => {
    const inf = Number.POSITIVE_INFINITY;
    expect(Array.from(histogram([-5, 0, 3, inf, Number.NaN], [-inf, 0, inf]).counts)).toEqual([1, 3]);
  });

  it('rejects unusable edges', () => {
    const invalid = expect.objectContaining({ code: 'INVALID_ARGUMENT' });
    expect(() => histogram([1], [2, 1])).toThrow(invalid);
    expect(() => histogram([1], [1])).toThrow(invalid);
    expect(() => histogram([1], [0, Number.NaN])).toThrow(invalid);
  });

  it('counts every in-range value exactly once, whatever the edges (property)', () => {
    const value = fc.double({ min: -100, max: 100, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(value, { maxLength: 200 }),
        fc.array(value, { minLength: 2, maxLength: 12 }),
        (x, e) => {
          const edges = e.sort((a, b) => a - b);
          const { counts } = histogram(x, edges);
          const last = edges.length - 1;
          counts.forEach((count, i) => {
            const inBin = x.filter(
              (v) => v >= edges[i]! && (i === last - 1 ? v <= edges[last]! : v < edges[i + 1]!),
            );
            // A value sits in the last bin i with edges[i] <= v (searchsorted), so equal edges leave earlier bins empty.
            const owned = inBin.filter((v) => !edges.slice(i + 1, last).some((edge) => edge <= v));
            expect(count).toBe(owned.length);
          });
        },
      ),
    );
  });

  it('bins values one ulp either side of every edge as searchsorted does, even far from zero', () => {
    const bits = new BigInt64Array(1);
    const f64 = new Float64Array(bits.buffer);
    const step = (v: number, by: number) => {
      f64[0] = v;
      bits[0] += BigInt(v >= 0 ? by : -by);
      return f64[0]!;
    };
    /** numpy's rule by bisection: the largest bin i < m with edges[i] <= v, if inside. */
    const expected = (x: Float64Array, edges: Float64Array) => {
      const m = edges.length - 1;
      const counts = new Array<number>(m).fill(0);
      for (const v of x) {
        if (!(v >= edges[0]! && v <= edges[m]!)) continue;
        let i = m - 1;
        while (edges[i]! > v) i--;
        counts[i]!++;
      }
      return counts;
    };
    const cases: [number, number, number][] = [
      [0, 1, 10],
      [-3.3, 7.1, 30],
      [1e9, 1e9 + 0.3, 30],
      [-1e12 - 1, -1e12, 7],
      [0.1, 0.7, 3],
    ];
    for (const [lo, hi, bins] of cases) {
      const { edges } = histogramUniform(new Float64Array(0), lo, hi, bins);
      const x: number[] = [];
      for (const e of edges) for (const by of [-2, -1, 0, 1, 2]) x.push(step(e, by));
      const values = Float64Array.from(x);
      expect(Array.from(histogramUniform(values, lo, hi, bins).counts)).toEqual(expected(values, edges));
      // Edges a little off equal spacing take the same path with a wider margin.
      const uneven = Float64Array.from(edges, (e, i) => (i > 0 && i < bins ? e + (hi - lo) / bins / 9 : e));
      const near = Float64Array.from(Array.from(uneven).flatMap((e) => [-1, 0, 1].map((by) => step(e, by))));
      expect(Array.from(histogram(near, uneven).counts)).toEqual(expected(near, uneven));
    }
  });
});
