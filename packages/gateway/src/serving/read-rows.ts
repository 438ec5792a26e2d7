import type { ModelSignature } from '@vigie/core/models';
import {
  BOOL_MISSING,
  boolColumn,
  type Column,
  createTable,
  DICT_MISSING,
  dictColumn,
  float64Column,
  type Table,
} from '@vigie/core/table';
import { badInput, HttpError } from '../http/http-error.js';

/**
 * How one kind of input field is read from JSON into a column: numbers, whole numbers, booleans,
 * text. One entry per semantic type of the signature (see FIELD_READERS).
 */
interface FieldReader {
  /** What the field takes, for messages ("a number"). */
  readonly expects: string;
  column(name: string, values: readonly unknown[], field: string): Column;
}

type Check = (v: unknown) => boolean;

function where(row: number, field: string): string {
  return `row ${row + 1}, field "${field}"`;
}

function numbers(accepts: Check, expects: string, type: 'numeric' | 'integer'): FieldReader {
  return {
    expects,
    column(name, values, field) {
      const out = new Float64Array(values.length);
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v === null) out[i] = Number.NaN;
        else if (typeof v === 'number' && Number.isFinite(v) && accepts(v)) out[i] = v;
        else
          throw badInput(
            typeof v === 'number' && !Number.isFinite(v)
              ? `${where(i, field)}: not a finite number`
              : `${where(i, field)}: expected ${expects}, got ${describe(v)}`,
          );
      }
      return float64Column(name, out, type);
    },
  };
}

const booleans: FieldReader = {
  expects: 'true or false',
  column(name, values, field) {
    const out = new Uint8Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null) out[i] = BOOL_MISSING;
      else if (typeof v === 'boolean') out[i] = v ? 1 : 0;
      else throw badInput(`${where(i, field)}: expected true or false, got ${describe(v)}`);
    }
    return boolColumn(name, out);
  },
};

function texts(type: 'categorical' | 'text' | 'id'): FieldReader {
  return {
    expects: 'a string',
    column(name, values, field) {
      const codes = new Int32Array(values.length);
      if (values.length === 1) {
        const v = values[0];
        if (v === null) {
          codes[0] = DICT_MISSING;
          return dictColumn(name, codes, [], type);
        }
        if (typeof v !== 'string')
          throw badInput(`${where(0, field)}: expected a string, got ${describe(v)}`);
        return dictColumn(name, codes, [v], type);
      }
      const index = new Map<string, number>();
      const dictionary: string[] = [];
      for (let i = 0; i < values.length; i++) {
        const v = values[i];
        if (v === null) {
          codes[i] = DICT_MISSING;
          continue;
        }
        if (typeof v !== 'string')
          throw badInput(`${where(i, field)}: expected a string, got ${describe(v)}`);
        let code = index.get(v);
        if (code === undefined) {
          code = dictionary.length;
          index.set(v, code);
          dictionary.push(v);
        }
        codes[i] = code;
      }
      return dictColumn(name, codes, dictionary, type);
    },
  };
}

const anyNumber = numbers(() => true, 'a number', 'numeric');

/** Per semantic type of a signature input. A type Vigie does not know is read as a number. */
const FIELD_READERS: Readonly<Record<string, FieldReader>> = {
  numeric: anyNumber,
  integer: numbers(Number.isInteger, 'a whole number', 'integer'),
  boolean: booleans,
  categorical: texts('categorical'),
  text: texts('text'),
  id: texts('id'),
};

/** The JSON type of a value, never the value itself (the payload is never echoed). */
function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return 'a string';
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'boolean') return 'a boolean';
  return typeof v;
}

/** Reads the `rows` of a predict request into the Table a model with `signature` takes. */
export type RowsReader = (rows: unknown, maxBatch: number) => Table;

/**
 * Compiles a reader for a signature: checks that `rows` is a non-empty list of objects of at most
 * `maxBatch` rows, that every input field is present (null means missing), of the right JSON type
 * and finite, and builds one column per input. Fields the model does not take are ignored. Errors
 * are 400s naming the row and field.
 */
export function createRowsReader(signature: ModelSignature): RowsReader {
  const fields = signature.inputs.map((f) => ({
    name: f.name,
    reader: FIELD_READERS[f.type] ?? anyNumber,
  }));
  return (rows, maxBatch) => {
    if (!Array.isArray(rows)) throw badInput('body: "rows" must be a list of objects');
    const n = rows.length;
    if (n === 0) throw badInput('body: "rows" is empty');
    if (n > maxBatch)
      throw new HttpError(
        413,
        'BATCH_TOO_LARGE',
        `body: ${n} rows, more than the ${maxBatch} a request may carry`,
      );
    for (let i = 0; i < n; i++) {
      const row: unknown = rows[i];
      if (row === null || typeof row !== 'object' || Array.isArray(row))
        throw badInput(`row ${i + 1}: expected an object of fields, got ${describe(row)}`);
    }
    const columns: Column[] = new Array(fields.length);
    const values: unknown[] = new Array(n);
    for (let j = 0; j < fields.length; j++) {
      const { name, reader } = fields[j]!;
      for (let i = 0; i < n; i++) {
        const v = (rows[i] as Record<string, unknown>)[name];
        if (v === undefined) throw badInput(`row ${i + 1}: missing field "${name}" (${reader.expects})`);
        values[i] = v;
      }
      columns[j] = reader.column(name, values, name);
    }
    return createTable(columns);
  };
}
