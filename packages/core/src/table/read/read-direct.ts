import type { DuckDBMaterializedResult } from '@duckdb/node-api';
import { type Column, type SemanticType, STORAGES_FOR_TYPE, type Storage } from '../column.js';
import { createTable, type Table } from '../table.js';
import { type ColumnSink, fillColumns, type NumberSource } from './fill-columns.js';
import {
  type ColumnEvidence,
  categoricalLimit,
  inferSemanticType,
  isIntegerDuckType,
  looksLikeIdName,
} from './infer.js';
import {
  checkMemory,
  checkShape,
  type DescribedColumn,
  type ReadContext,
  sharedFloat64,
} from './read-shape.js';
import { VarcharDictionary } from './varchar-dictionary.js';

/** Source types copied straight into a typed array, and how (DOUBLE is copied as it is). */
const NUMBER_SOURCES: Readonly<Record<string, NumberSource | 'float64'>> = {
  DOUBLE: 'float64',
  FLOAT: 'float32',
  TINYINT: 'int8',
  SMALLINT: 'int16',
  INTEGER: 'int32',
  BIGINT: 'int64',
  UTINYINT: 'uint8',
  USMALLINT: 'uint16',
  UINTEGER: 'uint32',
  UBIGINT: 'uint64',
  DATE: 'date',
  TIMESTAMP: 'timestamp',
  BOOLEAN: 'bool',
};

/** Dictionaries up to this size are sorted, as the table path's ENUM types sort them. */
const SORTED_DICTIONARY_MAX = 50_000;

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface Planned {
  described: DescribedColumn;
  sink: ColumnSink;
  /** The type the config gives, if any. */
  override: SemanticType | undefined;
}

/**
 * Builds a Table from the materialized result of `SELECT * FROM <reader>`, converting DuckDB's
 * vectors in JavaScript (a first reading of 1M rows × 20 columns takes about 0.5 s less than
 * loading a DuckDB table and querying it). Returns null when the source needs the table path:
 * a type this path does not convert (DECIMAL, TIMESTAMP WITH TIME ZONE, nested types...), a type
 * override that needs DuckDB's casts checked value by value, or a text column whose values may
 * all be numbers (DuckDB decides that one exactly).
 */
export async function tableFromResult(
  result: DuckDBMaterializedResult,
  ctx: ReadContext,
): Promise<Table | null> {
  if (!LITTLE_ENDIAN) return null;
  const rows = result.rowCount;
  const types = result.columnTypes().map((t) => t.toString());
  const described = result.columnNames().map((name, index) => ({ name, duckType: types[index]!, index }));
  const selected = await checkShape(rows, described, ctx);
  const storages = selected.map((d) => storageFor(d.duckType, ctx.options.types?.[d.name]));
  if (storages.some((s) => s === null)) return null;
  checkMemory(rows, storages as Storage[], ctx);
  const planned: Planned[] = [];
  for (const d of selected) {
    const override = ctx.options.types?.[d.name];
    const sink = sinkFor(d.duckType, override, rows);
    if (!sink) return null;
    planned.push({ described: d, sink, override });
  }
  const onProgress = ctx.options.onProgress;
  await fillColumns(
    result,
    planned.map((p) => p.sink),
    onProgress ? (n) => onProgress(n, rows) : undefined,
    planned.map((p) => p.described.index),
  );

  const columns: Column[] = [];
  for (const p of planned) {
    const column = toColumn(p, rows);
    if (!column) return null;
    columns.push(column);
  }
  return createTable(columns, ctx.label);
}

/** The storage a source column is read into, or null when this path cannot read it as asked. */
function storageFor(duckType: string, override: SemanticType | undefined): Storage | null {
  const storage = override
    ? STORAGES_FOR_TYPE[override][0]!
    : duckType === 'VARCHAR'
      ? 'dict'
      : duckType === 'BOOLEAN'
        ? 'bool'
        : 'float64';
  if (storage === 'dict') return duckType === 'VARCHAR' ? storage : null;
  if (storage === 'bool') return duckType === 'BOOLEAN' ? storage : null;
  const from = NUMBER_SOURCES[duckType];
  if (from === undefined) return null;
  // A datetime comes from a date or timestamp; other sources would need DuckDB's checked casts.
  if (override === 'datetime' && from !== 'date' && from !== 'timestamp') return null;
  return storage;
}

function sinkFor(duckType: string, override: SemanticType | undefined, rows: number): ColumnSink | null {
  const storage = storageFor(duckType, override);
  if (storage === 'dict') {
    return { kind: 'text', out: new Int32Array(rows), dictionary: new VarcharDictionary(), present: 0 };
  }
  if (storage === 'bool') return { kind: 'bool', out: new Uint8Array(rows) };
  const from = NUMBER_SOURCES[duckType];
  if (storage === null || from === undefined) return null;
  return from === 'float64'
    ? { kind: 'float64', out: sharedFloat64(rows) }
    : { kind: 'number', out: sharedFloat64(rows), from };
}

/** The finished column, its type inferred unless overridden; null when the table path must decide. */
function toColumn(p: Planned, rows: number): Column | null {
  const { sink, override } = p;
  const { name, duckType } = p.described;
  if (sink.kind === 'bool') return { name, type: 'boolean', storage: 'bool', values: sink.out };
  if (sink.kind === 'text') {
    const dictionary = sink.dictionary.dictionary;
    if (!override && sink.present > 0 && mayBeNumeric(dictionary)) return null;
    const type = override ?? inferSemanticType(textEvidence(name, rows, sink.present, dictionary));
    const sorted =
      dictionary.length <= SORTED_DICTIONARY_MAX ? sortDictionary(dictionary, sink.out) : dictionary;
    return { name, type: type as 'categorical', storage: 'dict', codes: sink.out, dictionary: sorted };
  }
  if (sink.kind !== 'float64' && sink.kind !== 'number') return null;
  const type =
    override ??
    (sink.kind === 'number' && (sink.from === 'date' || sink.from === 'timestamp')
      ? 'datetime'
      : inferSemanticType(numberEvidence(name, duckType, rows, sink.out)));
  // An integer identifier is stored as text: the table path converts it.
  if (STORAGES_FOR_TYPE[type][0] !== 'float64') return null;
  return { name, type: type as 'numeric', storage: 'float64', values: sink.out };
}

function textEvidence(
  name: string,
  rows: number,
  present: number,
  dictionary: readonly string[],
): ColumnEvidence {
  const evidence: ColumnEvidence = {
    name,
    duckType: 'VARCHAR',
    rows,
    nonNull: present,
    distinct: dictionary.length,
  };
  // The mean length only decides between id and text for distinct values under a name that does
  // not read as an identifier (see inferSemanticType); then each entry occurs once.
  const distinctValues = present >= 2 && dictionary.length === present;
  if (distinctValues && !looksLikeIdName(name) && present > categoricalLimit(present)) {
    let characters = 0;
    for (const s of dictionary) characters += codePoints(s);
    evidence.meanLength = characters / present;
  }
  evidence.allNumeric = false;
  return evidence;
}

/** Integer sources need their distinct count only when the name reads as an identifier. */
function numberEvidence(name: string, duckType: string, rows: number, values: Float64Array): ColumnEvidence {
  const evidence: ColumnEvidence = { name, duckType, rows, nonNull: 0, distinct: 0 };
  if (!isIntegerDuckType(duckType) || !looksLikeIdName(name)) return evidence;
  const present = values.filter((v) => v === v).sort();
  let distinct = present.length > 0 ? 1 : 0;
  for (let i = 1; i < present.length; i++) if (present[i] !== present[i - 1]) distinct++;
  evidence.nonNull = present.length;
  evidence.distinct = distinct;
  return evidence;
}

/**
 * True when every value starts like a number (a digit, a sign, a point, inf or nan, after
 * spaces): a superset of what DuckDB's TRY_CAST to DOUBLE accepts, checked until the first value
 * that cannot be one (usually the first).
 */
function mayBeNumeric(dictionary: readonly string[]): boolean {
  for (const s of dictionary) if (!NUMERIC_START.test(s)) return false;
  return true;
}
const NUMERIC_START = /^\s*[+-]?(\d|\.\d|inf|nan)/i;

function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff) n--;
  }
  return n;
}

/** Sorts the dictionary and renumbers the codes to match (missing stays missing). */
function sortDictionary(dictionary: string[], codes: Int32Array): string[] {
  const order = dictionary.map((_, i) => i).sort((a, b) => compareText(dictionary[a]!, dictionary[b]!));
  if (order.every((code, r) => code === r)) return dictionary;
  const rank = new Int32Array(dictionary.length);
  order.forEach((code, r) => {
    rank[code] = r;
  });
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c >= 0) codes[i] = rank[c]!;
  }
  return order.map((code) => dictionary[code]!);
}

/** UTF-16 order, which is DuckDB's byte order of UTF-8 for all but a few private-use characters. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
