import { readFile } from 'node:fs/promises';
import { parseConfig, type VigieConfig } from '@vigie/core/config';
import { VigieError } from '@vigie/core/errors';

/** Reads and validates a vigie.yaml; a missing file names the option that sets it. */
export async function readConfig(path: string): Promise<VigieConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new VigieError(
      code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE',
      code === 'ENOENT'
        ? `${path}: no such file (pass --config FILE; see docs/config.md)`
        : `${path}: cannot read (${code ?? 'error'})`,
      { cause, details: { file: path } },
    );
  }
  return parseConfig(text, path);
}
