import type { DuckDBDataChunk, DuckDBResult } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { BOOL_MISSING, DICT_MISSING } from '../column.js';
import { readVarchars } from './varchar-vector.js';

/** Where one result column lands: a preallocated typed array and how to decode the vector. */
export type ColumnSink =
  | { kind: 'float64'; out: Float64Array }
  | { kind: 'bool'; out: Uint8Array }
  | { kind: 'dict'; out: Int32Array }
  /**
   * Text decoded in JavaScript and dictionary-encoded by first appearance (for many distinct
   * values). `index` is null when the values are known to be distinct: each gets the next code.
   */
  | { kind: 'text'; out: Int32Array; index: Map<string, number> | null; dictionary: string[] };

const ENUM_WIDTH: Partial<Record<number, 1 | 2 | 4>> = {
  [duckdb.Type.UTINYINT]: 1,
  [duckdb.Type.USMALLINT]: 2,
  [duckdb.Type.UINTEGER]: 4,
};

function enumWidth(vector: duckdb.Vector): 1 | 2 | 4 {
  const width = ENUM_WIDTH[duckdb.enum_internal_type(duckdb.vector_get_column_type(vector))];
  if (width === undefined) throw new Error('unexpected ENUM storage type');
  return width;
}

/** Calls `onInvalid(i)` for each row of the chunk that DuckDB marks as NULL. */
function forEachInvalid(vector: duckdb.Vector, n: number, onInvalid: (i: number) => void): void {
  const validity = duckdb.vector_get_validity(vector, Math.ceil(n / 64) * 8);
  if (!validity) return;
  for (let byte = 0; byte * 8 < n; byte++) {
    const bits = validity[byte]!;
    if (bits === 0xff) continue;
    const end = Math.min(8, n - byte * 8);
    for (let bit = 0; bit < end; bit++) if (((bits >> bit) & 1) === 0) onInvalid(byte * 8 + bit);
  }
}

/**
 * Streams a DuckDB result chunk by chunk into typed arrays, reading each vector's memory directly
 * (one copy per 2048-row vector, no per-value JavaScript objects). Returns the rows written.
 */
export async function fillColumns(
  result: DuckDBResult,
  sinks: readonly ColumnSink[],
  onProgress?: (rows: number) => void,
): Promise<number> {
  let offset = 0;
  const widths = new Array<1 | 2 | 4 | undefined>(sinks.length);
  const strings: (string | null)[] = [];
  // The next chunk is requested before this one is copied: DuckDB produces it on its own thread
  // while JavaScript copies, instead of each waiting for the other.
  let next: Promise<DuckDBDataChunk | null> | undefined = result.fetchChunk();
  try {
    while (next) {
      const chunk = await next;
      next = undefined;
      if (!chunk || chunk.rowCount === 0) break;
      next = result.fetchChunk();
      offset = copyChunk(chunk, sinks, widths, strings, offset);
      onProgress?.(offset);
    }
  } finally {
    // A failure while copying leaves a fetch in flight: settle it so its rejection is not unhandled.
    await next?.catch(() => undefined);
  }
  return offset;
}

/** Copies one chunk into the sinks at `offset`; returns the offset after it. */
function copyChunk(
  chunk: DuckDBDataChunk,
  sinks: readonly ColumnSink[],
  widths: Array<1 | 2 | 4 | undefined>,
  strings: (string | null)[],
  offset: number,
): number {
  const n = chunk.rowCount;
  for (let j = 0; j < sinks.length; j++) {
    const sink = sinks[j]!;
    const vector = duckdb.data_chunk_get_vector(chunk.chunk, j);
    const base = offset;
    if (sink.kind === 'float64') {
      const data = duckdb.vector_get_data(vector, n * 8);
      sink.out.set(new Float64Array(data.buffer, data.byteOffset, n), base);
      forEachInvalid(vector, n, (i) => {
        sink.out[base + i] = Number.NaN;
      });
    } else if (sink.kind === 'bool') {
      const data = duckdb.vector_get_data(vector, n);
      sink.out.set(data.subarray(0, n), base);
      forEachInvalid(vector, n, (i) => {
        sink.out[base + i] = BOOL_MISSING;
      });
    } else if (sink.kind === 'text') {
      readVarchars(vector, n, strings);
      const { out, index, dictionary } = sink;
      for (let i = 0; i < n; i++) {
        const value = strings[i]!;
        if (value === null) {
          out[base + i] = DICT_MISSING;
        } else if (index === null) {
          out[base + i] = dictionary.length;
          dictionary.push(value);
        } else {
          let code = index.get(value);
          if (code === undefined) {
            code = dictionary.length;
            index.set(value, code);
            dictionary.push(value);
          }
          out[base + i] = code;
        }
      }
    } else {
      const width = (widths[j] ??= enumWidth(vector));
      const data = duckdb.vector_get_data(vector, n * width);
      const codes =
        width === 1
          ? data.subarray(0, n)
          : width === 2
            ? new Uint16Array(data.buffer, data.byteOffset, n)
            : new Uint32Array(data.buffer, data.byteOffset, n);
      sink.out.set(codes, base);
      forEachInvalid(vector, n, (i) => {
        sink.out[base + i] = DICT_MISSING;
      });
    }
  }
  return offset + n;
}
