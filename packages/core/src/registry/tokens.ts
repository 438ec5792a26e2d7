import { createHash, randomBytes } from 'node:crypto';
import { VigieError } from '../errors/index.js';

/** What a token may do on a Vigie server: `read`, or `write` (which implies read). */
export type TokenScope = 'read' | 'write';

export const TOKEN_SCOPES: readonly TokenScope[] = ['read', 'write'];

/** The recognisable prefix of every token, so a leaked one can be found by secret scanners. */
export const TOKEN_PREFIX = 'vgt_';

/** A token as the server knows it after checking it: who, and what it may do. */
export interface VerifiedToken {
  id: string;
  /** The actor recorded for every write made with the token. */
  name: string;
  scopes: TokenScope[];
}

export interface TokenInfo extends VerifiedToken {
  createdAt: string;
  revokedAt: string | null;
}

/** A new token: the plaintext is returned here once and never stored. */
export interface CreatedToken extends TokenInfo {
  token: string;
}

/**
 * Bearer tokens for a Vigie server, stored as SHA-256 hashes beside the registry metadata. A
 * token is 32 random bytes, so one hash (no salt, no slow KDF) is enough: there is nothing to
 * guess from it.
 */
export interface TokenStore {
  /** Creates a token; refused (CONFLICT) when an active token already has the name. */
  createToken(input: { name: string; scopes: TokenScope[] }): Promise<CreatedToken>;
  /** The token's identity when it is known and not revoked, else null. */
  verifyToken(plaintext: string): Promise<VerifiedToken | null>;
  /** Every token, revoked ones included, oldest first. */
  listTokens(): Promise<TokenInfo[]>;
  /** Revokes the active token of that name (NOT_FOUND when there is none). */
  revokeToken(name: string): Promise<TokenInfo>;
}

const TOKEN_SHAPE = /^vgt_[A-Za-z0-9_-]{43}$/;

/** A fresh token: `vgt_` and 32 random bytes in base64url. */
export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

/** What is stored and compared: the SHA-256 of the whole token, in hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether the text has the shape of a token (a cheap check before any lookup). */
export function isTokenShaped(text: string): boolean {
  return TOKEN_SHAPE.test(text);
}

/** Write implies read. */
export function hasScope(scopes: readonly TokenScope[], needed: TokenScope): boolean {
  return scopes.includes('write') || (needed === 'read' && scopes.includes('read'));
}

/** Checks the scopes and spells out what they grant: `write` becomes `read, write`. */
export function normalizeScopes(scopes: readonly string[]): TokenScope[] {
  if (scopes.length === 0)
    throw new VigieError('INVALID_ARGUMENT', 'a token needs a scope: read or write', {
      details: { field: 'scopes' },
    });
  for (const s of scopes)
    if (!TOKEN_SCOPES.includes(s as TokenScope))
      throw new VigieError('INVALID_ARGUMENT', `"${s}" is not a token scope: use read or write`, {
        details: { field: 'scopes' },
      });
  return scopes.includes('write') ? ['read', 'write'] : ['read'];
}
