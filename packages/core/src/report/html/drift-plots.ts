import type { ColumnDrift } from '../../drift/index.js';
import type { ColumnProfile, NumericColumnProfile } from '../../profile/index.js';
import { count, num, round } from './format.js';
import {
  compactEdges,
  isDate,
  MAX_BARS,
  type PlotPanel,
  type PlotSpec,
  quantilePoints,
} from './plot-specs.js';

function sameEdges(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Math.abs(x - y) > 1e-12 * Math.max(1, Math.abs(x), Math.abs(y))) return false;
  }
  return true;
}

/**
 * Reference and current histograms in one chart. On the same edges, each bar is the share of its
 * side's values; on different edges (each profile bins its own min..max), each side is drawn as a
 * density on its own edges, so the areas compare.
 */
function overlaidHistograms(
  name: string,
  ref: NumericColumnProfile,
  cur: NumericColumnProfile,
): PlotSpec | null {
  const r = ref.histogram;
  const c = cur.histogram;
  if (r.counts.length === 0 || c.counts.length === 0) return null;
  const totalR = r.counts.reduce((a, b) => a + b, 0);
  const totalC = c.counts.reduce((a, b) => a + b, 0);
  if (totalR === 0 || totalC === 0) return null;
  const same = sameEdges(r.edges, c.edges);
  const heights = (h: { edges: number[]; counts: number[] }, total: number) =>
    h.counts.map((n, i) => round(same ? n / total : n / (total * (h.edges[i + 1]! - h.edges[i]! || 1)), 4));
  return {
    k: 'hist',
    title: `Reference and current distributions of ${name}`,
    x: name,
    y: same ? 'share of values' : 'density',
    ...(isDate(ref) ? { dx: 1 as const } : {}),
    s: [
      { n: 'reference', e: compactEdges(r.edges), v: heights(r, totalR) },
      { n: 'current', e: compactEdges(c.edges), v: heights(c, totalC) },
    ],
  };
}

/** Quantile-quantile points (reference, current) at the levels both profiles hold, min and max included. */
function qqPlot(name: string, ref: NumericColumnProfile, cur: NumericColumnProfile): PlotSpec | null {
  const byQ = new Map(quantilePoints(cur));
  const points: Array<[number, number]> = [];
  for (const [q, v] of quantilePoints(ref)) {
    const w = byQ.get(q);
    if (w !== undefined) points.push([v, w]);
  }
  if (points.length === 0) return null;
  const date = isDate(ref) ? { dx: 1 as const, dy: 1 as const } : {};
  return {
    k: 'line',
    title: `Quantile-quantile plot of ${name}`,
    x: 'reference quantile',
    y: 'current quantile',
    ...date,
    diag: 1,
    s: [{ n: 'current vs reference', p: points }],
  };
}

/** Category counts of a profile: full frequencies when known, else the top values. */
function categoryCounts(c: ColumnProfile): Map<string, number> | null {
  if (c.kind === 'categorical')
    return new Map(c.frequencies ? Object.entries(c.frequencies) : c.top.map((t) => [t.value, t.count]));
  if (c.kind === 'boolean')
    return new Map([
      ['true', c.trueCount],
      ['false', c.falseCount],
    ]);
  return c.valueCounts ? new Map(Object.entries(c.valueCounts)) : null;
}

/** Side-by-side category shares, the categories with the largest share on either side first. */
function categoryBars(name: string, ref: ColumnProfile, cur: ColumnProfile): PlotSpec | null {
  const r = categoryCounts(ref);
  const c = categoryCounts(cur);
  if (!r || !c || ref.count === 0 || cur.count === 0) return null;
  const share = (m: Map<string, number>, v: string, n: number) => (m.get(v) ?? 0) / n;
  const cats = [...new Set([...r.keys(), ...c.keys()])]
    .map((v) => ({ v, r: share(r, v, ref.count), c: share(c, v, cur.count) }))
    .sort((a, b) => Math.max(b.r, b.c) - Math.max(a.r, a.c) || (a.v < b.v ? -1 : a.v > b.v ? 1 : 0))
    .slice(0, MAX_BARS);
  // Few distinct numbers compared as categories read best in their own order.
  if (ref.kind === 'numeric') cats.sort((a, b) => Number(a.v) - Number(b.v));
  return {
    k: 'hbar',
    title: `Category shares of ${name}`,
    x: 'share of values',
    pct: 1,
    c: cats.map((x) => x.v),
    s: [
      { n: 'reference', v: cats.map((x) => round(x.r, 4)) },
      { n: 'current', v: cats.map((x) => round(x.c, 4)) },
    ],
  };
}

const ALONGSIDE_LABEL: Record<string, string> = {
  ksStatistic: 'KS statistic',
  ksPvalue: 'KS p-value',
  psi: 'PSI',
  wassersteinNormalized: 'Wasserstein / sd(reference)',
  jensenshannon: 'Jensen-Shannon distance',
};

/**
 * A drift row's details: overlaid histograms and a Q-Q plot (numeric profiles) or side-by-side
 * category shares, when the report carries both profiles; the other measures and notes always.
 */
export function driftPanel(col: ColumnDrift, ref?: ColumnProfile, cur?: ColumnProfile): PlotPanel {
  const plots: PlotSpec[] = [];
  if (ref && cur) {
    if (ref.kind === 'numeric' && cur.kind === 'numeric') {
      const hist = overlaidHistograms(col.name, ref, cur);
      if (hist) plots.push(hist);
      const qq = qqPlot(col.name, ref, cur);
      if (qq) plots.push(qq);
      if (col.kind === 'categorical') {
        const bars = categoryBars(col.name, ref, cur);
        if (bars) plots.push(bars);
      }
    } else {
      const bars = categoryBars(col.name, ref, cur);
      if (bars) plots.push(bars);
    }
  }
  const stats: Array<[string, string]> = [
    ['sizes', `reference ${count(col.referenceSize)}, current ${count(col.currentSize)}`],
  ];
  for (const [k, v] of Object.entries(col.alongside))
    if (v !== undefined) stats.push([ALONGSIDE_LABEL[k] ?? k, num(v)]);
  const notes = [col.reason];
  if (col.newCategories && col.newCategories.length > 0) {
    const shown = col.newCategories.slice(0, 10).map((v) => JSON.stringify(v));
    const more = col.newCategories.length > 10 ? ` and ${col.newCategories.length - 10} more` : '';
    notes.push(`categories only in the current data: ${shown.join(', ')}${more}`);
  }
  if (!col.exact) notes.push('computed from a profile sketch: values are within its stated error');
  if (!ref || !cur)
    notes.push('the report carries no profiles for this comparison, so no distributions are drawn');
  return { p: plots, s: stats, t: notes };
}
