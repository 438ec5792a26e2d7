import { VigieError } from '../errors/index.js';
import type { PredictionLogFilter } from './prediction-log.js';
import type { FeedbackRecord, PredictionRecord } from './prediction-record.js';

/** Rows read per page by the SQL stores (keyset pagination on (at, id)). */
export const READ_PAGE = 1000;

/** Merges feedback records in arrival order: each field takes its latest value, `at` the latest. */
export function mergeFeedback(parts: readonly FeedbackRecord[]): FeedbackRecord {
  let out: FeedbackRecord = parts[0]!;
  for (let i = 1; i < parts.length; i++) {
    const next = parts[i]!;
    out = {
      ...out,
      ...Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)),
      at: later(out.at, next.at),
    };
  }
  return out;
}

/** The later of two ISO instants (compared as text, which orders UTC instants of one format). */
function later(a: string, b: string): string {
  if (b > a) return b;
  return a;
}

/** True when a record passes a filter (everything but `limit`). */
export function matchesFilter(record: PredictionRecord, filter: PredictionLogFilter): boolean {
  return (
    (filter.model === undefined || record.model === filter.model) &&
    (filter.version === undefined || record.version === filter.version) &&
    (filter.role === undefined || record.role === filter.role) &&
    (filter.probe === undefined || record.probe === filter.probe) &&
    (filter.since === undefined || record.at >= filter.since) &&
    (filter.until === undefined || record.at < filter.until)
  );
}

/** The error for feedback on an id the log has never seen (the gateway answers 404). */
export function unknownPrediction(id: string): VigieError {
  return new VigieError('NOT_FOUND', `no prediction with id "${id}" in the prediction log`, {
    details: { field: 'predictionId' },
  });
}

/** A feedback record without undefined fields (what the stores keep). */
export function cleanFeedback(f: FeedbackRecord): FeedbackRecord {
  return Object.fromEntries(
    Object.entries(f).filter(([, v]) => v !== undefined),
  ) as unknown as FeedbackRecord;
}

/** The columns both SQL stores keep for a prediction. */
export interface PredictionRow {
  id: string;
  at: string;
  model: string;
  version: string;
  role: string;
  paired_with: string | null;
  probe: number | boolean;
  request_key: string | null;
  inputs: string | object;
  output: string | object;
  latency_ms: number;
}

export function toPredictionRecord(row: PredictionRow): PredictionRecord {
  const r: {
    -readonly [K in keyof PredictionRecord]: PredictionRecord[K];
  } = {
    id: row.id,
    at: row.at,
    model: row.model,
    version: row.version,
    role: row.role as PredictionRecord['role'],
    probe: row.probe === true || row.probe === 1,
    inputs:
      typeof row.inputs === 'string' ? JSON.parse(row.inputs) : (row.inputs as PredictionRecord['inputs']),
    output:
      typeof row.output === 'string' ? JSON.parse(row.output) : (row.output as PredictionRecord['output']),
    latencyMs: Number(row.latency_ms),
  };
  if (row.paired_with !== null) r.pairedWith = row.paired_with;
  if (row.request_key !== null) r.requestKey = row.request_key;
  return r;
}

export interface FeedbackRow {
  prediction_id: string;
  at: string;
  label: string | null;
  value: number | null;
  rating: number | null;
  interaction: string | null;
}

export function toFeedbackRecord(row: FeedbackRow): FeedbackRecord {
  const f: { -readonly [K in keyof FeedbackRecord]: FeedbackRecord[K] } = {
    predictionId: row.prediction_id,
    at: row.at,
  };
  if (row.label !== null) f.label = JSON.parse(row.label);
  if (row.value !== null) f.value = Number(row.value);
  if (row.rating !== null) f.rating = Number(row.rating);
  if (row.interaction !== null) f.interaction = row.interaction as 'used' | 'ignored';
  return f;
}

/** A SQL WHERE clause for a filter on the predictions table `p`; `param(i)` names placeholder i. */
export function filterClause(
  filter: PredictionLogFilter,
  param: (i: number) => string,
  probeValue: (probe: boolean) => unknown,
): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    parts.push(sql(param(params.length)));
  };
  if (filter.model !== undefined) add((p) => `p.model = ${p}`, filter.model);
  if (filter.version !== undefined) add((p) => `p.version = ${p}`, filter.version);
  if (filter.role !== undefined) add((p) => `p.role = ${p}`, filter.role);
  if (filter.probe !== undefined) add((p) => `p.probe = ${p}`, probeValue(filter.probe));
  if (filter.since !== undefined) add((p) => `p.at >= ${p}`, filter.since);
  if (filter.until !== undefined) add((p) => `p.at < ${p}`, filter.until);
  return { sql: parts.length > 0 ? parts.join(' and ') : 'true', params };
}

/** Checks a `limit` (a positive integer or absent). */
export function checkLimit(filter: PredictionLogFilter): number {
  const limit = filter.limit;
  if (limit === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isInteger(limit) || limit < 0)
    throw new VigieError('INVALID_ARGUMENT', `limit must be a non-negative integer, got ${limit}`, {
      details: { field: 'limit' },
    });
  return limit;
}
