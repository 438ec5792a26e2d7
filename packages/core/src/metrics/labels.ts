import { VigieError } from '../errors/index.js';

/** A class label, as scikit-learn accepts them: an integer or a string. */
export type Label = number | string;

/** A column of class labels: a plain array of numbers or strings, or a typed array of integers. */
export type LabelArray = ArrayLike<Label>;

export interface EncodedLabels {
  /** The distinct labels of all columns (and of `extra`), sorted as numpy.unique sorts them. */
  classes: Label[];
  /** Per column, the index in `classes` of each row's label. */
  codes: Int32Array[];
}

/** Integer labels spanning at most this many values are mapped through a lookup table, not a Map. */
const TABLE_RANGE = 1 << 16;

/**
 * Encodes label columns jointly to integer codes into their sorted union, as scikit-learn's
 * `unique_labels`: numbers ascending, strings in UTF-16 code-unit order (numpy sorts by code point;
 * the two differ only between characters above U+FFFF and those in U+E000–U+FFFF). Numbers must be integers (a
 * float such as 0.5 makes scikit-learn treat the target as continuous and refuse it); NaN, ±∞
 * and a mix of numbers and strings are refused. `extra` labels (a `labels` option) join the
 * classes even when absent from the data.
 */
export function encodeLabels(fn: string, columns: LabelArray[], extra: readonly Label[] = []): EncodedLabels {
  const kind = labelKind(fn, columns, extra);
  if (kind === 'number') return encodeNumbers(fn, columns as ArrayLike<number>[], extra as number[]);
  return encodeByMap(columns as ArrayLike<string>[], extra as string[], (a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
}

/** 'number' or 'string' for the columns together; throws on a mix. */
export function labelKind(
  fn: string,
  columns: LabelArray[],
  extra: readonly Label[] = [],
): 'number' | 'string' {
  let kind: 'number' | 'string' | undefined;
  const see = (k: string) => {
    if (k !== 'number' && k !== 'string') {
      throw new VigieError('INVALID_ARGUMENT', `${fn}: labels must be numbers or strings, got a ${k}`);
    }
    if (kind === undefined) kind = k;
    else if (kind !== k) {
      throw new VigieError('INVALID_ARGUMENT', `${fn}: mix of string and number labels`);
    }
  };
  for (const col of columns) {
    if (ArrayBuffer.isView(col)) see('number');
    else for (let i = 0; i < col.length; i++) see(typeof col[i]);
  }
  for (const v of extra) see(typeof v);
  return kind ?? 'number';
}

function encodeNumbers(fn: string, columns: ArrayLike<number>[], extra: readonly number[]): EncodedLabels {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const check = (v: number) => {
    if (Math.floor(v) !== v || v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) {
      throw new VigieError('INVALID_ARGUMENT', `${fn}: labels must be integers or strings, got ${v}`);
    }
  };
  for (const col of columns) {
    for (let i = 0; i < col.length; i++) {
      const v = col[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
      if (Math.floor(v) !== v) check(v);
    }
  }
  for (const v of extra) {
    check(v);
    if (v < min) min = v;
    if (v > max) max = v;
  }
  check(min);
  check(max);
  if (min > max) return { classes: [], codes: columns.map(() => new Int32Array(0)) };
  if (max - min < TABLE_RANGE) return encodeByTable(columns, extra, min, max - min + 1);
  return encodeByMap(columns, extra, (a, b) => (a as number) - (b as number));
}

function encodeByTable(
  columns: ArrayLike<number>[],
  extra: readonly number[],
  min: number,
  range: number,
): EncodedLabels {
  const lut = new Int32Array(range);
  for (const col of columns) for (let i = 0; i < col.length; i++) lut[col[i]! - min] = 1;
  for (const v of extra) lut[v - min] = 1;
  const classes: number[] = [];
  for (let v = 0; v < range; v++) {
    if (lut[v] === 1) {
      lut[v] = classes.length;
      classes.push(v + min);
    }
  }
  const codes = columns.map((col) => {
    const out = new Int32Array(col.length);
    for (let i = 0; i < col.length; i++) out[i] = lut[col[i]! - min]!;
    return out;
  });
  return { classes, codes };
}

function encodeByMap<T extends Label>(
  columns: ArrayLike<T>[],
  extra: readonly T[],
  compare: (a: T, b: T) => number,
): EncodedLabels {
  const first = new Map<T, number>();
  const seen: T[] = [];
  const codes = columns.map((col) => {
    const out = new Int32Array(col.length);
    for (let i = 0; i < col.length; i++) {
      const v = col[i]!;
      let c = first.get(v);
      if (c === undefined) {
        c = seen.length;
        first.set(v, c);
        seen.push(v);
      }
      out[i] = c;
    }
    return out;
  });
  for (const v of extra) {
    if (!first.has(v)) {
      first.set(v, seen.length);
      seen.push(v);
    }
  }
  const order = seen.map((_, i) => i).sort((a, b) => compare(seen[a]!, seen[b]!));
  const remap = new Int32Array(seen.length);
  order.forEach((old, rank) => {
    remap[old] = rank;
  });
  for (const out of codes) for (let i = 0; i < out.length; i++) out[i] = remap[out[i]!]!;
  return { classes: order.map((i) => seen[i]!), codes };
}

/** Index of `label` in `classes` (exact match, -1 when absent). */
export function indexOfLabel(classes: readonly Label[], label: Label): number {
  for (let i = 0; i < classes.length; i++) if (classes[i] === label) return i;
  return -1;
}

/** '{0, 1}' or "{'a', 'b'}", for messages. */
export function formatLabels(labels: readonly Label[]): string {
  return `{${labels.map((l) => (typeof l === 'string' ? `'${l}'` : String(l))).join(', ')}}`;
}

/** A label for messages. */
export function formatLabel(label: Label): string {
  return typeof label === 'string' ? `'${label}'` : String(label);
}
