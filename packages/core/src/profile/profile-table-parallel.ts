import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { type ThreadContext, threadLocal, type WorkerPool, withOwnBuffers } from '../parallel/index.js';
import type { Column, Table } from '../table/index.js';
import { contentHashOfColumns } from './content-hash.js';
import { createProfileScratch } from './profile-scratch.js';
import { datasetProfile, profileColumnAndHash } from './profile-table.js';
import {
  type ColumnProfile,
  type DatasetProfile,
  type ProfileOptions,
  type ResolvedProfileOptions,
  resolveProfileOptions,
} from './types.js';

const PROFILE_COLUMN = { module: import.meta.url, name: 'profileColumnOnThread', thread: true };

/** Each worker's working memory for the columns it profiles one after another. */
const PROFILE_SCRATCH = threadLocal(createProfileScratch);

/** The task a worker runs for `profileTableParallel`: `profileColumnAndHash` with its thread's memory. */
export function profileColumnOnThread(
  col: Column,
  options: ResolvedProfileOptions,
  thread: ThreadContext,
): { profile: ColumnProfile; hash: string } {
  return profileColumnAndHash(col, options, thread.get(PROFILE_SCRATCH));
}

/** Columns each worker has in hand at once, so it never waits on this thread for its next one. */
const IN_FLIGHT = 2;

/** Has the pool's threads load the profiling code ahead of `profileTableParallel`. */
export function warmProfileWorkers(pool: WorkerPool): Promise<void> {
  return pool.warm(PROFILE_COLUMN.module);
}

/**
 * `profileTable` with the numeric columns profiled and hashed on a pool's worker threads, the
 * same result. Numeric columns (the costly ones: sketches, sorts) wait in a queue the workers
 * take from; dictionary and boolean columns are profiled on this thread, since copying a
 * dictionary's strings across threads costs about as much as profiling it. Then this thread takes
 * from the queue too, from its other end, so all finish about together.
 *
 * @example
 * await using pool = createWorkerPool();
 * const profile = await profileTableParallel(pool, table, { quantiles: 'exact' });
 */
export async function profileTableParallel(
  pool: WorkerPool,
  table: Table,
  options: ProfileOptions = {},
  onColumn?: (done: number, total: number) => void,
): Promise<DatasetProfile> {
  const resolved = resolveProfileOptions(options);
  const total = table.columns.length;
  const profiles = new Array<ColumnProfile>(total);
  const hashes = new Array<string>(total);
  let done = 0;
  const store = (j: number, result: { profile: ColumnProfile; hash: string }) => {
    profiles[j] = result.profile;
    hashes[j] = result.hash;
    onColumn?.(++done, total);
  };
  const queue: number[] = [];
  table.columns.forEach((col, j) => {
    if (col.storage === 'float64') queue.push(j);
  });
  // The first failure is kept and the queue emptied; drains never reject, so no rejection waits
  // unheard while this thread works.
  let failure: { error: unknown } | undefined;
  const drain = async () => {
    for (let j = queue.shift(); j !== undefined; j = queue.shift()) {
      const col = withOwnBuffers(table.columns[j]!);
      try {
        store(j, await pool.run<{ profile: ColumnProfile; hash: string }>(PROFILE_COLUMN, [col, resolved]));
      } catch (error) {
        failure ??= { error };
        queue.length = 0;
      }
    }
  };
  const remote = Array.from({ length: pool.threads * IN_FLIGHT }, drain);
  const scratch = createProfileScratch();
  try {
    for (let j = 0; j < total && failure === undefined; j++) {
      const col = table.columns[j]!;
      if (col.storage === 'float64') continue;
      store(j, profileColumnAndHash(col, resolved, scratch));
      await yieldToEvents();
    }
    for (let j = queue.pop(); j !== undefined && failure === undefined; j = queue.pop()) {
      store(j, profileColumnAndHash(table.columns[j]!, resolved, scratch));
      await yieldToEvents();
    }
  } finally {
    // A failure on this thread leaves tasks in flight: let them settle before reporting it.
    queue.length = 0;
    await Promise.all(remote);
  }
  if (failure !== undefined) throw failure.error;
  const contentHash = resolved.contentHash ? contentHashOfColumns(table.rowCount, hashes) : '';
  return datasetProfile(table, profiles, resolved, contentHash);
}
