import { createHyperLogLog } from '../stats/index.js';
import { BOOL_MISSING, type BoolColumn, type DictColumn } from '../table/index.js';
import type { BooleanColumnProfile, CategoricalColumnProfile, ResolvedProfileOptions } from './types.js';

/** Exact value counts of a dictionary column, by code. */
export function codeCounts(col: DictColumn): { counts: Float64Array; missing: number } {
  const counts = new Float64Array(col.dictionary.length);
  let missing = 0;
  const codes = col.codes;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c < 0) missing++;
    else counts[c]!++;
  }
  return { counts, missing };
}

/**
 * Profile of a categorical, text or id column: exact counts per value (a dictionary column is
 * counted exactly whatever its size), top values, the full frequency table up to
 * `maxCategories` values, text lengths, and a HyperLogLog for merging distinct counts.
 */
export function profileCategorical(
  col: DictColumn,
  options: ResolvedProfileOptions,
): CategoricalColumnProfile {
  const { counts, missing } = codeCounts(col);
  const dictionary = col.dictionary;
  const codes = new Int32Array(counts.length);
  let distinct = 0;
  let lengthSum = 0;
  let minLength = Number.POSITIVE_INFINITY;
  let maxLength = 0;
  for (let code = 0; code < counts.length; code++) {
    const count = counts[code]!;
    if (count === 0) continue;
    codes[distinct++] = code;
    const length = dictionary[code]!.length;
    lengthSum += length * count;
    if (length < minLength) minLength = length;
    if (length > maxLength) maxLength = length;
  }
  const hll = createHyperLogLog({ p: options.hllPrecision });
  // Every value of the dictionary occurs (the usual case): hashed as it is, without a copy.
  hll.addStrings(
    distinct === dictionary.length
      ? dictionary
      : Array.from(codes.subarray(0, distinct), (c) => dictionary[c]!),
  );
  const present = codes.subarray(0, distinct);
  const byCount = (a: number, b: number) =>
    counts[b]! - counts[a]! || compare(col.dictionary[a]!, col.dictionary[b]!);
  let frequencies: Record<string, number> | null = null;
  let topCodes: number[];
  if (present.length <= options.maxCategories) {
    const sorted = Array.from(present).sort(byCount);
    topCodes = sorted.slice(0, options.topK);
    frequencies = {};
    for (const code of sorted) frequencies[col.dictionary[code]!] = counts[code]!;
  } else {
    topCodes = topCodesByCount(present, options.topK, counts, dictionary);
  }
  const top = topCodes.map((code) => ({ value: col.dictionary[code]!, count: counts[code]! }));
  const count = col.codes.length - missing;
  return {
    name: col.name,
    type: col.type,
    kind: 'categorical',
    count,
    missing,
    distinct: present.length,
    distinctExact: true,
    distinctError: null,
    mean: null,
    std: null,
    min: null,
    max: null,
    quantiles: null,
    top,
    frequencies,
    length: {
      min: count === 0 ? null : minLength,
      mean: count === 0 ? null : lengthSum / count,
      max: count === 0 ? null : maxLength,
    },
    hll: hll.toJSON(),
  };
}

/**
 * The k codes first by count (descending), then value (ascending), without sorting them all: a
 * bounded insertion list, which a code enters only if it beats the last one kept. Counts are
 * compared first, so strings are compared only between codes of equal count.
 */
function topCodesByCount(
  codes: Int32Array,
  k: number,
  counts: Float64Array,
  dictionary: readonly string[],
): number[] {
  const best: number[] = [];
  if (k <= 0) return best;
  const before = (a: number, b: number) =>
    counts[a]! > counts[b]! || (counts[a] === counts[b] && dictionary[a]! < dictionary[b]!);
  for (let j = 0; j < codes.length; j++) {
    const code = codes[j]!;
    if (best.length === k) {
      const last = best[k - 1]!;
      const n = counts[code]!;
      const m = counts[last]!;
      if (n < m || (n === m && !(dictionary[code]! < dictionary[last]!))) continue;
      best.pop();
    }
    let i = best.length;
    best.push(code);
    while (i > 0 && before(code, best[i - 1]!)) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = code;
  }
  return best;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function profileBoolean(col: BoolColumn): BooleanColumnProfile {
  let t = 0;
  let f = 0;
  let missing = 0;
  const v = col.values;
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (x === BOOL_MISSING) missing++;
    else if (x === 1) t++;
    else f++;
  }
  return {
    name: col.name,
    type: 'boolean',
    kind: 'boolean',
    count: t + f,
    missing,
    distinct: (t > 0 ? 1 : 0) + (f > 0 ? 1 : 0),
    distinctExact: true,
    distinctError: null,
    mean: null,
    std: null,
    min: null,
    max: null,
    quantiles: null,
    trueCount: t,
    falseCount: f,
  };
}
