import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import {
  createFsBlobStore,
  createHttpBlobStore,
  createHttpRegistryStore,
  openSqliteRegistry,
  parseRef,
  putBytes,
  readBlob,
  type SqlRegistryStore,
  sha256,
  writeBlobTo,
} from '@vigie/core/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../core/test/support/temp.js';
import { createApp } from '../src/app.js';
import { type RunningServer, startServer } from '../src/serve.js';

const temp = tempDir('vigie-http-stores-');
let sql: SqlRegistryStore;
let server: RunningServer;
let token: string;
const local = createFsBlobStore(join(temp.dir, 'blobs'));

beforeAll(async () => {
  sql = await openSqliteRegistry(join(temp.dir, 'registry.db'));
  // Blobs over 64 KiB stream, so both ways of refusing corrupt bytes are exercised.
  const app = createApp({
    store: sql,
    blobs: local,
    tokens: sql.tokens,
    options: { verifyBeforeSendBytes: 64 << 10 },
  });
  server = await startServer({ app, port: 0 });
  token = (await sql.tokens.createToken({ name: 'ci', scopes: ['write'] })).token;
});
afterAll(async () => {
  await server?.close();
  await sql?.[Symbol.asyncDispose]();
});

function tamper(hash: string): void {
  const path = join(temp.dir, 'blobs', 'sha256', hash.slice(0, 2), hash);
  const bytes = readFileSync(path);
  bytes[Math.floor(bytes.length / 2)] ^= 1;
  writeFileSync(path, bytes);
}

/** What any HTTP client receives: the status, the announced length and the bytes that arrived. */
function rawGet(
  url: string,
): Promise<{ status: number; length: number; received: number; complete: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      let received = 0;
      res.on('data', (c: Buffer) => (received += c.length));
      const done = () =>
        resolve({
          status: res.statusCode ?? 0,
          length: Number(res.headers['content-length']),
          received,
          complete: res.complete,
        });
      res.on('end', done);
      res.on('error', done);
      res.on('aborted', done);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTP blob store', () => {
  it('uploads, reads back verified, and answers has and size', async () => {
    const blobs = createHttpBlobStore({ url: server.url, token });
    const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 256);
    const ref = await putBytes(blobs, bytes);
    expect(await local.has(ref.hash)).toBe(true);
    expect(await blobs.has(ref.hash)).toBe(true);
    expect(await blobs.size(ref.hash)).toBe(bytes.length);
    expect(await blobs.has(sha256('never'))).toBe(false);
    expect(await blobs.size(sha256('never'))).toBeNull();
    expect(Buffer.from(await readBlob(blobs, ref.hash)).equals(bytes)).toBe(true);
    // A second upload of the same bytes sends nothing, but still checks the caller's bytes.
    await expect(
      blobs.put(
        ref,
        (async function* () {
          yield new Uint8Array(bytes.length);
        })(),
      ),
    ).rejects.toMatchObject({ code: 'INTEGRITY' });
    await expect(readBlob(blobs, sha256('never'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `blob sha256:${sha256('never')} is not in the blob store`,
    });
  });

  it('refuses bytes that do not match their hash, and the server keeps nothing', async () => {
    const blobs = createHttpBlobStore({ url: server.url, token });
    const hash = sha256('right');
    const wrong = (async function* () {
      yield new TextEncoder().encode('wrong');
    })();
    await expect(blobs.put({ hash, size: 5 }, wrong)).rejects.toMatchObject({
      code: 'INTEGRITY',
      message: expect.stringMatching(/^upload of sha256:.*tampered with$/),
    });
    const longer = (async function* () {
      yield new TextEncoder().encode('right, and more');
    })();
    await expect(blobs.put({ hash, size: 5 }, longer)).rejects.toMatchObject({ code: 'INTEGRITY' });
    expect(await local.has(hash)).toBe(false);
  });

  it('fails the download of a tampered blob, small or streamed, and writes no file', async () => {
    const blobs = createHttpBlobStore({ url: server.url, token });
    const small = await putBytes(local, 'small and precious');
    tamper(small.hash);
    await expect(readBlob(blobs, small.hash)).rejects.toMatchObject({
      code: 'INTEGRITY',
      message: expect.stringMatching(/^blob sha256:.*the blob is corrupt or was tampered with$/),
    });
    const large = await putBytes(
      local,
      new Uint8Array(5 << 20).map((_, i) => i % 253),
    );
    tamper(large.hash);
    const target = join(temp.dir, 'out.bin');
    await expect(writeBlobTo(blobs, large.hash, target)).rejects.toMatchObject({ code: 'INTEGRITY' });
    expect(existsSync(target)).toBe(false);
    // Any client, not only ours: fewer bytes than announced, and an incomplete response.
    const raw = await rawGet(`${server.url}/v1/blobs/sha256/${large.hash}`);
    expect(raw.status).toBe(200);
    expect(raw.complete).toBe(false);
    expect(raw.received).toBeLessThan(raw.length);
  });
});

describe('HTTP registry store', () => {
  it('raises the same one-line errors as the registry it talks to', async () => {
    const remote = createHttpRegistryStore({ url: server.url, token });
    for (const call of [
      (s: typeof sql) => s.getDataset(parseRef('penguins@3')),
      (s: typeof sql) => s.getRecord('evaluation:9'),
      (s: typeof sql) => s.lineage('model:x@1', 'up'),
      (s: typeof sql) => s.aliasAt({ kind: 'model', name: 'clf', alias: 'prod' }, 'soon'),
    ]) {
      const there = await call(remote as typeof sql).catch((e: unknown) => e);
      const here = await call(sql).catch((e: unknown) => e);
      expect(there).toMatchObject({
        name: 'VigieError',
        code: (here as { code: string }).code,
        message: (here as Error).message,
      });
    }
  });

  it('says when it has no token, a read-only one, or no server', async () => {
    await expect(createHttpRegistryStore({ url: server.url }).listDatasets()).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: 'reading needs a token with the read scope (Authorization: Bearer <token>)',
    });
    const reader = (await sql.tokens.createToken({ name: 'dashboard', scopes: ['read'] })).token;
    await expect(
      createHttpRegistryStore({ url: server.url, token: reader }).recordRelease({
        by: 'x',
        candidate: 'clf@1',
        spec: {},
        status: 'planned',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const gone = await startServer({
      app: createApp({ store: sql, blobs: local, tokens: sql.tokens }),
      port: 0,
    });
    await gone.close();
    await expect(createHttpRegistryStore({ url: gone.url }).listModels()).rejects.toMatchObject({
      code: 'FILE_UNREADABLE',
      message: expect.stringMatching(
        new RegExp(`^${gone.url}: cannot reach the Vigie server: .*ECONNREFUSED`),
      ),
    });
  });
});
