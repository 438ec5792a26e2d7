import { VigieError } from '@vigie/core/errors';
import { hasScope, type TokenStore, type VerifiedToken } from '@vigie/core/registry';

export type Scope = 'public' | 'read' | 'write';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Who is calling, from `Authorization: Bearer vgt_...`, and whether they may do what the route
 * needs. A token that is sent must be valid even where none is needed, so a revoked or mistyped
 * token is noticed instead of silently downgraded to anonymous.
 */
export async function authenticate(
  header: string | undefined,
  scope: Scope,
  tokens: TokenStore,
  anonymousRead: boolean,
): Promise<VerifiedToken | null> {
  if (scope === 'public') return null;
  let token: VerifiedToken | null = null;
  if (header !== undefined) {
    const match = BEARER.exec(header);
    if (!match)
      throw new VigieError(
        'UNAUTHENTICATED',
        'the Authorization header must be "Bearer <token>" with a token from `vigie server token create`',
      );
    token = await tokens.verifyToken(match[1]!);
    if (!token) throw new VigieError('UNAUTHENTICATED', 'the token is not valid: unknown or revoked');
  }
  if (!token) {
    if (scope === 'read' && anonymousRead) return null;
    throw new VigieError(
      'UNAUTHENTICATED',
      `${scope === 'write' ? 'writing' : 'reading'} needs a token with the ${scope} scope (Authorization: Bearer <token>)`,
    );
  }
  if (!hasScope(token.scopes, scope))
    throw new VigieError(
      'FORBIDDEN',
      `token "${token.name}" may only ${token.scopes.join(', ')}; this needs the ${scope} scope`,
    );
  return token;
}

/** The actor of a write: the token's name, whatever the request said. */
export function actorOf(token: VerifiedToken | null): string {
  if (!token) throw new VigieError('UNAUTHENTICATED', 'writing needs a token with the write scope');
  return token.name;
}
