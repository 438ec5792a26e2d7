import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasScope, normalizeScopes, openSqliteRegistry } from '../../src/registry/index.js';
import { tempDir } from '../support/temp.js';

const temp = tempDir('vigie-tokens-');
let n = 0;
const open = () => openSqliteRegistry(join(temp.dir, `registry-${++n}.db`));

describe('SQL token store', () => {
  it('creates a token shown once, verifies it, and stores only its SHA-256', async () => {
    await using registry = await open();
    const created = await registry.tokens.createToken({ name: 'ci', scopes: ['write'] });
    expect(created.token).toMatch(/^vgt_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ name: 'ci', scopes: ['read', 'write'], revokedAt: null });
    expect(await registry.tokens.verifyToken(created.token)).toEqual({
      id: created.id,
      name: 'ci',
      scopes: ['read', 'write'],
    });
    expect(await registry.tokens.verifyToken(`${created.token.slice(0, -1)}x`)).toBeNull();
    expect(await registry.tokens.verifyToken('not a token')).toBeNull();
    const path = registry.location.replace(/^sqlite:/, '');
    for (const file of [path, `${path}-wal`]) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch {
        continue;
      }
      expect(bytes.includes(created.token.slice(4))).toBe(false);
    }
  });

  it('lists, revokes, refuses a duplicate name and frees the name of a revoked token', async () => {
    await using registry = await open();
    const first = await registry.tokens.createToken({ name: 'ci', scopes: ['read'] });
    await expect(registry.tokens.createToken({ name: 'ci', scopes: ['write'] })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'a token named "ci" already exists: revoke it first or choose another name',
    });
    const revoked = await registry.tokens.revokeToken('ci');
    expect(revoked.revokedAt).not.toBeNull();
    expect(await registry.tokens.verifyToken(first.token)).toBeNull();
    await expect(registry.tokens.revokeToken('ci')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const second = await registry.tokens.createToken({ name: 'ci', scopes: ['write'] });
    expect((await registry.tokens.verifyToken(second.token))?.name).toBe('ci');
    expect((await registry.tokens.listTokens()).map((t) => [t.name, t.scopes, t.revokedAt])).toEqual([
      ['ci', ['read', 'write'], null],
    ]);
  });

  it('checks names and scopes', async () => {
    await using registry = await open();
    await expect(registry.tokens.createToken({ name: 'a b', scopes: ['read'] })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(
      registry.tokens.createToken({ name: 'ok', scopes: ['admin' as 'read'] }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: '"admin" is not a token scope: use read or write',
    });
    expect(() => normalizeScopes([])).toThrow(/needs a scope/);
    expect(hasScope(['read', 'write'], 'read')).toBe(true);
    expect(hasScope(['write'], 'read')).toBe(true);
    expect(hasScope(['read'], 'write')).toBe(false);
  });
});
