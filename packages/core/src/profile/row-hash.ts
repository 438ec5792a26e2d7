import { hash64String } from '../stats/index.js';
import { BOOL_MISSING, type Column, DICT_MISSING, type Table } from '../table/index.js';

/**
 * 64-bit fingerprints of rows: `hi[i]`, `lo[i]` combine the hashes of row i's values in the given
 * columns (MurmurHash3 of each value, then an order-sensitive mix). Equal rows get equal
 * fingerprints; different rows collide with probability about 2^-64 per pair, so among 10M rows
 * a false duplicate has odds of about 3e-6. Missing values hash alike in every storage.
 */
export interface RowHashes {
  hi: Uint32Array;
  lo: Uint32Array;
}

const MISSING_HI = 0x9e3779b9;
const MISSING_LO = 0x7f4a7c15;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE_ENDIAN ? 0 : 1;
const HI = 1 - LO;

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Mixes one 64-bit word (w1, w0) into the row state; a bijection of the state for a fixed word. */
function mixFloat64(col: Float64Array, j: number, hi: Uint32Array, lo: Uint32Array): void {
  const words = new Uint32Array(col.buffer, col.byteOffset, col.length * 2);
  const salt = Math.imul(j + 1, 0x27d4eb2f);
  for (let i = 0; i < col.length; i++) {
    let w1 = words[2 * i + HI]!;
    let w0 = words[2 * i + LO]!;
    if ((w1 & 0x7ff00000) === 0x7ff00000 && ((w1 & 0xfffff) | w0) !== 0) {
      // Every NaN is the same missing value.
      w1 = MISSING_HI;
      w0 = MISSING_LO;
    } else if (w1 === 0x80000000 && w0 === 0) w1 = 0; // -0 equals +0
    const a = Math.imul(((hi[i]! << 5) | (hi[i]! >>> 27)) ^ w1 ^ salt, 0x9e3779b1);
    lo[i] = Math.imul(((lo[i]! << 7) | (lo[i]! >>> 25)) ^ w0 ^ a, 0x85ebca77);
    hi[i] = a;
  }
}

/** Mixes per-row values looked up in a table of 64-bit words (dictionary or boolean columns). */
function mixLookup(
  index: Int32Array | Uint8Array,
  table: Uint32Array,
  missing: number,
  j: number,
  hi: Uint32Array,
  lo: Uint32Array,
): void {
  const salt = Math.imul(j + 1, 0x27d4eb2f);
  for (let i = 0; i < index.length; i++) {
    const k = index[i]!;
    const w1 = k === missing ? MISSING_HI : table[2 * k]!;
    const w0 = k === missing ? MISSING_LO : table[2 * k + 1]!;
    const a = Math.imul(((hi[i]! << 5) | (hi[i]! >>> 27)) ^ w1 ^ salt, 0x9e3779b1);
    lo[i] = Math.imul(((lo[i]! << 7) | (lo[i]! >>> 25)) ^ w0 ^ a, 0x85ebca77);
    hi[i] = a;
  }
}

function stringTable(values: readonly string[]): Uint32Array {
  const table = new Uint32Array(values.length * 2);
  const tmp = new Uint32Array(2);
  for (let k = 0; k < values.length; k++) {
    hash64String(values[k]!, 0, tmp);
    table[2 * k] = tmp[0]!;
    table[2 * k + 1] = tmp[1]!;
  }
  return table;
}

/**
 * Row fingerprints over `columns` (default: every column of the table). Each value is mixed into
 * two 32-bit lanes column by column (text through its MurmurHash3), then both lanes are finalized.
 * Equal rows get equal fingerprints (NaN, null and -0 normalized); among 10M distinct rows a
 * false match has odds of about 3e-6.
 */
export function rowHashes(table: Table, columns: readonly Column[] = table.columns): RowHashes {
  const n = table.rowCount;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  columns.forEach((col, j) => {
    if (col.storage === 'float64') mixFloat64(col.values, j, hi, lo);
    else if (col.storage === 'bool')
      mixLookup(col.values, stringTable(['false', 'true']), BOOL_MISSING, j, hi, lo);
    else mixLookup(col.codes, stringTable(col.dictionary), DICT_MISSING, j, hi, lo);
  });
  for (let i = 0; i < n; i++) {
    const a = fmix32(hi[i]! ^ Math.imul(lo[i]!, 0x165667b1));
    lo[i] = fmix32(lo[i]! + a);
    hi[i] = a;
  }
  return { hi, lo };
}

/**
 * A set of 64-bit fingerprints in open addressing (typed arrays, no objects). `add` returns
 * false when the fingerprint was already present.
 */
export class FingerprintSet {
  private keysHi: Uint32Array;
  private keysLo: Uint32Array;
  private used: Uint8Array;
  private mask: number;
  private count = 0;

  constructor(expected: number) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.keysHi = new Uint32Array(cap);
    this.keysLo = new Uint32Array(cap);
    this.used = new Uint8Array(cap);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
  }

  add(hi: number, lo: number): boolean {
    if (this.count * 2 >= this.used.length) this.grow();
    let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    while (this.used[slot]) {
      if (this.keysHi[slot] === hi && this.keysLo[slot] === lo) return false;
      slot = (slot + 1) & this.mask;
    }
    this.used[slot] = 1;
    this.keysHi[slot] = hi;
    this.keysLo[slot] = lo;
    this.count++;
    return true;
  }

  has(hi: number, lo: number): boolean {
    let slot = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
    while (this.used[slot]) {
      if (this.keysHi[slot] === hi && this.keysLo[slot] === lo) return true;
      slot = (slot + 1) & this.mask;
    }
    return false;
  }

  private grow(): void {
    const { keysHi, keysLo, used } = this;
    const cap = used.length * 2;
    this.keysHi = new Uint32Array(cap);
    this.keysLo = new Uint32Array(cap);
    this.used = new Uint8Array(cap);
    this.mask = cap - 1;
    this.count = 0;
    for (let s = 0; s < used.length; s++) if (used[s]) this.add(keysHi[s]!, keysLo[s]!);
  }
}

/** For each row, 1 when an earlier row has the same fingerprint. */
export function duplicateMask(hashes: RowHashes): Uint8Array {
  const n = hashes.hi.length;
  const seen = new FingerprintSet(n);
  const dup = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (!seen.add(hashes.hi[i]!, hashes.lo[i]!)) dup[i] = 1;
  return dup;
}
