import { hash64Float64Array, hash64String } from '../stats/index.js';
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

function columnHashes(col: Column, seed: number): Uint32Array {
  if (col.storage === 'float64') return hash64Float64Array(col.values, seed);
  const n = col.storage === 'bool' ? col.values.length : col.codes.length;
  const out = new Uint32Array(n * 2);
  if (col.storage === 'bool') {
    const table = [hash64String('false', seed), hash64String('true', seed)];
    for (let i = 0; i < n; i++) {
      const v = col.values[i]!;
      if (v === BOOL_MISSING) {
        out[2 * i] = MISSING_HI;
        out[2 * i + 1] = MISSING_LO;
      } else {
        out[2 * i] = table[v]![0]!;
        out[2 * i + 1] = table[v]![1]!;
      }
    }
    return out;
  }
  const dict = new Uint32Array(col.dictionary.length * 2);
  const tmp = new Uint32Array(2);
  col.dictionary.forEach((s, k) => {
    hash64String(s, seed, tmp);
    dict[2 * k] = tmp[0]!;
    dict[2 * k + 1] = tmp[1]!;
  });
  for (let i = 0; i < n; i++) {
    const code = col.codes[i]!;
    if (code === DICT_MISSING) {
      out[2 * i] = MISSING_HI;
      out[2 * i + 1] = MISSING_LO;
    } else {
      out[2 * i] = dict[2 * code]!;
      out[2 * i + 1] = dict[2 * code + 1]!;
    }
  }
  return out;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Row fingerprints over `columns` (default: every column of the table). */
export function rowHashes(table: Table, columns: readonly Column[] = table.columns): RowHashes {
  const n = table.rowCount;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  columns.forEach((col, j) => {
    // The NaN of a float64 column means missing: hash it like other storages' missing values.
    const h = columnHashes(col, 0);
    const isFloat = col.storage === 'float64';
    for (let i = 0; i < n; i++) {
      let a = h[2 * i]!;
      let b = h[2 * i + 1]!;
      if (isFloat && col.values[i] !== col.values[i]) {
        a = MISSING_HI;
        b = MISSING_LO;
      }
      hi[i] = Math.imul(((hi[i]! << 7) | (hi[i]! >>> 25)) ^ a, 0x01000193 + 2 * j) >>> 0;
      lo[i] = Math.imul(((lo[i]! << 11) | (lo[i]! >>> 21)) ^ b, 0x5bd1e995) >>> 0;
    }
  });
  for (let i = 0; i < n; i++) {
    const a = fmix32(hi[i]! ^ lo[i]!);
    lo[i] = fmix32(lo[i]! + 0x27d4eb2d);
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
