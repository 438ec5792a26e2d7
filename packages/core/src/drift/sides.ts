import type { CategoricalColumnProfile, ColumnProfile, NumericColumnProfile } from '../profile/index.js';
import { KllSketch, type SortScratch, sortFloat64, std } from '../stats/index.js';
import {
  BOOL_MISSING,
  type BoolColumn,
  type Column,
  DICT_MISSING,
  type DictColumn,
  type SemanticType,
} from '../table/index.js';

/**
 * One side of a comparison for a numeric column: the exact sorted finite values, or a profile's
 * quantile sketch. Both answer cdf and quantile queries.
 */
export type NumericSide =
  | { kind: 'values'; sorted: Float64Array; n: number; std: number }
  | { kind: 'sketch'; sketch: KllSketch; n: number; std: number; valueCounts: Record<string, number> | null };

/** Value counts for a categorical comparison (exact on both raw data and profiles). */
export interface CategoricalSide {
  counts: Map<string, number>;
  n: number;
  /** False when the counts are only a profile's top values (no full frequency table). */
  complete: boolean;
}

export interface SideSource {
  name: string;
  type: SemanticType;
  numeric?: () => NumericSide;
  categorical?: () => CategoricalSide | null;
  /** True when there are more than k distinct non-missing values (exact when known). */
  moreDistinctThan: (k: number) => boolean;
}

/**
 * The finite values, sorted: one radix-sorted copy (NaN goes last, -Infinity first and +Infinity
 * just before NaN), viewed without the infinities and NaN.
 */
function finiteSorted(values: Float64Array, scratch?: SortScratch): Float64Array {
  const all = sortFloat64(values, scratch);
  let lo = 0;
  let hi = all.length;
  while (hi > lo && !Number.isFinite(all[hi - 1]!)) hi--;
  while (lo < hi && all[lo] === Number.NEGATIVE_INFINITY) lo++;
  return all.subarray(lo, hi);
}

/** True when the sorted values hold more than k distinct values (stops as soon as they do). */
function moreDistinctThan(sorted: Float64Array, k: number): boolean {
  let d = sorted.length > 0 ? 1 : 0;
  for (let i = 1; i < sorted.length && d <= k; i++) if (sorted[i] !== sorted[i - 1]) d++;
  return d > k;
}

/**
 * Sides from a raw column. Sorting happens once, lazily, with `scratch` as the sort's working
 * memory when given (sides sorted one after another may share one).
 */
export function sideFromColumn(col: Column, scratch?: SortScratch): SideSource {
  if (col.storage === 'float64') {
    let sorted: Float64Array | undefined;
    const getSorted = () => (sorted ??= finiteSorted(col.values, scratch));
    return {
      name: col.name,
      type: col.type,
      numeric: () => {
        const s = getSorted();
        return {
          kind: 'values',
          sorted: s,
          n: s.length,
          std: s.length > 1 ? std(s, { ddof: 1 }) : Number.NaN,
        };
      },
      categorical: () => {
        const s = getSorted();
        const counts = new Map<string, number>();
        for (let i = 0; i < s.length; ) {
          let j = i + 1;
          while (j < s.length && s[j] === s[i]) j++;
          counts.set(String(s[i]), j - i);
          i = j;
        }
        return { counts, n: s.length, complete: true };
      },
      moreDistinctThan: (k) => moreDistinctThan(getSorted(), k),
    };
  }
  // Counted on first use: columns that are not compared (ids, say) cost nothing.
  let counted: CategoricalSide | undefined;
  const count = () => (counted ??= col.storage === 'bool' ? boolCounts(col) : dictCounts(col));
  return {
    name: col.name,
    type: col.type,
    categorical: count,
    moreDistinctThan: (k) => count().counts.size > k,
  };
}

function boolCounts(col: BoolColumn): CategoricalSide {
  let t = 0;
  let f = 0;
  for (let i = 0; i < col.values.length; i++) {
    const v = col.values[i];
    if (v === BOOL_MISSING) continue;
    if (v === 1) t++;
    else f++;
  }
  const counts = new Map<string, number>();
  if (f > 0) counts.set('false', f);
  if (t > 0) counts.set('true', t);
  return { counts, n: t + f, complete: true };
}

function dictCounts(col: DictColumn): CategoricalSide {
  const byCode = new Float64Array(col.dictionary.length);
  let n = 0;
  for (let i = 0; i < col.codes.length; i++) {
    const c = col.codes[i]!;
    if (c !== DICT_MISSING) {
      byCode[c]!++;
      n++;
    }
  }
  const counts = new Map<string, number>();
  byCode.forEach((c, code) => {
    if (c > 0) counts.set(col.dictionary[code]!, c);
  });
  return { counts, n, complete: true };
}

/** Sides from a saved profile's column: its KLL sketch, value counts and frequency table. */
export function sideFromProfile(col: ColumnProfile): SideSource {
  if (col.kind === 'numeric') {
    const p = col as NumericColumnProfile;
    return {
      name: p.name,
      type: p.type,
      numeric: () => ({
        kind: 'sketch',
        sketch: KllSketch.fromJSON(p.sketch),
        n: p.finite,
        std: p.std ?? Number.NaN,
        valueCounts: p.valueCounts,
      }),
      categorical: () =>
        p.valueCounts
          ? { counts: new Map(Object.entries(p.valueCounts)), n: p.finite, complete: true }
          : null,
      moreDistinctThan: (k) => p.distinct > k,
    };
  }
  if (col.kind === 'boolean') {
    const counts = new Map<string, number>();
    if (col.falseCount > 0) counts.set('false', col.falseCount);
    if (col.trueCount > 0) counts.set('true', col.trueCount);
    return {
      name: col.name,
      type: col.type,
      categorical: () => ({ counts, n: col.count, complete: true }),
      moreDistinctThan: (k) => counts.size > k,
    };
  }
  const c = col as CategoricalColumnProfile;
  return {
    name: c.name,
    type: c.type,
    categorical: () =>
      c.frequencies
        ? { counts: new Map(Object.entries(c.frequencies)), n: c.count, complete: true }
        : { counts: new Map(c.top.map((t) => [t.value, t.count])), n: c.count, complete: false },
    moreDistinctThan: (k) => c.distinct > k,
  };
}
