import { labelledTable, openPredictionLog } from '@vigie/core/monitor';
import type { Table } from '@vigie/core/table';
import { appendRows } from './append-rows.js';

/** The log URL without credentials, as it is recorded in the registry. */
export function redact(url: string): string {
  return url.replace(/\/\/[^/@]*@/, '//');
}

/** Both user-facing roles: primary and canary candidate answers (shadow answers never reached anyone). */
export async function labelledRows(
  logUrl: string,
  cwd: string,
  filter: { model: string; since?: string; until?: string },
  signature: Parameters<typeof labelledTable>[2],
  label: string,
): Promise<{ rows: Table; ids: string[] }> {
  await using log = await openPredictionLog(logUrl, { cwd });
  let rows: Table | null = null;
  const ids: string[] = [];
  for (const role of ['primary', 'candidate'] as const) {
    const t = await labelledTable(log, { ...filter, role }, signature, {
      labelColumn: label,
      predictionColumn: null,
      idColumn: 'prediction_id',
    });
    const idCol = t.columns.find((c) => c.name === 'prediction_id');
    if (idCol?.storage === 'dict') for (const code of idCol.codes) ids.push(idCol.dictionary[code]!);
    const features = { ...t, columns: t.columns.filter((c) => c.name !== 'prediction_id') };
    rows = rows ? appendRows(rows, features) : features;
  }
  return { rows: rows!, ids };
}
