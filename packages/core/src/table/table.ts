import { VigieError } from '../errors/index.js';
import type { Column } from './column.js';
import { columnLength, takeColumn } from './storage.js';

/**
 * A columnar table: named columns of equal length, each a typed array (see column.ts).
 * Immutable by convention: operations return new tables and share unchanged columns.
 */
export interface Table {
  readonly rowCount: number;
  readonly columns: readonly Column[];
  /** Where the rows came from (a path or URL), for messages. */
  readonly source?: string;
}

/** Creates a table, checking that column names are unique and lengths agree. */
export function createTable(columns: readonly Column[], source?: string): Table {
  const rowCount = columns.length === 0 ? 0 : columnLength(columns[0]!);
  const seen = new Set<string>();
  for (const col of columns) {
    if (seen.has(col.name)) {
      throw new VigieError('INVALID_ARGUMENT', `duplicate column name "${col.name}"`, {
        details: { column: col.name },
      });
    }
    seen.add(col.name);
    if (columnLength(col) !== rowCount) {
      throw new VigieError(
        'INVALID_ARGUMENT',
        `column "${col.name}" has ${columnLength(col)} rows, expected ${rowCount}`,
        { details: { column: col.name } },
      );
    }
  }
  return source === undefined ? { rowCount, columns } : { rowCount, columns, source };
}

export function columnNames(table: Table): string[] {
  return table.columns.map((c) => c.name);
}

export function findColumn(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

/** The named column, or a COLUMN_NOT_FOUND error naming the table's source and its columns. */
export function getColumn(table: Table, name: string): Column {
  const col = findColumn(table, name);
  if (col) return col;
  const where = table.source ? `${table.source}: ` : '';
  const names = columnNames(table);
  const shown = names.length > 12 ? `${names.slice(0, 12).join(', ')}, ...` : names.join(', ');
  throw new VigieError('COLUMN_NOT_FOUND', `${where}no column "${name}" (columns: ${shown})`, {
    details: { column: name, ...(table.source ? { file: table.source } : {}) },
  });
}

/** A new table with the rows at `indices` (in that order). */
export function takeRows(table: Table, indices: ArrayLike<number>): Table {
  return withSource(
    { rowCount: indices.length, columns: table.columns.map((c) => takeColumn(c, indices)) },
    table.source,
  );
}

/** A new table with the rows where `keep[i]` is non-zero. */
export function filterRows(table: Table, keep: Uint8Array): Table {
  let n = 0;
  for (let i = 0; i < keep.length; i++) if (keep[i]) n++;
  if (n === table.rowCount) return table;
  const indices = new Uint32Array(n);
  let w = 0;
  for (let i = 0; i < keep.length; i++) if (keep[i]) indices[w++] = i;
  return takeRows(table, indices);
}

/** A new table with `column` replacing the column of the same name (or appended). */
export function withColumn(table: Table, column: Column): Table {
  const i = table.columns.findIndex((c) => c.name === column.name);
  const columns = i < 0 ? [...table.columns, column] : table.columns.map((c, j) => (j === i ? column : c));
  return createTable(columns, table.source);
}

/** A new table with only the named columns, in the given order. */
export function selectColumns(table: Table, names: readonly string[]): Table {
  return withSource(
    { rowCount: table.rowCount, columns: names.map((n) => getColumn(table, n)) },
    table.source,
  );
}

function withSource(table: Table, source: string | undefined): Table {
  return source === undefined ? table : { ...table, source };
}
