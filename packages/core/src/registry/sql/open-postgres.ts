import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { VigieError } from '../../errors/index.js';
import type { ReadinessPolicy } from '../readiness.js';
import type { Database } from './database.js';
import { migrateRegistry } from './migrations.js';
import { createSqlRegistryStore, type SqlRegistryStore } from './sql-store.js';

export interface OpenPostgresOptions {
  policy?: ReadinessPolicy;
  now?: () => Date;
  /** Connections in the pool (default 4). */
  poolSize?: number;
}

/** The URL with its password replaced, for messages and `location`. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

/** Opens a Postgres registry (postgres://user:pass@host:port/db) and migrates its schema. */
export async function openPostgresRegistry(
  url: string,
  options: OpenPostgresOptions = {},
): Promise<SqlRegistryStore> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 4 });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new VigieError(
      'FILE_UNREADABLE',
      `${redactUrl(url)}: cannot connect to the registry: ${(error as Error).message}`,
      {
        cause: error,
        details: { file: redactUrl(url) },
      },
    );
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateRegistry(db as never, 'postgres');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createSqlRegistryStore({ db, engine: 'postgres', location: redactUrl(url), ...options });
}
