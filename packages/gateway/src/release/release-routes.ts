import type { IncomingMessage, ServerResponse } from 'node:http';
import { isVigieError } from '@vigie/core/errors';
import type { MountedHandler } from '../gateway.js';
import { readJson } from '../http/body.js';
import { HttpError } from '../http/http-error.js';
import { sendJson } from '../http/send.js';
import type { ReleaseController } from './release-controller.js';

/** Where the release admin API is mounted on the gateway. */
export const RELEASES_PREFIX = '/v1/admin/releases';

/**
 * The release admin API, mounted on the gateway under /v1/admin/releases (admin token required):
 * `POST /v1/admin/releases` (a release spec as JSON) → 201 and its status,
 * `GET /v1/admin/releases[/{id}]`, `POST /v1/admin/releases/{id}/rollback` (`{"reason"?}`).
 *
 * @example gateway.mount(RELEASES_PREFIX, releaseRoutes(releases));
 */
export function releaseRoutes(releases: ReleaseController, maxBodyBytes = 1 << 20): MountedHandler {
  return async (req: IncomingMessage, res: ServerResponse, path: string) => {
    try {
      await route(req, res, path.slice(RELEASES_PREFIX.length));
    } catch (error) {
      throw asHttpError(error);
    }
  };

  async function route(req: IncomingMessage, res: ServerResponse, rest: string): Promise<void> {
    if (rest === '' || rest === '/') {
      if (req.method === 'GET') {
        sendJson(res, 200, { releases: releases.list() });
        return;
      }
      if (req.method !== 'POST') throw notAllowed();
      const body = await readJson(req, maxBodyBytes);
      if (body === null || typeof body !== 'object' || Array.isArray(body))
        throw new HttpError(400, 'INVALID_INPUT', 'body: expected a release spec as a JSON object');
      sendJson(res, 201, await releases.apply(body));
      return;
    }
    const parts = rest.slice(1).split('/');
    const id = decodeURIComponent(parts[0]!);
    if (parts.length === 1) {
      if (req.method !== 'GET') throw notAllowed();
      sendJson(res, 200, releases.get(id));
      return;
    }
    if (parts.length === 2 && parts[1] === 'rollback') {
      if (req.method !== 'POST') throw notAllowed();
      const body = await readJson(req, maxBodyBytes).catch(() => null);
      const reason =
        body && typeof body === 'object' && typeof (body as { reason?: unknown }).reason === 'string'
          ? ((body as { reason: string }).reason.slice(0, 500) as string)
          : undefined;
      sendJson(res, 200, releases.rollback(id, reason));
      return;
    }
    throw new HttpError(
      404,
      'NOT_FOUND',
      `no such endpoint: ${req.method} ${RELEASES_PREFIX}${rest.slice(0, 80)}`,
    );
  }
}

function asHttpError(error: unknown): unknown {
  if (error instanceof HttpError || !isVigieError(error)) return error;
  const message = error.message.split('\n')[0]!;
  switch (error.code) {
    case 'NOT_FOUND':
      return new HttpError(404, 'NOT_FOUND', message);
    case 'CONFLICT':
      return new HttpError(409, 'CONFLICT', message);
    case 'INTERNAL':
      return error;
    default:
      return new HttpError(400, 'INVALID_INPUT', message);
  }
}

function notAllowed(): HttpError {
  return new HttpError(405, 'METHOD_NOT_ALLOWED', 'method not allowed on this endpoint');
}
