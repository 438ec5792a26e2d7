import { availableParallelism } from 'node:os';
import {
  computeDrift,
  computeDriftParallel,
  type Dataset,
  type DriftOptions,
  type DriftResult,
  isProfile,
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
 * Below this many numeric values a worker pool costs more than it saves: a fresh worker spends
 * about 0.3 s importing and warming up, about what profiling two million values takes.
 */
export const PARALLEL_MIN_VALUES = 2_000_000;

/**
 * A worker pool for profiling or comparing these tables, or none when one thread is asked for,
 * the machine has one core, or the tables are too small for threads to pay (`--threads` given
 * explicitly always opens a pool above one thread). Close it when done: `await using`.
 */
export function poolFor(tables: readonly Table[], threads?: number): WorkerPool | undefined {
  const wanted = threads ?? availableParallelism();
  if (wanted <= 1) return undefined;
  if (threads === undefined) {
    const values = tables.reduce(
      (sum, t) => sum + t.rowCount * t.columns.filter((c) => c.storage === 'float64').length,
      0,
    );
    if (values < PARALLEL_MIN_VALUES) return undefined;
  }
  return createWorkerPool({ threads: wanted });
}

/** `profileTable`, on worker threads when `poolFor` opens a pool (the same profile). */
export async function profileWithThreads(
  table: Table,
  options: ProfileOptions,
  onColumn: (done: number, total: number) => void,
  threads?: number,
): Promise<DatasetProfile> {
  await using pool = poolFor([table], threads);
  return pool
    ? await profileTableParallel(pool, table, options, onColumn)
    : profileTable(table, options, onColumn);
}

/** `computeDrift`, on worker threads for two large raw tables (the same result). */
export async function driftWithThreads(
  reference: Dataset,
  current: Dataset,
  options: DriftOptions,
  threads?: number,
): Promise<DriftResult> {
  const tables = [reference, current].filter((d): d is Table => !isProfile(d));
  // A saved profile needs no sorting: only two raw tables are worth threads.
  await using pool = tables.length === 2 ? poolFor(tables, threads) : undefined;
  return pool
    ? await computeDriftParallel(pool, reference, current, options)
    : computeDrift(reference, current, options);
}
