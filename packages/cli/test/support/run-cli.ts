import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

/** The real executable, as `npx vigie` runs it: bin/vigie.js over the built dist/. */
export const VIGIE_BIN = fileURLToPath(new URL('../../bin/vigie.js', import.meta.url));
const DIST_MAIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  /** Kills the child and fails after this long (each run starts DuckDB: ~0.3–0.5 s). */
  timeoutMs?: number;
  env?: Record<string, string | undefined>;
  /** Close the read end of stdout at once, like `vigie ... | head` does once it has enough. */
  closeStdout?: boolean;
}

/**
 * Runs `node bin/vigie.js ...args` as a child process and returns its exit code and output.
 * Colours are off (NO_COLOR) and stdout/stderr are pipes, so progress bars stay silent.
 */
export function runCli(args: readonly string[], options: RunOptions): Promise<CliResult> {
  if (!existsSync(DIST_MAIN)) {
    throw new Error(`${DIST_MAIN} is missing: build first (npm run build)`);
  }
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...options.env };
  delete env.FORCE_COLOR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VIGIE_BIN, ...args], {
      cwd: options.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (options.closeStdout) child.stdout.destroy();
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timeoutMs = options.timeoutMs ?? 30_000;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`vigie ${args.join(' ')} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        code: code ?? (signal ? 128 : -1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
  });
}

export interface Workspace {
  dir: string;
  /** Writes `content` to `name` (folders created) and returns the absolute path. */
  file(name: string, content: string | Uint8Array): string;
  path(name: string): string;
  /** Every file under the folder, relative, sorted (to prove nothing was left behind). */
  files(): string[];
  /** Runs the CLI with this folder as the working directory. */
  run(args: readonly string[], options?: Omit<RunOptions, 'cwd'>): Promise<CliResult>;
}

/** A temporary folder (mkdtemp) for one test file, removed after it. */
export function workspace(prefix = 'vigie-cli-'): Workspace {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const path = (name: string) => join(dir, name);
  return {
    dir,
    path,
    file(name, content) {
      const p = path(name);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, content);
      return p;
    },
    files: () => listFiles(dir),
    run: (args, options = {}) => runCli(args, { ...options, cwd: dir }),
  };
}

export function listFiles(root: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(`${rel}/`, ...listFiles(root, rel));
    else out.push(rel);
  }
  return out.sort();
}

/** Lines of a text output, without the trailing empty one. */
export function lines(text: string): string[] {
  const l = text.split('\n');
  if (l.at(-1) === '') l.pop();
  return l;
}
