import type { Random } from '../random/index.js';
import { ndtr, ndtri, quantiles } from '../stats/index.js';
import { BOOL_MISSING, type Column, DICT_MISSING } from '../table/index.js';

/**
 * How LIME sees one column, learned from the training (or background) rows, as
 * lime.lime_tabular with discretize_continuous=True and the quartile discretizer: a numeric column
 * becomes its quartile bins (edges q25, q50, q75, repeated edges merged); a categorical or boolean
 * column keeps its categories. Each bin has its share of the training rows (what the sampling
 * draws from) and, for numeric bins, the training values' mean, standard deviation, minimum and
 * maximum (what a drawn bin is turned back into a value with). A missing value is a bin of its
 * own when the training rows have any.
 */
export interface ColumnBins {
  column: string;
  kind: 'quartiles' | 'categories';
  /** Bin edges (quartiles kind): bin b holds edges[b − 1] < x ≤ edges[b]. */
  edges: number[];
  /** Per bin: share of training rows; the missing bin, when there is one, is last. */
  frequencies: number[];
  hasMissing: boolean;
  means: number[];
  stds: number[];
  mins: number[];
  maxs: number[];
  /** Category text per bin (categories kind). */
  labels: string[];
}

function numericValues(col: Column): Float64Array {
  if (col.storage === 'float64') return col.values;
  return new Float64Array(0);
}

/** Which bin the value at row i of `col` falls in (a column of the same storage as the training one). */
export function binOf(bins: ColumnBins, col: Column, i: number): number {
  if (bins.kind === 'quartiles') {
    const x = numericValues(col)[i]!;
    if (Number.isNaN(x)) return bins.hasMissing ? bins.frequencies.length - 1 : -1;
    // np.searchsorted(edges, x, side='left'): the number of edges below x.
    let b = 0;
    while (b < bins.edges.length && bins.edges[b]! < x) b++;
    return b;
  }
  const text = categoryText(col, i);
  return text === null ? (bins.hasMissing ? bins.labels.length - 1 : -1) : bins.labels.indexOf(text);
}

function categoryText(col: Column, i: number): string | null {
  if (col.storage === 'dict') {
    const c = col.codes[i]!;
    return c === DICT_MISSING ? null : col.dictionary[c]!;
  }
  if (col.storage === 'bool') {
    const v = col.values[i]!;
    return v === BOOL_MISSING ? null : v === 1 ? 'true' : 'false';
  }
  const x = col.values[i]!;
  return Number.isNaN(x) ? null : String(x);
}

/** The bins of one column from the training rows. */
export function fitBins(col: Column): ColumnBins {
  if (col.storage === 'float64' && col.type !== 'datetime') return fitQuartiles(col.name, col.values);
  const counts = new Map<string, number>();
  let missing = 0;
  const n = col.storage === 'dict' ? col.codes.length : col.values.length;
  for (let i = 0; i < n; i++) {
    const t = categoryText(col, i);
    if (t === null) missing++;
    else counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  // Categories in sorted order, as lime's sorted Counter items.
  const labels = [...counts.keys()].sort();
  const freq = labels.map((l) => counts.get(l)!);
  if (missing > 0) {
    labels.push('(missing)');
    freq.push(missing);
  }
  const total = freq.reduce((a, b) => a + b, 0);
  return {
    column: col.name,
    kind: 'categories',
    edges: [],
    frequencies: freq.map((f) => f / total),
    hasMissing: missing > 0,
    means: [],
    stds: [],
    mins: [],
    maxs: [],
    labels,
  };
}

function fitQuartiles(name: string, values: Float64Array): ColumnBins {
  const present = values.filter((v) => !Number.isNaN(v)).sort();
  const missing = values.length - present.length;
  const edges = present.length === 0 ? [] : [...new Set(quantiles(present, [0.25, 0.5, 0.75]))];
  const nb = edges.length + 1;
  const sums = new Float64Array(nb);
  const sq = new Float64Array(nb);
  const counts = new Float64Array(nb);
  for (const x of present) {
    let b = 0;
    while (b < edges.length && edges[b]! < x) b++;
    sums[b]! += x;
    counts[b]!++;
  }
  const means = Array.from(sums, (s, b) => (counts[b]! > 0 ? s / counts[b]! : 0));
  for (const x of present) {
    let b = 0;
    while (b < edges.length && edges[b]! < x) b++;
    sq[b]! += (x - means[b]!) ** 2;
  }
  // lime adds 1e-11 to every standard deviation, so a bin of one value still divides.
  const stds = Array.from(sq, (s, b) => (counts[b]! > 0 ? Math.sqrt(s / counts[b]!) : 0) + 1e-11);
  const lo = present[0] ?? 0;
  const hi = present[present.length - 1] ?? 0;
  const freq = Array.from(counts);
  if (missing > 0) freq.push(missing);
  const total = values.length;
  return {
    column: name,
    kind: 'quartiles',
    edges,
    frequencies: freq.map((f) => f / total),
    hasMissing: missing > 0,
    means,
    stds,
    mins: [lo, ...edges],
    maxs: [...edges, hi],
    labels: [],
  };
}

/** A bin as lime names it: `x <= 39.23`, `39.23 < x <= 44.45`, `x > 48.50`, or `x = Dream`. */
export function binLabel(bins: ColumnBins, b: number): string {
  const name = bins.column;
  if (bins.hasMissing && b === bins.frequencies.length - 1) return `${name} is missing`;
  if (bins.kind === 'categories') return `${name} = ${bins.labels[b]}`;
  const e = bins.edges;
  const f = (x: number) => x.toFixed(2);
  if (e.length === 0) return `${name} (one value)`;
  if (b === 0) return `${name} <= ${f(e[0]!)}`;
  if (b === e.length) return `${name} > ${f(e[e.length - 1]!)}`;
  return `${f(e[b - 1]!)} < ${name} <= ${f(e[b]!)}`;
}

/** Draws a bin from the training shares (numpy's random.choice with p). */
export function drawBin(bins: ColumnBins, rng: Random): number {
  const u = rng.float();
  let acc = 0;
  const f = bins.frequencies;
  for (let b = 0; b < f.length - 1; b++) {
    acc += f[b]!;
    if (u < acc) return b;
  }
  return f.length - 1;
}

/**
 * A value in numeric bin b, as lime's undiscretize: a normal of the bin's training mean and
 * standard deviation truncated to the bin's [min, max], drawn by inverting the normal CDF (in the
 * upper tail through the mirror image, so far tails keep their precision). Where lime returns a
 * standardized 0 for a bin whose bounds coincide (its minz == maxz branch), the bin's value itself
 * is returned: the row must stay a row of the data's units.
 */
export function drawInBin(bins: ColumnBins, b: number, rng: Random): number {
  if (bins.hasMissing && b === bins.frequencies.length - 1) return Number.NaN;
  const mean = bins.means[b]!;
  const sd = bins.stds[b]!;
  const lo = (bins.mins[b]! - mean) / sd;
  const hi = (bins.maxs[b]! - mean) / sd;
  if (!(hi > lo)) return bins.mins[b]!;
  const flip = lo > 0;
  const a = flip ? -hi : lo;
  const c = flip ? -lo : hi;
  const pa = ndtr(a);
  const pc = ndtr(c);
  const z = ndtri(pa + rng.float() * (pc - pa));
  const zz = Math.min(c, Math.max(a, Number.isFinite(z) ? z : a));
  return mean + sd * (flip ? -zz : zz);
}
