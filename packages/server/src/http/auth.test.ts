import { readFileSync } from 'node:fs';
import { putBytes } from '@vigie/core/registry';
import { describe, expect, it } from 'vitest';
import { dataset, fixture } from '../../test/support/fixture.js';

const errorOf = async (r: Response) =>
  ((await r.json()) as { error: { code: string; message: string } }).error;

describe('auth', () => {
  it('refuses a write without a token (401) and with a read-only token (403)', async () => {
    const f = await fixture();
    const reader = await f.token('dashboard', 'read');
    const anonymous = await f.call('POST', '/v1/datasets', { json: dataset() });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await errorOf(anonymous)).toEqual({
      code: 'UNAUTHENTICATED',
      message: 'writing needs a token with the write scope (Authorization: Bearer <token>)',
    });
    const readOnly = await f.call('POST', '/v1/datasets', { token: reader, json: dataset() });
    expect(readOnly.status).toBe(403);
    expect(await errorOf(readOnly)).toMatchObject({
      code: 'FORBIDDEN',
      message: 'token "dashboard" may only read; this needs the write scope',
    });
    expect(await f.store.listDatasets()).toEqual([]);
  });

  it('lets a read token read, and anonymous requests read only when the server allows it', async () => {
    const closed = await fixture();
    expect((await closed.call('GET', '/v1/datasets')).status).toBe(401);
    const reader = await closed.token('dashboard', 'read');
    const writer = await closed.token('ci', 'write');
    expect((await closed.call('GET', '/v1/datasets', { token: reader })).status).toBe(200);
    expect((await closed.call('GET', '/v1/datasets', { token: writer })).status).toBe(200);

    const open = await fixture({ anonymousRead: true });
    const read = await open.call('GET', '/v1/datasets');
    expect(read.status).toBe(200);
    expect(await read.json()).toEqual([]);
    expect((await open.call('POST', '/v1/datasets', { json: dataset() })).status).toBe(401);
  });

  it('refuses an unknown, revoked or malformed token even where none is needed', async () => {
    const f = await fixture({ anonymousRead: true });
    const token = await f.token('ci', 'write');
    await f.store.tokens.revokeToken('ci');
    const revoked = await f.call('GET', '/v1/datasets', { token });
    expect(revoked.status).toBe(401);
    expect((await errorOf(revoked)).message).toBe('the token is not valid: unknown or revoked');
    const made = await f.call('GET', '/v1/datasets', { token: `vgt_${'x'.repeat(43)}` });
    expect(made.status).toBe(401);
    const basic = await f.call('GET', '/v1/datasets', { headers: { authorization: 'Basic YTpi' } });
    expect(basic.status).toBe(401);
    expect((await errorOf(basic)).message).toMatch(/must be "Bearer <token>"/);
  });

  it('needs no token for health and the API document', async () => {
    const f = await fixture();
    expect(await (await f.call('GET', '/v1/health')).json()).toEqual({ status: 'ok' });
    expect(((await (await f.call('GET', '/v1/openapi.json')).json()) as { openapi: string }).openapi).toBe(
      '3.1.0',
    );
  });

  it("records the token's name as the actor of a write, whatever the request says", async () => {
    const f = await fixture();
    const token = await f.token('ci-bot', 'write');
    const { hash } = await putBytes(f.blobs, 'abc');
    const r = await f.call('POST', '/v1/datasets', {
      token,
      json: dataset({ contentHash: hash, by: 'mallory' }),
    });
    expect(r.status).toBe(201);
    const body = (await r.json()) as { version: { createdBy: string } };
    expect(body.version.createdBy).toBe('ci-bot');
    expect((await f.store.events()).map((e) => e.actor)).toEqual(['ci-bot']);
  });

  it('stores tokens hashed: the plaintext is nowhere in the database files', async () => {
    const f = await fixture();
    const token = await f.token('ci', 'write');
    const files = [f.dbPath, `${f.dbPath}-wal`].map((p) => {
      try {
        return readFileSync(p);
      } catch {
        return Buffer.alloc(0);
      }
    });
    const secret = token.slice(4);
    for (const file of files) expect(file.includes(secret)).toBe(false);
    expect((await f.store.tokens.listTokens()).map((t) => t.name)).toEqual(['ci']);
  });
});
