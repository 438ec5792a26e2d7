import { VigieError } from '../../errors/index.js';
import { BOOL_MISSING, type Column, DICT_MISSING, findColumn, type Table } from '../../table/index.js';

export type JsonCell = number | string | boolean | null;

/**
 * Reads one column's values as JSON, per storage: numbers (datetimes as ISO 8601 text), booleans,
 * text; a missing value is null.
 */
export function jsonCells(col: Column): (row: number) => JsonCell {
  switch (col.storage) {
    case 'float64': {
      const v = col.values;
      if (col.type === 'datetime') return (i) => (Number.isNaN(v[i]!) ? null : new Date(v[i]!).toISOString());
      return (i) => (Number.isNaN(v[i]!) ? null : v[i]!);
    }
    case 'bool': {
      const v = col.values;
      return (i) => (v[i] === BOOL_MISSING ? null : v[i] === 1);
    }
    case 'dict': {
      const { codes, dictionary } = col;
      return (i) => (codes[i] === DICT_MISSING ? null : dictionary[codes[i]!]!);
    }
  }
}

/** The columns sent to the server: the signature's inputs, or every column when it lists none. */
export function inputColumns(table: Table, names: readonly string[], url: string): Column[] {
  if (names.length === 0) return [...table.columns];
  const absent = names.filter((n) => !findColumn(table, n));
  if (absent.length > 0) {
    const where = table.source ? `${table.source}: ` : '';
    throw new VigieError(
      'COLUMN_NOT_FOUND',
      `${where}missing column${absent.length > 1 ? 's' : ''} ${absent.map((c) => `"${c}"`).join(', ')} that the model at ${url} takes as input (it takes ${names.join(', ')})`,
      { details: { column: absent[0]! } },
    );
  }
  return names.map((n) => findColumn(table, n)!);
}
