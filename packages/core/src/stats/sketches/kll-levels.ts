import type { RandomStream } from './random-stream.js';
import { sortFloat64Range } from './sort-float64.js';

/**
 * The compactor hierarchy of a KLL sketch (Karnin, Lang & Liberty 2016) with the capacities and
 * the lazy compaction schedule of Apache DataSketches. With L levels, the level at depth d below
 * the top holds up to max(M, round(k·(2/3)^d)) items, and a level is only compacted when the
 * whole stack is full (holds Σ capacities items). Compacting a level sorts it, keeps every other
 * item starting at a random offset (0 or 1), and merges the kept items, now of twice the weight,
 * into the level above; an odd item out stays behind. Total weight is conserved exactly.
 *
 * Level 0 (the level being fed) is unsorted and every level above it is sorted. One departure
 * from DataSketches: level 0 may always hold at least k items. DataSketches lets its bottom
 * level shrink to 8 items, so a tall sketch compacts every few updates; a level 0 of ≥ k items
 * batches the work (and, having more room, only lowers the error).
 */

/** Smallest capacity of a level (DataSketches' m). */
export const MIN_LEVEL_CAPACITY = 8;
export const MAX_LEVELS = 64;

export interface LevelStack {
  /** items[h] holds level h in items[h][0, sizes[h]). */
  items: Float64Array[];
  sizes: number[];
  /** A free buffer that compactions merge into, to avoid allocating one each time. */
  spare?: Float64Array;
}

const POW3: number[] = [];
for (let d = 0, p = 1; d < 30; d++, p *= 3) POW3.push(p);

/** round-half-up(k · (2/3)^depth), computed exactly in integers (doubles below 2^53). */
function capacityAtDepth(k: number, depth: number): number {
  if (depth >= 30) return 0;
  const a = 2 * k * 2 ** depth;
  const b = POW3[depth]!;
  const floor = (a - (a % b)) / b;
  return (floor + 1) >>> 1;
}

/** Level capacities for one k. */
export interface CapacityTable {
  k: number;
  /** byDepth[d] = max(M, round(k·(2/3)^d)), d = 0 at the top level. */
  byDepth: Int32Array;
  /** rawTotal[L] = Σ_{d < L} byDepth[d]. */
  rawTotal: Float64Array;
}

export function capacityTable(k: number): CapacityTable {
  const byDepth = new Int32Array(MAX_LEVELS);
  const rawTotal = new Float64Array(MAX_LEVELS + 1);
  for (let d = 0; d < MAX_LEVELS; d++) {
    byDepth[d] = Math.max(MIN_LEVEL_CAPACITY, capacityAtDepth(k, d));
    rawTotal[d + 1] = rawTotal[d]! + byDepth[d]!;
  }
  return { k, byDepth, rawTotal };
}

/** Capacity of level h in a stack of `numLevels` levels (level 0 gets at least k). */
export function levelCapacity(table: CapacityTable, numLevels: number, h: number): number {
  const c = table.byDepth[numLevels - 1 - h]!;
  return h === 0 && c < table.k ? table.k : c;
}

/** Σ of the level capacities: the number of items a stack of `numLevels` levels may hold. */
export function totalCapacity(table: CapacityTable, numLevels: number): number {
  const bottom = table.byDepth[numLevels - 1]!;
  return table.rawTotal[numLevels]! + (bottom < table.k ? table.k - bottom : 0);
}

export function retainedCount(stack: LevelStack): number {
  let total = 0;
  for (const s of stack.sizes) total += s;
  return total;
}

/** Σ size_h · 2^h: the stream weight the levels stand for, in units of level 0's weight. */
export function levelWeight(stack: LevelStack): number {
  let total = 0;
  for (let h = 0; h < stack.sizes.length; h++) total += stack.sizes[h]! * 2 ** h;
  return total;
}

export function addEmptyLevel(stack: LevelStack): void {
  stack.items.push(new Float64Array(MIN_LEVEL_CAPACITY));
  stack.sizes.push(0);
}

export function cloneStack(stack: LevelStack): LevelStack {
  return { items: stack.items.map((level) => level.slice()), sizes: stack.sizes.slice() };
}

/** Makes room for `needed` items in level h, keeping its contents. */
export function reserve(stack: LevelStack, h: number, needed: number): Float64Array {
  const buf = stack.items[h]!;
  if (buf.length >= needed) return buf;
  const grown = new Float64Array(Math.max(needed, 2 * buf.length));
  grown.set(buf.subarray(0, stack.sizes[h]!));
  stack.items[h] = grown;
  return grown;
}

/** Appends to the unsorted level 0. */
export function appendToLevelZero(stack: LevelStack, value: number): void {
  const size = stack.sizes[0]!;
  reserve(stack, 0, size + 1)[size] = value;
  stack.sizes[0] = size + 1;
}

/** Adds `value` to level h: appended to level 0, inserted in order above. */
export function insertAtLevel(stack: LevelStack, h: number, value: number): void {
  if (h === 0) {
    appendToLevelZero(stack, value);
    return;
  }
  const size = stack.sizes[h]!;
  const buf = reserve(stack, h, size + 1);
  let lo = 0;
  let hi = size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (buf[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  buf.copyWithin(lo + 1, lo, size);
  buf[lo] = value;
  stack.sizes[h] = size + 1;
}

/** Merges the sorted `source` into level h (h ≥ 1), or appends it to level 0. */
export function addRun(stack: LevelStack, h: number, source: Float64Array): void {
  const na = stack.sizes[h]!;
  if (h === 0) {
    reserve(stack, 0, na + source.length).set(source, na);
    stack.sizes[0] = na + source.length;
    return;
  }
  const a = stack.items[h]!;
  const out = new Float64Array(Math.max(a.length, na + source.length));
  let i = 0;
  let j = 0;
  let w = 0;
  while (i < na && j < source.length) out[w++] = a[i]! <= source[j]! ? a[i++]! : source[j++]!;
  while (i < na) out[w++] = a[i++]!;
  while (j < source.length) out[w++] = source[j++]!;
  stack.items[h] = out;
  stack.sizes[h] = w;
}

/**
 * Compacts level h into level h + 1 (which must exist) and returns the number of items removed.
 * The first stored item stays behind when the level's size is odd.
 */
export function compactLevel(stack: LevelStack, h: number, random: RandomStream): number {
  const a = stack.items[h]!;
  const size = stack.sizes[h]!;
  const start = size & 1;
  if (h === 0) sortFloat64Range(a, start, size);
  const half = (size - start) >>> 1;
  if (half === 0) return 0;
  const b = stack.items[h + 1]!;
  const nb = stack.sizes[h + 1]!;
  let dest = stack.spare;
  if (dest === undefined || dest.length < half + nb)
    dest = new Float64Array(Math.max(MIN_LEVEL_CAPACITY, 2 * (half + nb)));
  let i = start + random.bit();
  const end = start + 2 * half;
  let j = 0;
  let w = 0;
  while (i < end && j < nb) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) {
      dest[w++] = x;
      i += 2;
    } else {
      dest[w++] = y;
      j++;
    }
  }
  for (; i < end; i += 2) dest[w++] = a[i]!;
  while (j < nb) dest[w++] = b[j++]!;
  stack.items[h + 1] = dest;
  stack.sizes[h + 1] = w;
  stack.sizes[h] = start;
  stack.spare = b;
  return half;
}

/**
 * Brings an overfull stack (after a merge) back within capacity, as DataSketches'
 * general_compress: one pass from the bottom compacts each level that is at or over its capacity
 * while the stack as a whole is at or over its total capacity, adding levels on top as needed.
 * Repeats until the stack holds fewer items than its capacity.
 */
export function generalCompress(stack: LevelStack, table: CapacityTable, random: RandomStream): void {
  let count = retainedCount(stack);
  for (;;) {
    let numLevels = stack.items.length;
    let target = totalCapacity(table, numLevels);
    if (count < target) return;
    for (let h = 0; h < numLevels; h++) {
      if (count >= target && stack.sizes[h]! >= levelCapacity(table, numLevels, h)) {
        if (h === numLevels - 1) {
          addEmptyLevel(stack);
          numLevels++;
          target = totalCapacity(table, numLevels);
        }
        count -= compactLevel(stack, h, random);
      }
    }
  }
}

/**
 * The compaction of the update path (DataSketches' compress_while_updating): compacts the lowest
 * level at or over its capacity, adding a level on top first when that level is the top one.
 */
export function compactLowestFullLevel(stack: LevelStack, table: CapacityTable, random: RandomStream): void {
  const numLevels = stack.items.length;
  let h = 0;
  while (stack.sizes[h]! < levelCapacity(table, numLevels, h)) h++;
  if (h === numLevels - 1) addEmptyLevel(stack);
  compactLevel(stack, h, random);
}
