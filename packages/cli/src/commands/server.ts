import {
  DEFAULT_REGISTRY,
  type OpenedRegistry,
  type TokenScope,
  type TokenStore,
} from '@vigie/core/registry';
import { createApp, type LogEntry, startServer } from '@vigie/server';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CommandContext } from '../context.js';
import { UsageError } from '../exit-codes.js';
import { openCliRegistry, readinessPolicyFrom } from '../registry/open.js';
import { stopSignal } from '../serve/stop-signal.js';

interface StoreFlags {
  registry?: string;
  blobs?: string;
  config?: string;
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
  ).action(async (name: string, flags: StoreFlags & { scope: TokenScope }, command: Command) => {
    await using opened = await openStores(ctx, withParent(flags, command));
    const created = await opened.tokens.createToken({ name, scopes: [flags.scope] });
    ctx.io.stdout.write(`${created.token}\n`);
    ctx.io.stderr.write(
      `created token "${created.name}" (${created.scopes.join(', ')}); it is shown only this once: keep it secret\n`,
    );
  });
  addStoreOptions(
    token.command('list').description('list the tokens (never their values)').option('--json', 'print JSON'),
  ).action(async (flags: StoreFlags & { json?: boolean }, command: Command) => {
    await using opened = await openStores(ctx, withParent(flags, command));
    const tokens = await opened.tokens.listTokens();
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
  ).action(async (name: string, flags: StoreFlags, command: Command) => {
    await using opened = await openStores(ctx, withParent(flags, command));
    await opened.tokens.revokeToken(name);
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
      '--blobs <location>',
      'where the bytes are: a folder or s3://BUCKET/PREFIX (default: VIGIE_BLOBS, or "blobs" beside a SQLite registry)',
    )
    .option(
      '--config <file>',
      'the vigie.yaml whose registry.readiness rules the server applies (default: ./vigie.yaml if any)',
    );
}

/**
 * The store options of a token command, wherever they were written: commander gives
 * `vigie server token create ci --registry X` to the `server` command, which declares it too.
 */
function withParent<T extends StoreFlags>(flags: T, command: Command): T {
  const all = command.optsWithGlobals() as StoreFlags;
  return {
    ...flags,
    ...((flags.registry ?? all.registry) ? { registry: flags.registry ?? all.registry } : {}),
    ...((flags.blobs ?? all.blobs) ? { blobs: flags.blobs ?? all.blobs } : {}),
    ...((flags.config ?? all.config) ? { config: flags.config ?? all.config } : {}),
  };
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError(`expected a port number from 0 to 65535, got "${value}"`);
  return n;
}

/** The SQL registry the server serves (its tokens live there too) and its blob store. */
async function openStores(
  ctx: CommandContext,
  flags: StoreFlags,
): Promise<OpenedRegistry & { tokens: TokenStore }> {
  const text = flags.registry ?? ctx.io.env.VIGIE_REGISTRY ?? DEFAULT_REGISTRY;
  if (/^https?:\/\//i.test(text))
    throw new UsageError(
      `${text} is a server already: vigie server serves sqlite:PATH or postgres://USER@HOST/DB`,
    );
  const policy = await readinessPolicyFrom(
    ctx.io.cwd,
    flags.config ?? 'vigie.yaml',
    flags.config !== undefined,
  );
  const opened = await openCliRegistry(ctx, flags, policy);
  const { tokens } = opened;
  if (!tokens) {
    await opened[Symbol.asyncDispose]();
    throw new UsageError('vigie server needs a sqlite: or postgres: registry');
  }
  return Object.assign(opened, { tokens });
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
    store: opened.store,
    blobs: opened.blobs,
    tokens: opened.tokens,
    options: { anonymousRead: flags.anonymousRead === true },
    log,
  });
  const running = await startServer({ app, host: flags.host, port: flags.port });
  // Listen for the signals before saying we are up: a supervisor may signal as soon as it reads that.
  const stopping = stop();
  const hasTokens = (await opened.tokens.listTokens()).some((t) => t.revokedAt === null);
  const out = ctx.io.stdout;
  out.write(`vigie server: listening on ${running.url}\n`);
  out.write(`  registry ${opened.store.location}, blobs ${opened.blobs.location}\n`);
  out.write(
    `  ${flags.anonymousRead ? 'anyone can read' : 'reads need a token'}; writes need a token with the write scope\n`,
  );
  if (!hasTokens)
    out.write('  no tokens yet: create one with `vigie server token create NAME --scope write`\n');
  if (flags.host !== '127.0.0.1' && flags.host !== 'localhost' && flags.host !== '::1')
    out.write('  plain HTTP: put it behind TLS (a reverse proxy) before exposing it beyond this network\n');
  out.write('  API description: /v1/openapi.json; stop with Ctrl+C\n');
  const signal = await stopping;
  out.write(`vigie server: ${signal}, stopping after the requests in flight (again to stop at once)\n`);
  await running.close();
  out.write('vigie server: stopped\n');
}
