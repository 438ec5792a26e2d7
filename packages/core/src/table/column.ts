/**
 * Semantic column types, as a user thinks of them. Inferred on read, overridable in the config.
 * - numeric: real-valued measurement; integer: whole numbers (counts, codes);
 * - boolean; categorical: few distinct labels; text: free text; id: identifier (unique per row or
 *   a group/entity key), never treated as a feature; datetime: instants (epoch milliseconds).
 */
export type SemanticType = 'numeric' | 'integer' | 'boolean' | 'categorical' | 'datetime' | 'text' | 'id';

export const SEMANTIC_TYPES: readonly SemanticType[] = [
  'numeric',
  'integer',
  'boolean',
  'categorical',
  'datetime',
  'text',
  'id',
];

/**
 * How a column's values are stored. Missing values use a sentinel per storage, so kernels need no
 * separate validity bitmap:
 * - float64: `Float64Array`; missing is NaN (a NaN in the source is missing too); ±Infinity are values.
 * - bool: `Uint8Array` of 0/1; missing is 255.
 * - dict: `Int32Array` of codes into `dictionary`; missing is -1.
 */
export type Storage = 'float64' | 'bool' | 'dict';

export const BOOL_MISSING = 255;
export const DICT_MISSING = -1;

export interface Float64Column {
  readonly name: string;
  readonly type: 'numeric' | 'integer' | 'datetime';
  readonly storage: 'float64';
  readonly values: Float64Array;
}

export interface BoolColumn {
  readonly name: string;
  readonly type: 'boolean';
  readonly storage: 'bool';
  readonly values: Uint8Array;
}

export interface DictColumn {
  readonly name: string;
  readonly type: 'categorical' | 'text' | 'id';
  readonly storage: 'dict';
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
}

export type Column = Float64Column | BoolColumn | DictColumn;

export function float64Column(
  name: string,
  values: Float64Array,
  type: Float64Column['type'] = 'numeric',
): Float64Column {
  return { name, type, storage: 'float64', values };
}

export function boolColumn(name: string, values: Uint8Array): BoolColumn {
  return { name, type: 'boolean', storage: 'bool', values };
}

export function dictColumn(
  name: string,
  codes: Int32Array,
  dictionary: readonly string[],
  type: DictColumn['type'] = 'categorical',
): DictColumn {
  return { name, type, storage: 'dict', codes, dictionary };
}

/** Builds a dictionary column from plain strings (null/undefined are missing). */
export function dictColumnFromStrings(
  name: string,
  values: ArrayLike<string | null | undefined>,
  type: DictColumn['type'] = 'categorical',
): DictColumn {
  const index = new Map<string, number>();
  const dictionary: string[] = [];
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      codes[i] = DICT_MISSING;
      continue;
    }
    let code = index.get(v);
    if (code === undefined) {
      code = dictionary.length;
      index.set(v, code);
      dictionary.push(v);
    }
    codes[i] = code;
  }
  return dictColumn(name, codes, dictionary, type);
}

/** Which storage each semantic type may use; the first is the default. */
export const STORAGES_FOR_TYPE: Readonly<Record<SemanticType, readonly Storage[]>> = {
  numeric: ['float64'],
  integer: ['float64'],
  datetime: ['float64'],
  boolean: ['bool'],
  categorical: ['dict'],
  text: ['dict'],
  id: ['dict'],
};

/** True for types whose values are numbers a statistic can be computed on. */
export function isNumericType(type: SemanticType): boolean {
  return type === 'numeric' || type === 'integer';
}
