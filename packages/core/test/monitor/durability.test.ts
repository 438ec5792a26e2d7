import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPredictionLog } from '../../src/monitor/index.js';
import { type NatsServer, SKIP_NATS, startNatsServer } from '../support/nats.js';
import { freshPostgresSchema, SKIP_POSTGRES } from '../support/postgres.js';
import { tempDir } from '../support/temp.js';

// The writer runs the built library, as the gateway's process would.
const WORKER = fileURLToPath(new URL('./fixtures/append-loop.mjs', import.meta.url));
const temp = tempDir('vigie-log-durability-');

/** Runs the append loop until `acked` ids were acknowledged, SIGKILLs it, returns the acked ids. */
async function appendThenKill(url: string, acked: number): Promise<string[]> {
  const child = spawn(process.execPath, [WORKER, url], { stdio: ['ignore', 'pipe', 'pipe'] });
  const ids: string[] = [];
  let partial = '';
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (b: Buffer) => {
      const lines = (partial + b.toString()).split('\n');
      partial = lines.pop()!;
      ids.push(...lines);
      if (ids.length >= acked && child.exitCode === null && !child.killed) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', (code) => {
      if (ids.length < acked) reject(new Error(`the append loop exited (${code}) early: ${stderr}`));
    });
  });
  expect(await exited).toBe('SIGKILL');
  return ids;
}

async function expectAllThere(url: string, acked: string[]): Promise<void> {
  await using log = await openPredictionLog(url);
  const found = new Set<string>();
  for await (const r of log.read()) found.add(r.id);
  const missing = acked.filter((id) => !found.has(id));
  expect(missing).toEqual([]);
  expect(found.size).toBeGreaterThanOrEqual(acked.length);
}

describe('prediction log durability: every acknowledged append survives SIGKILL', () => {
  it('SQLite', async () => {
    const url = `sqlite:${join(temp.dir, 'log.db')}`;
    const acked = await appendThenKill(url, 3000);
    await expectAllThere(url, acked);
  });

  it.skipIf(SKIP_POSTGRES)(`Postgres${SKIP_POSTGRES ? ` (skipped: ${SKIP_POSTGRES})` : ''}`, async () => {
    const url = await freshPostgresSchema();
    const acked = await appendThenKill(url, 3000);
    await expectAllThere(url, acked);
  });

  describe.skipIf(SKIP_NATS)(`NATS JetStream${SKIP_NATS ? ` (skipped: ${SKIP_NATS})` : ''}`, () => {
    let server: NatsServer;
    beforeAll(async () => {
      server = await startNatsServer();
    });
    afterAll(async () => {
      await server?.stop();
    });
    it('NATS JetStream', async () => {
      const url = `${server.url}/durability`;
      const acked = await appendThenKill(url, 3000);
      await expectAllThere(url, acked);
    });
  });
});
