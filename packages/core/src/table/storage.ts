import {
  BOOL_MISSING,
  type BoolColumn,
  type Column,
  DICT_MISSING,
  type DictColumn,
  type Float64Column,
} from './column.js';

/**
 * Per-storage behaviour, in one table (as Arrow does), so shared code never switches on the
 * storage itself.
 */
interface StorageOps<C extends Column> {
  length(col: C): number;
  isMissing(col: C, i: number): boolean;
  missingCount(col: C): number;
  /** A new column holding the rows at `indices`, in that order. */
  take(col: C, indices: ArrayLike<number>): C;
  /** The value as text (for CSV output, messages and row hashing); null when missing. */
  format(col: C, i: number): string | null;
}

const float64Ops: StorageOps<Float64Column> = {
  length: (c) => c.values.length,
  isMissing: (c, i) => Number.isNaN(c.values[i]),
  missingCount: (c) => {
    const v = c.values;
    let n = 0;
    for (let i = 0; i < v.length; i++) if (v[i] !== v[i]) n++;
    return n;
  },
  take: (c, indices) => {
    const out = new Float64Array(indices.length);
    const v = c.values;
    for (let i = 0; i < indices.length; i++) out[i] = v[indices[i]!]!;
    return { ...c, values: out };
  },
  format: (c, i) => {
    const v = c.values[i]!;
    if (Number.isNaN(v)) return null;
    if (c.type === 'datetime') return new Date(v).toISOString();
    return String(v);
  },
};

const boolOps: StorageOps<BoolColumn> = {
  length: (c) => c.values.length,
  isMissing: (c, i) => c.values[i] === BOOL_MISSING,
  missingCount: (c) => {
    const v = c.values;
    let n = 0;
    for (let i = 0; i < v.length; i++) if (v[i] === BOOL_MISSING) n++;
    return n;
  },
  take: (c, indices) => {
    const out = new Uint8Array(indices.length);
    const v = c.values;
    for (let i = 0; i < indices.length; i++) out[i] = v[indices[i]!]!;
    return { ...c, values: out };
  },
  format: (c, i) => {
    const v = c.values[i];
    return v === BOOL_MISSING ? null : v === 1 ? 'true' : 'false';
  },
};

const dictOps: StorageOps<DictColumn> = {
  length: (c) => c.codes.length,
  isMissing: (c, i) => c.codes[i] === DICT_MISSING,
  missingCount: (c) => {
    const v = c.codes;
    let n = 0;
    for (let i = 0; i < v.length; i++) if (v[i] === DICT_MISSING) n++;
    return n;
  },
  take: (c, indices) => {
    const out = new Int32Array(indices.length);
    const v = c.codes;
    for (let i = 0; i < indices.length; i++) out[i] = v[indices[i]!]!;
    return { ...c, codes: out };
  },
  format: (c, i) => {
    const code = c.codes[i]!;
    return code === DICT_MISSING ? null : (c.dictionary[code] ?? null);
  },
};

const OPS = { float64: float64Ops, bool: boolOps, dict: dictOps } as const;

function ops(col: Column): StorageOps<Column> {
  return OPS[col.storage] as StorageOps<Column>;
}

export function columnLength(col: Column): number {
  return ops(col).length(col);
}
export function isMissing(col: Column, i: number): boolean {
  return ops(col).isMissing(col, i);
}
export function missingCount(col: Column): number {
  return ops(col).missingCount(col);
}
export function takeColumn<C extends Column>(col: C, indices: ArrayLike<number>): C {
  return ops(col).take(col, indices) as C;
}
export function formatValue(col: Column, i: number): string | null {
  return ops(col).format(col, i);
}
