import type {
  BooleanColumnProfile,
  CategoricalColumnProfile,
  ColumnProfile,
  NumericColumnProfile,
} from '../../profile/index.js';
import { count, dateTime, duration, num, pct, roundIn } from './format.js';

/**
 * What the page script draws, already reduced to plain numbers so the script stays generic:
 * bars on edges (`hist`), points joined by lines (`line`, with an optional y = x diagonal) and
 * horizontal bars per category (`hbar`). Keys are short because a report can hold thousands.
 * `dx` / `dy` mark axes holding epoch milliseconds (datetime columns). A histogram's `e` holds its
 * bin edges, or only the first and last when the bins have equal width (the profile's case).
 */
export type PlotSpec =
  | {
      k: 'hist';
      title: string;
      x: string;
      y: string;
      dx?: 1;
      s: Array<{ n: string; e: number[]; v: number[] }>;
    }
  | {
      k: 'line';
      title: string;
      x: string;
      y: string;
      dx?: 1;
      dy?: 1;
      diag?: 1;
      s: Array<{ n: string; p: Array<[number, number]> }>;
    }
  | { k: 'hbar'; title: string; x: string; pct?: 1; c: string[]; s: Array<{ n: string; v: number[] }> };

/** The content of one row's details: plots, label/value pairs and sentences. */
export interface PlotPanel {
  p: PlotSpec[];
  s?: Array<[string, string]>;
  t?: string[];
}

/** Most categories drawn in a bar chart (the rest are summarised by the table). */
export const MAX_BARS = 20;

/** Quantile points (q, value) from min (q = 0) through the stored levels to max (q = 1). */
export function quantilePoints(c: NumericColumnProfile): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  const span = c.min === null || c.max === null ? 0 : c.max - c.min || Math.abs(c.max);
  if (c.min !== null) points.push([0, roundIn(c.min, span)]);
  const levels = Object.entries(c.quantiles)
    .map(([q, v]) => [Number(q), v] as const)
    .filter(([q, v]) => Number.isFinite(q) && q > 0 && q < 1 && v !== null && Number.isFinite(v))
    .sort((a, b) => a[0] - b[0]);
  for (const [q, v] of levels) points.push([q, roundIn(v!, span)]);
  if (c.max !== null) points.push([1, roundIn(c.max, span)]);
  return points;
}

/** Edges as stored, or [first, last] when they are equally spaced (a third of the JSON of a row). */
export function compactEdges(edges: readonly number[]): number[] {
  const n = edges.length - 1;
  const first = edges[0]!;
  const last = edges[n]!;
  const tol = 1e-9 * Math.max(Math.abs(first), Math.abs(last), last - first);
  const uniform = n > 1 && edges.every((e, i) => Math.abs(e - (first + ((last - first) * i) / n)) <= tol);
  return (uniform ? [first, last] : edges).map((e) => roundIn(e, last - first));
}

export function isDate(c: ColumnProfile): boolean {
  return c.type === 'datetime';
}

function numericStats(c: NumericColumnProfile): Array<[string, string]> {
  const value = isDate(c) ? dateTime : num;
  const stats: Array<[string, string]> = [
    ['1% / 5% quantiles', `${value(c.quantiles['0.01'])} / ${value(c.quantiles['0.05'])}`],
    ['95% / 99% quantiles', `${value(c.quantiles['0.95'])} / ${value(c.quantiles['0.99'])}`],
    ['skewness', num(c.skewness)],
    ['excess kurtosis', num(c.kurtosis)],
    ['zeros', count(c.zeros)],
    ['negatives', count(c.negatives)],
    ['infinite', count(c.infinite)],
    [
      'quantiles',
      c.quantileAccuracy.method === 'exact'
        ? 'exact (linear interpolation)'
        : `KLL sketch, rank error ≤ ${num(c.quantileAccuracy.rankError)}`,
    ],
  ];
  if (isDate(c)) stats.splice(2, 0, ['std', duration(c.std)]);
  if (!c.distinctExact)
    stats.push(['distinct', `~${count(c.distinct)} (HyperLogLog, rel. error ${pct(c.distinctError)})`]);
  return stats;
}

function histogramOf(c: NumericColumnProfile): PlotSpec | null {
  const { edges, counts } = c.histogram;
  if (counts.length === 0 || edges.length !== counts.length + 1) return null;
  return {
    k: 'hist',
    title: `Histogram of ${c.name}`,
    x: c.name,
    y: 'rows',
    ...(isDate(c) ? { dx: 1 as const } : {}),
    s: [{ n: c.name, e: compactEdges(edges), v: counts.slice() }],
  };
}

function sortedCounts(counts: Record<string, number>): Array<{ value: string; count: number }> {
  return Object.entries(counts)
    .map(([value, n]) => ({ value, count: n }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/** Histogram, quantile plot and exact value counts (few distinct values) of a numeric column. */
export function numericPanel(c: NumericColumnProfile): PlotPanel {
  const plots: PlotSpec[] = [];
  const hist = histogramOf(c);
  if (hist) plots.push(hist);
  const points = quantilePoints(c);
  if (points.length > 0) {
    plots.push({
      k: 'line',
      title: `Quantiles of ${c.name}`,
      x: 'quantile level q',
      y: c.name,
      ...(isDate(c) ? { dy: 1 as const } : {}),
      s: [{ n: c.name, p: points }],
    });
  }
  if (c.valueCounts && Object.keys(c.valueCounts).length > 0) {
    // Few distinct numbers read best in their own order, not by frequency.
    const top = sortedCounts(c.valueCounts)
      .slice(0, MAX_BARS)
      .sort((a, b) => Number(a.value) - Number(b.value));
    plots.push({
      k: 'hbar',
      title: `Values of ${c.name}`,
      x: 'rows',
      c: top.map((t) => (isDate(c) ? dateTime(Number(t.value)) : t.value)),
      s: [{ n: c.name, v: top.map((t) => t.count) }],
    });
  }
  const notes = c.count === 0 ? ['every value is missing'] : c.finite === 0 ? ['no finite value'] : [];
  return { p: plots, s: numericStats(c), ...(notes.length > 0 ? { t: notes } : {}) };
}

/** Bars of the most frequent values of a categorical column, and its text lengths. */
export function categoricalPanel(c: CategoricalColumnProfile): PlotPanel {
  const top = c.top.slice(0, MAX_BARS);
  const plots: PlotSpec[] =
    top.length === 0
      ? []
      : [
          {
            k: 'hbar',
            title: `Most frequent values of ${c.name}`,
            x: 'rows',
            c: top.map((t) => t.value),
            s: [{ n: c.name, v: top.map((t) => t.count) }],
          },
        ];
  const stats: Array<[string, string]> = [
    ['distinct', `${c.distinctExact ? '' : '~'}${count(c.distinct)}`],
    [
      'length (characters)',
      `${num(c.length.min)} / ${num(c.length.mean)} / ${num(c.length.max)} (min / mean / max)`,
    ],
    ['frequency table', c.frequencies ? 'complete' : `top ${c.top.length} only`],
  ];
  return { p: plots, s: stats };
}

export function booleanPanel(c: BooleanColumnProfile): PlotPanel {
  return {
    p: [
      {
        k: 'hbar',
        title: `Values of ${c.name}`,
        x: 'rows',
        c: ['true', 'false', 'missing'],
        s: [{ n: c.name, v: [c.trueCount, c.falseCount, c.missing] }],
      },
    ],
  };
}

export function columnPanel(c: ColumnProfile): PlotPanel {
  if (c.kind === 'numeric') return numericPanel(c);
  if (c.kind === 'categorical') return categoricalPanel(c);
  return booleanPanel(c);
}
