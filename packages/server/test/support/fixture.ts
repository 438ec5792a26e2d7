import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type BlobStore,
  createFsBlobStore,
  openSqliteRegistry,
  type SqlRegistryStore,
  type TokenScope,
} from '@vigie/core/registry';
import type { Hono } from 'hono';
import { afterAll, afterEach } from 'vitest';
import { createApp } from '../../src/app.js';
import type { LogEntry, ServerOptions } from '../../src/deps.js';

export interface Fixture {
  dir: string;
  dbPath: string;
  store: SqlRegistryStore;
  blobs: BlobStore;
  app: Hono;
  logs: LogEntry[];
  /** A new token's plaintext. */
  token(name: string, scope: TokenScope): Promise<string>;
  /** `app.request` with JSON in and the bearer token set. */
  call(
    method: string,
    path: string,
    o?: { token?: string; json?: unknown; headers?: Record<string, string>; body?: BodyInit },
  ): Promise<Response>;
}

const root = mkdtempSync(join(tmpdir(), 'vigie-server-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of open.splice(0)) await close();
});

/** A server app over a fresh SQLite registry and blob folder, closed after the test. */
export async function fixture(options: Partial<ServerOptions> = {}, now?: () => Date): Promise<Fixture> {
  const dir = join(root, `case-${++n}`);
  const dbPath = join(dir, 'registry.db');
  const store = await openSqliteRegistry(dbPath, now ? { now } : {});
  const blobs = createFsBlobStore(join(dir, 'blobs'));
  const logs: LogEntry[] = [];
  const app = createApp({ store, blobs, tokens: store.tokens, options, log: (e) => logs.push(e) });
  open.push(() => store[Symbol.asyncDispose]());
  return {
    dir,
    dbPath,
    store,
    blobs,
    app,
    logs,
    token: async (name, scope) => (await store.tokens.createToken({ name, scopes: [scope] })).token,
    call: (method, path, o = {}) =>
      app.request(path, {
        method,
        headers: {
          ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
          ...(o.json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...o.headers,
        },
        ...(o.json !== undefined
          ? { body: JSON.stringify(o.json) }
          : o.body !== undefined
            ? { body: o.body }
            : {}),
      }),
  };
}

export const H = (c: string) => c.repeat(64).slice(0, 64);

export function dataset(overrides: Record<string, unknown> = {}) {
  return {
    name: 'penguins',
    contentHash: H('a'),
    format: 'csv',
    sizeBytes: 3,
    rows: 1,
    schema: [{ name: 'mass', type: 'numeric' }],
    ...overrides,
  };
}
