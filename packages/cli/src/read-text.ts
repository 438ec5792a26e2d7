import { readFile } from 'node:fs/promises';
import { VigieError } from '@vigie/core/errors';

/**
 * Reads a UTF-8 file the user named, or fails in one line: `SHOWN: cannot read the WHAT (no such
 * file | CODE)`, FILE_NOT_FOUND or FILE_UNREADABLE. `shown` is the name as the user wrote it
 * (default: the path).
 */
export async function readTextFile(path: string, what: string, shown: string = path): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new VigieError(
      code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE',
      `${shown}: cannot read the ${what} (${code === 'ENOENT' ? 'no such file' : (code ?? 'error')})`,
      { cause, details: { file: shown } },
    );
  }
}
