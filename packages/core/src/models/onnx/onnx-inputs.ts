import type { Tensor } from 'onnxruntime-node';
import { VigieError } from '../../errors/index.js';
import {
  BOOL_MISSING,
  type Column,
  DICT_MISSING,
  findColumn,
  isMissing,
  type Table,
} from '../../table/index.js';

/** The tensor element types Vigie can feed. */
export type InputTensorType = 'float32' | 'float64' | 'int64' | 'int32' | 'string' | 'bool';

/**
 * How the columns of a table become the model's inputs:
 * - matrix: one 2-D numeric tensor [N, F]; `features` are the columns, in the model's order;
 * - columns: one tensor per column, [N, 1] (rank 2) or [N] (rank 1), named as the column (the way
 *   skl2onnx exports a ColumnTransformer pipeline).
 */
export type InputPlan =
  | { kind: 'matrix'; tensor: string; type: InputTensorType; features: readonly string[] }
  | {
      kind: 'columns';
      tensors: ReadonlyArray<{ tensor: string; column: string; type: InputTensorType; rank: 1 | 2 }>;
    };

type Data = Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array | string[];

/**
 * Called for a missing value: throws when the input cannot hold one; for a string input of a model
 * that names its missing text, returns that text, which the writer stores.
 */
type OnMissing = (row: number) => string;

/**
 * The `metadata_props` key by which a model says what a missing value is in its string inputs
 * (Vigie's exported models: the empty string, which their encoders treat as unseen).
 */
export const MISSING_TEXT_METADATA_KEY = 'vigie.missing_text';

/**
 * Per tensor type: which columns it accepts and how it writes rows [start, start + n) of one
 * into `out` at `offset + i * stride`. Missing values become NaN in float tensors; the other
 * types cannot hold them and call `missing`.
 */
interface TensorWriter {
  describe: string;
  accepts(col: Column): boolean;
  alloc(n: number): Data;
  write(
    col: Column,
    start: number,
    n: number,
    out: Data,
    offset: number,
    stride: number,
    missing: OnMissing,
  ): void;
}

function writeFloat(col: Column, start: number, n: number, out: Data, offset: number, stride: number): void {
  const o = out as Float32Array | Float64Array;
  if (col.storage === 'float64') {
    const v = col.values;
    for (let i = 0; i < n; i++) o[offset + i * stride] = v[start + i]!;
  } else if (col.storage === 'bool') {
    const v = col.values;
    for (let i = 0; i < n; i++) {
      const b = v[start + i]!;
      o[offset + i * stride] = b === BOOL_MISSING ? Number.NaN : b;
    }
  }
}

function writeInteger(
  col: Column,
  start: number,
  n: number,
  out: Data,
  offset: number,
  stride: number,
  missing: OnMissing,
  big: boolean,
): void {
  for (let i = 0; i < n; i++) {
    let x: number;
    if (col.storage === 'float64') {
      x = col.values[start + i]!;
      if (Number.isNaN(x)) missing(start + i);
      if (!Number.isInteger(x))
        throw new VigieError(
          'TYPE_MISMATCH',
          `column "${col.name}" holds ${x} at row ${start + i + 1}; the model takes whole numbers there`,
          { details: { column: col.name, row: start + i + 1 } },
        );
    } else {
      x = (col as { values: Uint8Array }).values[start + i]!;
      if (x === BOOL_MISSING) missing(start + i);
    }
    if (big) (out as BigInt64Array)[offset + i * stride] = BigInt(x);
    else (out as Int32Array)[offset + i * stride] = x;
  }
}

/** The largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * As writeFloat, refusing finite values a float32 cannot hold (they would become ±Infinity and
 * the model's answer NaN), in the same pass. The value itself is not in the message: it may come
 * from a request.
 */
function writeFloat32(
  col: Column,
  start: number,
  n: number,
  out: Data,
  offset: number,
  stride: number,
): void {
  if (col.storage !== 'float64') {
    writeFloat(col, start, n, out, offset, stride);
    return;
  }
  const o = out as Float32Array;
  const v = col.values;
  for (let i = 0; i < n; i++) {
    const x = v[start + i]!;
    if (x > FLOAT32_MAX || x < -FLOAT32_MAX) {
      if (Number.isFinite(x))
        throw new VigieError(
          'TYPE_MISMATCH',
          `column "${col.name}" holds a number beyond the float32 range (±3.4e38) at row ${start + i + 1}; the model takes float32 numbers there`,
          { details: { column: col.name, row: start + i + 1 } },
        );
    }
    o[offset + i * stride] = x;
  }
}

const numeric = (col: Column) => col.storage === 'float64' || col.storage === 'bool';

const WRITERS: Record<InputTensorType, TensorWriter> = {
  float32: {
    describe: 'numbers (float32)',
    accepts: numeric,
    alloc: (n) => new Float32Array(n),
    write: writeFloat32,
  },
  float64: {
    describe: 'numbers (float64)',
    accepts: numeric,
    alloc: (n) => new Float64Array(n),
    write: writeFloat,
  },
  int64: {
    describe: 'whole numbers (int64)',
    accepts: numeric,
    alloc: (n) => new BigInt64Array(n),
    write: (c, s, n, o, off, st, m) => writeInteger(c, s, n, o, off, st, m, true),
  },
  int32: {
    describe: 'whole numbers (int32)',
    accepts: numeric,
    alloc: (n) => new Int32Array(n),
    write: (c, s, n, o, off, st, m) => writeInteger(c, s, n, o, off, st, m, false),
  },
  string: {
    describe: 'text (string)',
    // Whole numbers read as integers may feed a string input as their text ("2007").
    accepts: (col) => col.storage === 'dict' || col.type === 'integer',
    alloc: (n) => new Array<string>(n),
    write: (col, start, n, out, offset, stride, missing) => {
      const o = out as string[];
      if (col.storage === 'dict') {
        for (let i = 0; i < n; i++) {
          const code = col.codes[start + i]!;
          o[offset + i * stride] = code === DICT_MISSING ? missing(start + i) : col.dictionary[code]!;
        }
      } else if (col.storage === 'float64') {
        for (let i = 0; i < n; i++) {
          const x = col.values[start + i]!;
          o[offset + i * stride] = Number.isNaN(x) ? missing(start + i) : String(x);
        }
      }
    },
  },
  bool: {
    describe: 'booleans',
    accepts: (col) => col.storage === 'bool',
    alloc: (n) => new Uint8Array(n),
    write: (col, start, n, out, offset, stride, missing) => {
      const v = (col as { values: Uint8Array }).values;
      const o = out as Uint8Array;
      for (let i = 0; i < n; i++) {
        const b = v[start + i]!;
        if (b === BOOL_MISSING) missing(start + i);
        o[offset + i * stride] = b;
      }
    },
  },
};

export function isInputTensorType(type: string): type is InputTensorType {
  return type in WRITERS;
}

function describeColumn(col: Column): string {
  return col.storage === 'dict' ? `${col.type} (text)` : col.type;
}

/** Feeds for rows [start, start + n) of the table the plan was bound to. */
export type Feeder = (start: number, n: number) => Record<string, Tensor>;

/**
 * Checks that the table has every column the model needs, of a type its tensor accepts (one
 * line naming all the columns that do not fit), and returns what builds the tensors of a batch.
 */
export function bindInputs(
  plan: InputPlan,
  table: Table,
  label: string,
  TensorClass: typeof Tensor,
  /** What a missing value becomes in a string input, when the model says (see MISSING_TEXT_METADATA_KEY). */
  missingText?: string,
): Feeder {
  const wanted =
    plan.kind === 'matrix'
      ? plan.features.map((f) => ({ column: f, type: plan.type, tensor: plan.tensor }))
      : plan.tensors.map((t) => ({ column: t.column, type: t.type, tensor: t.tensor }));
  const where = table.source ? `${table.source}: ` : '';
  const absent = wanted.filter((w) => !findColumn(table, w.column)).map((w) => w.column);
  if (absent.length > 0)
    throw new VigieError(
      'COLUMN_NOT_FOUND',
      `${where}missing column${absent.length > 1 ? 's' : ''} ${absent.map((c) => `"${c}"`).join(', ')} that ${label} takes as input (it takes ${wanted.map((w) => w.column).join(', ')})`,
      { details: { column: absent[0]!, ...(table.source ? { file: table.source } : {}) } },
    );
  const columns = wanted.map((w) => findColumn(table, w.column)!);
  const wrong = wanted.flatMap((w, j) => {
    const col = columns[j]!;
    const writer = WRITERS[w.type];
    return writer.accepts(col)
      ? []
      : [`column "${col.name}" is ${describeColumn(col)} but input "${w.tensor}" takes ${writer.describe}`];
  });
  if (wrong.length > 0)
    throw new VigieError('TYPE_MISMATCH', `${where}${label}: ${wrong.join('; ')}`, {
      details: { column: columns[wanted.findIndex((w, j) => !WRITERS[w.type].accepts(columns[j]!))]!.name },
    });
  const missingIn =
    (col: Column, tensor: string, type: InputTensorType): OnMissing =>
    (row) => {
      if (type === 'string' && missingText !== undefined) return missingText;
      throw new VigieError(
        'INVALID_ARGUMENT',
        `${where}column "${col.name}" is missing at row ${row + 1}, and input "${tensor}" of ${label} (${type}) cannot take a missing value`,
        { details: { column: col.name, row: row + 1, ...(table.source ? { file: table.source } : {}) } },
      );
    };

  if (plan.kind === 'matrix') {
    const writer = WRITERS[plan.type];
    const f = columns.length;
    return (start, n) => {
      const data = writer.alloc(n * f);
      columns.forEach((col, j) => {
        writer.write(col, start, n, data, j, f, missingIn(col, plan.tensor, plan.type));
      });
      return { [plan.tensor]: new TensorClass(plan.type, data, [n, f]) };
    };
  }
  return (start, n) => {
    const feeds: Record<string, Tensor> = {};
    plan.tensors.forEach((t, j) => {
      const col = columns[j]!;
      const writer = WRITERS[t.type];
      const data = writer.alloc(n);
      writer.write(col, start, n, data, 0, 1, missingIn(col, t.tensor, t.type));
      feeds[t.tensor] = new TensorClass(t.type, data, t.rank === 2 ? [n, 1] : [n]);
    });
    return feeds;
  };
}

/** The columns of the plan that are missing at `row` (0-based), for messages about outputs. */
export function missingInputsAt(plan: InputPlan, table: Table, row: number): string[] {
  const names = plan.kind === 'matrix' ? plan.features : plan.tensors.map((t) => t.column);
  return names.filter((name) => {
    const col = findColumn(table, name);
    return col !== undefined && isMissing(col, row);
  });
}
