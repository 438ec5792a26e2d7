import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '@vigie/core/fs';
import { SPLIT_NAMES, type SplitName, type SplitResult } from '@vigie/core/split';
import { type DuckDb, type Table, writeTable } from '@vigie/core/table';
import { jsonReplacer } from './outputs.js';

/**
 * Writes train/validation/test files and split.json into `dir`. Every file is first written to a
 * staging folder beside `dir`, then moved in, so a failure leaves no partial split behind.
 */
export async function writeSplits(
  db: DuckDb,
  dir: string,
  parts: Record<SplitName, Table>,
  result: SplitResult,
  format: 'csv' | 'parquet',
): Promise<Record<SplitName, string>> {
  const target = resolve(dir);
  await mkdir(dirname(target), { recursive: true });
  const staging = await mkdtemp(join(dirname(target), '.vigie-split-'));
  const files = {} as Record<SplitName, string>;
  try {
    for (const name of SPLIT_NAMES) {
      const file = `${name}.${format}`;
      await writeTable(db, parts[name], join(staging, file), { format });
      files[name] = join(dir, file);
    }
    await writeFileAtomic(
      join(staging, 'split.json'),
      `${JSON.stringify({ ...result, files }, jsonReplacer, 2)}\n`,
    );
    await mkdir(target, { recursive: true });
    for (const name of [...SPLIT_NAMES.map((n) => `${n}.${format}`), 'split.json'])
      await rename(join(staging, name), join(target, name));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return files;
}
