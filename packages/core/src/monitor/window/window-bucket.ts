import type { ColumnProfile } from '../../profile/index.js';
import type { Random } from '../../random/index.js';
import { addLatency, createLatencyCounts } from './latency-histogram.js';
import { isMissingValue, type WindowRow } from './records-to-table.js';

/** What the window knows of one feature in the reference profile, to count exactly per row. */
export interface FeatureReference {
  readonly name: string;
  readonly profile: ColumnProfile;
  /** Numeric features: the training minimum and maximum. */
  readonly range: readonly [number, number] | null;
  /** Categorical features with a complete frequency table: the categories seen in training. */
  readonly known: ReadonlySet<string> | null;
}

/** At most this many distinct new categories are named per feature and bucket (all are counted). */
export const MAX_NEW_CATEGORY_NAMES = 50;

/**
 * One time slice of a sliding window: exact counts over every row (rows, missing, out-of-range,
 * new categories, latencies) and a uniform reservoir sample of at most `capacity` rows for the
 * distribution comparisons (Vitter's algorithm R).
 */
export interface WindowBucket {
  readonly start: number;
  rows: number;
  readonly sample: WindowRow[];
  readonly missing: Map<string, number>;
  readonly outOfRange: Map<string, number>;
  /** Rows whose value was not a number for a numeric feature (counted apart from missing). */
  readonly invalid: Map<string, number>;
  readonly newCategories: Map<string, Map<string, number>>;
  readonly newCategoryRows: Map<string, number>;
  readonly latencies: Uint32Array;
}

export function createBucket(start: number): WindowBucket {
  return {
    start,
    rows: 0,
    sample: [],
    missing: new Map(),
    outOfRange: new Map(),
    invalid: new Map(),
    newCategories: new Map(),
    newCategoryRows: new Map(),
    latencies: createLatencyCounts(),
  };
}

function bump(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

export function addToBucket(
  bucket: WindowBucket,
  row: WindowRow,
  latencyMs: number,
  features: readonly FeatureReference[],
  capacity: number,
  rng: Random,
): void {
  bucket.rows++;
  addLatency(bucket.latencies, latencyMs);
  if (bucket.sample.length < capacity) bucket.sample.push(row);
  else {
    const j = rng.int(bucket.rows);
    if (j < capacity) bucket.sample[j] = row;
  }
  for (const f of features) {
    const v = row.inputs[f.name];
    if (isMissingValue(v)) {
      bump(bucket.missing, f.name);
      continue;
    }
    if (f.range) {
      const x = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : Number.NaN;
      if (Number.isNaN(x)) bump(bucket.invalid, f.name);
      else if (x < f.range[0] || x > f.range[1]) bump(bucket.outOfRange, f.name);
    } else if (f.known && !f.known.has(String(v))) {
      bump(bucket.newCategoryRows, f.name);
      let names = bucket.newCategories.get(f.name);
      if (!names) bucket.newCategories.set(f.name, (names = new Map()));
      const key = String(v);
      if (names.has(key) || names.size < MAX_NEW_CATEGORY_NAMES) bump(names, key);
    }
  }
}

/** How a feature of the reference profile is checked row by row. */
export function featureReference(profile: ColumnProfile): FeatureReference {
  if (profile.kind === 'numeric') {
    const range: [number, number] | null =
      profile.min !== null && profile.max !== null ? [profile.min, profile.max] : null;
    return { name: profile.name, profile, range, known: null };
  }
  if (profile.kind === 'categorical' && profile.frequencies) {
    return { name: profile.name, profile, range: null, known: new Set(Object.keys(profile.frequencies)) };
  }
  return { name: profile.name, profile, range: null, known: null };
}
