import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type DatasetProfile, parseProfile } from '@vigie/core/profile';
import { type DuckDb, openDuckDb, type ReadOptions, readTable, type Table } from '@vigie/core/table';
import { defaultMaxMemory, type ReadFlags } from './options.js';
import type { Progress } from './progress.js';
import { readTextFile } from './read-text.js';

/** Opens the DuckDB session a command uses; dispose it with `await using`. */
export async function openSession(): Promise<DuckDb> {
  return openDuckDb({});
}

/** Reads a data file with the command-line read options, showing progress on a terminal. */
export async function loadTable(
  db: DuckDb,
  location: string,
  flags: ReadFlags,
  progress: Progress,
  extra: Partial<ReadOptions> = {},
): Promise<Table> {
  const label = `reading ${location}`;
  try {
    return await readTable(db, location, {
      ...(flags.format ? { format: flags.format } : {}),
      ...(flags.delimiter ? { delimiter: flags.delimiter } : {}),
      ...(flags.encoding ? { encoding: flags.encoding } : {}),
      ...(flags.type ? { types: flags.type } : {}),
      ...(flags.sample ? { sampleRows: flags.sample, seed: flags.seed ?? 0 } : {}),
      maxMemoryBytes: flags.maxMemory ?? defaultMaxMemory(),
      onProgress: (done, total) => progress.update(label, done, total),
      ...extra,
    });
  } finally {
    progress.done();
  }
}

/** True when the file is a saved Vigie profile (JSON with kind "vigie.profile"). */
export async function isProfileFile(path: string): Promise<boolean> {
  if (!/\.json$/i.test(path)) return false;
  try {
    const head = (await readFile(path, 'utf8')).slice(0, 4096);
    return /"kind"\s*:\s*"vigie\.profile"/.test(head);
  } catch {
    return false;
  }
}

/** Reads and checks a saved profile. */
export async function loadProfileFile(path: string): Promise<DatasetProfile> {
  const text = await readTextFile(path, 'profile');
  return parseProfile(text, path);
}

export function resolveFrom(base: string, path: string): string {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) ? path : resolve(base, path);
}
