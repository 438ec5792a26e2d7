import { createHash } from 'node:crypto';
import { computeDrift, type DriftResult } from '../drift/index.js';
import { VigieError } from '../errors/index.js';
import { type Column, filterRows, formatValue, getColumn, type Table } from '../table/index.js';
import type { Verdict } from '../verdict/index.js';
import {
  type Assignment,
  assignmentFor,
  type Ratios,
  SPLIT_NAMES,
  type SplitName,
  strataCodes,
} from './assign.js';
import { findLeakage, type LeakageFinding } from './leakage.js';

export const SPLIT_SCHEMA_VERSION = 1 as const;

export interface SplitOptions {
  ratios?: Ratios;
  /** Stratify by this column (exact within one row per class unless a key or group decides). */
  label?: string;
  /** Row key: its hash decides membership, so rows keep their split when data is appended. */
  key?: string;
  /** Entity column: all rows of a group land in the same split (and leakage is checked on it). */
  group?: string;
  seed?: number;
}

export interface SplitPart {
  name: SplitName;
  rows: number;
  share: number;
  /** SHA-256 of the members: sorted key values when a key is given, else sorted row numbers. */
  membershipHash: string;
}

export interface StratumCounts {
  value: string;
  total: number;
  counts: Record<SplitName, number>;
  /** Largest |count − total·ratio| over the splits. */
  maxDeviation: number;
}

export interface SplitResult {
  schemaVersion: typeof SPLIT_SCHEMA_VERSION;
  kind: 'vigie.split';
  source: string | null;
  rows: number;
  seed: number;
  ratios: Ratios;
  method: Assignment;
  label: string | null;
  key: string | null;
  group: string | null;
  splits: SplitPart[];
  stratification: { column: string; classes: StratumCounts[]; maxDeviation: number } | null;
  /** Each split compared with the rest of the data (the drift methods, corrected per split). */
  representativeness: Array<{ split: SplitName; drift: DriftResult }>;
  leakage: LeakageFinding[];
  verdicts: Verdict[];
}

function membershipHash(splitOf: Uint8Array, split: number, key: Column | undefined): string {
  const h = createHash('sha256');
  if (key) {
    const values: string[] = [];
    for (let i = 0; i < splitOf.length; i++) if (splitOf[i] === split) values.push(formatValue(key, i) ?? '');
    values.sort();
    for (const v of values) h.update(`${v.length}:${v}`);
  } else {
    const rows = new Uint32Array(splitOf.length);
    let n = 0;
    for (let i = 0; i < splitOf.length; i++) if (splitOf[i] === split) rows[n++] = i;
    h.update(new Uint8Array(rows.buffer, 0, n * 4));
  }
  return h.digest('hex');
}

function stratification(
  label: Column,
  splitOf: Uint8Array,
  ratios: Ratios,
): NonNullable<SplitResult['stratification']> {
  const codes = strataCodes(label);
  const byValue = new Map<number, { value: string; counts: number[] }>();
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    let entry = byValue.get(c);
    if (!entry) byValue.set(c, (entry = { value: formatValue(label, i) ?? '(missing)', counts: [0, 0, 0] }));
    entry.counts[splitOf[i]!]!++;
  }
  const classes = [...byValue.values()]
    .map(({ value, counts }) => {
      const total = counts[0]! + counts[1]! + counts[2]!;
      const maxDeviation = Math.max(...SPLIT_NAMES.map((s, j) => Math.abs(counts[j]! - total * ratios[s])));
      return {
        value,
        total,
        counts: { train: counts[0]!, validation: counts[1]!, test: counts[2]! },
        maxDeviation,
      };
    })
    .sort((a, b) => b.total - a.total || (a.value < b.value ? -1 : 1));
  return { column: label.name, classes, maxDeviation: Math.max(0, ...classes.map((c) => c.maxDeviation)) };
}

function splitVerdicts(result: Omit<SplitResult, 'verdicts'>): Verdict[] {
  const verdicts: Verdict[] = [];
  const strat = result.stratification;
  if (strat) {
    const exact = result.method === 'stratified-shuffle';
    const ok = !exact || strat.maxDeviation < 1 + 1e-9;
    verdicts.push({
      status: ok ? 'pass' : 'fail',
      check: 'split:stratification',
      kind: 'split',
      subject: strat.column,
      method: exact
        ? 'largest deviation of a class count from its target (rows)'
        : 'class counts under hash assignment (statistical, see representativeness)',
      value: strat.maxDeviation,
      threshold: exact ? 1 : null,
      comparison: '<=',
      sampleSizes: { n: result.rows, classes: strat.classes.length },
      reason: exact
        ? `every class within ${strat.maxDeviation.toFixed(2)} row(s) of its target share`
        : `assignment by ${result.method === 'key-hash' ? 'key' : 'group'} hash keeps rows stable; class shares deviate by up to ${strat.maxDeviation.toFixed(1)} rows`,
    });
  }
  for (const { split, drift } of result.representativeness) {
    const d = drift.datasetDrift;
    const drifted = drift.columns.filter((c) => c.drift).map((c) => c.name);
    verdicts.push({
      status:
        d.evaluatedColumns === 0 ? 'inconclusive' : drifted.length === 0 ? 'pass' : d.drift ? 'fail' : 'warn',
      check: `split:representative:${split}`,
      kind: 'split',
      subject: split,
      method: 'each feature of the split against the rest of the data (drift methods)',
      value: d.share,
      threshold: d.threshold,
      comparison: '<',
      sampleSizes: { split: drift.current.rows, rest: drift.reference.rows },
      reason:
        d.evaluatedColumns === 0
          ? 'too few rows to compare the split with the rest'
          : drifted.length === 0
            ? `no feature differs from the rest of the data (${d.evaluatedColumns} compared)`
            : `${drifted.length} of ${d.evaluatedColumns} features differ from the rest: ${drifted.slice(0, 6).join(', ')}`,
      ...(d.evaluatedColumns === 0 ? { decideBy: 'at least 30 rows in the split and in the rest' } : {}),
    });
  }
  const leaks = result.leakage;
  verdicts.push({
    status: leaks.length === 0 ? 'pass' : 'fail',
    check: 'split:leakage',
    kind: 'split',
    method: 'identical rows, shared keys, groups and ids across splits',
    value: leaks.reduce((s, l) => s + l.rows, 0),
    threshold: 0,
    comparison: '<=',
    sampleSizes: { n: result.rows },
    reason:
      leaks.length === 0
        ? 'no row, key, group or id is shared between splits'
        : leaks
            .slice(0, 4)
            .map(
              (l) =>
                `${l.rows} ${l.kind === 'duplicate-rows' ? 'identical rows' : `rows sharing ${l.column}`} between ${l.between[0]} and ${l.between[1]}`,
            )
            .join('; '),
    ...(leaks.length > 0 ? { examples: leaks.flatMap((l) => l.examples).slice(0, 5) } : {}),
  });
  return verdicts;
}

/**
 * Splits a table into train / validation / test (80/10/10 by default): stratified by `label`,
 * deterministic for a seed; with `key` (or `group`) membership comes from the seeded hash of the
 * key, so a row keeps its split when data is appended. Checks stratification, each split's
 * representativeness against the rest of the data, and leakage across splits.
 *
 * @example const { parts, result } = splitTable(table, { label: 'species', seed: 42 });
 */
export function splitTable(
  table: Table,
  options: SplitOptions = {},
): { parts: Record<SplitName, Table>; result: SplitResult } {
  const ratios = options.ratios ?? { train: 0.8, validation: 0.1, test: 0.1 };
  const sum = ratios.train + ratios.validation + ratios.test;
  if (Math.abs(sum - 1) > 1e-9 || SPLIT_NAMES.some((s) => !(ratios[s] >= 0))) {
    throw new VigieError(
      'INVALID_ARGUMENT',
      `split ratios must be non-negative and sum to 1 (they sum to ${sum})`,
    );
  }
  if (table.rowCount === 0) throw new VigieError('EMPTY_INPUT', 'cannot split a table without rows');
  const seed = options.seed ?? 42;
  const label = options.label === undefined ? undefined : getColumn(table, options.label);
  const key = options.key === undefined ? undefined : getColumn(table, options.key);
  const group = options.group === undefined ? undefined : getColumn(table, options.group);
  const { splitOf, method } = assignmentFor(
    table,
    { ...(label ? { label } : {}), ...(key ? { key } : {}), ...(group ? { group } : {}) },
    ratios,
    seed,
  );
  const parts = {} as Record<SplitName, Table>;
  const splits: SplitPart[] = [];
  const representativeness: SplitResult['representativeness'] = [];
  SPLIT_NAMES.forEach((name, s) => {
    const inSplit = new Uint8Array(splitOf.length);
    const rest = new Uint8Array(splitOf.length);
    for (let i = 0; i < splitOf.length; i++) {
      if (splitOf[i] === s) inSplit[i] = 1;
      else rest[i] = 1;
    }
    parts[name] = filterRows(table, inSplit);
    splits.push({
      name,
      rows: parts[name].rowCount,
      share: parts[name].rowCount / table.rowCount,
      membershipHash: membershipHash(splitOf, s, key),
    });
    if (parts[name].rowCount > 0 && parts[name].rowCount < table.rowCount) {
      representativeness.push({ split: name, drift: computeDrift(filterRows(table, rest), parts[name]) });
    }
  });
  const base: Omit<SplitResult, 'verdicts'> = {
    schemaVersion: SPLIT_SCHEMA_VERSION,
    kind: 'vigie.split',
    source: table.source ?? null,
    rows: table.rowCount,
    seed,
    ratios,
    method,
    label: label?.name ?? null,
    key: key?.name ?? null,
    group: group?.name ?? null,
    splits,
    stratification: label ? stratification(label, splitOf, ratios) : null,
    representativeness,
    leakage: findLeakage(table, splitOf, { ...(key ? { key } : {}), ...(group ? { group } : {}) }),
  };
  return { parts, result: { ...base, verdicts: splitVerdicts(base) } };
}
