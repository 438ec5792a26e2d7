import { computeDrift, type DriftOptions, type DriftResult } from '../../drift/index.js';
import { VigieError } from '../../errors/index.js';
import type { ColumnProfile, DatasetProfile } from '../../profile/index.js';
import { createRandom } from '../../random/index.js';
import { type Verdict, worstStatus } from '../../verdict/index.js';
import type { PredictionRecord } from '../prediction-record.js';
import { createLatencyCounts, latencyQuantile, mergeLatencies } from './latency-histogram.js';
import { windowTable } from './records-to-table.js';
import {
  addToBucket,
  createBucket,
  type FeatureReference,
  featureReference,
  type WindowBucket,
} from './window-bucket.js';
import { sampleSlices } from './window-sample.js';
import { datasetDriftVerdict, driftVerdict, rateVerdict } from './window-verdicts.js';

export interface DataQualityThresholds {
  /** Missing rate allowed above the training rate before the feature is flagged. Default 0.05. */
  missingRateIncrease?: number;
  /** Share of numeric values outside the training [min, max] that is flagged. Default 0.01. */
  outOfRangeShare?: number;
  /** Share of rows with a category never seen in training that is flagged. Default 0. */
  newCategoryShare?: number;
  /** Status of a flagged data-quality verdict. Default 'warn'. */
  severity?: 'warn' | 'fail';
}

export interface WindowMonitorOptions {
  /** The training data's saved profile (`vigie profile --json`). */
  reference: DatasetProfile;
  /** Features to watch. Default: the profile's columns except the label, ids, text and datetimes. */
  features?: readonly string[];
  /** The profile column predictions are compared with (the training label), or null for none. */
  labelColumn?: string | null;
  /** Window length. Default one hour. */
  windowMs?: number;
  /** Slices per window (the window slides by windowMs / buckets). Default 12. */
  buckets?: number;
  /** Rows kept per slice for the distribution comparisons (a uniform reservoir). Default 2,000. */
  bucketCapacity?: number;
  /** At most this many rows are compared per evaluation. Default 10,000. */
  maxSample?: number;
  seed?: number;
  drift?: DriftOptions;
  quality?: DataQualityThresholds;
}

export interface FeatureWindowStats {
  name: string;
  missing: number;
  missingRate: number | null;
  referenceMissingRate: number;
  outOfRange: number;
  invalid: number;
  newCategoryRows: number;
  newCategories: Array<{ value: string; count: number }>;
  /** computeDrift's decisive statistic and status for this feature (null when not compared). */
  driftStatistic: number | null;
  driftStatus: Verdict['status'] | null;
}

/** What one evaluation of the window found, against the training profile. */
export interface WindowReport {
  kind: 'vigie.window';
  start: string;
  end: string;
  /** Rows seen in the window (every row) and compared for drift (a uniform sample of them). */
  rows: number;
  sampled: number;
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
  status: Verdict['status'];
  inputDrift: DriftResult;
  predictionDrift: DriftResult | null;
  features: FeatureWindowStats[];
  verdicts: Verdict[];
}

export interface WindowMonitor {
  /** Counts a primary or candidate answer; probes and shadow answers are ignored. */
  add(record: PredictionRecord): void;
  /** Compares the window ending at `now` (ms since epoch) with the training profile. */
  evaluate(now: number): WindowReport;
}

const NOT_FEATURES = new Set(['id', 'text', 'datetime']);

function prediction(record: PredictionRecord): unknown {
  return record.output.label ?? record.output.value ?? null;
}

/**
 * A sliding window of predictions compared with the training profile: input drift per feature and
 * prediction drift by computeDrift (the dataset drift methods and defaults), missing rates,
 * out-of-range values and new categories counted exactly over every row. Memory is bounded: a
 * window keeps `buckets` slices of at most `bucketCapacity` rows each plus fixed-size counters.
 * When the window holds no more rows than the slices keep and maxSample, the comparison sees every
 * row and equals computeDrift(reference, rows); beyond, a uniform sample drawn from the slices in
 * proportion to their traffic.
 *
 * @example
 * const w = createWindowMonitor({ reference: profile, labelColumn: 'species' });
 * gateway.addObserver((records) => records.forEach((r) => w.add(r)));
 * w.evaluate(Date.now()).verdicts;
 */
export function createWindowMonitor(options: WindowMonitorOptions): WindowMonitor {
  const reference = new Map<string, ColumnProfile>(options.reference.columns.map((c) => [c.name, c]));
  const labelColumn = options.labelColumn ?? null;
  if (labelColumn !== null && !reference.has(labelColumn)) {
    throw new VigieError('COLUMN_NOT_FOUND', `no column "${labelColumn}" in the reference profile`, {
      details: { column: labelColumn },
    });
  }
  const names =
    options.features ??
    options.reference.columns
      .filter((c) => c.name !== labelColumn && !NOT_FEATURES.has(c.type))
      .map((c) => c.name);
  const features: FeatureReference[] = names.map((name) => {
    const p = reference.get(name);
    if (!p) {
      throw new VigieError('COLUMN_NOT_FOUND', `no feature "${name}" in the reference profile`, {
        details: { column: name },
      });
    }
    return featureReference(p);
  });
  const windowMs = options.windowMs ?? 3_600_000;
  const bucketCount = options.buckets ?? 12;
  const capacity = options.bucketCapacity ?? 2000;
  const maxSample = options.maxSample ?? 10_000;
  if (!(windowMs > 0) || !(bucketCount >= 1) || !(capacity >= 1) || !(maxSample >= 1)) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      'window length, buckets, bucketCapacity and maxSample must be positive',
    );
  }
  const bucketMs = windowMs / bucketCount;
  const quality = {
    missingRateIncrease: options.quality?.missingRateIncrease ?? 0.05,
    outOfRangeShare: options.quality?.outOfRangeShare ?? 0.01,
    newCategoryShare: options.quality?.newCategoryShare ?? 0,
    severity: options.quality?.severity ?? 'warn',
  };
  const rng = createRandom(options.seed ?? 0);
  const buckets: WindowBucket[] = []; // oldest first

  function firstKept(now: number): number {
    return Math.floor(now / bucketMs) * bucketMs - (bucketCount - 1) * bucketMs;
  }

  function drop(now: number): void {
    const first = firstKept(now);
    while (buckets.length > 0 && buckets[0]!.start < first) buckets.shift();
  }

  function bucketFor(t: number): WindowBucket | null {
    const start = Math.floor(t / bucketMs) * bucketMs;
    for (let i = buckets.length - 1; i >= 0; i--) {
      const b = buckets[i]!;
      if (b.start === start) return b;
      if (b.start < start) {
        const created = createBucket(start);
        buckets.splice(i + 1, 0, created);
        drop(t);
        return created;
      }
    }
    const latest = buckets.at(-1)?.start;
    if (latest !== undefined && start < firstKept(latest)) return null; // too late for the window
    const created = createBucket(start);
    buckets.unshift(created);
    return created;
  }

  return {
    add(record) {
      if (record.probe || record.role === 'shadow') return;
      const t = Date.parse(record.at);
      if (Number.isNaN(t)) return;
      const bucket = bucketFor(t);
      if (bucket) {
        addToBucket(
          bucket,
          { inputs: record.inputs, prediction: prediction(record) },
          record.latencyMs,
          features,
          capacity,
          rng,
        );
      }
    },
    evaluate(now) {
      drop(now);
      const first = firstKept(now);
      const window = buckets.filter((b) => b.start >= first && b.start <= now);
      const total = window.reduce((s, b) => s + b.rows, 0);
      const rows = sampleSlices(window, maxSample, rng);
      const table = windowTable(rows, reference, names, labelColumn ?? undefined);
      const inputDrift = computeDrift(options.reference, table, { ...options.drift, columns: names });
      const predictionDrift =
        labelColumn === null
          ? null
          : computeDrift(options.reference, table, { ...options.drift, columns: [labelColumn] });
      const latencies = createLatencyCounts();
      for (const b of window) mergeLatencies(latencies, b.latencies);
      const verdicts: Verdict[] = [datasetDriftVerdict(inputDrift, total)];
      for (const c of inputDrift.columns) verdicts.push(driftVerdict(`drift:${c.name}`, c));
      if (predictionDrift) {
        for (const c of predictionDrift.columns) verdicts.push(driftVerdict('prediction-drift', c));
      }
      const stats = features.map((f) => featureStats(f, window, total, inputDrift));
      for (const s of stats) verdicts.push(...qualityVerdicts(s, features, total, quality));
      return {
        kind: 'vigie.window',
        start: new Date(first).toISOString(),
        end: new Date(now).toISOString(),
        rows: total,
        sampled: rows.length,
        latencyP50Ms: latencyQuantile(latencies, 0.5),
        latencyP99Ms: latencyQuantile(latencies, 0.99),
        status: worstStatus(verdicts.map((v) => v.status)),
        inputDrift,
        predictionDrift,
        features: stats,
        verdicts,
      };
    },
  };
}

function sum(window: readonly WindowBucket[], pick: (b: WindowBucket) => Map<string, number>, name: string) {
  return window.reduce((s, b) => s + (pick(b).get(name) ?? 0), 0);
}

function featureStats(
  f: FeatureReference,
  window: readonly WindowBucket[],
  total: number,
  drift: DriftResult,
): FeatureWindowStats {
  const names = new Map<string, number>();
  for (const b of window) {
    for (const [v, n] of b.newCategories.get(f.name) ?? []) names.set(v, (names.get(v) ?? 0) + n);
  }
  const missing = sum(window, (b) => b.missing, f.name);
  const p = f.profile;
  const column = drift.columns.find((c) => c.name === f.name);
  return {
    name: f.name,
    missing,
    missingRate: total === 0 ? null : missing / total,
    referenceMissingRate: p.count + p.missing === 0 ? 0 : p.missing / (p.count + p.missing),
    outOfRange: sum(window, (b) => b.outOfRange, f.name),
    invalid: sum(window, (b) => b.invalid, f.name),
    newCategoryRows: sum(window, (b) => b.newCategoryRows, f.name),
    newCategories: [...names].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count),
    driftStatistic: column?.statistic ?? null,
    driftStatus: column?.status ?? null,
  };
}

function qualityVerdicts(
  s: FeatureWindowStats,
  features: readonly FeatureReference[],
  total: number,
  q: Required<DataQualityThresholds>,
): Verdict[] {
  const f = features.find((x) => x.name === s.name)!;
  const out: Verdict[] = [
    rateVerdict({
      check: `missing:${s.name}`,
      kind: 'missing',
      subject: s.name,
      method: 'share of rows missing, vs the training share plus the allowed increase',
      count: s.missing,
      rows: total,
      threshold: Math.min(1, s.referenceMissingRate + q.missingRateIncrease),
      severity: q.severity,
      what: 'missing',
      details: { referenceMissingRate: s.referenceMissingRate },
    }),
  ];
  if (f.range) {
    out.push(
      rateVerdict({
        check: `range:${s.name}`,
        kind: 'range',
        subject: s.name,
        method: `share of values outside the training range [${f.range[0]}, ${f.range[1]}]`,
        count: s.outOfRange,
        rows: total,
        threshold: q.outOfRangeShare,
        severity: q.severity,
        what: `outside [${f.range[0]}, ${f.range[1]}]`,
      }),
    );
  }
  if (f.known) {
    out.push(
      rateVerdict({
        check: `new-categories:${s.name}`,
        kind: 'new-categories',
        subject: s.name,
        method: 'share of rows with a category not seen in training',
        count: s.newCategoryRows,
        rows: total,
        threshold: q.newCategoryShare,
        severity: q.severity,
        what: 'with a category not seen in training',
        examples: s.newCategories.slice(0, 5).map((c) => ({ column: s.name, value: c.value })),
      }),
    );
  }
  return out;
}
