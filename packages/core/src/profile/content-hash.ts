import { createHash } from 'node:crypto';
import type { Column, Table } from '../table/index.js';

const CHUNK = 1 << 16;
/** UTF-16 code units of dictionary text gathered per hash update. */
const STRING_BATCH = 1 << 16;

function hashFloat64(h: ReturnType<typeof createHash>, values: Float64Array): void {
  // Copy in chunks so NaN payloads and -0 are canonical without touching the column.
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

function hashDict(h: ReturnType<typeof createHash>, codes: Int32Array, dictionary: readonly string[]): void {
  // Renumber codes by first appearance in the rows: the same values in the same order give the same
  // bytes whatever order the dictionary was built in, at O(n) cost.
  const rank = new Int32Array(dictionary.length).fill(-1);
  const order: number[] = [];
  const buf = new Int32Array(Math.min(CHUNK, codes.length));
  const pending: Uint8Array[] = [];
  for (let start = 0; start < codes.length; start += CHUNK) {
    const n = Math.min(CHUNK, codes.length - start);
    for (let i = 0; i < n; i++) {
      const c = codes[start + i]!;
      if (c < 0) buf[i] = -1;
      else {
        let r = rank[c]!;
        if (r < 0) {
          r = order.length;
          rank[c] = r;
          order.push(c);
        }
        buf[i] = r;
      }
    }
    pending.push(new Uint8Array(buf.buffer.slice(0, n * 4)));
  }
  // The same bytes as one update per value, batched: an update call costs about as much as
  // hashing a few hundred bytes, and an id column has a value per row.
  let batch = '';
  for (const code of order) {
    const s = dictionary[code]!;
    batch += `${s.length}:${s}`;
    if (batch.length >= STRING_BATCH) {
      h.update(batch);
      batch = '';
    }
  }
  if (batch.length > 0) h.update(batch);
  for (const bytes of pending) h.update(bytes);
}

function hashColumn(h: ReturnType<typeof createHash>, col: Column): void {
  h.update(`\u0000column:${col.name}:${col.type}:${col.storage}\u0000`);
  if (col.storage === 'float64') hashFloat64(h, col.values);
  else if (col.storage === 'bool') h.update(col.values);
  else hashDict(h, col.codes, col.dictionary);
}

/**
 * SHA-256 of a table's content: column names, types and values in a canonical encoding that does
 * not depend on the file format it was read from nor on dictionary order. Row order matters.
 */
export function tableContentHash(table: Table): string {
  const h = createHash('sha256');
  h.update(`vigie-table-v1:${table.rowCount}:${table.columns.length}`);
  for (const col of table.columns) hashColumn(h, col);
  return h.digest('hex');
}

/** SHA-256 of an ordered list of hashes (the content hash of merged partitions). */
export function combineHashes(hashes: readonly string[]): string {
  const h = createHash('sha256');
  h.update('vigie-partitions-v1');
  for (const x of hashes) h.update(x);
  return h.digest('hex');
}
