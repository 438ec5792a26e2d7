import { VigieError } from '@vigie/core/errors';
import { getColumn, type Table } from '@vigie/core/table';
import { compareFeatures, type Row, skewVerdicts, tableRows } from '@vigie/core/testing';
import type { Verdict } from '@vigie/core/verdict';
import { loadFunction, parseFunctionSpec } from './load-function.js';

export interface SkewFlags {
  cwd: string;
  exclude: readonly string[];
  columns?: readonly string[];
  call?: 'batch' | 'row';
  tolerance?: number;
}

/** `--skew TRAIN SERVE`: the rows of the data through both feature functions, compared per column. */
export async function runSkew(
  data: Table,
  specs: readonly string[],
  flags: SkewFlags,
): Promise<{ verdicts: Verdict[]; header: string; summary: Record<string, unknown> }> {
  const [train, serve] = specs.map((s, i) =>
    parseFunctionSpec(s, i === 0 ? '--skew (training)' : '--skew (serving)'),
  );
  const trainFn = await loadFunction(train!.path, train!.name, flags.cwd, '--skew');
  const serveFn = await loadFunction(serve!.path, serve!.name, flags.cwd, '--skew');
  const names = flags.columns ?? data.columns.map((c) => c.name).filter((n) => !flags.exclude.includes(n));
  const rows = tableRows(
    data,
    names.map((n) => getColumn(data, n)),
  );
  const t = await featuresOf(trainFn, rows, flags.call, specs[0]!);
  const s = await featuresOf(serveFn, rows, flags.call, specs[1]!);
  const tolerance = flags.tolerance ?? 1e-9;
  const skew = compareFeatures(t, s, { absolute: tolerance, relative: tolerance });
  return {
    verdicts: skewVerdicts(skew, `${specs[0]} vs ${specs[1]}`),
    header: `skew · ${specs[0]} vs ${specs[1]} · ${rows.length} rows`,
    summary: { mode: 'skew', training: specs[0], serving: specs[1], skew },
  };
}

async function featuresOf(
  fn: (input: never) => unknown,
  rows: Row[],
  call: 'batch' | 'row' | undefined,
  name: string,
): Promise<Row[]> {
  try {
    if (call === 'row') {
      const out: Row[] = [];
      for (const r of rows) out.push((await (fn as (r: Row) => unknown)(structuredClone(r))) as Row);
      return out;
    }
    const out = await (fn as (r: Row[]) => unknown)(structuredClone(rows));
    if (!Array.isArray(out))
      throw new VigieError('INVALID_ARGUMENT', `--skew ${name}: the function did not return a list of rows`);
    return out as Row[];
  } catch (error) {
    if (error instanceof VigieError) throw error;
    throw new VigieError(
      'INVALID_ARGUMENT',
      `--skew ${name}: the function threw on the data (${(error as Error).message})`,
      { cause: error },
    );
  }
}
