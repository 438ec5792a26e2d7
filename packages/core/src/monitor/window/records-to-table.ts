import type { ColumnProfile } from '../../profile/index.js';
import {
  BOOL_MISSING,
  type Column,
  createTable,
  dictColumnFromStrings,
  float64Column,
  type Table,
} from '../../table/index.js';

/** One row as the window keeps it: the (anonymized) inputs and the prediction's value. */
export interface WindowRow {
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly prediction: unknown;
}

/** The column `name` built from `values`, stored as the reference profile's column is. */
export function columnLike(name: string, reference: ColumnProfile, values: readonly unknown[]): Column {
  if (reference.kind === 'numeric') {
    const out = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) out[i] = toNumber(values[i]);
    const type = reference.type === 'integer' || reference.type === 'datetime' ? reference.type : 'numeric';
    return float64Column(name, out, type);
  }
  if (reference.kind === 'boolean') {
    const out = new Uint8Array(values.length);
    for (let i = 0; i < values.length; i++) out[i] = toBool(values[i]);
    return { name, type: 'boolean', storage: 'bool', values: out };
  }
  const strings = values.map((v) => (isMissingValue(v) ? null : String(v)));
  const type = reference.type === 'text' || reference.type === 'id' ? reference.type : 'categorical';
  return dictColumnFromStrings(name, strings, type);
}

/**
 * A Table of the window's rows: one column per named feature (typed as the reference profile's
 * column), plus the prediction under `predictionColumn` when given. What a drift comparison
 * against the saved profile reads.
 */
export function windowTable(
  rows: readonly WindowRow[],
  reference: ReadonlyMap<string, ColumnProfile>,
  features: readonly string[],
  predictionColumn?: string,
): Table {
  const columns: Column[] = [];
  for (const name of features) {
    const ref = reference.get(name);
    if (!ref) continue;
    columns.push(
      columnLike(
        name,
        ref,
        rows.map((r) => r.inputs[name]),
      ),
    );
  }
  if (predictionColumn !== undefined) {
    const ref = reference.get(predictionColumn);
    if (ref)
      columns.push(
        columnLike(
          predictionColumn,
          ref,
          rows.map((r) => r.prediction),
        ),
      );
  }
  return createTable(columns, 'prediction window');
}

/** Null, undefined, empty strings and NaN count as missing, as the table readers do. */
export function isMissingValue(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isNaN(n) ? Number.NaN : n;
  }
  return Number.NaN;
}

function toBool(v: unknown): number {
  if (v === true || v === 1 || v === 'true') return 1;
  if (v === false || v === 0 || v === 'false') return 0;
  return BOOL_MISSING;
}
