import { VigieError } from '../../errors/index.js';
import { select } from '../descriptive/index.js';
import { ItemTable } from './item-table.js';
import {
  decodeNumber,
  encodeNumber,
  invalid,
  type JsonNumber,
  readArray,
  readEnvelope,
  readInteger,
} from './serialization.js';

const KIND = 'vigie.frequent-items';
const VERSION = 1;
const MAX_CAPACITY = 1 << 20;

/** An item counted by `FrequentItems`: numbers and strings are distinct (1 ≠ "1"). */
export type FrequentItem = number | string;

export interface FrequentItemsOptions {
  /** Number of counters kept, 2 ≤ capacity ≤ 2^20 (default 256). */
  capacity?: number;
}

/** One row of `top`: the true count of `item` lies in [lowerBound, upperBound]. */
export interface FrequentItemEstimate {
  item: FrequentItem;
  /** The upper bound, as DataSketches' frequent-items sketch reports it. */
  estimate: number;
  lowerBound: number;
  upperBound: number;
}

/** Serialized frequent-items sketch (version 1): entries as [type, value, count]. */
export interface FrequentItemsJSON {
  kind: typeof KIND;
  version: typeof VERSION;
  capacity: number;
  totalWeight: number;
  offset: number;
  entries: Array<['n', JsonNumber, number] | ['s', string, number]>;
}

/**
 * Misra–Gries frequent-items summary with weighted updates and batched purges (as Apache
 * DataSketches' frequent-items sketch). It keeps at most `capacity` = L counters. When a new item
 * arrives and all counters are taken, δ is set to the median of the L + 1 counts (the new item's
 * included), every count is lowered by δ, counters at or below zero are dropped, and δ is added
 * to the offset. A count is never above its item's true count, and is below it by at most the
 * offset, so for every item x (tracked or not):
 *
 *   lowerBound(x) = count(x) ≤ true count(x) ≤ count(x) + offset = upperBound(x)
 *
 * `maximumError()` is the offset. Each purge removes at least δ·(⌊(L+1)/2⌋ + 1) weight and the
 * removals add up to at most the total weight N, so a priori
 * maximumError() ≤ N / (⌊(L+1)/2⌋ + 1) ≈ 2N/L: every item more frequent than that is tracked.
 * Merging adds the other sketch's counters as weighted updates and its offset to the offset; the
 * guarantee and the a priori bound (with N the combined weight) still hold after any sequence of
 * merges, since they only involve weight that was removed once.
 *
 * Numbers are compared as by `Map` (SameValueZero): +0 and -0 are one item, reported as 0, and
 * every NaN is one item.
 *
 * @example
 * const f = createFrequentItems({ capacity: 64 });
 * for (const v of column) f.add(v);
 * f.top(10); // [{ item, estimate, lowerBound, upperBound }, ...]
 */
export class FrequentItems {
  readonly capacity: number;
  private readonly table: ItemTable;
  private readonly purgeScratch: Float64Array;
  private offset = 0;
  private total = 0;

  /** @internal Use `createFrequentItems` or `FrequentItems.fromJSON`. */
  constructor(capacity: number) {
    this.capacity = capacity;
    this.table = new ItemTable(capacity);
    this.purgeScratch = new Float64Array(capacity + 1);
  }

  /** Total weight added (Σ counts of every update, merged sketches included). */
  get totalWeight(): number {
    return this.total;
  }

  /** Number of items currently tracked. */
  get size(): number {
    return this.table.size;
  }

  /** Adds `count` occurrences of `item` (a positive integer, default 1). */
  add(item: FrequentItem, count = 1): void {
    if (typeof item !== 'number' && typeof item !== 'string') {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `FrequentItems.add: expected a number or a string, got ${typeof item}`,
      );
    }
    if (!(Number.isSafeInteger(count) && count > 0)) {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `FrequentItems.add: count must be a positive integer, got ${count}`,
      );
    }
    this.total += count;
    this.insert(item, count);
  }

  /** Adds one occurrence of each element of `items` (a Float64Array is the fast path). */
  addMany(items: ArrayLike<FrequentItem>): void {
    if (items instanceof Float64Array) {
      const table = this.table;
      for (let i = 0; i < items.length; i++) {
        const x = items[i]!;
        const slot = table.findNumber(x);
        if (slot >= 0) table.counts[slot]! += 1;
        else this.insertNew(x, 1);
      }
      this.total += items.length;
      return;
    }
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (typeof item !== 'number' && typeof item !== 'string') {
        throw new VigieError(
          'INVALID_ARGUMENT',
          `FrequentItems.addMany: element ${i} is not a number or a string`,
        );
      }
      this.insert(item, 1);
    }
    this.total += items.length;
  }

  private insert(item: FrequentItem, count: number): void {
    const slot = this.table.find(item);
    if (slot >= 0) this.table.counts[slot]! += count;
    else this.insertNew(item, count);
  }

  private insertNew(item: FrequentItem, count: number): void {
    if (this.table.isFull) {
      const delta = this.purge(count);
      if (count <= delta) return;
      count -= delta;
    }
    this.table.add(item, count);
  }

  /** Lowers every count by the median of the counts and `incoming`; returns that δ. */
  private purge(incoming: number): number {
    const scratch = this.purgeScratch;
    const n = this.capacity;
    scratch.set(this.table.counts);
    scratch[n] = incoming;
    const delta = select(scratch, Math.ceil((n + 1) / 2) - 1);
    this.offset += delta;
    this.table.subtract(delta);
    return delta;
  }

  /** The most frequent items by count (ties: numbers ascending, then strings), at most k. */
  top(k = this.capacity): FrequentItemEstimate[] {
    return this.sortedEntries()
      .slice(0, Math.max(0, k))
      .map(([item, count]) => ({
        item,
        estimate: count + this.offset,
        lowerBound: count,
        upperBound: count + this.offset,
      }));
  }

  /** Bounds for any item: [count, count + offset], where an untracked item has count 0. */
  bounds(item: FrequentItem): { lowerBound: number; upperBound: number } {
    const slot = this.table.find(item);
    const count = slot < 0 ? 0 : this.table.counts[slot]!;
    return { lowerBound: count, upperBound: count + this.offset };
  }

  /** The largest possible undercount of any item (the offset; see the class comment). */
  maximumError(): number {
    return this.offset;
  }

  /** A priori bound on `maximumError()`: totalWeight / (⌊(capacity + 1)/2⌋ + 1). */
  errorBound(): number {
    return this.total / (Math.floor((this.capacity + 1) / 2) + 1);
  }

  private sortedEntries(): [FrequentItem, number][] {
    const entries: [FrequentItem, number][] = [];
    for (const slot of this.table.slots()) entries.push([this.table.item(slot), this.table.counts[slot]!]);
    return entries.sort((a, b) => b[1] - a[1] || compareItems(a[0], b[0]));
  }

  /** The summary of both streams, as a new sketch. Both must have the same capacity. */
  merge(other: FrequentItems): FrequentItems {
    if (!(other instanceof FrequentItems)) {
      throw new VigieError('INVALID_ARGUMENT', 'FrequentItems.merge: the argument is not a FrequentItems');
    }
    if (other.capacity !== this.capacity) {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `FrequentItems.merge: capacities differ (${this.capacity} vs ${other.capacity})`,
      );
    }
    const result = this.clone();
    for (const [item, count] of other.sortedEntries()) result.insert(item, count);
    result.total += other.total;
    result.offset += other.offset;
    return result;
  }

  clone(): FrequentItems {
    const copy = new FrequentItems(this.capacity);
    for (const [item, count] of this.sortedEntries()) copy.insert(item, count);
    copy.total = this.total;
    copy.offset = this.offset;
    return copy;
  }

  toJSON(): FrequentItemsJSON {
    return {
      kind: KIND,
      version: VERSION,
      capacity: this.capacity,
      totalWeight: this.total,
      offset: this.offset,
      entries: this.sortedEntries().map(([item, count]) =>
        typeof item === 'number' ? ['n', encodeNumber(item), count] : ['s', item, count],
      ),
    };
  }

  /** Rebuilds a sketch from `toJSON()` output; rejects malformed or foreign objects. */
  static fromJSON(value: unknown): FrequentItems {
    const record = readEnvelope(value, KIND, VERSION);
    const capacity = readInteger(record, 'capacity', 2, MAX_CAPACITY);
    const total = readInteger(record, 'totalWeight', 0, Number.MAX_SAFE_INTEGER);
    const offset = readInteger(record, 'offset', 0, Number.MAX_SAFE_INTEGER);
    const entries = readArray(record, 'entries');
    if (entries.length > capacity) invalid(`${KIND}: more entries than the capacity`);
    const sketch = new FrequentItems(capacity);
    let counted = 0;
    for (const entry of entries) {
      if (!Array.isArray(entry) || entry.length !== 3)
        invalid(`${KIND}: an entry must be [type, value, count]`);
      const [type, raw, count] = entry as unknown[];
      if (typeof count !== 'number' || !Number.isSafeInteger(count) || count <= 0) {
        invalid(`${KIND}: entry counts must be positive integers`);
      }
      let item: FrequentItem;
      if (type === 'n') item = decodeNumber(raw, `${KIND} entry value`);
      else if (type === 's' && typeof raw === 'string') item = raw;
      else return invalid(`${KIND}: entry type must be 'n' (number) or 's' (string)`);
      if (sketch.table.find(item) >= 0) invalid(`${KIND}: duplicate entry ${String(item)}`);
      sketch.insert(item, count);
      counted += count;
    }
    if (counted > total) invalid(`${KIND}: the counts exceed the total weight`);
    if (offset > total / (Math.floor((capacity + 1) / 2) + 1)) invalid(`${KIND}: offset above its bound`);
    sketch.total = total;
    sketch.offset = offset;
    return sketch;
  }
}

/** Total order on items for ties: numbers (ascending, NaN last) before strings (code units). */
function compareItems(a: FrequentItem, b: FrequentItem): number {
  if (typeof a === 'number') {
    if (typeof b !== 'number') return -1;
    if (a === b) return 0;
    if (Number.isNaN(a)) return 1;
    if (Number.isNaN(b)) return -1;
    return a < b ? -1 : 1;
  }
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Creates an empty frequent-items sketch. Throws INVALID_ARGUMENT unless capacity is an integer
 * in [2, 2^20].
 *
 * @example
 * const f = createFrequentItems({ capacity: 128 });
 */
export function createFrequentItems(options: FrequentItemsOptions = {}): FrequentItems {
  const capacity = options.capacity ?? 256;
  if (!Number.isInteger(capacity) || capacity < 2 || capacity > MAX_CAPACITY) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `createFrequentItems: capacity must be an integer in [2, ${MAX_CAPACITY}], got ${capacity}`,
    );
  }
  return new FrequentItems(capacity);
}
