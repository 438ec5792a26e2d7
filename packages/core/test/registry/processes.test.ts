import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  createFsBlobStore,
  openPostgresRegistry,
  openSqliteRegistry,
  type RegistryStore,
  readBlob,
} from '../../src/registry/index.js';
import { freshPostgresSchema, SKIP_POSTGRES } from '../support/postgres.js';
import { tempDir } from '../support/temp.js';

// The workers run the built library, as users' processes would.
const WORKER = fileURLToPath(new URL('./fixtures/register-loop.mjs', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/registry/index.js', import.meta.url));
const temp = tempDir('vigie-registry-processes-');

function worker(args: string[]): {
  child: ChildProcess;
  done: Promise<number | null>;
  progress: () => number;
} {
  const child = spawn(process.execPath, [WORKER, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let lines = 0;
  let stderr = '';
  child.stdout!.on('data', (b: Buffer) => {
    lines += b.toString().split('\n').length - 1;
  });
  child.stderr!.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  const done = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      if (code !== 0 && code !== null) process.stderr.write(stderr);
      resolve(code);
    }),
  );
  return { child, done, progress: () => lines };
}

/** Every version is whole: gapless numbers, one registration event each, its bytes present and intact. */
async function expectConsistent(store: RegistryStore, blobsDir: string, name: string): Promise<number> {
  const versions = (await store.listDatasets({ name, limit: 100_000 }))
    .map((v) => v.version)
    .sort((a, b) => a - b);
  expect(versions).toEqual(versions.map((_, i) => i + 1));
  const blobs = createFsBlobStore(blobsDir);
  for (const v of await store.listDatasets({ name, limit: 100_000 })) {
    expect((await readBlob(blobs, v.contentHash)).length).toBe(v.sizeBytes);
    const analyses = await store.listAnalyses(v.id);
    expect(analyses.map((a) => a.kind)).toEqual(['profile']);
  }
  const registered = await store.events({ type: 'dataset.registered', limit: 100_000 });
  expect(registered.length).toBe(versions.length);
  expect(new Set(registered.map((e) => e.subjectId)).size).toBe(versions.length);
  return versions.length;
}

describe.skipIf(!existsSync(DIST))('registry under crashes and concurrency (built library)', () => {
  it('a process killed (SIGKILL) in the middle of registering leaves a consistent registry', async () => {
    const db = join(temp.dir, 'crash.db');
    const blobsDir = join(temp.dir, 'crash-blobs');
    let killedWhileWriting = 0;
    for (let round = 0; round < 6; round++) {
      const w = worker([`sqlite:${db}`, blobsDir, 'crashy', String(round), '100000', '200000']);
      // Wait until it is registering, then kill it at a different moment each round.
      while (w.progress() < 2 + round) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 3 + round * 7));
      w.child.kill('SIGKILL');
      if ((await w.done) === null) killedWhileWriting++;
    }
    expect(killedWhileWriting).toBe(6);
    const check = new BetterSqlite3(db);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
    await using store = await openSqliteRegistry(db);
    const n = await expectConsistent(store, blobsDir, 'crashy');
    expect(n).toBeGreaterThanOrEqual(6 * 2);
    // Orphan bytes (written before a killed transaction) are allowed; temporary files are not promoted.
    const leftovers = readdirSync(join(blobsDir, 'sha256'), { recursive: true }).filter((f) =>
      String(f).includes('.tmp-'),
    );
    expect(leftovers.length).toBeLessThanOrEqual(6);
  }, 120_000);

  it('8 processes registering 25 versions each get 200 distinct, gapless numbers (SQLite)', async () => {
    const db = join(temp.dir, 'concurrent.db');
    const blobsDir = join(temp.dir, 'concurrent-blobs');
    const workers = Array.from({ length: 8 }, (_, i) =>
      worker([`sqlite:${db}`, blobsDir, 'shared', String(i), '25']),
    );
    expect(await Promise.all(workers.map((w) => w.done))).toEqual(Array(8).fill(0));
    await using store = await openSqliteRegistry(db);
    expect(await expectConsistent(store, blobsDir, 'shared')).toBe(200);
    const byWorker = new Map<string, number>();
    for (const v of await store.listDatasets({ name: 'shared', limit: 1000 }))
      byWorker.set(v.createdBy, (byWorker.get(v.createdBy) ?? 0) + 1);
    expect([...byWorker.values()]).toEqual(Array(8).fill(25));
  }, 120_000);

  it.skipIf(SKIP_POSTGRES)(
    '8 processes registering 25 versions each get 200 distinct, gapless numbers (Postgres)',
    async () => {
      const url = await freshPostgresSchema();
      const blobsDir = join(temp.dir, 'pg-blobs');
      const workers = Array.from({ length: 8 }, (_, i) => worker([url, blobsDir, 'shared', String(i), '25']));
      expect(await Promise.all(workers.map((w) => w.done))).toEqual(Array(8).fill(0));
      await using store = await openPostgresRegistry(url);
      expect(await expectConsistent(store, blobsDir, 'shared')).toBe(200);
    },
    120_000,
  );
});
