import type { SemanticType } from '../column.js';

/** What the reader knows about a source column before deciding its semantic type. */
export interface ColumnEvidence {
  name: string;
  /** DuckDB's type name (BIGINT, DOUBLE, VARCHAR, DATE, ...). */
  duckType: string;
  rows: number;
  nonNull: number;
  /** Distinct non-null values. */
  distinct: number;
  /** For text columns: every non-null value is a number (DuckDB's TRY_CAST to DOUBLE succeeds). */
  allNumeric?: boolean;
  /** For text columns: mean length in characters. */
  meanLength?: number;
}

const ID_NAME = /(^id$|_id$|^id_|Id$|^uuid$|_uuid$|^key$|_key$)/;
const INTEGER_TYPES =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/;
const FLOAT_TYPES = /^(FLOAT|DOUBLE|REAL|DECIMAL.*)$/;
const TIME_TYPES = /^(DATE|TIMESTAMP.*)$/;

export function isIntegerDuckType(t: string): boolean {
  return INTEGER_TYPES.test(t);
}
export function isFloatDuckType(t: string): boolean {
  return FLOAT_TYPES.test(t);
}
export function isTimeDuckType(t: string): boolean {
  return TIME_TYPES.test(t);
}

/** True when a column's name reads as an identifier (id, user_id, userId, uuid, key...). */
export function looksLikeIdName(name: string): boolean {
  return ID_NAME.test(name);
}

/** At most this many distinct labels for a text column to count as categorical. */
export function categoricalLimit(nonNull: number): number {
  return Math.max(20, Math.min(1000, Math.floor(nonNull / 2)));
}

/**
 * Infers a semantic type. Rules, in order:
 * BOOLEAN → boolean; DATE/TIMESTAMP → datetime; floats → numeric;
 * integers → id when the name looks like an identifier and every value is distinct, else integer;
 * text → numeric when every non-null value parses as a number (including NaN and ±Infinity);
 * id when every value is distinct and the name looks like an identifier, or the values are short
 * and unique; categorical when the distinct count is at most max(20, min(1000, n/2)); text otherwise.
 * A column with no values at all is categorical (nothing to infer from).
 */
export function inferSemanticType(e: ColumnEvidence): SemanticType {
  const t = e.duckType;
  if (t === 'BOOLEAN') return 'boolean';
  if (isTimeDuckType(t)) return 'datetime';
  if (isFloatDuckType(t)) return 'numeric';
  const allDistinct = e.nonNull >= 2 && e.distinct === e.nonNull;
  if (isIntegerDuckType(t)) return allDistinct && looksLikeIdName(e.name) ? 'id' : 'integer';
  if (e.nonNull === 0) return 'categorical';
  if (e.allNumeric) return 'numeric';
  if (allDistinct && looksLikeIdName(e.name)) return 'id';
  if (e.distinct <= categoricalLimit(e.nonNull)) return 'categorical';
  if (allDistinct && (e.meanLength ?? 0) <= 40) return 'id';
  return 'text';
}
