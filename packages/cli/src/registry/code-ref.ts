import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CodeRef } from '@vigie/core/registry';

/**
 * The code behind a step: the git commit of `path` and whether the work tree had uncommitted
 * changes (then the commit alone does not reproduce it). Null fields outside a git repository.
 */
export function codeRefOf(path: string, command: string | null = null): CodeRef {
  const full = resolve(path);
  let cwd = full;
  try {
    if (!statSync(full).isDirectory()) cwd = dirname(full);
  } catch {
    cwd = dirname(full);
  }
  const git = (...args: string[]) => {
    const r = spawnSync('git', ['-C', cwd, ...args], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : null;
  };
  const commit = git('rev-parse', 'HEAD');
  const status = commit === null ? null : git('status', '--porcelain', '--untracked-files=no', '--', '.');
  return { gitCommit: commit, dirty: status === null ? null : status.length > 0, path: full, command };
}
