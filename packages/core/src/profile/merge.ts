import { VigieError } from '../errors/index.js';
import { HyperLogLog, KllSketch, type Moments, mergeMoments } from '../stats/index.js';
import { combineHashes } from './content-hash.js';
import { VALUE_COUNTS_LIMIT } from './profile-numeric.js';
import {
  type BooleanColumnProfile,
  type CategoricalColumnProfile,
  type ColumnProfile,
  type DatasetProfile,
  type NumericColumnProfile,
  PROFILE_QUANTILES,
} from './types.js';

function toMoments(p: NumericColumnProfile): Moments {
  return {
    n: p.moments.n,
    mean: p.moments.n === 0 ? Number.NaN : p.moments.mean,
    m2: p.moments.m2,
    m3: p.moments.m3,
    m4: p.moments.m4,
    min: p.min ?? Number.NaN,
    max: p.max ?? Number.NaN,
    nanCount: 0,
  };
}

function mergeNumeric(a: NumericColumnProfile, b: NumericColumnProfile, bins: number): NumericColumnProfile {
  const mom = mergeMoments(toMoments(a), toMoments(b));
  const m = mom.n;
  const sketch = KllSketch.fromJSON(a.sketch).merge(KllSketch.fromJSON(b.sketch));
  const hll = HyperLogLog.fromJSON(a.hll).merge(HyperLogLog.fromJSON(b.hll));
  const quantiles: Record<string, number | null> = {};
  for (const q of PROFILE_QUANTILES) quantiles[String(q)] = m === 0 ? null : sketch.quantile(q);
  const min = m === 0 ? null : mom.min;
  const max = m === 0 ? null : mom.max;
  const sameEdges =
    a.histogram.edges.length === b.histogram.edges.length &&
    a.histogram.edges.every((e, i) => e === b.histogram.edges[i]);
  let histogram: NumericColumnProfile['histogram'];
  if (sameEdges) {
    histogram = {
      edges: a.histogram.edges,
      counts: a.histogram.counts.map((c, i) => c + b.histogram.counts[i]!),
    };
  } else if (min === null || max === null) {
    histogram = { edges: [], counts: [] };
  } else {
    // Different edges: re-bin the union on common edges through the merged quantile sketch.
    const edges: number[] = [];
    if (min === max) edges.push(min - 0.5, max + 0.5);
    else for (let i = 0; i <= bins; i++) edges.push(i === bins ? max : min + ((max - min) * i) / bins);
    const cdf = sketch.cdf(Float64Array.from(edges));
    const counts = edges
      .slice(1)
      .map((_, i) => Math.round(m * ((i === edges.length - 2 ? 1 : cdf[i + 1]!) - (i === 0 ? 0 : cdf[i]!))));
    histogram = { edges, counts };
  }
  const flat = m === 0 || mom.m2 <= (Number.EPSILON * Math.abs(mom.mean)) ** 2 * m;
  return {
    ...a,
    count: a.count + b.count,
    missing: a.missing + b.missing,
    distinct: Math.round(hll.estimate()),
    distinctExact: false,
    distinctError: hll.relativeStandardError(),
    infinite: a.infinite + b.infinite,
    finite: m,
    mean: m === 0 ? null : mom.mean,
    std: m > 1 ? Math.sqrt(mom.m2 / (m - 1)) : null,
    min,
    max,
    skewness: flat ? null : (Math.sqrt(m) * mom.m3) / mom.m2 ** 1.5,
    kurtosis: flat ? null : (m * mom.m4) / (mom.m2 * mom.m2) - 3,
    zeros: a.zeros + b.zeros,
    negatives: a.negatives + b.negatives,
    quantiles,
    quantileAccuracy: { method: 'kll', rankError: sketch.errorBound() },
    valueCounts: mergeValueCounts(a.valueCounts, b.valueCounts),
    histogram,
    moments: { n: m, mean: m === 0 ? 0 : mom.mean, m2: mom.m2, m3: mom.m3, m4: mom.m4 },
    sketch: sketch.toJSON(),
    hll: hll.toJSON(),
  };
}

function mergeCategorical(
  a: CategoricalColumnProfile,
  b: CategoricalColumnProfile,
  topK: number,
  maxCategories: number,
): CategoricalColumnProfile {
  const hll = HyperLogLog.fromJSON(a.hll).merge(HyperLogLog.fromJSON(b.hll));
  let frequencies: Record<string, number> | null = null;
  let top: CategoricalColumnProfile['top'];
  let distinct: Pick<CategoricalColumnProfile, 'distinct' | 'distinctExact' | 'distinctError'>;
  if (a.frequencies && b.frequencies) {
    const merged: Record<string, number> = { ...a.frequencies };
    for (const [k, v] of Object.entries(b.frequencies)) merged[k] = (merged[k] ?? 0) + v;
    const entries = Object.entries(merged).sort(
      (x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0),
    );
    top = entries.slice(0, topK).map(([value, count]) => ({ value, count }));
    distinct = { distinct: entries.length, distinctExact: true, distinctError: null };
    if (entries.length <= maxCategories) frequencies = Object.fromEntries(entries);
  } else {
    // Without full tables, counts of values missing from one side's top list are unknown: the
    // merged top list sums what is known (a lower bound for such values).
    const sums = new Map<string, number>();
    for (const t of [...a.top, ...b.top]) sums.set(t.value, (sums.get(t.value) ?? 0) + t.count);
    top = [...sums.entries()]
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, topK)
      .map(([value, count]) => ({ value, count }));
    distinct = {
      distinct: Math.round(hll.estimate()),
      distinctExact: false,
      distinctError: hll.relativeStandardError(),
    };
  }
  const count = a.count + b.count;
  const mean = (x: number | null, n: number) => (x === null ? 0 : x * n);
  return {
    ...a,
    count,
    missing: a.missing + b.missing,
    ...distinct,
    top,
    frequencies,
    length: {
      min: minNullable(a.length.min, b.length.min),
      mean: count === 0 ? null : (mean(a.length.mean, a.count) + mean(b.length.mean, b.count)) / count,
      max: maxNullable(a.length.max, b.length.max),
    },
    hll: hll.toJSON(),
  };
}

function mergeBoolean(a: BooleanColumnProfile, b: BooleanColumnProfile): BooleanColumnProfile {
  const t = a.trueCount + b.trueCount;
  const f = a.falseCount + b.falseCount;
  return {
    ...a,
    count: t + f,
    missing: a.missing + b.missing,
    trueCount: t,
    falseCount: f,
    distinct: (t > 0 ? 1 : 0) + (f > 0 ? 1 : 0),
    distinctExact: true,
    distinctError: null,
  };
}

function mergeValueCounts(
  a: Record<string, number> | null,
  b: Record<string, number> | null,
): Record<string, number> | null {
  if (a === null || b === null) return null;
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  if (Object.keys(out).length > VALUE_COUNTS_LIMIT) return null;
  return Object.fromEntries(Object.entries(out).sort((x, y) => Number(x[0]) - Number(y[0])));
}

function minNullable(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}
function maxNullable(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

function mergeColumn(a: ColumnProfile, b: ColumnProfile, profile: DatasetProfile): ColumnProfile {
  if (a.kind !== b.kind || a.type !== b.type) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `cannot merge profiles: column "${a.name}" is ${a.type} in one and ${b.type} in the other`,
      {
        details: { column: a.name },
      },
    );
  }
  if (a.kind === 'numeric') return mergeNumeric(a, b as NumericColumnProfile, profile.options.histogramBins);
  if (a.kind === 'categorical')
    return mergeCategorical(
      a,
      b as CategoricalColumnProfile,
      profile.options.topK,
      profile.options.maxCategories,
    );
  return mergeBoolean(a, b as BooleanColumnProfile);
}

/**
 * The profile of the union of two partitions from their profiles: counts, moments (exact up to
 * rounding), quantiles from the merged KLL sketches (within the stated rank error), distinct counts
 * from merged HyperLogLogs (or exact frequency tables), histograms on shared edges. Duplicate rows
 * across partitions are not known, so the merged count is a lower bound (`duplicateRowsExact: false`).
 *
 * @example mergeProfiles(profileTable(january), profileTable(february));
 */
export function mergeProfiles(a: DatasetProfile, b: DatasetProfile): DatasetProfile {
  const names = (p: DatasetProfile) => p.columns.map((c) => c.name).join('\u0000');
  if (names(a) !== names(b)) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      'cannot merge profiles with different columns (names and order must match)',
    );
  }
  return {
    ...a,
    source: a.source === b.source ? a.source : null,
    rows: a.rows + b.rows,
    duplicateRows: a.duplicateRows + b.duplicateRows,
    duplicateRowsExact: false,
    contentHash: combineHashes([a.contentHash, b.contentHash]),
    contentHashOf: 'partitions',
    columns: a.columns.map((c, i) => mergeColumn(c, b.columns[i]!, a)),
  };
}
