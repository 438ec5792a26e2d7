import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { VigieError } from '@vigie/core/errors';
import { type DatasetVersion, parseRef, type Registry, writeBlobTo } from '@vigie/core/registry';
import type { DuckDb, Table } from '@vigie/core/table';
import type { CommandContext } from '../context.js';
import { loadTable } from '../data.js';
import type { ReadFlags } from '../options.js';
import type { Progress } from '../progress.js';

export interface EvalData {
  table: Table;
  /** What was evaluated, for messages: a file, or `penguins@1 test`. */
  label: string;
  dataset: DatasetVersion | null;
  split: string | null;
}

/**
 * The rows to evaluate on: a file (--data), or a split of a registered dataset version
 * (--dataset REF --split NAME), its bytes verified on the way. Types come from the registered
 * schema, so the split reads as it did when registered.
 */
export async function loadEvalData(
  ctx: CommandContext,
  db: DuckDb,
  registry: () => Promise<Registry>,
  flags: ReadFlags & { data?: string; dataset?: string; split?: string },
  progress: Progress,
): Promise<EvalData> {
  if (flags.data) {
    const path = resolve(ctx.io.cwd, flags.data);
    return {
      table: await loadTable(db, path, flags, progress),
      label: flags.data,
      dataset: null,
      split: flags.split ?? null,
    };
  }
  if (!flags.dataset)
    throw new VigieError(
      'INVALID_ARGUMENT',
      'give the rows to evaluate: --data FILE, or --dataset NAME@VERSION --split NAME',
      {
        details: { field: 'data' },
      },
    );
  const reg = await registry();
  const dataset = await reg.store.getDataset(parseRef(flags.dataset));
  const name = flags.split ?? 'test';
  const split = dataset.splits.find((s) => s.name === name);
  if (!split?.blobHash)
    throw new VigieError(
      'NOT_FOUND',
      `${dataset.name}@${dataset.version} has no stored "${name}" split (splits: ${dataset.splits.map((s) => s.name).join(', ') || 'none'})`,
      {
        details: { ref: dataset.id },
      },
    );
  const dir = await mkdtemp(join(tmpdir(), 'vigie-eval-'));
  try {
    const file = join(dir, `${name}.${dataset.format}`);
    await writeBlobTo(reg.blobs, split.blobHash, file);
    const types = Object.fromEntries(dataset.schema.map((f) => [f.name, f.type]));
    const table = await loadTable(
      db,
      file,
      { ...flags, type: { ...types, ...(flags.type ?? {}) } as ReadFlags['type'] },
      progress,
    );
    return { table, label: `${dataset.name}@${dataset.version} ${name}`, dataset, split: name };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
