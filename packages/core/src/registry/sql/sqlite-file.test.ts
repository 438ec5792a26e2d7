import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp.js';
import { openSqliteFile, retryWhileBusy } from './sqlite-file.js';

const temp = tempDir('vigie-sqlite-file-');
const driver = createRequire(import.meta.url).resolve('better-sqlite3');
const busy = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

describe('retryWhileBusy', () => {
  it('retries a step refused with SQLITE_BUSY until it succeeds', () => {
    let calls = 0;
    const result = retryWhileBusy(() => {
      calls++;
      if (calls < 4) throw busy();
      return 'wal';
    }, 5_000);
    expect([result, calls]).toEqual(['wal', 4]);
  });

  it('gives up after the timeout, and never retries other errors', () => {
    const start = Date.now();
    expect(() =>
      retryWhileBusy(() => {
        throw busy();
      }, 50),
    ).toThrow('database is locked');
    expect(Date.now() - start).toBeGreaterThanOrEqual(50);
    let calls = 0;
    expect(() =>
      retryWhileBusy(() => {
        calls++;
        throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
      }, 5_000),
    ).toThrow('disk I/O error');
    expect(calls).toBe(1);
  });
});

describe('openSqliteFile', () => {
  it('creates the folder and opens in WAL mode', () => {
    const db = openSqliteFile(join(temp.dir, 'a', 'b.db'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('waits for another process holding the lock instead of failing', async () => {
    const path = join(temp.dir, 'shared.db');
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D = require(${JSON.stringify(driver)});
         const db = new D(${JSON.stringify(path)}); db.exec('begin exclusive; create table t (x)');
         process.stdout.write('locked\\n'); setTimeout(() => { db.exec('commit'); db.close(); }, 400);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    const db = openSqliteFile(path, { busyTimeoutMs: 10_000 });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    await new Promise((resolve) => holder.on('close', resolve));
  });
});
