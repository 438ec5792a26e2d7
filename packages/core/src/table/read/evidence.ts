import type { DuckDb } from '../duckdb/open.js';
import { num, queryRows } from '../duckdb/query.js';
import { ident } from '../duckdb/sql.js';
import { type ColumnEvidence, isIntegerDuckType } from './infer.js';

/**
 * What type inference needs to know about each column of a loaded table, in three queries chosen
 * for speed (1M rows × 20 columns: 0.7 s in one query, about 0.2 s this way):
 * - plain aggregates (non-null counts, mean text length) together: one cheap scan;
 * - distinct counts together but apart from the plain ones, since DuckDB runs a query mixing
 *   DISTINCT and plain aggregates about twice as slowly as the two separately;
 * - per text column, whether some value is not a number, as a LIMIT 1 probe that stops at the
 *   first such value (usually the first row) instead of casting every value.
 */
export async function gatherEvidence(
  db: DuckDb,
  table: string,
  described: ReadonlyArray<{ name: string; duckType: string }>,
  rows: number,
): Promise<ColumnEvidence[]> {
  const plain: string[] = [];
  const distinct: string[] = [];
  const probes: string[] = [];
  for (const d of described) {
    const c = ident(d.name);
    plain.push(`count(${c})`);
    if (d.duckType === 'VARCHAR') {
      plain.push(`avg(length(${c}))`);
      distinct.push(`count(DISTINCT ${c})`);
      probes.push(
        `SELECT ${probes.length} FROM (SELECT 1 FROM ${table} WHERE ${c} IS NOT NULL AND TRY_CAST(${c} AS DOUBLE) IS NULL LIMIT 1)`,
      );
    } else if (isIntegerDuckType(d.duckType)) {
      distinct.push(`count(DISTINCT ${c})`);
    }
  }
  const plainRow = (await queryRows(db, `SELECT ${plain.join(', ')} FROM ${table}`))[0] ?? [];
  const distinctRow =
    distinct.length === 0
      ? []
      : ((await queryRows(db, `SELECT ${distinct.join(', ')} FROM ${table}`))[0] ?? []);
  const textual =
    probes.length === 0 ? [] : (await queryRows(db, probes.join(' UNION ALL '))).map((r) => num(r[0]));
  const hasText = new Set(textual);
  let p = 0;
  let q = 0;
  let t = 0;
  return described.map((d) => {
    const e: ColumnEvidence = {
      name: d.name,
      duckType: d.duckType,
      rows,
      nonNull: num(plainRow[p++]),
      distinct: 0,
    };
    if (d.duckType === 'VARCHAR') {
      e.meanLength = num(plainRow[p++]);
      e.distinct = num(distinctRow[q++]);
      e.allNumeric = !hasText.has(t++);
    } else if (isIntegerDuckType(d.duckType)) {
      e.distinct = num(distinctRow[q++]);
    }
    return e;
  });
}
