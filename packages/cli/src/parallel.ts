import {
  computeDrift,
  computeDriftParallel,
  type Dataset,
  type DriftOptions,
  type DriftResult,
} from '@vigie/core/drift';
import {
  createWorkerPool,
  type DatasetProfile,
  type ProfileOptions,
  profileTable,
  profileTableParallel,
  type WorkerPool,
} from '@vigie/core/profile';
import type { Table } from '@vigie/core/table';

/**
 * A worker pool started before the data is read, so its start-up overlaps the reading, with
 * `threads` workers; none unless more than one thread is asked for. One thread is the default:
 * on two cores a one-shot command gains nothing from workers (1M rows × 20 columns from
 * Parquet: 2.6 s on one thread, 2.8–3.0 s with two), as their start-up and compilation
 * (0.5–0.8 s) eat what the second core saves.
 * `warm` loads the code the workers will run. Close the pool when done (`await using`).
 */
export function startPool(warm: (pool: WorkerPool) => Promise<void>, threads = 1): WorkerPool | undefined {
  if (threads <= 1) return undefined;
  const pool = createWorkerPool({ threads });
  // A worker that cannot start fails the first real task with its error; nothing to report here.
  warm(pool).catch(() => {});
  return pool;
}

/** `profileTable`, on the pool's threads when there is one (the same profile). */
export function profileOn(
  pool: WorkerPool | undefined,
  table: Table,
  options: ProfileOptions,
  onColumn: (done: number, total: number) => void,
): Promise<DatasetProfile> {
  return pool
    ? profileTableParallel(pool, table, options, onColumn)
    : Promise.resolve(profileTable(table, options, onColumn));
}

/** `computeDrift`, on the pool's threads when there is one (the same result). */
export function driftOn(
  pool: WorkerPool | undefined,
  reference: Dataset,
  current: Dataset,
  options: DriftOptions,
): Promise<DriftResult> {
  return pool
    ? computeDriftParallel(pool, reference, current, options)
    : Promise.resolve(computeDrift(reference, current, options));
}
