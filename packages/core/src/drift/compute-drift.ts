import { VigieError } from '../errors/index.js';
import type { DatasetProfile } from '../profile/index.js';
import { multipletests } from '../stats/index.js';
import type { Table } from '../table/index.js';
import { chisquareMeasureFromCounts, jsFromCounts } from './binned.js';
import {
  alignCounts,
  chisquareMeasure,
  jensenShannonMeasure,
  psiCategoricalMeasure,
} from './categorical-drift.js';
import {
  binCounts,
  ksMeasure,
  type Measure,
  psiMeasure,
  referenceQuantileEdges,
  wassersteinMeasure,
} from './numeric-drift.js';
import { type SideSource, sideFromColumn, sideFromProfile } from './sides.js';
import {
  type ColumnDrift,
  DEFAULT_THRESHOLDS,
  DRIFT_SCHEMA_VERSION,
  type DriftMethod,
  type DriftMethodChoice,
  type DriftOptions,
  type DriftResult,
  FEW_DISTINCT,
  MIN_SAMPLE,
  PSI_FAIL,
  PVALUE_METHODS,
  SMALL_REFERENCE,
} from './types.js';

type Dataset = Table | DatasetProfile;

function isProfile(d: Dataset): d is DatasetProfile {
  return (d as DatasetProfile).kind === 'vigie.profile';
}

function sidesOf(d: Dataset): Map<string, SideSource> {
  const sides = isProfile(d) ? d.columns.map(sideFromProfile) : d.columns.map(sideFromColumn);
  return new Map(sides.map((s) => [s.name, s]));
}

const NUMERIC_ONLY: ReadonlySet<DriftMethod> = new Set(['ks', 'wasserstein']);
const NOT_COMPARED_BY_DEFAULT = new Set(['id', 'text', 'datetime']);

interface Planned {
  name: string;
  ref: SideSource;
  cur: SideSource | undefined;
  kind: 'numeric' | 'categorical';
  method: DriftMethod;
  threshold: number;
  note: string;
}

function refSize(side: SideSource, kind: 'numeric' | 'categorical'): number {
  if (kind === 'numeric' && side.numeric) return side.numeric().n;
  return side.categorical?.()?.n ?? 0;
}

/**
 * Chooses how a column is compared, following the defaults of docs/drift.md: numeric columns with
 * more than 5 distinct reference values are numeric (KS up to 1,000 reference rows, Wasserstein in
 * reference standard deviations above); others are categorical (chi-square up to 1,000 rows,
 * Jensen-Shannon above). A forced method that does not apply to the column falls back to 'auto'.
 */
function plan(
  ref: SideSource,
  cur: SideSource | undefined,
  choice: DriftMethodChoice,
  threshold: number | undefined,
): Planned {
  const numericCapable = ref.numeric !== undefined;
  let note = '';
  let kind: 'numeric' | 'categorical' =
    numericCapable && ref.moreDistinctThan(FEW_DISTINCT) ? 'numeric' : 'categorical';
  let method: DriftMethod;
  if (choice !== 'auto' && NUMERIC_ONLY.has(choice) && !numericCapable) {
    note = ` (${choice} applies to numeric columns only; used the default)`;
    choice = 'auto';
  }
  if (choice === 'auto') {
    const small = refSize(ref, kind) <= SMALL_REFERENCE;
    method = kind === 'numeric' ? (small ? 'ks' : 'wasserstein') : small ? 'chisquare' : 'jensenshannon';
  } else {
    method = choice;
    if (NUMERIC_ONLY.has(method)) kind = 'numeric';
    else if (numericCapable && ref.categorical?.() === null) kind = 'numeric';
    else if (numericCapable && kind === 'categorical' && method === 'psi') kind = 'categorical';
  }
  return { name: ref.name, ref, cur, kind, method, threshold: threshold ?? DEFAULT_THRESHOLDS[method], note };
}

interface Measurement {
  sizes: { referenceSize: number; currentSize: number };
  measure: Measure | null;
  alongside: ColumnDrift['alongside'];
  newCategories?: string[];
  /** The reference profile lacks the full frequency table this comparison needs. */
  incomplete?: boolean;
}

function measureNumeric(p: Planned, psiBins: number, psiEpsilon: number): Measurement {
  const ref = p.ref.numeric!();
  const cur = p.cur!.numeric!();
  const sizes = { referenceSize: ref.n, currentSize: cur.n };
  if (ref.n < MIN_SAMPLE || cur.n < MIN_SAMPLE) return { sizes, measure: null, alongside: {} };
  let measure: Measure;
  const alongside: ColumnDrift['alongside'] = {};
  if (p.method === 'ks') measure = ksMeasure(ref, cur);
  else if (p.method === 'wasserstein') measure = wassersteinMeasure(ref, cur);
  else if (p.method === 'psi') measure = psiMeasure(ref, cur, psiBins, psiEpsilon);
  else {
    const inner = referenceQuantileEdges(ref, psiBins);
    const a = binCounts(ref, inner);
    const b = binCounts(cur, inner);
    measure =
      p.method === 'jensenshannon'
        ? jsFromCounts(a, b, ref.kind === 'values' && cur.kind === 'values')
        : chisquareMeasureFromCounts(a, b);
  }
  if (p.method !== 'ks') {
    const ks = ksMeasure(ref, cur);
    alongside.ksStatistic = ks.statistic;
    if (ks.pvalue !== null) alongside.ksPvalue = ks.pvalue;
  }
  if (p.method !== 'psi') alongside.psi = psiMeasure(ref, cur, psiBins, psiEpsilon).statistic;
  if (p.method !== 'wasserstein') alongside.wassersteinNormalized = wassersteinMeasure(ref, cur).statistic;
  return { sizes, measure, alongside };
}

function measureCategorical(p: Planned, psiEpsilon: number): Measurement {
  const ref = p.ref.categorical?.() ?? null;
  const cur = p.cur!.categorical?.() ?? null;
  if (ref === null || cur === null) {
    return {
      sizes: { referenceSize: ref?.n ?? 0, currentSize: cur?.n ?? 0 },
      measure: null,
      alongside: {},
      incomplete: true,
    };
  }
  const sizes = { referenceSize: ref.n, currentSize: cur.n };
  const aligned = alignCounts(ref, cur);
  if (ref.n < MIN_SAMPLE || cur.n < MIN_SAMPLE)
    return { sizes, measure: null, alongside: {}, newCategories: aligned.newCategories };
  const measure =
    p.method === 'chisquare'
      ? chisquareMeasure(aligned)
      : p.method === 'jensenshannon'
        ? jensenShannonMeasure(aligned)
        : psiCategoricalMeasure(aligned, psiEpsilon);
  const alongside: ColumnDrift['alongside'] = {};
  if (p.method !== 'jensenshannon') alongside.jensenshannon = jensenShannonMeasure(aligned).statistic;
  if (p.method !== 'psi') alongside.psi = psiCategoricalMeasure(aligned, psiEpsilon).statistic;
  const exact = ref.complete && cur.complete;
  return { sizes, measure: { ...measure, exact }, alongside, newCategories: aligned.newCategories };
}

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
  const refSides = sidesOf(reference);
  const curSides = sidesOf(current);
  const correction = options.correction ?? 'fdr_bh';
  const datasetShare = options.datasetShare ?? 0.5;
  const psiBins = options.psiBins ?? 10;
  const psiEpsilon = options.psiEpsilon ?? 1e-4;
  const names =
    options.columns ??
    [...refSides.values()].filter((s) => !NOT_COMPARED_BY_DEFAULT.has(s.type)).map((s) => s.name);
  const columns: ColumnDrift[] = [];
  for (const name of names) {
    const override = options.perColumn?.[name];
    if (override?.ignore) continue;
    const ref = refSides.get(name);
    if (!ref) {
      throw new VigieError('COLUMN_NOT_FOUND', `no column "${name}" in the reference data`, {
        details: { column: name },
      });
    }
    const cur = curSides.get(name);
    const p = plan(
      ref,
      cur,
      override?.method ?? options.method ?? 'auto',
      override?.threshold ?? options.threshold,
    );
    const base = {
      name,
      type: ref.type,
      kind: p.kind,
      method: p.method,
      threshold: p.threshold,
      exact: true,
      alongside: {},
    };
    if (!cur) {
      columns.push({
        ...base,
        statistic: null,
        pvalue: null,
        pvalueAdjusted: null,
        drift: true,
        status: 'fail',
        referenceSize: refSize(ref, p.kind),
        currentSize: 0,
        reason: 'the column is missing from the current data',
      });
      continue;
    }
    const curNumeric = cur.numeric !== undefined;
    if (p.kind === 'numeric' && !curNumeric) {
      columns.push({
        ...base,
        statistic: null,
        pvalue: null,
        pvalueAdjusted: null,
        drift: true,
        status: 'fail',
        referenceSize: refSize(ref, p.kind),
        currentSize: 0,
        reason: `the column's type changed from ${ref.type} to ${cur.type}`,
      });
      continue;
    }
    const m =
      p.kind === 'numeric' ? measureNumeric(p, psiBins, psiEpsilon) : measureCategorical(p, psiEpsilon);
    const newCategories =
      m.newCategories && m.newCategories.length > 0 ? { newCategories: m.newCategories.slice(0, 50) } : {};
    if (m.measure === null) {
      const why = m.incomplete
        ? 'the reference profile has no full frequency table for this column'
        : `too few values to compare (${m.sizes.referenceSize} reference, ${m.sizes.currentSize} current; at least ${MIN_SAMPLE} each are needed)`;
      columns.push({
        ...base,
        ...m.sizes,
        ...newCategories,
        statistic: null,
        pvalue: null,
        pvalueAdjusted: null,
        drift: null,
        status: 'inconclusive',
        reason: why + p.note,
      });
      continue;
    }
    columns.push({
      ...base,
      ...m.sizes,
      ...newCategories,
      exact: m.measure.exact,
      alongside: m.alongside,
      statistic: m.measure.statistic,
      pvalue: m.measure.pvalue,
      pvalueAdjusted: null,
      drift: null,
      status: 'pass',
      reason: p.note,
    });
  }

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
