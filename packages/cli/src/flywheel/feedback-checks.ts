import { resolve } from 'node:path';
import { type DriftReference, runChecks } from '@vigie/core/checks';
import type { CheckSpec, VigieConfig } from '@vigie/core/config';
import { profileTable, tableContentHash } from '@vigie/core/profile';
import { createReport, type Report } from '@vigie/core/report';
import { type DuckDb, readTable, type SemanticType, type Table } from '@vigie/core/table';
import { VERSION } from '../context.js';
import { loadProfileFile } from '../data.js';

/** Checks about the whole dataset or this run, not about a batch of rows appended to it. */
const NOT_FOR_APPENDED_ROWS = new Set<CheckSpec['check']>([
  'row_count',
  'required_analyses',
  'duplicates',
  'unique',
]);

function columnsOf(spec: CheckSpec): string[] | null {
  const s = spec as { column?: string; columns?: string[] };
  if (s.column) return [s.column];
  if (s.columns) return s.columns;
  return null;
}

/**
 * Runs the config's checks that apply to the labelled production rows: those about columns the
 * rows have (the model's inputs and the label). Checks of the whole dataset (row count, required
 * analyses, duplicates, uniqueness) and of columns production does not send (ids, comments) are
 * skipped and listed, since the base version already passed them.
 */
export async function checkFeedbackRows(args: {
  db: DuckDb;
  config: VigieConfig;
  baseDir: string;
  rows: Table;
}): Promise<{ report: Report; skipped: string[] }> {
  const { config, rows } = args;
  const present = new Set(rows.columns.map((c) => c.name));
  const applicable: CheckSpec[] = [];
  const skipped: string[] = [];
  for (const spec of config.checks) {
    const cols = columnsOf(spec);
    const name = spec.name ?? spec.check;
    if (NOT_FOR_APPENDED_ROWS.has(spec.check) || cols === null)
      skipped.push(`${name} (about the whole dataset)`);
    else if (!cols.every((c) => present.has(c)))
      skipped.push(
        `${name} [${cols.filter((c) => !present.has(c)).join(', ')}] (columns production does not send)`,
      );
    else applicable.push(spec);
  }
  const types: Record<string, SemanticType> = {};
  for (const [name, c] of Object.entries(config.columns ?? {})) if (c.type) types[name] = c.type;
  let hash: string | undefined;
  const verdicts = await runChecks(applicable, {
    table: rows,
    loadReference: async (r: DriftReference) => {
      if (typeof r === 'object' && 'profile' in r) return loadProfileFile(resolve(args.baseDir, r.profile));
      return readTable(args.db, resolve(args.baseDir, typeof r === 'string' ? r : r.path), { types });
    },
    loadProfile: (p: string) => loadProfileFile(resolve(args.baseDir, p)),
    contentHash: () => (hash ??= tableContentHash(rows)),
    analyses: new Map(),
    seed: 0,
  });
  const report = createReport({
    command: 'check',
    title: 'Checks of the labelled production rows',
    vigieVersion: VERSION,
    verdicts,
    dataset: {
      source: rows.source ?? 'prediction log',
      rows: rows.rowCount,
      columns: rows.columns.length,
      contentHash: tableContentHash(rows),
    },
    profile: profileTable(rows, { seed: 0 }),
  });
  return { report, skipped };
}
