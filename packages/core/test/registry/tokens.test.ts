import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import {
  hasScope,
  normalizeScopes,
  openPostgresRegistry,
  openSqliteRegistry,
  type SqlRegistryStore,
} from '../../src/registry/index.js';
import { freshPostgresSchema, SKIP_POSTGRES } from '../support/postgres.js';
import { tempDir } from '../support/temp.js';

const temp = tempDir('vigie-tokens-');
let n = 0;

interface Engine {
  open(): Promise<SqlRegistryStore>;
  /** Everything the database holds about tokens, as text: the files, or the table's rows. */
  stored(store: SqlRegistryStore): Promise<string>;
}

const sqlite: Engine = {
  open: () => openSqliteRegistry(join(temp.dir, `registry-${++n}.db`)),
  stored: async (store) => {
    const path = store.location.replace(/^sqlite:/, '');
    return [path, `${path}-wal`]
      .map((file) => {
        try {
          return readFileSync(file).toString('latin1');
        } catch {
          return '';
        }
      })
      .join('');
  },
};

const urls = new Map<string, string>();
const postgres: Engine = {
  open: async () => {
    const url = await freshPostgresSchema();
    const store = await openPostgresRegistry(url);
    urls.set(store.location, url);
    return store;
  },
  stored: async (store) => {
    const client = new pg.Client({ connectionString: urls.get(store.location)! });
    await client.connect();
    try {
      return JSON.stringify((await client.query('select * from tokens')).rows);
    } finally {
      await client.end();
    }
  },
};

for (const [label, engine] of [
  ['SQLite', sqlite],
  ['Postgres', postgres],
] as const) {
  const suite = label === 'Postgres' && SKIP_POSTGRES ? describe.skip : describe;
  const open = engine.open;
  suite(`SQL token store: ${label}${label === 'Postgres' && SKIP_POSTGRES ? ` (skipped: ${SKIP_POSTGRES})` : ''}`, () => {
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
      const stored = await engine.stored(registry);
      expect(stored).toContain(created.id);
      expect(stored).not.toContain(created.token.slice(4));
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
}
