import type { DuckDBDataChunk, DuckDBResult } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { BOOL_MISSING, DICT_MISSING } from '../column.js';
import type { VarcharDictionary } from './varchar-dictionary.js';

/** Where one result column lands: a preallocated typed array and how to decode the vector. */
export type ColumnSink =
  | { kind: 'float64'; out: Float64Array }
  /** Another numeric source (integers, FLOAT, DATE, BOOLEAN) converted to float64 while copying. */
  | { kind: 'number'; out: Float64Array; from: NumberSource }
  | { kind: 'bool'; out: Uint8Array }
  | { kind: 'dict'; out: Int32Array }
  /** Text dictionary-encoded in JavaScript by first appearance. `present` counts non-NULL values. */
  | { kind: 'text'; out: Int32Array; dictionary: VarcharDictionary; present: number };

/**
 * DuckDB vector layouts converted to float64 exactly as CAST(x AS DOUBLE) does (64-bit integers
 * rounded once to the nearest double); DATE and TIMESTAMP become epoch milliseconds, as
 * CAST(epoch_ms(x) AS DOUBLE) gives them (microseconds truncated toward zero).
 */
export type NumberSource =
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'float32'
  | 'date'
  | 'timestamp'
  | 'bool';

const NUMBER_WIDTH: Record<NumberSource, number> = {
  int8: 1,
  int16: 2,
  int32: 4,
  int64: 8,
  uint8: 1,
  uint16: 2,
  uint32: 4,
  uint64: 8,
  float32: 4,
  date: 4,
  timestamp: 8,
  bool: 1,
};

const DAY_MS = 86_400_000;
const TWO_32 = 4294967296;

/** Converts `n` values of a vector's data to float64 at `out[base...]`. Little-endian layouts. */
function convertNumbers(
  from: NumberSource,
  data: Uint8Array,
  n: number,
  out: Float64Array,
  base: number,
): void {
  const { buffer, byteOffset } = data;
  switch (from) {
    case 'int8':
      out.set(new Int8Array(buffer, byteOffset, n), base);
      return;
    case 'uint8':
    case 'bool':
      out.set(data.subarray(0, n), base);
      return;
    case 'int16':
      out.set(new Int16Array(buffer, byteOffset, n), base);
      return;
    case 'uint16':
      out.set(new Uint16Array(buffer, byteOffset, n), base);
      return;
    case 'int32':
      out.set(new Int32Array(buffer, byteOffset, n), base);
      return;
    case 'uint32':
      out.set(new Uint32Array(buffer, byteOffset, n), base);
      return;
    case 'float32':
      out.set(new Float32Array(buffer, byteOffset, n), base);
      return;
    case 'date': {
      const days = new Int32Array(buffer, byteOffset, n);
      for (let i = 0; i < n; i++) out[base + i] = days[i]! * DAY_MS;
      return;
    }
    case 'timestamp': {
      const words = new Int32Array(buffer, byteOffset, 2 * n);
      for (let i = 0; i < n; i++) {
        const micros = words[2 * i + 1]! * TWO_32 + (words[2 * i]! >>> 0);
        out[base + i] = Number.isSafeInteger(micros)
          ? (micros - (micros % 1000)) / 1000
          : Number(new BigInt64Array(buffer, byteOffset + 8 * i, 1)[0]! / 1000n);
      }
      return;
    }
    case 'int64':
    case 'uint64': {
      // hi * 2^32 is exact and lo is exact, so their sum is rounded once: the nearest double.
      const words = new Uint32Array(buffer, byteOffset, 2 * n);
      const signed = from === 'int64';
      for (let i = 0; i < n; i++) {
        const hi = signed ? words[2 * i + 1]! | 0 : words[2 * i + 1]!;
        out[base + i] = hi * TWO_32 + words[2 * i]!;
      }
      return;
    }
  }
}

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
  vectors: readonly number[] = sinks.map((_, j) => j),
): Promise<number> {
  let offset = 0;
  const widths = new Array<1 | 2 | 4 | undefined>(sinks.length);
  // The next chunk is requested before this one is copied: DuckDB produces it on its own thread
  // while JavaScript copies, instead of each waiting for the other.
  let next: Promise<DuckDBDataChunk | null> | undefined = result.fetchChunk();
  try {
    while (next) {
      const chunk = await next;
      next = undefined;
      if (!chunk || chunk.rowCount === 0) break;
      next = result.fetchChunk();
      offset = copyChunk(chunk, sinks, vectors, widths, offset);
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
  vectors: readonly number[],
  widths: Array<1 | 2 | 4 | undefined>,
  offset: number,
): number {
  const n = chunk.rowCount;
  for (let j = 0; j < sinks.length; j++) {
    const sink = sinks[j]!;
    const vector = duckdb.data_chunk_get_vector(chunk.chunk, vectors[j]!);
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
    } else if (sink.kind === 'number') {
      const data = duckdb.vector_get_data(vector, n * NUMBER_WIDTH[sink.from]);
      convertNumbers(sink.from, data, n, sink.out, base);
      forEachInvalid(vector, n, (i) => {
        sink.out[base + i] = Number.NaN;
      });
    } else if (sink.kind === 'text') {
      sink.present += sink.dictionary.encode(vector, n, sink.out, base);
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
