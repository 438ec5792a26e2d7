import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { VigieError } from '@vigie/core/errors';

/** An option given as inline JSON (`{"depth": 3}`) or as a path to a JSON file. */
export function jsonArg(value: string, option: string, cwd: string): unknown {
  const text =
    value.trimStart().startsWith('{') || value.trimStart().startsWith('[')
      ? value
      : readJsonFile(value, option, cwd);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new VigieError('PARSE_ERROR', `${option}: invalid JSON (${(cause as Error).message})`, {
      cause,
      details: { field: option },
    });
  }
}

function readJsonFile(path: string, option: string, cwd: string): string {
  try {
    return readFileSync(resolve(cwd, path), 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new VigieError(
      code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE',
      `${option} ${path}: ${code === 'ENOENT' ? 'no such file (give inline JSON or a JSON file)' : `cannot read (${code})`}`,
      { cause, details: { file: path } },
    );
  }
}

export function objectArg(value: string, option: string, cwd: string): Record<string, unknown> {
  const v = jsonArg(value, option, cwd);
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new VigieError('INVALID_ARGUMENT', `${option}: expected a JSON object`, {
      details: { field: option },
    });
  return v as Record<string, unknown>;
}
