import {
  boolColumn,
  type Column,
  createTable,
  DICT_MISSING,
  dictColumn,
  float64Column,
  type Table,
} from '@vigie/core/table';

/**
 * The rows of several tables with the same columns (as one rows reader builds them), one after the
 * other. Dictionary columns get one merged dictionary and their codes remapped.
 */
export function concatTables(tables: readonly Table[]): Table {
  let total = 0;
  for (const t of tables) total += t.rowCount;
  const first = tables[0]!;
  const columns: Column[] = first.columns.map((col, j) => {
    if (col.storage === 'float64') {
      const out = new Float64Array(total);
      let at = 0;
      for (const t of tables) {
        const v = (t.columns[j] as typeof col).values;
        out.set(v, at);
        at += v.length;
      }
      return float64Column(col.name, out, col.type);
    }
    if (col.storage === 'bool') {
      const out = new Uint8Array(total);
      let at = 0;
      for (const t of tables) {
        const v = (t.columns[j] as typeof col).values;
        out.set(v, at);
        at += v.length;
      }
      return boolColumn(col.name, out);
    }
    const codes = new Int32Array(total);
    const index = new Map<string, number>();
    const dictionary: string[] = [];
    let at = 0;
    for (const t of tables) {
      const c = t.columns[j] as typeof col;
      const remap = c.dictionary.map((s) => {
        let code = index.get(s);
        if (code === undefined) {
          code = dictionary.length;
          index.set(s, code);
          dictionary.push(s);
        }
        return code;
      });
      for (let i = 0; i < c.codes.length; i++) {
        const code = c.codes[i]!;
        codes[at++] = code === DICT_MISSING ? DICT_MISSING : remap[code]!;
      }
    }
    return dictColumn(col.name, codes, dictionary, col.type);
  });
  return createTable(columns);
}
