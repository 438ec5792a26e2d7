import { VigieError } from '../../errors/index.js';
import type { Storage } from '../column.js';
import { readHeaderFields } from './csv-dialect.js';
import { missingColumn, tooLarge } from './read-errors.js';
import type { ReadOptions } from './read-options.js';
import type { DataSource } from './source.js';

/** What both ways of loading a source know about the read in progress. */
export interface ReadContext {
  source: DataSource;
  label: string;
  /** The CSV delimiter in use (given or detected). */
  delimiter: string | undefined;
  options: ReadOptions;
}

/** A source column as DuckDB describes it; `index` is its position in the source. */
export interface DescribedColumn {
  name: string;
  duckType: string;
  index: number;
}

const BYTES_PER_ROW: Record<Storage, number> = { float64: 8, bool: 1, dict: 4 };

/**
 * Checks what was read before its columns are converted: some rows exist, a CSV read as a single
 * column did not get the wrong delimiter, and the columns the options name exist. Returns the
 * columns to load, in the order asked.
 */
export async function checkShape(
  rows: number,
  described: readonly DescribedColumn[],
  ctx: ReadContext,
): Promise<DescribedColumn[]> {
  const { source, label, delimiter, options } = ctx;
  if (rows === 0) {
    const what = source.format === 'csv' ? 'has a header but no data rows' : 'has no rows';
    throw new VigieError('EMPTY_INPUT', `${label}: ${what}`, { details: { file: label } });
  }
  if (
    source.kind === 'local' &&
    source.format === 'csv' &&
    described.length === 1 &&
    delimiter !== undefined
  ) {
    const header = (await readHeaderFields(source.path, delimiter))[0] ?? '';
    const other = [',', ';', '\t', '|'].find((c) => c !== delimiter && header.includes(c));
    if (other !== undefined && options.delimiter !== undefined) {
      throw new VigieError(
        'PARSE_ERROR',
        `${label}:1: only one column was found with delimiter ${JSON.stringify(delimiter)}, but the header contains ${JSON.stringify(other)}; is the delimiter ${JSON.stringify(other)}?`,
        { details: { file: label, line: 1 } },
      );
    }
  }
  const names = described.map((d) => d.name);
  let selected = [...described];
  if (options.columns) {
    const known = new Map(described.map((d) => [d.name, d]));
    selected = options.columns.map((name) => {
      const d = known.get(name);
      if (!d) throw missingColumn(label, name, names, 'requested');
      return d;
    });
  }
  const known = new Set(names);
  for (const name of Object.keys(options.types ?? {})) {
    if (!known.has(name) && !options.columns)
      throw missingColumn(label, name, names, 'given a type in the config');
  }
  return selected;
}

/** Refuses to load columns of these storages when they would exceed the memory budget. */
export function checkMemory(rows: number, storages: readonly Storage[], ctx: ReadContext): void {
  const budget = ctx.options.maxMemoryBytes;
  const needed = storages.reduce((s, storage) => s + rows * BYTES_PER_ROW[storage], 0);
  if (budget !== undefined && needed > budget) throw tooLarge(ctx.label, needed, budget);
}

/**
 * Numeric columns live in shared memory: worker threads (profiles, drift) read them in place
 * instead of receiving a copy, which costs about 6 ms of CPU per million values on each side.
 */
export function sharedFloat64(rows: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(rows * Float64Array.BYTES_PER_ELEMENT));
}
