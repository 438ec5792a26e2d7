import { describe, expect, it } from 'vitest';
import {
  syntheticBoolean,
  syntheticCategorical,
  syntheticNumeric,
} from '../../../test/support/reports/synthetic-profile.js';
import type { ColumnDrift } from '../../drift/index.js';
import { driftPanel } from './drift-plots.js';
import { compactEdges, numericPanel, type PlotSpec } from './plot-specs.js';

const drift = (fields: Partial<ColumnDrift> = {}): ColumnDrift => ({
  name: 'x',
  type: 'numeric',
  kind: 'numeric',
  method: 'ks',
  statistic: 0.1,
  pvalue: 0.2,
  pvalueAdjusted: 0.3,
  threshold: 0.05,
  drift: false,
  status: 'pass',
  referenceSize: 10,
  currentSize: 10,
  exact: true,
  alongside: { psi: 0.01 },
  reason: 'same',
  ...fields,
});

const histOf = (specs: PlotSpec[]) => specs.find((p) => p.k === 'hist') as Extract<PlotSpec, { k: 'hist' }>;

describe('compactEdges', () => {
  it('keeps only the ends of equal-width edges, and every edge otherwise', () => {
    expect(compactEdges([0, 0.1, 0.2, 0.30000000000000004, 0.4])).toEqual([0, 0.4]);
    expect(compactEdges([0, 1, 3])).toEqual([0, 1, 3]);
    expect(compactEdges([4.5, 5.5])).toEqual([4.5, 5.5]);
  });
});

describe('numericPanel', () => {
  it('draws the stored histogram and the quantiles from min (q = 0) to max (q = 1)', () => {
    const panel = numericPanel(syntheticNumeric('x', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { bins: 3 }));
    expect(histOf(panel.p).s[0]!.v).toEqual([3, 3, 4]);
    const line = panel.p.find((p) => p.k === 'line') as Extract<PlotSpec, { k: 'line' }>;
    const qs = line.s[0]!.p.map(([q]) => q);
    expect(qs).toEqual([0, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 1]);
    expect(line.s[0]!.p.at(-1)).toEqual([1, 10]);
  });
});

describe('driftPanel', () => {
  it('compares shares on the same edges', () => {
    const ref = syntheticNumeric('x', [0, 1, 2, 3, 4, 5, 6, 7, 8, 10], { bins: 5 });
    const cur = syntheticNumeric('x', [0, 0, 0, 1, 2, 10], { bins: 5 });
    const hist = histOf(driftPanel(drift(), ref, cur).p);
    expect(hist.y).toBe('share of values');
    for (const s of hist.s) expect(s.v.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
  });
  it('draws densities on each side’s own edges when they differ, each with area 1', () => {
    const ref = syntheticNumeric('x', [0, 1, 2, 3, 4, 5, 6, 7, 8, 10], { bins: 5 });
    const cur = syntheticNumeric('x', [5, 6, 7, 20], { bins: 4 });
    const panel = driftPanel(drift(), ref, cur);
    const hist = histOf(panel.p);
    expect(hist.y).toBe('density');
    for (const s of hist.s) {
      const [lo, hi] = s.e as [number, number];
      const width = (hi - lo) / s.v.length;
      expect(s.v.reduce((a, b) => a + b * width, 0)).toBeCloseTo(1, 3);
    }
    const qq = panel.p.find((p) => p.k === 'line') as Extract<PlotSpec, { k: 'line' }>;
    expect(qq.diag).toBe(1);
    expect(qq.s[0]!.p[0]).toEqual([0, 5]);
    expect(qq.s[0]!.p.at(-1)).toEqual([10, 20]);
  });
  it('puts category shares side by side, new categories included', () => {
    const ref = syntheticCategorical('c', { a: 6, b: 4 });
    const cur = syntheticCategorical('c', { a: 2, b: 4, z: 4 });
    const panel = driftPanel(
      drift({ kind: 'categorical', method: 'chisquare', newCategories: ['z'] }),
      ref,
      cur,
    );
    const bars = panel.p[0] as Extract<PlotSpec, { k: 'hbar' }>;
    expect(bars.c).toEqual(['a', 'b', 'z']);
    expect(bars.s.map((s) => s.v)).toEqual([
      [0.6, 0.4, 0],
      [0.2, 0.4, 0.4],
    ]);
    expect(panel.t!.join(' ')).toContain('"z"');
  });
  it('compares booleans as categories and says when no profile is carried', () => {
    const bars = driftPanel(
      drift({ kind: 'categorical' }),
      syntheticBoolean('b', 3, 1),
      syntheticBoolean('b', 1, 1),
    ).p[0];
    expect(bars?.k).toBe('hbar');
    const bare = driftPanel(drift());
    expect(bare.p).toEqual([]);
    expect(bare.t!.at(-1)).toContain('no profiles');
    expect(bare.s).toContainEqual(['PSI', '0.01']);
  });
});
