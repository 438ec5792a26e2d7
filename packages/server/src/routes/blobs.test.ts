import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { putBytes, sha256 } from '@vigie/core/registry';
import { describe, expect, it } from 'vitest';
import { dataset, fixture, H } from '../../test/support/fixture.js';

const errorOf = async (r: Response) =>
  ((await r.json()) as { error: { code: string; message: string } }).error;
const upload = (
  bytes: Uint8Array | string,
  length = String(typeof bytes === 'string' ? bytes.length : bytes.length),
) => ({
  body: bytes,
  headers: { 'content-length': length },
});

function blobFiles(dir: string): string[] {
  try {
    return readdirSync(join(dir, 'blobs', 'sha256'), { recursive: true, encoding: 'utf8' }).filter((p) =>
      /[0-9a-f]{64}$/.test(p),
    );
  } catch {
    return [];
  }
}

/** Flips one byte of a stored blob, as disk rot or an intruder would. */
function tamper(dir: string, hash: string): void {
  const path = join(dir, 'blobs', 'sha256', hash.slice(0, 2), hash);
  const bytes = readFileSync(path);
  bytes[bytes.length - 1] ^= 1;
  writeFileSync(path, bytes);
}

describe('blobs', () => {
  it('stores an upload under its hash and serves it back, with HEAD for the size', async () => {
    const f = await fixture();
    const token = await f.token('ci', 'write');
    const hash = sha256('hello');
    const put = await f.call('PUT', `/v1/blobs/sha256/${hash}`, { token, ...upload('hello') });
    expect(put.status).toBe(201);
    expect(await put.json()).toEqual({ hash, size: 5 });
    const again = await f.call('PUT', `/v1/blobs/sha256/${hash}`, { token, ...upload('hello') });
    expect(again.status).toBe(200);
    const get = await f.call('GET', `/v1/blobs/sha256/${hash}`, { token });
    expect(get.headers.get('content-length')).toBe('5');
    expect(await get.text()).toBe('hello');
    const head = await f.call('HEAD', `/v1/blobs/sha256/${hash}`, { token });
    expect([head.status, head.headers.get('content-length')]).toEqual([200, '5']);
    const missing = await f.call('HEAD', `/v1/blobs/sha256/${H('0')}`, { token });
    expect(missing.status).toBe(404);
    expect((await f.call('GET', '/v1/blobs/sha256/xyz', { token })).status).toBe(400);
  });

  it('refuses an upload whose bytes do not match the hash (422) and stores nothing', async () => {
    const f = await fixture();
    const token = await f.token('ci', 'write');
    const r = await f.call('PUT', `/v1/blobs/sha256/${sha256('hello')}`, { token, ...upload('HELLO') });
    expect(r.status).toBe(422);
    expect(await errorOf(r)).toMatchObject({
      code: 'INTEGRITY',
      message: expect.stringMatching(/^upload of sha256:.*the blob is corrupt or was tampered with$/),
    });
    expect(blobFiles(f.dir)).toEqual([]);
    expect(readdirSync(join(f.dir, 'blobs', 'sha256'), { recursive: true, encoding: 'utf8' })).toEqual([
      sha256('hello').slice(0, 2),
    ]);
  });

  it('needs a Content-Length within the limit and a write token', async () => {
    const f = await fixture({ maxBlobBytes: 4 });
    const token = await f.token('ci', 'write');
    const reader = await f.token('ui', 'read');
    const hash = sha256('hello');
    const big = await f.call('PUT', `/v1/blobs/sha256/${hash}`, { token, ...upload('hello') });
    expect(big.status).toBe(413);
    expect((await errorOf(big)).message).toBe(
      "the blob (5 bytes) is larger than the server's limit of 4 bytes (maxBlobBytes)",
    );
    const chunked = await f.app.request(`/v1/blobs/sha256/${hash}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}` },
      body: new ReadableStream({
        start(c) {
          c.enqueue(new TextEncoder().encode('hi'));
          c.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(400);
    expect((await errorOf(chunked)).message).toBe('a blob upload needs a Content-Length header');
    expect((await f.call('PUT', `/v1/blobs/sha256/${hash}`, { token: reader, ...upload('hi') })).status).toBe(
      403,
    );
  });

  it('never serves a tampered blob as if it were fine', async () => {
    const small = await fixture();
    const token = await small.token('ci', 'read');
    const { hash } = await putBytes(small.blobs, 'precious bytes');
    tamper(small.dir, hash);
    const r = await small.call('GET', `/v1/blobs/sha256/${hash}`, { token });
    expect(r.status).toBe(422);
    expect((await errorOf(r)).message).toMatch(/^blob sha256:.*the blob is corrupt or was tampered with$/);

    // Over the verify-first size the bytes stream; the response then fails before its end.
    const large = await fixture({ verifyBeforeSendBytes: 1024 });
    const reader = await large.token('ci', 'read');
    const bytes = new Uint8Array(3 << 20).map((_, i) => i % 251);
    const ref = await putBytes(large.blobs, bytes);
    tamper(large.dir, ref.hash);
    const streamed = await large.call('GET', `/v1/blobs/sha256/${ref.hash}`, { token: reader });
    expect(streamed.status).toBe(200);
    expect(streamed.headers.get('content-length')).toBe(String(bytes.length));
    await expect(streamed.arrayBuffer()).rejects.toMatchObject({ code: 'INTEGRITY' });
    expect(large.logs.map((l) => l.message)).toEqual([`GET /v1/blobs/sha256/${ref.hash}: download cut off`]);
  });

  it('refuses metadata that names bytes the server does not hold (409)', async () => {
    const f = await fixture();
    const token = await f.token('ci', 'write');
    const missing = await f.call('POST', '/v1/datasets', { token, json: dataset({ contentHash: H('a') }) });
    expect(missing.status).toBe(409);
    expect(await errorOf(missing)).toMatchObject({
      code: 'REFUSED',
      message: `dataset contentHash sha256:aaaaaaaaaaaa… is not in the server's blob store: upload the bytes first (PUT /v1/blobs/sha256/${H('a')})`,
    });
    const { hash } = await putBytes(f.blobs, 'a,b\n1,2\n');
    const split = { name: 'train', rows: 1, membershipHash: H('m'), blobHash: H('b') };
    const splitMissing = await f.call('POST', '/v1/datasets', {
      token,
      json: dataset({ contentHash: hash, splits: [split] }),
    });
    expect((await errorOf(splitMissing)).message).toMatch(/^split train blobHash sha256:bbbb/);
    const model = {
      name: 'clf',
      modelType: 'gbdt',
      artifactHash: H('c'),
      artifactFormat: 'onnx',
      sizeBytes: 1,
    };
    expect((await f.call('POST', '/v1/models', { token, json: model })).status).toBe(409);
    const ok = await f.call('POST', '/v1/datasets', { token, json: dataset({ contentHash: hash }) });
    expect(ok.status).toBe(201);
    const analysis = { subjectId: 'dataset:penguins@1', kind: 'checks', status: 'pass', blobHash: H('d') };
    const refused = await f.call('POST', '/v1/analyses', { token, json: analysis });
    expect((await errorOf(refused)).message).toMatch(/^checks analysis blobHash sha256:dddd/);
    expect(
      (await f.call('POST', '/v1/analyses', { token, json: { ...analysis, blobHash: null } })).status,
    ).toBe(201);
  });
});
