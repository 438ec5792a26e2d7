import { randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import { VigieError } from '../../errors/index.js';
import { checkName } from '../refs.js';
import {
  type CreatedToken,
  generateToken,
  hashToken,
  isTokenShaped,
  normalizeScopes,
  type TokenInfo,
  type TokenScope,
  type TokenStore,
} from '../tokens.js';
import type { Database, SqlContext } from './database.js';
import { writeTransaction } from './transaction.js';

/** Tokens in the registry database's `tokens` table; only hashes are stored. */
export function createSqlTokenStore(ctx: Pick<SqlContext, 'db' | 'engine' | 'now'>): TokenStore {
  const { db } = ctx;
  const active = (name: string) =>
    db.selectFrom('tokens').selectAll().where('name', '=', name).where('revoked_at', 'is', null);
  return {
    async createToken(input) {
      checkName(input.name, 'token name');
      const scopes = normalizeScopes(input.scopes);
      const token = generateToken();
      const row = {
        id: `token:${randomBytes(8).toString('hex')}`,
        name: input.name,
        hash: hashToken(token),
        scopes: scopes.join(' '),
        created_at: ctx.now().toISOString(),
        revoked_at: null,
      };
      try {
        await writeTransaction(ctx, async (tx) => {
          const existing = await tx
            .selectFrom('tokens')
            .select('revoked_at')
            .where('name', '=', input.name)
            .executeTakeFirst();
          if (existing?.revoked_at === null) throw conflict(input.name);
          // A revoked token's name is free again (rotation: revoke, then create under the same name);
          // its row only held a hash nobody can use any more.
          if (existing) await tx.deleteFrom('tokens').where('name', '=', input.name).execute();
          await tx.insertInto('tokens').values(row).execute();
        });
      } catch (error) {
        // Two creations racing past the check: the unique index refuses the second.
        if (!(error instanceof VigieError) && (await active(input.name).executeTakeFirst()))
          throw conflict(input.name);
        throw error;
      }
      return { ...toInfo(row), token } satisfies CreatedToken;
    },
    async verifyToken(plaintext) {
      if (!isTokenShaped(plaintext)) return null;
      const row = await db
        .selectFrom('tokens')
        .selectAll()
        .where('hash', '=', hashToken(plaintext))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return row ? { id: row.id, name: row.name, scopes: scopesOf(row.scopes) } : null;
    },
    async listTokens() {
      const rows = await db.selectFrom('tokens').selectAll().orderBy('created_at').orderBy('name').execute();
      return rows.map(toInfo);
    },
    async revokeToken(name) {
      const row = await active(name).executeTakeFirst();
      if (!row)
        throw new VigieError('NOT_FOUND', `no active token named "${name}"`, { details: { ref: name } });
      const at = ctx.now().toISOString();
      await db.updateTable('tokens').set({ revoked_at: at }).where('id', '=', row.id).execute();
      return toInfo({ ...row, revoked_at: at });
    },
  };
}

function conflict(name: string): VigieError {
  return new VigieError(
    'CONFLICT',
    `a token named "${name}" already exists: revoke it first or choose another name`,
    { details: { ref: name } },
  );
}

function scopesOf(text: string): TokenScope[] {
  return text.split(' ').filter((s): s is TokenScope => s === 'read' || s === 'write');
}

function toInfo(row: Selectable<Database['tokens']>): TokenInfo {
  return {
    id: row.id,
    name: row.name,
    scopes: scopesOf(row.scopes),
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}
