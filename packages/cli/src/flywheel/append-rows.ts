import {
  BOOL_MISSING,
  type Column,
  createTable,
  DICT_MISSING,
  dictColumnFromStrings,
  findColumn,
  float64Column,
  formatValue,
  type Table,
} from '@vigie/core/table';

/** The cell as text (null when missing), whatever the column's storage. */
function cell(col: Column | undefined, i: number): string | null {
  return col ? formatValue(col, i) : null;
}

/**
 * `base` with the rows of `extra` appended, in base's columns and storages: a column extra lacks
 * is missing in its rows, a column base lacks is left out, values are converted through their text
 * (a number that does not parse becomes missing).
 */
export function appendRows(base: Table, extra: Table): Table {
  const n = base.rowCount;
  const m = extra.rowCount;
  const columns = base.columns.map((col): Column => {
    const other = findColumn(extra, col.name);
    if (col.storage === 'float64') {
      const values = new Float64Array(n + m);
      values.set(col.values);
      for (let i = 0; i < m; i++) {
        const text = cell(other, i);
        const x = text === null || text.trim() === '' ? Number.NaN : Number(text);
        values[n + i] = Number.isNaN(x) && col.type === 'datetime' && text !== null ? Date.parse(text) : x;
      }
      return float64Column(col.name, values, col.type);
    }
    if (col.storage === 'bool') {
      const values = new Uint8Array(n + m);
      values.set(col.values);
      for (let i = 0; i < m; i++) {
        const text = cell(other, i);
        values[n + i] = text === 'true' ? 1 : text === 'false' ? 0 : BOOL_MISSING;
      }
      return { ...col, values };
    }
    const strings: Array<string | null> = new Array(n + m);
    for (let i = 0; i < n; i++)
      strings[i] = col.codes[i] === DICT_MISSING ? null : col.dictionary[col.codes[i]!]!;
    for (let i = 0; i < m; i++) strings[n + i] = cell(other, i);
    return dictColumnFromStrings(col.name, strings, col.type);
  });
  return createTable(columns, base.source);
}
