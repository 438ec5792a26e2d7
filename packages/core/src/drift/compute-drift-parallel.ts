import { VigieError } from '../errors/index.js';
import { type WorkerPool, withOwnBuffers } from '../parallel/index.js';
import type { Column } from '../table/index.js';
import { columnDrift } from './column-drift.js';
import {
  columnSettings,
  computeDrift,
  type Dataset,
  decideDrift,
  driftColumnNames,
  isProfile,
} from './compute-drift.js';
import { sideFromColumn } from './sides.js';
import type { ColumnDrift, DriftOptions, DriftResult } from './types.js';

const COLUMN_DRIFT = {
  module: new URL('./column-drift.js', import.meta.url).href,
  name: 'columnDriftOfColumns',
  thread: true,
};

/** Has the pool's threads load the drift code ahead of `computeDriftParallel`. */
export function warmDriftWorkers(pool: WorkerPool): Promise<void> {
  return pool.warm(COLUMN_DRIFT.module);
}

/**
 * `computeDrift` with the numeric columns of two raw tables compared on a pool's worker threads
 * (each sorts both sides of its column), the same result. Categorical columns are compared on
 * this thread meanwhile. A saved profile on either side needs no sorting: `computeDrift` runs.
 *
 * @example
 * await using pool = createWorkerPool();
 * const result = await computeDriftParallel(pool, referenceTable, currentTable);
 */
export async function computeDriftParallel(
  pool: WorkerPool,
  reference: Dataset,
  current: Dataset,
  options: DriftOptions = {},
): Promise<DriftResult> {
  if (isProfile(reference) || isProfile(current)) return computeDrift(reference, current, options);
  const refColumns = new Map(reference.columns.map((c) => [c.name, c]));
  const curColumns = new Map(current.columns.map((c) => [c.name, c]));
  const names = driftColumnNames(reference.columns, options);
  const refs = names.map((name): Column => {
    const col = refColumns.get(name);
    if (!col) {
      throw new VigieError('COLUMN_NOT_FOUND', `no column "${name}" in the reference data`, {
        details: { column: name },
      });
    }
    return col;
  });
  const columns = new Array<ColumnDrift>(names.length);
  const remote = names.map((name, i) => {
    const ref = refs[i]!;
    if (ref.storage !== 'float64') return null;
    const cur = curColumns.get(name);
    const args = [
      name,
      withOwnBuffers(ref),
      cur === undefined ? null : withOwnBuffers(cur),
      columnSettings(options, name),
    ];
    return pool.run<ColumnDrift>(COLUMN_DRIFT, args).then((d) => {
      columns[i] = d;
    });
  });
  names.forEach((name, i) => {
    const ref = refs[i]!;
    if (ref.storage === 'float64') return;
    const cur = curColumns.get(name);
    const side = cur === undefined ? undefined : sideFromColumn(cur);
    columns[i] = columnDrift(name, sideFromColumn(ref), side, columnSettings(options, name));
  });
  await Promise.all(remote);
  return decideDrift(reference, current, columns, options);
}
