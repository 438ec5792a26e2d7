import { BOOLEAN, DOUBLE, DuckDBDataChunk, type DuckDBType, VARCHAR } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { VigieError } from '../../errors/index.js';
import { produceFileAtomic } from '../../fs/index.js';
import { BOOL_MISSING, type Column, DICT_MISSING } from '../column.js';
import type { DuckDb } from '../duckdb/open.js';
import { ident, literal } from '../duckdb/sql.js';
import { formatFromName } from '../read/source.js';
import type { Table } from '../table.js';

export interface WriteOptions {
  /** Default: from the file extension; CSV otherwise. */
  format?: 'csv' | 'parquet';
}

const VECTOR_SIZE = duckdb.vector_size();

function duckTypeOf(col: Column): DuckDBType {
  return col.storage === 'float64' ? DOUBLE : col.storage === 'bool' ? BOOLEAN : VARCHAR;
}

/** The SQL that turns the staged column back into its natural type in the output file. */
function outputExpr(col: Column): string {
  const c = ident(col.name);
  if (col.type === 'integer') return `CAST(${c} AS BIGINT) AS ${c}`;
  if (col.type === 'datetime') return `make_timestamp(CAST(${c} * 1000 AS BIGINT)) AS ${c}`;
  return c;
}

function setValidity(vector: duckdb.Vector, invalid: readonly number[], n: number): void {
  if (invalid.length === 0) return;
  const bytes = new Uint8Array(Math.ceil(n / 64) * 8).fill(0xff);
  for (const i of invalid) bytes[i >> 3]! &= ~(1 << (i & 7));
  duckdb.vector_ensure_validity_writable(vector);
  duckdb.copy_data_to_vector_validity(vector, 0, bytes.buffer, 0, bytes.byteLength);
}

function fillVector(col: Column, vector: duckdb.Vector, start: number, n: number): void {
  const invalid: number[] = [];
  if (col.storage === 'float64') {
    // The native call takes an ArrayBuffer only; a column in shared memory is copied part by part.
    const view = col.values.subarray(start, start + n);
    const part = view.buffer instanceof SharedArrayBuffer ? view.slice() : view;
    duckdb.copy_data_to_vector(vector, 0, part.buffer as ArrayBuffer, part.byteOffset, part.byteLength);
    for (let i = 0; i < n; i++) if (Number.isNaN(part[i])) invalid.push(i);
  } else if (col.storage === 'bool') {
    const part = col.values.slice(start, start + n);
    for (let i = 0; i < n; i++) {
      if (part[i] === BOOL_MISSING) {
        invalid.push(i);
        part[i] = 0;
      }
    }
    duckdb.copy_data_to_vector(vector, 0, part.buffer as ArrayBuffer, part.byteOffset, part.byteLength);
  } else {
    for (let i = 0; i < n; i++) {
      const code = col.codes[start + i]!;
      if (code === DICT_MISSING) invalid.push(i);
      else duckdb.vector_assign_string_element(vector, i, col.dictionary[code]!);
    }
  }
  setValidity(vector, invalid, n);
}

/**
 * Writes a table to CSV (with a header; missing values as empty cells) or Parquet, through
 * DuckDB. The file appears only when complete (temporary file, then rename).
 */
export async function writeTable(
  db: DuckDb,
  table: Table,
  path: string,
  options: WriteOptions = {},
): Promise<void> {
  const format = options.format ?? (formatFromName(path) === 'parquet' ? 'parquet' : 'csv');
  const staging = db.tempName('out');
  const con = db.connection;
  const types = table.columns.map(duckTypeOf);
  await con.run(
    `CREATE TEMP TABLE ${staging} (${table.columns.map((c, j) => `${ident(c.name)} ${types[j]!.toString()}`).join(', ')})`,
  );
  try {
    const appender = await con.createAppender(staging);
    for (let start = 0; start < table.rowCount; start += VECTOR_SIZE) {
      const n = Math.min(VECTOR_SIZE, table.rowCount - start);
      const chunk = DuckDBDataChunk.create(types, n);
      table.columns.forEach((col, j) => {
        fillVector(col, duckdb.data_chunk_get_vector(chunk.chunk, j), start, n);
      });
      appender.appendDataChunk(chunk);
    }
    appender.closeSync();
    const select = `SELECT ${table.columns.map(outputExpr).join(', ')} FROM ${staging}`;
    const copyOptions = format === 'parquet' ? `FORMAT parquet` : `FORMAT csv, HEADER true`;
    await produceFileAtomic(path, async (tmp) => {
      await con.run(`COPY (${select}) TO ${literal(tmp)} (${copyOptions})`);
    });
  } catch (cause) {
    if (cause instanceof VigieError) throw cause;
    throw new VigieError(
      'FILE_UNREADABLE',
      `${path}: cannot write (${(cause as Error).message.split('\n')[0]})`,
      {
        cause,
        details: { file: path },
      },
    );
  } finally {
    await con.run(`DROP TABLE IF EXISTS ${staging}`);
  }
}
