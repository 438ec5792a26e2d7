import type { BlobStore, RegistryStore, TokenStore } from '@vigie/core/registry';

export interface ServerOptions {
  /** Let requests without a token read (never write). Default false. */
  anonymousRead: boolean;
  /** Largest JSON request body, in bytes. Default 1 MiB. */
  maxJsonBytes: number;
  /** Largest blob upload, in bytes. Default 10 GiB. */
  maxBlobBytes: number;
  /**
   * Blobs up to this size are read and verified before the first byte is sent, so a corrupt one
   * gets a clean 422; larger ones are streamed and the connection is cut before the last chunk
   * when the bytes do not match. Default 8 MiB.
   */
  verifyBeforeSendBytes: number;
}

export const DEFAULT_OPTIONS: ServerOptions = {
  anonymousRead: false,
  maxJsonBytes: 1024 * 1024,
  maxBlobBytes: 10 * 1024 ** 3,
  verifyBeforeSendBytes: 8 * 1024 * 1024,
};

/** Something worth an operator's attention: a request that failed on the server's side. */
export interface LogEntry {
  level: 'error' | 'warn';
  message: string;
  error?: unknown;
}

/** What the app is built from; it owns none of them (the caller opens and disposes them). */
export interface AppDeps {
  store: RegistryStore;
  blobs: BlobStore;
  tokens: TokenStore;
  options?: Partial<ServerOptions>;
  /** Where server-side failures go (the app itself never prints). */
  log?: (entry: LogEntry) => void;
}

export interface ResolvedDeps {
  store: RegistryStore;
  blobs: BlobStore;
  tokens: TokenStore;
  options: ServerOptions;
  log: (entry: LogEntry) => void;
  /** The OpenAPI document, built once on first use. */
  openapi: () => Record<string, unknown>;
}

export function resolveDeps(deps: AppDeps, openapi: () => Record<string, unknown>): ResolvedDeps {
  let document: Record<string, unknown> | undefined;
  return {
    openapi: () => (document ??= openapi()),
    store: deps.store,
    blobs: deps.blobs,
    tokens: deps.tokens,
    options: { ...DEFAULT_OPTIONS, ...deps.options },
    log: deps.log ?? (() => undefined),
  };
}
