import { type ThreadContext, threadLocal } from '../parallel/index.js';
import { createSortScratch } from '../stats/index.js';
import type { Column } from '../table/index.js';
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
import { type SideSource, sideFromColumn } from './sides.js';
import {
  type ColumnDrift,
  DEFAULT_THRESHOLDS,
  type DriftMethod,
  type DriftMethodChoice,
  FEW_DISTINCT,
  MIN_SAMPLE,
  SMALL_REFERENCE,
} from './types.js';

/** How one column is compared: the method chosen for it and the PSI settings. */
export interface ColumnDriftSettings {
  method: DriftMethodChoice;
  threshold: number | undefined;
  psiBins: number;
  psiEpsilon: number;
}

const NUMERIC_ONLY: ReadonlySet<DriftMethod> = new Set(['ks', 'wasserstein']);

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

/**
 * The comparison of one column, before the correction across columns and the decision: the
 * method planned, the sizes, the measure and what is reported alongside (status 'pass' until
 * `computeDrift` decides; 'fail' or 'inconclusive' when no comparison is possible).
 */
export function columnDrift(
  name: string,
  ref: SideSource,
  cur: SideSource | undefined,
  settings: ColumnDriftSettings,
): ColumnDrift {
  const p = plan(ref, cur, settings.method, settings.threshold);
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
    return {
      ...base,
      statistic: null,
      pvalue: null,
      pvalueAdjusted: null,
      drift: true,
      status: 'fail',
      referenceSize: refSize(ref, p.kind),
      currentSize: 0,
      reason: 'the column is missing from the current data',
    };
  }
  const curNumeric = cur.numeric !== undefined;
  if (p.kind === 'numeric' && !curNumeric) {
    return {
      ...base,
      statistic: null,
      pvalue: null,
      pvalueAdjusted: null,
      drift: true,
      status: 'fail',
      referenceSize: refSize(ref, p.kind),
      currentSize: 0,
      reason: `the column's type changed from ${ref.type} to ${cur.type}`,
    };
  }
  const m =
    p.kind === 'numeric'
      ? measureNumeric(p, settings.psiBins, settings.psiEpsilon)
      : measureCategorical(p, settings.psiEpsilon);
  const newCategories =
    m.newCategories && m.newCategories.length > 0 ? { newCategories: m.newCategories.slice(0, 50) } : {};
  if (m.measure === null) {
    const why = m.incomplete
      ? 'the reference profile has no full frequency table for this column'
      : `too few values to compare (${m.sizes.referenceSize} reference, ${m.sizes.currentSize} current; at least ${MIN_SAMPLE} each are needed)`;
    return {
      ...base,
      ...m.sizes,
      ...newCategories,
      statistic: null,
      pvalue: null,
      pvalueAdjusted: null,
      drift: null,
      status: 'inconclusive',
      reason: why + p.note,
    };
  }
  return {
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
  };
}

/** Each worker's working memory for the sorts of the columns it compares one after another. */
const SORT_SCRATCH = threadLocal(createSortScratch);

/**
 * `columnDrift` of two raw columns: the task a worker thread runs for `computeDriftParallel`
 * (`thread` lends the sorts its memory; without one, they get their own).
 */
export function columnDriftOfColumns(
  name: string,
  ref: Column,
  cur: Column | null,
  settings: ColumnDriftSettings,
  thread?: ThreadContext,
): ColumnDrift {
  const scratch = thread?.get(SORT_SCRATCH) ?? createSortScratch();
  const curSide = cur === null ? undefined : sideFromColumn(cur, scratch);
  return columnDrift(name, sideFromColumn(ref, scratch), curSide, settings);
}
