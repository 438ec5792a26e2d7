import { dirname, resolve } from 'node:path';
import {
  type BlobStore,
  createFsBlobStore,
  openPostgresRegistry,
  openSqliteRegistry,
  type SqlRegistryStore,
  type TokenScope,
} from '@vigie/core/registry';
import { createApp, type LogEntry, startServer } from '@vigie/server';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CommandContext } from '../context.js';
import { UsageError } from '../exit-codes.js';

const DEFAULT_REGISTRY = 'sqlite:.vigie/registry.db';

interface StoreFlags {
  registry?: string;
  blobs?: string;
}

interface ServeFlags extends StoreFlags {
  host: string;
  port: number;
  anonymousRead?: boolean;
}

/** `vigie server` (start the registry API) and `vigie server token create|list|revoke`. */
export function registerServer(program: Command, ctx: CommandContext): void {
  const server = program
    .command('server')
    .summary('serve the registry over HTTP (the control plane) and manage its tokens')
    .description(
      'Serve the registry (datasets, models, analyses, aliases, events, lineage and blobs) over HTTP, so a team ' +
        'and CI share one: `vigie ... --registry http://HOST:7700` talks to it. Writes need a token with the write ' +
        'scope and are recorded under the token name; reads need a token too, unless --anonymous-read. The API is ' +
        'described at /v1/openapi.json. Stops cleanly on Ctrl+C (SIGINT) or SIGTERM.',
    )
    .option('--host <host>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', parsePort, 7700)
    .option('--anonymous-read', 'let requests without a token read (never write)')
    .addHelpText(
      'after',
      `
Examples:
  $ vigie server token create ci --scope write      create a token (printed once)
  $ vigie server                                     serve .vigie/registry.db on http://127.0.0.1:7700
  $ vigie server --host 0.0.0.0 --port 8080 --registry postgres://vigie@db/vigie --blobs /srv/vigie/blobs
  $ VIGIE_TOKEN=vgt_... vigie dataset list --registry http://127.0.0.1:7700`,
    );
  addStoreOptions(server);
  server.action((flags: ServeFlags) => serve(ctx, flags, stopSignal));

  const token = server
    .command('token')
    .summary('create, list and revoke the tokens of the server')
    .description(
      'Tokens are stored hashed (SHA-256) in the registry database; the plaintext is printed once, at creation. ' +
        'A write token can also read. The token name is recorded as the actor of every write made with it.',
    );
  addStoreOptions(
    token
      .command('create')
      .description('create a token and print it once (on stdout; everything else goes to stderr)')
      .argument('<name>', 'who uses it, recorded with every write: a person, "ci", "gateway"...')
      .addOption(
        new Option('--scope <scope>', 'read, or write (which includes read)')
          .choices(['read', 'write'])
          .makeOptionMandatory(),
      )
      .addHelpText(
        'after',
        '\nExample:\n  $ export VIGIE_TOKEN=$(vigie server token create ci --scope write)',
      ),
  ).action(async (name: string, flags: StoreFlags & { scope: TokenScope }) => {
    await using opened = await openStores(ctx, flags);
    const created = await opened.registry.tokens.createToken({ name, scopes: [flags.scope] });
    ctx.io.stdout.write(`${created.token}\n`);
    ctx.io.stderr.write(
      `created token "${created.name}" (${created.scopes.join(', ')}); it is shown only this once: keep it secret\n`,
    );
  });
  addStoreOptions(
    token.command('list').description('list the tokens (never their values)').option('--json', 'print JSON'),
  ).action(async (flags: StoreFlags & { json?: boolean }) => {
    await using opened = await openStores(ctx, flags);
    const tokens = await opened.registry.tokens.listTokens();
    if (flags.json) {
      ctx.io.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`);
      return;
    }
    if (tokens.length === 0) {
      ctx.io.stdout.write('no tokens (create one with `vigie server token create NAME --scope write`)\n');
      return;
    }
    for (const t of tokens)
      ctx.io.stdout.write(
        `${t.name}\t${t.scopes.join(',')}\tcreated ${t.createdAt}${t.revokedAt ? `\trevoked ${t.revokedAt}` : ''}\n`,
      );
  });
  addStoreOptions(
    token
      .command('revoke')
      .description('revoke a token: requests with it are refused from now on')
      .argument('<name>'),
  ).action(async (name: string, flags: StoreFlags) => {
    await using opened = await openStores(ctx, flags);
    await opened.registry.tokens.revokeToken(name);
    ctx.io.stdout.write(`revoked token "${name}"\n`);
  });
}

function addStoreOptions(cmd: Command): Command {
  return cmd
    .option(
      '--registry <url>',
      `sqlite:PATH or postgres://USER@HOST/DB (default: VIGIE_REGISTRY or ${DEFAULT_REGISTRY})`,
    )
    .option(
      '--blobs <dir>',
      'folder of the blobs (default: VIGIE_BLOBS, or "blobs" beside a SQLite registry)',
    );
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError(`expected a port number from 0 to 65535, got "${value}"`);
  return n;
}

interface OpenStores extends AsyncDisposable {
  registry: SqlRegistryStore;
  blobs: BlobStore;
  blobDir: string;
}

/** The SQL registry (where the tokens live too) and the blob folder the server serves. */
async function openStores(ctx: CommandContext, flags: StoreFlags): Promise<OpenStores> {
  const text = flags.registry ?? ctx.io.env.VIGIE_REGISTRY ?? DEFAULT_REGISTRY;
  const sqlite = /^sqlite:/i.test(text) ? resolve(ctx.io.cwd, text.replace(/^sqlite:(\/\/)?/i, '')) : null;
  if (!sqlite && !/^postgres(ql)?:\/\//i.test(text))
    throw new UsageError(
      `"${text.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')}" is not a registry a server can serve: give sqlite:PATH or postgres://USER@HOST/DB`,
    );
  const blobText = flags.blobs ?? ctx.io.env.VIGIE_BLOBS;
  if (blobText && /^[a-z][a-z0-9+.-]*:\/\//i.test(blobText) && !/^file:/i.test(blobText))
    throw new UsageError(`--blobs ${blobText}: vigie server keeps its blobs in a folder; give a path`);
  const blobDir = blobText
    ? resolve(ctx.io.cwd, blobText.replace(/^file:(\/\/)?/i, ''))
    : sqlite && resolve(dirname(sqlite), 'blobs');
  if (!blobDir)
    throw new UsageError('a Postgres registry needs a folder for the blobs: --blobs DIR (or VIGIE_BLOBS)');
  const registry = sqlite ? await openSqliteRegistry(sqlite) : await openPostgresRegistry(text);
  const blobs = createFsBlobStore(blobDir);
  return {
    registry,
    blobs,
    blobDir,
    async [Symbol.asyncDispose]() {
      await blobs[Symbol.asyncDispose]();
      await registry[Symbol.asyncDispose]();
    },
  };
}

/** Resolves with the signal's name on the first SIGINT or SIGTERM. */
function stopSignal(): Promise<string> {
  return new Promise((resolveStop) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolveStop(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * Serves until `stop()` (called once listening) resolves, then waits for the requests in flight
 * and closes the stores.
 */
export async function serve(
  ctx: CommandContext,
  flags: ServeFlags,
  stop: () => Promise<string>,
): Promise<void> {
  await using opened = await openStores(ctx, flags);
  const log = (entry: LogEntry) => {
    const cause = entry.error instanceof Error ? `: ${entry.error.message}` : '';
    ctx.io.stderr.write(`vigie server: ${entry.level}: ${entry.message}${cause}\n`);
    if (ctx.debug && entry.error instanceof Error && entry.error.stack)
      ctx.io.stderr.write(`${entry.error.stack}\n`);
  };
  const app = createApp({
    store: opened.registry,
    blobs: opened.blobs,
    tokens: opened.registry.tokens,
    options: { anonymousRead: flags.anonymousRead === true },
    log,
  });
  const running = await startServer({ app, host: flags.host, port: flags.port });
  const hasTokens = (await opened.registry.tokens.listTokens()).some((t) => t.revokedAt === null);
  const out = ctx.io.stdout;
  out.write(`vigie server: listening on ${running.url}\n`);
  out.write(`  registry ${opened.registry.location}, blobs ${opened.blobDir}\n`);
  out.write(
    `  ${flags.anonymousRead ? 'anyone can read' : 'reads need a token'}; writes need a token with the write scope\n`,
  );
  if (!hasTokens)
    out.write('  no tokens yet: create one with `vigie server token create NAME --scope write`\n');
  if (flags.host !== '127.0.0.1' && flags.host !== 'localhost' && flags.host !== '::1')
    out.write('  plain HTTP: put it behind TLS (a reverse proxy) before exposing it beyond this network\n');
  out.write('  API description: /v1/openapi.json; stop with Ctrl+C\n');
  const signal = await stop();
  out.write(`vigie server: ${signal}, stopping after the requests in flight (again to stop at once)\n`);
  await running.close();
  out.write('vigie server: stopped\n');
}
