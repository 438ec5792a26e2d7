import { VigieError } from '../errors/index.js';
import { createRandom, type Random, shuffleInPlace } from '../random/index.js';
import { hash64String } from '../stats/index.js';
import { type Column, formatValue, type Table } from '../table/index.js';

export const SPLIT_NAMES = ['train', 'validation', 'test'] as const;
export type SplitName = (typeof SPLIT_NAMES)[number];
export type Ratios = Readonly<Record<SplitName, number>>;

export type Assignment =
  /** Rows shuffled per stratum with a seeded generator; counts exact within one row per class. */
  | 'stratified-shuffle'
  | 'shuffle'
  /** The hash of each row's key decides its split: stable when rows are appended. */
  | 'key-hash'
  /** The hash of each row's group decides: all rows of a group in one split. */
  | 'group-hash';

/**
 * How many of `n` items each split gets: floor of n·ratio, then the remaining items to the largest
 * remainders (ties to the earlier split). Each count is within one of n·ratio.
 */
export function apportion(n: number, ratios: Ratios): number[] {
  const exact = SPLIT_NAMES.map((s) => n * ratios[s]);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    counts[i]!++;
    left--;
  }
  return counts;
}

/** Split index (0 train, 1 validation, 2 test) for each row. */
export function stratifiedShuffle(
  n: number,
  strata: Int32Array | null,
  ratios: Ratios,
  seed: number,
): Uint8Array {
  const out = new Uint8Array(n);
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const s = strata ? strata[i]! : 0;
    let g = groups.get(s);
    if (!g) groups.set(s, (g = []));
    g.push(i);
  }
  // Each stratum gets its own stream, keyed by its code, so that strata do not share draws.
  const root: Random = createRandom(seed);
  for (const [stratum, rows] of [...groups.entries()].sort((a, b) => a[0] - b[0])) {
    shuffleInPlace(rows, root.derive(stratum + 1));
    const counts = apportion(rows.length, ratios);
    let k = 0;
    counts.forEach((c, split) => {
      for (let j = 0; j < c; j++) out[rows[k++]!] = split;
    });
  }
  return out;
}

/**
 * Split index per row from the seeded 64-bit hash of each row's value in `column` (missing values
 * hash as the empty string): u = hash / 2^64 in [0, 1) against the cumulative ratios.
 */
export function hashAssign(column: Column, ratios: Ratios, seed: number): Uint8Array {
  const n = column.storage === 'dict' ? column.codes.length : column.values.length;
  const out = new Uint8Array(n);
  const cut1 = ratios.train;
  const cut2 = ratios.train + ratios.validation;
  const h = new Uint32Array(2);
  // Fold the high bits in, so seeds that differ by a multiple of 2^32 still differ.
  const seedWord = (seed ^ Math.floor(seed / 2 ** 32)) | 0;
  const cache = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = formatValue(column, i) ?? '';
    let split = cache.get(key);
    if (split === undefined) {
      hash64String(key, seedWord, h);
      const u = (h[0]! * 4294967296 + h[1]!) / 2 ** 64;
      split = u < cut1 ? 0 : u < cut2 ? 1 : 2;
      if (column.storage === 'dict') cache.set(key, split);
    }
    out[i] = split;
  }
  return out;
}

/** Codes per row for stratification: dictionary codes, or the distinct values of other storages. */
export function strataCodes(column: Column): Int32Array {
  if (column.storage === 'dict') return column.codes;
  const n = column.storage === 'bool' ? column.values.length : column.values.length;
  const out = new Int32Array(n);
  const codes = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const key = formatValue(column, i);
    if (key === null) {
      out[i] = -1;
      continue;
    }
    let c = codes.get(key);
    if (c === undefined) codes.set(key, (c = codes.size));
    out[i] = c;
  }
  if (codes.size > Math.max(100, n / 10)) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `cannot stratify by "${column.name}": ${codes.size} distinct values (is it a continuous column?)`,
      {
        details: { column: column.name },
      },
    );
  }
  return out;
}

export function assignmentFor(
  table: Table,
  spec: { label?: Column; key?: Column; group?: Column },
  ratios: Ratios,
  seed: number,
): { splitOf: Uint8Array; method: Assignment } {
  if (spec.group) return { splitOf: hashAssign(spec.group, ratios, seed), method: 'group-hash' };
  if (spec.key) return { splitOf: hashAssign(spec.key, ratios, seed), method: 'key-hash' };
  if (spec.label)
    return {
      splitOf: stratifiedShuffle(table.rowCount, strataCodes(spec.label), ratios, seed),
      method: 'stratified-shuffle',
    };
  return { splitOf: stratifiedShuffle(table.rowCount, null, ratios, seed), method: 'shuffle' };
}
