import { VigieError } from '../errors/index.js';
import type { ModelRuntime, Predictions } from '../models/runtime.js';
import { type ColumnProfile, profileTable } from '../profile/index.js';
import { createRandom, type Random } from '../random/index.js';
import { getColumn, type SemanticType, type Table } from '../table/index.js';
import type { Row } from './case.js';
import type { GoldenBucket, GoldenCase, GoldenSet } from './golden-set.js';
import { isCompleteRow, rowsTable, tableRows } from './rows.js';

export interface BuildGoldenOptions {
  /** How to name the model in the set. */
  model: string;
  /** Input columns (default: the signature's inputs, else every column but `exclude`). */
  columns?: readonly string[];
  exclude?: readonly string[];
  /** Golden inputs per class or bucket. Default 3. */
  perTarget?: number;
  /** Regression: equal-count buckets of the predictions on the data. Default 5. */
  buckets?: number;
  /** Model calls allowed per class searched for (each call predicts one batch of candidates). Default 50. */
  searchRounds?: number;
  tolerance?: Partial<GoldenSet['tolerance']>;
  seed?: number;
  createdAt?: string;
}

/**
 * Builds a short-circuit set: for each class, the real rows predicted as that class with the highest
 * probability of it (the most typical inputs that trigger it); a class no row is predicted as is
 * searched for in the feature space, starting from the rows closest to it (highest probability of
 * it) and moving one feature at a time over its observed range or categories, keeping the move that
 * raises the class's probability most, until the model predicts it. Regression: equal-count buckets
 * of the predictions on the data, and per bucket the rows predicted nearest its centre.
 */
export async function buildGoldenSet(
  model: ModelRuntime,
  table: Table,
  options: BuildGoldenOptions,
): Promise<GoldenSet> {
  const exclude = new Set(options.exclude ?? []);
  const names =
    options.columns ??
    (model.signature.inputs.length > 0
      ? model.signature.inputs.map((f) => f.name)
      : table.columns.map((c) => c.name).filter((n) => !exclude.has(n)));
  const columns = names.map((n) => getColumn(table, n));
  const schema = columns.map((c) => ({ name: c.name, type: c.type }));
  const keep: number[] = [];
  for (let i = 0; i < table.rowCount; i++) if (isCompleteRow(columns, i)) keep.push(i);
  if (keep.length === 0)
    throw new VigieError(
      'EMPTY_INPUT',
      `${table.source ?? 'the data'}: no complete row to build golden inputs from`,
    );
  const allRows = tableRows(table, columns);
  const rows = keep.map((i) => allRows[i]!);
  const p = await model.predict(rowsTable(rows, schema));
  const perTarget = options.perTarget ?? 3;
  const tolerance = { probability: 1e-4, absolute: 1e-6, relative: 1e-4, ...options.tolerance };
  const base = {
    kind: 'vigie.golden' as const,
    schemaVersion: 1 as const,
    model: options.model,
    createdAt: options.createdAt ?? new Date().toISOString(),
    task: p.task,
    inputs: schema,
    tolerance,
  };
  if (p.task === 'regression') {
    const { cases, buckets } = regressionCases(p.values!, rows, keep, perTarget, options.buckets ?? 5);
    return { ...base, buckets, cases, unreachable: [] };
  }
  const classes = p.classes!;
  const k = classes.length;
  const cases: GoldenCase[] = [];
  const unreachable: string[] = [];
  const profile = profileTable(rowsTable(rows, schema), { contentHash: false });
  for (let c = 0; c < k; c++) {
    const target = String(classes[c]);
    const score = (i: number) => (p.probabilities ? p.probabilities[i * k + c]! : 1);
    const hits = rows.map((_, i) => i).filter((i) => p.labels![i] === c);
    if (hits.length > 0) {
      hits.sort((a, b) => score(b) - score(a) || a - b);
      hits.slice(0, perTarget).forEach((i, j) => {
        cases.push({
          name: `${target}#${j + 1}`,
          target,
          source: 'data',
          row: keep[i]! + 1,
          inputs: rows[i]!,
          expected: answerOf(p, i),
        });
      });
      continue;
    }
    const found = await searchClass(
      model,
      schema,
      profile.columns,
      rows,
      p,
      c,
      options.searchRounds ?? 50,
      createRandom(options.seed ?? 0),
    );
    if (!found) {
      unreachable.push(target);
      continue;
    }
    cases.push({
      name: `${target}#search`,
      target,
      source: 'search',
      inputs: found.row,
      expected: found.answer,
    });
  }
  return { ...base, classes, cases, unreachable };
}

function answerOf(p: Predictions, i: number): GoldenCase['expected'] {
  if (p.task === 'regression') return { value: p.values![i]! };
  const classes = p.classes!;
  const k = classes.length;
  return {
    label: classes[p.labels![i]!]!,
    ...(p.probabilities
      ? {
          probabilities: Object.fromEntries(classes.map((c, j) => [String(c), p.probabilities![i * k + j]!])),
        }
      : {}),
  };
}

function regressionCases(
  values: Float64Array,
  rows: Row[],
  keep: number[],
  perTarget: number,
  nBuckets: number,
) {
  const sorted = Float64Array.from(values).sort();
  const q = (f: number) => sorted[Math.min(sorted.length - 1, Math.floor(f * (sorted.length - 1)))]!;
  const edges = Array.from({ length: nBuckets + 1 }, (_, b) => q(b / nBuckets));
  const buckets: GoldenBucket[] = [];
  for (let b = 0; b < nBuckets; b++) {
    const lo = edges[b]!;
    const hi = edges[b + 1]!;
    if (buckets.length > 0 && lo === buckets[buckets.length - 1]!.lo) continue;
    buckets.push({ name: `[${fmt(lo)}, ${fmt(hi)}${b === nBuckets - 1 ? ']' : ')'}`, lo, hi });
  }
  const cases: GoldenCase[] = [];
  buckets.forEach((bucket, b) => {
    const last = b === buckets.length - 1;
    const centre = (bucket.lo + bucket.hi) / 2;
    const inside = rows
      .map((_, i) => i)
      .filter((i) => values[i]! >= bucket.lo && (last ? values[i]! <= bucket.hi : values[i]! < bucket.hi))
      .sort((a, c) => Math.abs(values[a]! - centre) - Math.abs(values[c]! - centre) || a - c);
    inside.slice(0, perTarget).forEach((i, j) => {
      cases.push({
        name: `${bucket.name}#${j + 1}`,
        target: bucket.name,
        source: 'data',
        row: keep[i]! + 1,
        inputs: rows[i]!,
        expected: { value: values[i]! },
      });
    });
  });
  return { cases, buckets };
}

const fmt = (v: number) => Number(v.toPrecision(4)).toString();

/** The values a search may give a column: its observed quantiles and extremes, or its categories. */
function candidateValues(p: ColumnProfile): unknown[] {
  if (p.kind === 'numeric') {
    const qs = Object.values(p.quantiles).filter((v): v is number => v !== null);
    return [...new Set([p.min, ...qs, p.max].filter((v): v is number => v !== null))];
  }
  if (p.kind === 'boolean') return [true, false];
  return p.top.map((t) => t.value);
}

async function searchClass(
  model: ModelRuntime,
  schema: Array<{ name: string; type: SemanticType }>,
  profiles: ColumnProfile[],
  rows: Row[],
  p: Predictions,
  c: number,
  rounds: number,
  rng: Random,
): Promise<{ row: Row; answer: GoldenCase['expected'] } | null> {
  const k = p.classes!.length;
  const proba = p.probabilities;
  // Start from the row closest to the class (highest probability of it), or a random row.
  let start = 0;
  if (proba) {
    for (let i = 1; i < rows.length; i++) if (proba[i * k + c]! > proba[start * k + c]!) start = i;
  } else start = rng.int(rows.length);
  let current = rows[start]!;
  let best = proba ? proba[start * k + c]! : 0;
  const options = profiles.map((cp) => ({ name: cp.name, values: candidateValues(cp) }));
  for (let round = 0; round < rounds; round++) {
    // Every single-feature move from the current row (label-only models: random rows too).
    const candidates: Row[] = [];
    for (const o of options) for (const v of o.values) candidates.push({ ...current, [o.name]: v });
    if (!proba)
      for (let r = 0; r < 64; r++)
        candidates.push(Object.fromEntries(options.map((o) => [o.name, o.values[rng.int(o.values.length)]])));
    const q = await model.predict(rowsTable(candidates, schema));
    let pick = -1;
    for (let i = 0; i < candidates.length; i++) {
      if (q.labels![i] === c) return { row: candidates[i]!, answer: answerOf(q, i) };
      const s = q.probabilities ? q.probabilities[i * k + c]! : 0;
      if (s > best) {
        best = s;
        pick = i;
      }
    }
    if (pick < 0 && proba) break; // no single move brings the class closer: a local maximum
    if (pick >= 0) current = candidates[pick]!;
  }
  return null;
}
