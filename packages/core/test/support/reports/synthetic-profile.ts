import type {
  BooleanColumnProfile,
  CategoricalColumnProfile,
  ColumnProfile,
  DatasetProfile,
  NumericColumnProfile,
} from '../../../src/profile/index.js';
import type { SemanticType } from '../../../src/table/index.js';

const LEVELS = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];

/**
 * Column profiles computed naively from given values, standing in for real profiles in tests,
 * demos and the render benchmark (the renderer only reads them). Missing values are NaN.
 *
 * @example syntheticNumeric('age', [31, 45, Number.NaN, 27]);
 */
export function syntheticNumeric(
  name: string,
  values: ArrayLike<number>,
  options: { type?: SemanticType; bins?: number } = {},
): NumericColumnProfile {
  const finite = Array.from(values).filter((x) => Number.isFinite(x));
  const missing = Array.from(values).filter((x) => Number.isNaN(x)).length;
  const infinite = values.length - missing - finite.length;
  finite.sort((a, b) => a - b);
  const n = finite.length;
  const mean = n === 0 ? 0 : finite.reduce((a, b) => a + b, 0) / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (const x of finite) {
    const d = x - mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  const min = n === 0 ? null : finite[0]!;
  const max = n === 0 ? null : finite[n - 1]!;
  const quantiles: Record<string, number | null> = {};
  for (const q of LEVELS) {
    const pos = q * (n - 1);
    const lo = Math.floor(pos);
    quantiles[String(q)] =
      n === 0 ? null : finite[lo]! + (finite[Math.min(lo + 1, n - 1)]! - finite[lo]!) * (pos - lo);
  }
  const bins = options.bins ?? 20;
  let edges: number[] = [];
  let counts: number[] = [];
  if (min !== null && max !== null) {
    edges =
      min === max
        ? [min - 0.5, max + 0.5]
        : Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + ((max - min) * i) / bins));
    counts = new Array(edges.length - 1).fill(0);
    const lo = edges[0]!;
    const width = edges[edges.length - 1]! - lo;
    for (const x of finite)
      counts[Math.min(counts.length - 1, Math.floor(((x - lo) / width) * counts.length))]!++;
  }
  const distinct = new Set(finite).size;
  const valueCounts: Record<string, number> | null = distinct <= 20 ? {} : null;
  if (valueCounts) for (const x of finite) valueCounts[String(x)] = (valueCounts[String(x)] ?? 0) + 1;
  const flat = n === 0 || m2 === 0;
  return {
    name,
    type: options.type ?? 'numeric',
    kind: 'numeric',
    count: values.length - missing,
    missing,
    distinct,
    distinctExact: true,
    distinctError: null,
    infinite,
    finite: n,
    mean: n === 0 ? null : mean,
    std: n > 1 ? Math.sqrt(m2 / (n - 1)) : null,
    min,
    max,
    skewness: flat ? null : (Math.sqrt(n) * m3) / m2 ** 1.5,
    kurtosis: flat ? null : (n * m4) / (m2 * m2) - 3,
    zeros: finite.filter((x) => x === 0).length,
    negatives:
      finite.filter((x) => x < 0).length +
      Array.from(values).filter((x) => x === Number.NEGATIVE_INFINITY).length,
    quantiles,
    quantileAccuracy: { method: 'exact', interpolation: 'linear' },
    valueCounts,
    histogram: { edges, counts },
    moments: { n, mean, m2, m3, m4 },
    sketch: null,
    hll: null,
  };
}

/** A categorical profile from value counts (most frequent first in `top`). */
export function syntheticCategorical(
  name: string,
  counts: Readonly<Record<string, number>>,
  missing = 0,
  type: SemanticType = 'categorical',
): CategoricalColumnProfile {
  const top = Object.entries(counts)
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  const lengths = top.map((t) => t.value.length);
  const total = top.reduce((a, t) => a + t.count, 0);
  return {
    name,
    type,
    kind: 'categorical',
    count: total,
    missing,
    distinct: top.length,
    distinctExact: true,
    distinctError: null,
    mean: null,
    std: null,
    min: null,
    max: null,
    quantiles: null,
    top: top.slice(0, 20),
    frequencies: { ...counts },
    length: {
      min: lengths.length === 0 ? null : Math.min(...lengths),
      mean: total === 0 ? null : top.reduce((a, t) => a + t.value.length * t.count, 0) / total,
      max: lengths.length === 0 ? null : Math.max(...lengths),
    },
    hll: null,
  };
}

export function syntheticBoolean(
  name: string,
  trueCount: number,
  falseCount: number,
  missing = 0,
): BooleanColumnProfile {
  return {
    name,
    type: 'boolean',
    kind: 'boolean',
    count: trueCount + falseCount,
    missing,
    distinct: (trueCount > 0 ? 1 : 0) + (falseCount > 0 ? 1 : 0),
    distinctExact: true,
    distinctError: null,
    mean: null,
    std: null,
    min: null,
    max: null,
    quantiles: null,
    trueCount,
    falseCount,
  };
}

export function syntheticProfile(
  source: string | null,
  rows: number,
  columns: ColumnProfile[],
  contentHash = '',
): DatasetProfile {
  return {
    schemaVersion: 1,
    kind: 'vigie.profile',
    source,
    rows,
    duplicateRows: 0,
    duplicateRowsExact: true,
    contentHash,
    contentHashOf: 'rows',
    columns,
    options: {
      exactQuantileLimit: 10_000_000,
      quantiles: 'auto',
      histogramBins: 20,
      topK: 20,
      maxCategories: 1000,
      kllK: 200,
      hllPrecision: 14,
      seed: 0,
      contentHash: true,
    },
  };
}
