import { filterRows, findColumn, formatValue, type Table } from '@vigie/core/table';

function keyOf(table: Table, names: readonly string[], i: number): string | null {
  let key = '';
  for (const name of names) {
    const col = findColumn(table, name);
    if (!col) return null;
    key += `${formatValue(col, i) ?? '\u0000'}\u0001`;
  }
  return key;
}

/**
 * `rows` without those equal, on every column of `rows`, to a row of one of `sealed` (the
 * validation and test splits): appending them to train would put test rows in training.
 */
export function withoutRowsOf(rows: Table, sealed: readonly Table[]): { kept: Table; dropped: number } {
  const names = rows.columns.map((c) => c.name);
  const seen = new Set<string>();
  for (const t of sealed) {
    for (let i = 0; i < t.rowCount; i++) {
      const k = keyOf(t, names, i);
      if (k !== null) seen.add(k);
    }
  }
  const keep = new Uint8Array(rows.rowCount);
  let dropped = 0;
  for (let i = 0; i < rows.rowCount; i++) {
    if (seen.has(keyOf(rows, names, i)!)) dropped++;
    else keep[i] = 1;
  }
  return { kept: filterRows(rows, keep), dropped };
}
