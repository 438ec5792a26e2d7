import { resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { VigieError } from '../../errors/index.js';
import type { ReadinessPolicy } from '../readiness.js';
import type { Database } from './database.js';
import { migrateRegistry } from './migrations.js';
import { createSqlRegistryStore, type SqlRegistryStore } from './sql-store.js';
import { openSqliteFile } from './sqlite-file.js';

export interface OpenSqliteOptions {
  policy?: ReadinessPolicy;
  now?: () => Date;
}

/**
 * Opens (and creates on first use) a SQLite registry. WAL journal so readers never wait for the
 * writer; synchronous=NORMAL, which in WAL mode never corrupts on a crash and may lose only the
 * last commits on power loss; a 30 s busy timeout so concurrent processes queue for the lock.
 */
export async function openSqliteRegistry(
  path: string,
  options: OpenSqliteOptions = {},
): Promise<SqlRegistryStore> {
  const full = resolve(path);
  let database: BetterSqlite3.Database;
  try {
    database = openSqliteFile(full);
    database.pragma('foreign_keys = ON');
  } catch (error) {
    throw new VigieError(
      'FILE_UNREADABLE',
      `${path}: cannot open the registry database: ${(error as Error).message}`,
      {
        cause: error,
        details: { file: path },
      },
    );
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
  try {
    await migrateRegistry(db as never, 'sqlite');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createSqlRegistryStore({ db, engine: 'sqlite', location: `sqlite:${path}`, ...options });
}
