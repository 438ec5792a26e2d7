import { type ChildProcess, spawn } from 'node:child_process';
import { VIGIE_BIN } from './run-cli.js';

export interface Served {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the exit code (or the signal's name) once the process has ended. */
  exited: Promise<number | string>;
}

/**
 * Starts `vigie serve ...args` as a child process and resolves once it prints the URL it listens
 * on; rejects with its output if it exits first (or within `timeoutMs`).
 */
export function startServe(args: readonly string[], cwd: string, timeoutMs = 30_000): Promise<Served> {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const child = spawn(process.execPath, [VIGIE_BIN, 'serve', ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (b: Buffer) => {
    out += b.toString();
  });
  child.stderr.on('data', (b: Buffer) => {
    err += b.toString();
  });
  const exited = new Promise<number | string>((resolve) =>
    child.on('close', (code, signal) => resolve(code ?? signal ?? -1)),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`vigie serve did not start within ${timeoutMs} ms:\n${out}${err}`));
    }, timeoutMs);
    const check = () => {
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', check);
        resolve({ child, url: m[1]!, stdout: () => out, stderr: () => err, exited });
      }
    };
    child.stdout.on('data', check);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`vigie serve exited (${code}) before listening:\n${out}${err}`));
    });
  });
}
