import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

export interface SqliteFileOptions {
  /** NORMAL (default) never corrupts in WAL mode and may lose the last commits on power loss; FULL fsyncs every commit. */
  synchronous?: 'NORMAL' | 'FULL';
  /** How long to wait for another process's lock (default 30 s). */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating it and its folder on first use) a SQLite file that several processes share: a
 * busy timeout so they queue for the lock, and the WAL journal so readers never wait for the
 * writer. Switching a new file to WAL can be refused at once with SQLITE_BUSY while another
 * process does the same (SQLite does not call the busy handler there), so that step is retried,
 * with growing pauses, within the same timeout.
 */
export function openSqliteFile(path: string, options: SqliteFileOptions = {}): BetterSqlite3.Database {
  const timeout = options.busyTimeoutMs ?? 30_000;
  mkdirSync(dirname(path), { recursive: true });
  const db = new BetterSqlite3(path);
  try {
    db.pragma(`busy_timeout = ${timeout}`);
    retryWhileBusy(() => db.pragma('journal_mode = WAL'), timeout);
    db.pragma(`synchronous = ${options.synchronous ?? 'NORMAL'}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Runs `step`, again after growing pauses while it fails with SQLITE_BUSY, for at most `timeoutMs`. */
export function retryWhileBusy<T>(step: () => T, timeoutMs: number): T {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const start = Date.now();
  for (let wait = 2; ; wait = Math.min(100, wait * 2)) {
    try {
      return step();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== 'string' || !code.startsWith('SQLITE_BUSY') || Date.now() - start >= timeoutMs)
        throw error;
      Atomics.wait(pause, 0, 0, wait);
    }
  }
}
