import { resolve } from 'node:path';
import { VigieError } from '../errors/index.js';
import { redactUrl } from '../registry/sql/open-postgres.js';
import { createLogWriter, type LogWriterOptions } from './log-writer.js';
import type { NatsLogOptions } from './nats-log-store.js';
import type { PredictionLog, PredictionLogStore } from './prediction-log.js';
import { openSqliteLogStore, type SqliteLogOptions } from './sqlite-log-store.js';

/** Where a prediction log lives, parsed once from its URL. */
export type PredictionLogLocation =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; url: string }
  | { kind: 'nats'; servers: string; stream: string };

export const DEFAULT_PREDICTION_LOG = 'sqlite:.vigie/predictions.db';

/**
 * `sqlite:PATH` (relative to `cwd`), `postgres://USER@HOST/DB` (or `postgresql://`), or
 * `nats://HOST:PORT/STREAM` (a JetStream stream, created if missing).
 */
export function parsePredictionLogUrl(text: string, cwd: string): PredictionLogLocation {
  if (/^sqlite:/i.test(text)) {
    const path = text.replace(/^sqlite:(\/\/)?/i, '');
    if (path) return { kind: 'sqlite', path: resolve(cwd, path) };
  } else if (/^postgres(ql)?:\/\//i.test(text)) return { kind: 'postgres', url: text };
  else if (/^nats:\/\//i.test(text)) {
    const url = safeUrl(text);
    const stream = url ? decodeURIComponent(url.pathname.replace(/^\/+|\/+$/g, '')) : '';
    if (url && /^[A-Za-z0-9_-]+$/.test(stream)) {
      const auth = url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : '';
      return { kind: 'nats', servers: `nats://${auth}${url.host}`, stream };
    }
  }
  throw new VigieError(
    'INVALID_ARGUMENT',
    `"${redactUrl(text)}" is not a prediction log location: write sqlite:PATH, postgres://USER@HOST/DB or nats://HOST:PORT/STREAM (a stream name of letters, digits, _ and -)`,
    { details: { field: 'log' } },
  );
}

function safeUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

export interface OpenPredictionLogOptions extends LogWriterOptions {
  /** Base of relative SQLite paths (default: the process's working directory at the edge). */
  cwd?: string;
  sqlite?: SqliteLogOptions;
  postgres?: { poolSize?: number };
  nats?: NatsLogOptions;
}

/** Opens the store a URL names (creating its tables or stream) and puts the writer in front. */
export async function openPredictionLog(
  url: string,
  options: OpenPredictionLogOptions = {},
): Promise<PredictionLog> {
  const location = parsePredictionLogUrl(url, options.cwd ?? '.');
  return createLogWriter(await openStore(location, options), options);
}

async function openStore(
  location: PredictionLogLocation,
  options: OpenPredictionLogOptions,
): Promise<PredictionLogStore> {
  switch (location.kind) {
    case 'sqlite':
      return openSqliteLogStore(location.path, options.sqlite);
    case 'postgres': {
      const { openPostgresLogStore } = await import('./postgres-log-store.js');
      return openPostgresLogStore(location.url, options.postgres);
    }
    case 'nats': {
      const { openNatsLogStore } = await import('./nats-log-store.js');
      return openNatsLogStore(location.servers, location.stream, options.nats);
    }
  }
}
