import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { VigieError } from '@vigie/core/errors';
import type { PipelineFunction } from '@vigie/core/testing';

/** `path.mjs:name` (or `path.mjs`, the default export) parsed into its parts. */
export function parseFunctionSpec(text: string, option: string): { path: string; name: string } {
  const at = text.lastIndexOf(':');
  // A colon inside the first two characters is a Windows drive letter, not a separator.
  if (at > 1) return { path: text.slice(0, at), name: text.slice(at + 1) || 'default' };
  if (text === '')
    throw new VigieError('INVALID_ARGUMENT', `${option}: expected FILE[:EXPORT]`, {
      details: { field: option },
    });
  return { path: text, name: 'default' };
}

/** Imports a module and returns one of its exported functions; exit-2 errors name the file and export. */
export async function loadFunction(
  path: string,
  name: string,
  cwd: string,
  option: string,
): Promise<PipelineFunction> {
  const file = resolve(cwd, path);
  if (!existsSync(file))
    throw new VigieError('FILE_NOT_FOUND', `${option} ${path}: no such file`, { details: { file: path } });
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (cause) {
    throw new VigieError(
      'FILE_UNREADABLE',
      `${option} ${path}: the module cannot be loaded (${(cause as Error).message.split('\n')[0]})`,
      {
        cause,
        details: { file: path },
      },
    );
  }
  const fn = module[name];
  if (typeof fn !== 'function') {
    const exported = Object.keys(module)
      .filter((k) => typeof module[k] === 'function')
      .sort();
    throw new VigieError(
      'INVALID_ARGUMENT',
      `${option} ${path}: no exported function "${name}"${exported.length > 0 ? ` (functions: ${exported.join(', ')})` : ''}`,
      { details: { file: path, field: name } },
    );
  }
  return fn as PipelineFunction;
}
