import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * Writes a file so that readers never see a half-written one: the bytes go to a temporary file in
 * the same folder, are flushed to disk, and the file is renamed over the target. On failure the
 * temporary file is removed and the target is untouched.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = temporarySibling(path);
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** A unique temporary path next to `path` (same filesystem, so rename is atomic). */
export function temporarySibling(path: string): string {
  return join(dirname(path), `.${randomBytes(6).toString('hex')}.tmp-${baseName(path)}`);
}

function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? 'file';
}

/**
 * Runs `produce(tmpPath)` to create a file (e.g. DuckDB's COPY), then renames it over `path`.
 * Nothing is left behind on failure.
 */
export async function produceFileAtomic(
  path: string,
  produce: (tmpPath: string) => Promise<void>,
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = temporarySibling(path);
  try {
    await produce(tmp);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true, recursive: true });
    throw e;
  }
}
