import type { CategoricalColumnProfile, ColumnProfile, NumericColumnProfile } from '../profile/index.js';
import { KllSketch, sortFloat64, std } from '../stats/index.js';
import { BOOL_MISSING, type Column, DICT_MISSING, type SemanticType } from '../table/index.js';

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
  /** Distinct non-missing values (exact when known). */
  distinct: () => number;
}

function finiteSorted(values: Float64Array): Float64Array {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) m++;
  const out = new Float64Array(m);
  let w = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) out[w++] = v;
  }
  return sortFloat64(out);
}

function sortedDistinct(sorted: Float64Array): number {
  let d = sorted.length > 0 ? 1 : 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) d++;
  return d;
}

/** Sides from a raw column. Sorting happens once, lazily. */
export function sideFromColumn(col: Column): SideSource {
  if (col.storage === 'float64') {
    let sorted: Float64Array | undefined;
    const getSorted = () => (sorted ??= finiteSorted(col.values));
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
      distinct: () => sortedDistinct(getSorted()),
    };
  }
  if (col.storage === 'bool') {
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
    return {
      name: col.name,
      type: col.type,
      categorical: () => ({ counts, n: t + f, complete: true }),
      distinct: () => counts.size,
    };
  }
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
  return {
    name: col.name,
    type: col.type,
    categorical: () => ({ counts, n, complete: true }),
    distinct: () => counts.size,
  };
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
      distinct: () => p.distinct,
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
      distinct: () => counts.size,
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
    distinct: () => c.distinct,
  };
}
