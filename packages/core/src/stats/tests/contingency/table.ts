import { VigieError } from '../../../errors/index.js';

/** A two-way table of counts, one array per row (all rows the same length). */
export type ContingencyTable = ReadonlyArray<ArrayLike<number>>;

/** A table read into one row-major buffer. */
export interface DenseTable {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** Copies a rectangular table into a row-major Float64Array; ragged or empty tables throw. */
export function readTable(table: ContingencyTable, fn: string): DenseTable {
  const rows = table.length;
  const cols = rows === 0 ? 0 : table[0]!.length;
  if (rows === 0 || cols === 0) {
    throw new VigieError('INVALID_ARGUMENT', `${fn}: the table is empty`);
  }
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = table[i]!;
    if (row.length !== cols) {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `${fn}: the table is ragged (row ${i} has ${row.length} cells, not ${cols})`,
        {
          details: { row: i },
        },
      );
    }
    for (let j = 0; j < cols; j++) data[i * cols + j] = row[j]!;
  }
  return { rows, cols, data };
}

/** Row-major buffer back to one array per row. */
export function toRows(t: DenseTable): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < t.rows; i++) out.push(Array.from(t.data.subarray(i * t.cols, (i + 1) * t.cols)));
  return out;
}
