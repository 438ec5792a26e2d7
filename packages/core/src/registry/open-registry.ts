import { dirname, join, resolve } from 'node:path';
import { VigieError } from '../errors/index.js';
import type { BlobStore } from './blobs/blob-store.js';
import { createFsBlobStore } from './blobs/fs-blob-store.js';
import { createS3BlobStore, parseS3Url } from './blobs/s3-blob-store.js';
import { createHttpBlobStore } from './http/http-blob-store.js';
import { createHttpRegistryStore } from './http/http-store.js';
import type { ReadinessPolicy } from './readiness.js';
import type { Registry } from './register-files.js';
import { openPostgresRegistry, redactUrl } from './sql/open-postgres.js';
import { openSqliteRegistry } from './sql/open-sqlite.js';
import type { RegistryStore } from './store.js';
import type { TokenStore } from './tokens.js';

/** Where the metadata lives, parsed once from a URL. */
export type RegistryLocation =
  | { kind: 'sqlite'; path: string }
  | { kind: 'postgres'; url: string }
  | { kind: 'http'; url: string };

/** Where the bytes live. */
export type BlobLocation = { kind: 'file'; path: string } | { kind: 's3'; bucket: string; prefix: string };

export const DEFAULT_REGISTRY = 'sqlite:.vigie/registry.db';

/** `sqlite:PATH`, `postgres://...` (or `postgresql://`), `http(s)://...`; relative paths from `cwd`. */
export function parseRegistryUrl(text: string, cwd: string): RegistryLocation {
  if (/^sqlite:/i.test(text)) {
    const path = text.replace(/^sqlite:(\/\/)?/i, '');
    if (!path) throw badUrl(text);
    return { kind: 'sqlite', path: resolve(cwd, path) };
  }
  if (/^postgres(ql)?:\/\//i.test(text)) return { kind: 'postgres', url: text };
  if (/^https?:\/\//i.test(text)) return { kind: 'http', url: text.replace(/\/+$/, '') };
  throw badUrl(text);
}

function badUrl(text: string): VigieError {
  return new VigieError(
    'INVALID_ARGUMENT',
    `"${redactUrl(text)}" is not a registry location: write sqlite:PATH, postgres://USER@HOST/DB or http(s)://HOST:PORT`,
    { details: { field: 'registry' } },
  );
}

/** `file:PATH` or a plain path, or `s3://BUCKET/PREFIX`. */
export function parseBlobUrl(text: string, cwd: string): BlobLocation {
  if (/^s3:\/\//i.test(text)) return { kind: 's3', ...parseS3Url(text) };
  const path = text.replace(/^file:(\/\/)?/i, '');
  if (!path || /^[a-z][a-z0-9+.-]*:\/\//i.test(path))
    throw new VigieError(
      'INVALID_ARGUMENT',
      `"${text}" is not a blob location: write a folder, file:PATH or s3://BUCKET/PREFIX`,
      {
        details: { field: 'blobs' },
      },
    );
  return { kind: 'file', path: resolve(cwd, path) };
}

export interface OpenRegistryOptions {
  registry: RegistryLocation;
  /** Required for Postgres; beside the database for SQLite; the server itself for HTTP. */
  blobs?: BlobLocation;
  /** S3 endpoint and region (credentials come from the AWS SDK's provider chain). */
  s3?: { endpoint?: string; region?: string };
  /** Bearer token for a Vigie server. */
  token?: string;
  policy?: ReadinessPolicy;
  now?: () => Date;
}

/** An opened registry; SQL ones also hold the server's tokens. */
export interface OpenedRegistry extends Registry {
  tokens: TokenStore | null;
}

/** Opens a registry's metadata store and blob store from their locations. */
export async function openRegistry(options: OpenRegistryOptions): Promise<OpenedRegistry> {
  const { registry } = options;
  const sqlOptions = {
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.now ? { now: options.now } : {}),
  };
  if (registry.kind === 'http') {
    if (options.blobs)
      throw new VigieError(
        'INVALID_ARGUMENT',
        'a Vigie server keeps its own blobs: drop --blobs (VIGIE_BLOBS)',
        {
          details: { field: 'blobs' },
        },
      );
    const client = { url: registry.url, ...(options.token ? { token: options.token } : {}) };
    return bundle(createHttpRegistryStore(client), createHttpBlobStore(client), null);
  }
  let blobLocation = options.blobs;
  if (!blobLocation) {
    if (registry.kind === 'postgres')
      throw new VigieError(
        'INVALID_ARGUMENT',
        'a Postgres registry needs a blob location for the bytes: --blobs DIR or --blobs s3://BUCKET/PREFIX (or VIGIE_BLOBS)',
        { details: { field: 'blobs' } },
      );
    blobLocation = { kind: 'file', path: join(dirname(registry.path), 'blobs') };
  }
  const blobs =
    blobLocation.kind === 'file'
      ? createFsBlobStore(blobLocation.path)
      : createS3BlobStore({
          bucket: blobLocation.bucket,
          prefix: blobLocation.prefix,
          ...(options.s3?.endpoint ? { endpoint: options.s3.endpoint } : {}),
          ...(options.s3?.region ? { region: options.s3.region } : {}),
        });
  try {
    const store =
      registry.kind === 'sqlite'
        ? await openSqliteRegistry(registry.path, sqlOptions)
        : await openPostgresRegistry(registry.url, sqlOptions);
    return bundle(store, blobs, store.tokens);
  } catch (error) {
    await blobs[Symbol.asyncDispose]();
    throw error;
  }
}

function bundle(store: RegistryStore, blobs: BlobStore, tokens: TokenStore | null): OpenedRegistry {
  return {
    store,
    blobs,
    tokens,
    async [Symbol.asyncDispose]() {
      await store[Symbol.asyncDispose]();
      await blobs[Symbol.asyncDispose]();
    },
  };
}
