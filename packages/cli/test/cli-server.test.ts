import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createHttpBlobStore,
  createHttpRegistryStore,
  openSqliteRegistry,
  putBytes,
} from '@vigie/core/registry';
import { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { registerServer, serve } from '../src/commands/server.js';
import type { CommandContext } from '../src/context.js';

const root = mkdtempSync(join(tmpdir(), 'vigie-cli-server-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

function context(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const ctx: CommandContext = {
    io: {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
      cwd,
      env: {},
    },
    exitCode: 0,
    debug: false,
  };
  return { ctx, out: () => out.join(''), err: () => err.join('') };
}

async function vigie(cwd: string, ...args: string[]) {
  const c = context(cwd);
  const program = new Command('vigie').exitOverride();
  registerServer(program, c.ctx);
  await program.parseAsync(args, { from: 'user' });
  return c;
}

describe('vigie server', () => {
  it('creates a token printed once, lists tokens without their values, and revokes them', async () => {
    const cwd = join(root, `case-${++n}`);
    const created = await vigie(cwd, 'server', 'token', 'create', 'ci', '--scope', 'write');
    const token = created.out().trim();
    expect(token).toMatch(/^vgt_[A-Za-z0-9_-]{43}$/);
    expect(created.err()).toBe(
      'created token "ci" (read, write); it is shown only this once: keep it secret\n',
    );
    const listed = await vigie(cwd, 'server', 'token', 'list');
    expect(listed.out()).toMatch(/^ci\tread,write\tcreated \S+\n$/);
    expect(listed.out()).not.toContain(token.slice(4));
    expect((await vigie(cwd, 'server', 'token', 'revoke', 'ci')).out()).toBe('revoked token "ci"\n');
    const json = JSON.parse((await vigie(cwd, 'server', 'token', 'list', '--json')).out());
    expect(json).toMatchObject([{ name: 'ci', scopes: ['read', 'write'], revokedAt: expect.any(String) }]);
    // The default registry: .vigie/registry.db under the working directory.
    await using registry = await openSqliteRegistry(join(cwd, '.vigie', 'registry.db'));
    expect((await registry.tokens.listTokens()).map((t) => t.name)).toEqual(['ci']);
  });

  it('serves the registry until stopped, with the token name as the actor', async () => {
    const cwd = join(root, `case-${++n}`);
    const token = (await vigie(cwd, 'server', 'token', 'create', 'ana', '--scope', 'write')).out().trim();
    const c = context(cwd);
    let stop: (signal: string) => void = () => undefined;
    const stopped = new Promise<string>((r) => (stop = r));
    const running = serve(c.ctx, { host: '127.0.0.1', port: 0 }, () => stopped);
    let url: string | undefined;
    for (let i = 0; i < 200 && !url; i++) {
      await new Promise((r) => setTimeout(r, 10));
      url = /listening on (http:\/\/\S+)/.exec(c.out())?.[1];
    }
    expect(url).toBeDefined();
    expect(c.out()).toContain(`blobs file:${join(cwd, '.vigie', 'blobs')}`);
    const blobs = createHttpBlobStore({ url: url!, token });
    const { hash, size } = await putBytes(blobs, 'a,b\n1,2\n');
    const store = createHttpRegistryStore({ url: url!, token });
    const { version } = await store.registerDataset({
      by: 'someone else',
      name: 'tiny',
      contentHash: hash,
      format: 'csv',
      sizeBytes: size,
      rows: 1,
      schema: [],
    });
    expect(version.createdBy).toBe('ana');
    stop('SIGTERM');
    await running;
    expect(c.out()).toMatch(
      /SIGTERM, stopping after the requests in flight \(again to stop at once\)\nvigie server: stopped\n$/,
    );
    await expect(store.listDatasets()).rejects.toMatchObject({ code: 'FILE_UNREADABLE' });
  });

  it('refuses a registry it cannot serve, and Postgres without a blob folder', async () => {
    const cwd = join(root, `case-${++n}`);
    await expect(vigie(cwd, 'server', '--registry', 'http://elsewhere:7700')).rejects.toThrow(
      'http://elsewhere:7700 is a server already: vigie server serves sqlite:PATH or postgres://USER@HOST/DB',
    );
    await expect(vigie(cwd, 'server', '--registry', 'postgres://u:secret@db/vigie')).rejects.toThrow(
      'a Postgres registry needs a blob location for the bytes: --blobs DIR or --blobs s3://BUCKET/PREFIX (or VIGIE_BLOBS)',
    );
  });

  it('stops cleanly on a real SIGTERM', async () => {
    const cwd = join(root, `case-${++n}`);
    mkdirSync(cwd, { recursive: true });
    const dist = fileURLToPath(new URL('../dist/commands/server.js', import.meta.url));
    const commander = pathToFileURL(createRequire(import.meta.url).resolve('commander')).href;
    const script = `
      import { Command } from ${JSON.stringify(commander)};
      import { registerServer } from ${JSON.stringify(pathToFileURL(dist).href)};
      const io = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: {} };
      const program = new Command('vigie');
      registerServer(program, { io, exitCode: 0, debug: false });
      await program.parseAsync(['server', '--port', '0'], { from: 'user' });`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_PATH: '' },
    });
    let out = '';
    let err = '';
    let signalled = false;
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (!signalled && out.includes('stop with Ctrl+C')) signalled = child.kill('SIGTERM');
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    expect(err).toBe('');
    expect(out).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(out).toMatch(
      /SIGTERM, stopping after the requests in flight \(again to stop at once\)\nvigie server: stopped\n$/,
    );
    expect(code).toBe(0);
  });
});
