import { type WorkerPool, withOwnBuffers } from '../parallel/index.js';
import type { Column, Table } from '../table/index.js';
import { tableContentHash } from './content-hash.js';
import { datasetProfile, profileColumn } from './profile-table.js';
import {
  type ColumnProfile,
  type DatasetProfile,
  type ProfileOptions,
  resolveProfileOptions,
} from './types.js';

const PROFILE_COLUMN = { module: new URL('./profile-table.js', import.meta.url).href, name: 'profileColumn' };

/** Has the pool's threads load the profiling code ahead of `profileTableParallel`. */
export function warmProfileWorkers(pool: WorkerPool): Promise<void> {
  return pool.warm(PROFILE_COLUMN.module);
}

/**
 * `profileTable` with the numeric columns profiled on a pool's worker threads, the same result.
 * Numeric columns (the costly ones: sketches, sorts) are copied to the workers; dictionary and
 * boolean columns are profiled on this thread, where the content hash is computed meanwhile,
 * since copying a dictionary's strings across threads costs about as much as profiling it.
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
  const columns = new Array<ColumnProfile>(total);
  let done = 0;
  const store = (j: number, profile: ColumnProfile) => {
    columns[j] = profile;
    onColumn?.(++done, total);
  };
  const remote = table.columns.map((col, j) =>
    col.storage === 'float64'
      ? pool.run<ColumnProfile>(PROFILE_COLUMN, [withOwnBuffers(col), resolved]).then((p) => store(j, p))
      : null,
  );
  table.columns.forEach((col: Column, j) => {
    if (col.storage !== 'float64') store(j, profileColumn(col, resolved));
  });
  const contentHash = resolved.contentHash ? tableContentHash(table) : '';
  await Promise.all(remote);
  return datasetProfile(table, columns, resolved, contentHash);
}
