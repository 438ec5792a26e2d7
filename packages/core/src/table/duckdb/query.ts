import type { DuckDb } from './open.js';

/** Runs a query and returns its rows as arrays of DuckDB values (small results only). */
export async function queryRows(db: DuckDb, sql: string): Promise<unknown[][]> {
  const result = await db.connection.run(sql);
  return (await result.getRows()) as unknown[][];
}

/** A count or number from a DuckDB value (BIGINT comes back as bigint, NULL as 0). */
export function num(v: unknown): number {
  return typeof v === 'bigint' ? Number(v) : Number(v ?? 0);
}
