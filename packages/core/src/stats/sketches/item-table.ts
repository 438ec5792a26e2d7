/**
 * The counters of a frequent-items sketch: a fixed number of slots, each holding an item (a
 * number or a string) and its count, with lookup from item to slot.
 *
 * Why not one `Map<number | string, slot>`: numbers read from a Float64Array are heap numbers to
 * a Map, whose lookups then dominate the sketch's cost. Numbers get an open-addressing table on
 * their canonical bits instead (linear probing, load ≤ 1/2, rebuilt after each purge, which
 * already visits every slot); strings keep a Map, which caches their hashes.
 *
 * Item equality is SameValueZero (as Map): -0 is stored as +0 and every NaN is one item.
 */
export class ItemTable {
  readonly capacity: number;
  /** Count per slot (0 for a free slot). */
  readonly counts: Float64Array;
  private readonly kinds: Uint8Array;
  private readonly numbers: Float64Array;
  private readonly strings: (string | undefined)[];
  private readonly stringSlots = new Map<string, number>();
  private readonly numberIndex: Int32Array;
  private readonly mask: number;
  private readonly freeSlots: Int32Array;
  private freeCount: number;
  private readonly bits = new Float64Array(1);
  private readonly words = new Uint32Array(this.bits.buffer);

  constructor(capacity: number) {
    this.capacity = capacity;
    this.counts = new Float64Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.numbers = new Float64Array(capacity);
    this.strings = new Array<string | undefined>(capacity).fill(undefined);
    let size = 4;
    while (size < 2 * capacity) size *= 2;
    this.numberIndex = new Int32Array(size);
    this.mask = size - 1;
    this.freeSlots = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.freeSlots[i] = capacity - 1 - i;
    this.freeCount = capacity;
  }

  get size(): number {
    return this.capacity - this.freeCount;
  }

  get isFull(): boolean {
    return this.freeCount === 0;
  }

  /** The slot holding `item`, or -1. */
  find(item: number | string): number {
    return typeof item === 'number' ? this.findNumber(item) : (this.stringSlots.get(item) ?? -1);
  }

  findNumber(x: number): number {
    const numbers = this.numbers;
    const index = this.numberIndex;
    for (let i = this.hash(x) & this.mask; ; i = (i + 1) & this.mask) {
      const entry = index[i]!;
      if (entry === 0) return -1;
      const v = numbers[entry - 1]!;
      if (v === x || (v !== v && x !== x)) return entry - 1;
    }
  }

  /** Puts `item` with `count` in a free slot (the table must not be full nor hold the item). */
  add(item: number | string, count: number): number {
    const slot = this.freeSlots[--this.freeCount]!;
    this.counts[slot] = count;
    if (typeof item === 'number') {
      this.kinds[slot] = 1;
      this.numbers[slot] = item === 0 ? 0 : item;
      this.indexNumber(slot);
    } else {
      this.kinds[slot] = 2;
      this.strings[slot] = item;
      this.stringSlots.set(item, slot);
    }
    return slot;
  }

  item(slot: number): number | string {
    return this.kinds[slot] === 1 ? this.numbers[slot]! : this.strings[slot]!;
  }

  /** Live slots in slot order. */
  *slots(): Generator<number> {
    for (let slot = 0; slot < this.capacity; slot++) if (this.kinds[slot] !== 0) yield slot;
  }

  /** Subtracts `delta` from every count and frees the slots that reach zero or below. */
  subtract(delta: number): void {
    for (let slot = 0; slot < this.capacity; slot++) {
      const kind = this.kinds[slot]!;
      if (kind === 0) continue;
      const c = this.counts[slot]! - delta;
      if (c > 0) {
        this.counts[slot] = c;
        continue;
      }
      if (kind === 2) this.stringSlots.delete(this.strings[slot]!);
      this.strings[slot] = undefined;
      this.kinds[slot] = 0;
      this.counts[slot] = 0;
      this.freeSlots[this.freeCount++] = slot;
    }
    this.numberIndex.fill(0);
    for (let slot = 0; slot < this.capacity; slot++) if (this.kinds[slot] === 1) this.indexNumber(slot);
  }

  private indexNumber(slot: number): void {
    let i = this.hash(this.numbers[slot]!) & this.mask;
    while (this.numberIndex[i] !== 0) i = (i + 1) & this.mask;
    this.numberIndex[i] = slot + 1;
  }

  /**
   * A 32-bit mix (fmix32) of x: of its value when x is a 32-bit integer (no round trip through
   * memory, the common case of codes and counts), else of its canonical bits' folded words.
   */
  private hash(x: number): number {
    let h: number;
    if ((x | 0) === x) h = x | 0;
    else if (x !== x) h = 0x7ff80000;
    else {
      this.bits[0] = x;
      h = this.words[0]! ^ Math.imul(this.words[1]!, 0x9e3779b1);
    }
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    return h ^ (h >>> 16);
  }
}
