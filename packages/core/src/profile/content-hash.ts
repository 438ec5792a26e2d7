import { createHash, type Hash } from 'node:crypto';
import type { Column, Table } from '../table/index.js';

const CHUNK = 1 << 16;
/** UTF-16 code units of dictionary text gathered per hash update. */
const STRING_BATCH = 1 << 16;

/** True when every value is already in canonical form: no NaN with another payload, no -0. */
function canonicalFloat64(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v !== v || (v === 0 && 1 / v < 0)) return false;
  }
  return true;
}

function hashFloat64(h: Hash, values: Float64Array): void {
  // Without NaN or -0 (the usual case) the column's bytes are hashed as they are.
  if (canonicalFloat64(values)) {
    h.update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    return;
  }
  // Otherwise copy in chunks, so NaN payloads and -0 are canonical without touching the column.
  const buf = new Float64Array(Math.min(CHUNK, values.length));
  for (let start = 0; start < values.length; start += CHUNK) {
    const n = Math.min(CHUNK, values.length - start);
    for (let i = 0; i < n; i++) {
      const v = values[start + i]!;
      buf[i] = v !== v ? Number.NaN : v === 0 ? 0 : v;
    }
    h.update(new Uint8Array(buf.buffer, 0, n * 8));
  }
}

/**
 * The codes renumbered by first appearance in the rows (-1 for missing) and the dictionary codes
 * in that order: the same values in the same order give the same bytes whatever order the
 * dictionary was built in; `used` values occur. When the dictionary already is in order of first
 * appearance (text decoded while reading, for one), the codes are returned as they are.
 */
function canonicalCodes(
  codes: Int32Array,
  size: number,
): { codes: Int32Array; order: Int32Array | null; used: number } {
  let next = 0;
  let inOrder = true;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c < next) continue;
    if (c !== next) {
      inOrder = false;
      break;
    }
    next++;
  }
  if (inOrder) return { codes, order: null, used: next };
  const rank = new Int32Array(size).fill(-1);
  const order = new Int32Array(size);
  const out = new Int32Array(codes.length);
  let seen = 0;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c < 0) out[i] = -1;
    else {
      let r = rank[c]!;
      if (r < 0) {
        r = seen++;
        rank[c] = r;
        order[r] = c;
      }
      out[i] = r;
    }
  }
  return { codes: out, order: order.subarray(0, seen), used: seen };
}

function hashDict(h: Hash, codes: Int32Array, dictionary: readonly string[]): void {
  const canonical = canonicalCodes(codes, dictionary.length);
  const order = canonical.order;
  // The values that occur, in order of first appearance: their lengths, then their text, sent
  // in batches (one update per value costs as much as hashing a few hundred bytes, and an id
  // column has a value per row; joining them all at once is slower than growing batches).
  const lengths = new Int32Array(canonical.used);
  let batch = '';
  for (let r = 0; r < canonical.used; r++) {
    const s = dictionary[order === null ? r : order[r]!]!;
    lengths[r] = s.length;
    batch += s;
    if (batch.length >= STRING_BATCH) {
      h.update(batch);
      batch = '';
    }
  }
  h.update(batch);
  h.update(new Uint8Array(lengths.buffer));
  const c = canonical.codes;
  h.update(new Uint8Array(c.buffer, c.byteOffset, c.byteLength));
}

/**
 * SHA-256 (hex) of one column: its name, type and values in a canonical encoding that does not
 * depend on the file format it was read from nor on dictionary order. Row order matters.
 */
export function columnContentHash(col: Column): string {
  const h = createHash('sha256');
  h.update(`vigie-column-v2:${col.name}:${col.type}:${col.storage}:${rowsOf(col)}\u0000`);
  if (col.storage === 'float64') hashFloat64(h, col.values);
  else if (col.storage === 'bool') h.update(col.values);
  else hashDict(h, col.codes, col.dictionary);
  return h.digest('hex');
}

function rowsOf(col: Column): number {
  return col.storage === 'dict' ? col.codes.length : col.values.length;
}

/** The content hash of a table from its columns' hashes (`columnContentHash`), in column order. */
export function contentHashOfColumns(rowCount: number, columnHashes: readonly string[]): string {
  const h = createHash('sha256');
  h.update(`vigie-table-v2:${rowCount}:${columnHashes.length}`);
  for (const x of columnHashes) h.update(x);
  return h.digest('hex');
}

/**
 * SHA-256 of a table's content: column names, types and values in a canonical encoding that does
 * not depend on the file format it was read from nor on dictionary order. Row order matters.
 * It hashes each column apart, then the list of column hashes, so that columns profiled on
 * different threads hash there too.
 */
export function tableContentHash(table: Table): string {
  return contentHashOfColumns(table.rowCount, table.columns.map(columnContentHash));
}

/** SHA-256 of an ordered list of hashes (the content hash of merged partitions). */
export function combineHashes(hashes: readonly string[]): string {
  const h = createHash('sha256');
  h.update('vigie-partitions-v1');
  for (const x of hashes) h.update(x);
  return h.digest('hex');
}
