import { VigieError } from '../errors/index.js';
import type { DatasetProfile } from '../profile/index.js';
import { createSortScratch, multipletests, type SortScratch } from '../stats/index.js';
import type { Table } from '../table/index.js';
import { type ColumnDriftSettings, columnDrift } from './column-drift.js';
import { type SideSource, sideFromColumn, sideFromProfile } from './sides.js';
import {
  type ColumnDrift,
  DRIFT_SCHEMA_VERSION,
  type DriftMethod,
  type DriftOptions,
  type DriftResult,
  PSI_FAIL,
  PVALUE_METHODS,
} from './types.js';

export type Dataset = Table | DatasetProfile;

export function isProfile(d: Dataset): d is DatasetProfile {
  return (d as DatasetProfile).kind === 'vigie.profile';
}

/** The sides of a dataset's columns; raw columns sort with `scratch` as working memory. */
export function sidesOf(d: Dataset, scratch?: SortScratch): Map<string, SideSource> {
  const sides = isProfile(d)
    ? d.columns.map(sideFromProfile)
    : d.columns.map((col) => sideFromColumn(col, scratch));
  return new Map(sides.map((s) => [s.name, s]));
}

const NOT_COMPARED_BY_DEFAULT = new Set(['id', 'text', 'datetime']);

const METHOD_LABEL: Record<DriftMethod, string> = {
  ks: 'Kolmogorov-Smirnov',
  chisquare: 'chi-square',
  wasserstein: 'Wasserstein distance / sd(reference)',
  jensenshannon: 'Jensen-Shannon distance',
  psi: 'PSI',
};

function fmt(x: number): string {
  if (x === 0) return '0';
  const a = Math.abs(x);
  return a >= 1e-3 && a < 1e4 ? String(Number(x.toPrecision(3))) : x.toExponential(2);
}

/**
 * Compares the distribution of each column of `current` with `reference` (raw tables or saved
 * profiles), corrects p-values across columns, and decides dataset drift. Definitions, defaults
 * and thresholds: docs/drift.md.
 *
 * @example
 * const result = computeDrift(referenceTable, currentTable); // result.datasetDrift.drift
 */
export function computeDrift(reference: Dataset, current: Dataset, options: DriftOptions = {}): DriftResult {
  // One working memory for every sort, and each column's sorted values let go once compared:
  // a million-row table otherwise allocates 17 MB per sort and keeps every sorted column.
  const scratch = createSortScratch();
  const refSides = sidesOf(reference, scratch);
  const curSides = sidesOf(current, scratch);
  const columns: ColumnDrift[] = [];
  for (const name of driftColumnNames([...refSides.values()], options)) {
    const ref = refSides.get(name);
    if (!ref) {
      throw new VigieError('COLUMN_NOT_FOUND', `no column "${name}" in the reference data`, {
        details: { column: name },
      });
    }
    columns.push(columnDrift(name, ref, curSides.get(name), columnSettings(options, name)));
    refSides.delete(name);
    curSides.delete(name);
  }
  return decideDrift(reference, current, columns, options);
}

/** The settings of one column: its override, else the options' method and threshold. */
export function columnSettings(options: DriftOptions, name: string): ColumnDriftSettings {
  const override = options.perColumn?.[name];
  return {
    method: override?.method ?? options.method ?? 'auto',
    threshold: override?.threshold ?? options.threshold,
    psiBins: options.psiBins ?? 10,
    psiEpsilon: options.psiEpsilon ?? 1e-4,
  };
}

/** The columns to compare: the option's, else all but ids, text and datetimes, minus ignored ones. */
export function driftColumnNames(
  names: readonly { name: string; type: string }[],
  options: DriftOptions,
): string[] {
  const chosen =
    options.columns ?? names.filter((s) => !NOT_COMPARED_BY_DEFAULT.has(s.type)).map((s) => s.name);
  return chosen.filter((name) => !options.perColumn?.[name]?.ignore);
}

/**
 * Corrects the p-values across the compared columns, decides each column and the dataset.
 * Mutates and returns the columns in a DriftResult.
 */
export function decideDrift(
  reference: Dataset,
  current: Dataset,
  columns: ColumnDrift[],
  options: DriftOptions,
): DriftResult {
  const correction = options.correction ?? 'fdr_bh';
  const datasetShare = options.datasetShare ?? 0.5;
  const tested = columns.filter((c) => c.pvalue !== null && PVALUE_METHODS.has(c.method));
  if (tested.length > 0) {
    const raw = tested.map((c) => c.pvalue!);
    const adjusted =
      correction === 'none' ? raw : Array.from(multipletests(raw, { method: correction }).pvalsCorrected);
    tested.forEach((c, i) => {
      c.pvalueAdjusted = adjusted[i]!;
    });
  }
  for (const c of columns) {
    if (c.statistic === null || c.drift !== null) continue;
    const label = METHOD_LABEL[c.method];
    if (PVALUE_METHODS.has(c.method)) {
      const p = c.pvalueAdjusted!;
      c.drift = p < c.threshold;
      const adj = correction === 'none' ? '' : ` (${correction}-adjusted ${fmt(p)})`;
      c.reason = `${label} p = ${fmt(c.pvalue!)}${adj} ${c.drift ? '<' : '≥'} ${c.threshold}: ${c.drift ? 'drift' : 'no drift'}${c.reason}`;
      c.status = c.drift ? 'fail' : 'pass';
    } else {
      c.drift = c.statistic >= c.threshold;
      c.reason = `${label} ${fmt(c.statistic)} ${c.drift ? '≥' : '<'} ${c.threshold}: ${c.drift ? 'drift' : 'no drift'}${c.reason}`;
      c.status = !c.drift ? 'pass' : c.method === 'psi' && c.statistic <= PSI_FAIL ? 'warn' : 'fail';
    }
  }
  const evaluated = columns.filter((c) => c.drift !== null);
  const drifted = evaluated.filter((c) => c.drift).length;
  const share = evaluated.length === 0 ? 0 : drifted / evaluated.length;
  return {
    schemaVersion: DRIFT_SCHEMA_VERSION,
    kind: 'vigie.drift',
    reference: {
      source: reference.source ?? null,
      rows: isProfile(reference) ? reference.rows : reference.rowCount,
    },
    current: { source: current.source ?? null, rows: isProfile(current) ? current.rows : current.rowCount },
    correction,
    datasetDrift: {
      drift: evaluated.length > 0 && share >= datasetShare,
      share,
      threshold: datasetShare,
      driftedColumns: drifted,
      evaluatedColumns: evaluated.length,
    },
    columns,
  };
}
