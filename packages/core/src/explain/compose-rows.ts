import { VigieError } from '../errors/index.js';
import { type Column, createTable, type DictColumn, type Table, takeColumn } from '../table/index.js';

/**
 * A table whose column j holds, at row r, the value of `columns[j]` at row `picks[j][r]`: the
 * synthetic rows of Kernel SHAP, LIME and permutation importance are all of this form (one
 * column's values taken from other rows), built with the storage's own `take`, so numeric,
 * boolean and categorical columns mix the same way and a category stays a category.
 */
export function composeRows(columns: readonly Column[], picks: ReadonlyArray<ArrayLike<number>>): Table {
  return createTable(columns.map((c, j) => takeColumn(c, picks[j]!)));
}

/** True when row a of one column equals row b of the same column (missing equals missing). */
export function sameValue(col: Column, a: number, b: number): boolean {
  switch (col.storage) {
    case 'float64': {
      const x = col.values[a]!;
      const y = col.values[b]!;
      return x === y || (Number.isNaN(x) && Number.isNaN(y));
    }
    case 'bool':
      return col.values[a] === col.values[b];
    case 'dict':
      return col.codes[a] === col.codes[b];
  }
}

/** The table of `columns` stacked as [rows of `first`; rows of `second`] (same columns). */
export function stackRows(first: readonly Column[], second: readonly Column[]): Column[] {
  return first.map((c, j): Column => {
    const other = second[j]!;
    if (other.storage !== c.storage)
      throw new VigieError(
        'TYPE_MISMATCH',
        `column "${c.name}" is stored as ${c.storage} in one table and ${other.storage} in the other: read both the same way`,
        { details: { column: c.name } },
      );
    if (c.storage === 'float64' && other.storage === 'float64') {
      const v = new Float64Array(c.values.length + other.values.length);
      v.set(c.values);
      v.set(other.values, c.values.length);
      return { ...c, values: v };
    }
    if (c.storage === 'bool' && other.storage === 'bool') {
      const v = new Uint8Array(c.values.length + other.values.length);
      v.set(c.values);
      v.set(other.values, c.values.length);
      return { ...c, values: v };
    }
    const a = c as DictColumn;
    const o = other as DictColumn;
    // One dictionary for both halves: the other's codes are re-coded into the first's.
    const dictionary = [...a.dictionary];
    const index = new Map(dictionary.map((s, i) => [s, i]));
    const recode = o.dictionary.map((s) => {
      let k = index.get(s);
      if (k === undefined) {
        k = dictionary.length;
        dictionary.push(s);
        index.set(s, k);
      }
      return k;
    });
    const codes = new Int32Array(a.codes.length + o.codes.length);
    codes.set(a.codes);
    for (let i = 0; i < o.codes.length; i++) {
      const k = o.codes[i]!;
      codes[a.codes.length + i] = k < 0 ? k : recode[k]!;
    }
    return { ...a, codes, dictionary };
  });
}
