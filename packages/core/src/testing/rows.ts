import { jsonCells } from '../models/http/json-cells.js';
import {
  BOOL_MISSING,
  boolColumn,
  type Column,
  createTable,
  DICT_MISSING,
  dictColumnFromStrings,
  float64Column,
  type SemanticType,
  type Table,
} from '../table/index.js';
import type { Row } from './case.js';

/** The rows of a table as JSON objects (missing values are null, datetimes ISO 8601 text). */
export function tableRows(table: Table, columns: readonly Column[] = table.columns): Row[] {
  const cells = columns.map(jsonCells);
  const rows: Row[] = [];
  for (let i = 0; i < table.rowCount; i++) {
    const row: Row = {};
    columns.forEach((c, j) => {
      row[c.name] = cells[j]!(i);
    });
    rows.push(row);
  }
  return rows;
}

/** True when none of the columns is missing at row i. */
export function isCompleteRow(columns: readonly Column[], i: number): boolean {
  for (const c of columns) {
    if (
      c.storage === 'float64'
        ? Number.isNaN(c.values[i]!)
        : c.storage === 'bool'
          ? c.values[i] === BOOL_MISSING
          : c.codes[i] === DICT_MISSING
    )
      return false;
  }
  return true;
}

const toNumber = (v: unknown): number => {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') {
    const t = Date.parse(v);
    const n = Number(v);
    return Number.isNaN(n) ? t : n;
  }
  return Number.NaN;
};

/**
 * Rows back into a table with the given column types: numbers (and ISO datetimes) into float64
 * columns, booleans into bool columns, anything else as text; what does not fit is missing.
 */
export function rowsTable(
  rows: readonly Row[],
  schema: ReadonlyArray<{ name: string; type: SemanticType }>,
): Table {
  const columns: Column[] = schema.map(({ name, type }) => {
    if (type === 'numeric' || type === 'integer' || type === 'datetime')
      return float64Column(
        name,
        Float64Array.from(rows, (r) => toNumber(r[name])),
        type,
      );
    if (type === 'boolean')
      return boolColumn(
        name,
        Uint8Array.from(rows, (r) => (r[name] === true ? 1 : r[name] === false ? 0 : BOOL_MISSING)),
      );
    return dictColumnFromStrings(
      name,
      rows.map((r) => {
        const v = r[name];
        return v === null || v === undefined ? null : String(v);
      }),
      type,
    );
  });
  return createTable(columns);
}

/**
 * JSON text of a request `{"rows": [...]}` as a Python client writes it: NaN and ±Infinity as the
 * bare tokens NaN, Infinity and -Infinity (which strict JSON parsers refuse), undefined fields left out.
 */
export function serializeRows(rows: readonly Row[]): string {
  const marks = new Map<string, string>();
  const text = JSON.stringify({ rows }, (_key, value: unknown) => {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      const token = Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
      const mark = `\u0000vigie-token-${token}\u0000`;
      marks.set(JSON.stringify(mark), token);
      return mark;
    }
    return value;
  });
  let out = text;
  for (const [quoted, token] of marks) out = out.split(quoted).join(token);
  return out;
}
