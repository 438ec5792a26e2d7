import { createHash, type Hash } from 'node:crypto';
import { canonicalDoubles, createXxh3Hash128, XXH3_LONG_MIN, type Xxh3Hash128 } from '../stats/index.js';
import type { Column, Table } from '../table/index.js';

/** UTF-16 code units of dictionary text gathered per hash update. */
const STRING_BATCH = 1 << 16;

/**
 * SHA-256 over a column's parts, each given as its byte length and then, when longer than 240
 * bytes, its XXH3-128 digest (about five times faster than SHA-256 over the bytes themselves),
 * else the bytes themselves.
 */
class PartHasher {
  private readonly sha: Hash = createHash('sha256');
  private readonly xxh3: Xxh3Hash128 = createXxh3Hash128();

  text(value: string): void {
    this.sha.update(value);
  }

  /** A part; with `doubles` its values are hashed as if NaN and -0 were canonical. */
  part(view: ArrayBufferView, doubles = false): void {
    const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
    this.sha.update(`${bytes.length}:`);
    if (bytes.length >= XXH3_LONG_MIN) this.sha.update(this.xxh3(bytes, doubles));
    else this.sha.update(doubles ? canonicalDoubles(bytes) : bytes);
  }

  digest(): string {
    return this.sha.digest('hex');
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

function hashDict(h: PartHasher, codes: Int32Array, dictionary: readonly string[]): void {
  const canonical = canonicalCodes(codes, dictionary.length);
  const order = canonical.order;
  // The values that occur, in order of first appearance: their text in UTF-8, in batches of about
  // STRING_BATCH code units (one part per value would cost a hash per value, and an id column has
  // a value per row; joining them all at once is slower than growing batches), then their lengths.
  const lengths = new Int32Array(canonical.used);
  const encoder = new TextEncoder();
  let batch = '';
  for (let r = 0; r < canonical.used; r++) {
    const s = dictionary[order === null ? r : order[r]!]!;
    lengths[r] = s.length;
    batch += s;
    if (batch.length >= STRING_BATCH) {
      h.part(encoder.encode(batch));
      batch = '';
    }
  }
  h.part(encoder.encode(batch));
  h.part(lengths);
  h.part(canonical.codes);
}

/**
 * SHA-256 (hex) of one column: its name, type and values in a canonical encoding that does not
 * depend on the file format it was read from nor on dictionary order. Row order matters. Parts
 * longer than 240 bytes enter as their XXH3-128 digest (`PartHasher`).
 */
export function columnContentHash(col: Column): string {
  const h = new PartHasher();
  h.text(`vigie-column-v3:${col.name}:${col.type}:${col.storage}:${rowsOf(col)}\u0000`);
  if (col.storage === 'float64') h.part(col.values, true);
  else if (col.storage === 'bool') h.part(col.values);
  else hashDict(h, col.codes, col.dictionary);
  return h.digest();
}

function rowsOf(col: Column): number {
  return col.storage === 'dict' ? col.codes.length : col.values.length;
}

/** The content hash of a table from its columns' hashes (`columnContentHash`), in column order. */
export function contentHashOfColumns(rowCount: number, columnHashes: readonly string[]): string {
  const h = createHash('sha256');
  h.update(`vigie-table-v3:${rowCount}:${columnHashes.length}`);
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
