import {
  checkLimit,
  type FeedbackRow,
  filterClause,
  mergeFeedback,
  type PredictionRow,
  READ_PAGE,
  toFeedbackRecord,
  toPredictionRecord,
} from './log-records.js';
import type { JoinedRecord, PredictionLogFilter } from './prediction-log.js';
import type { PredictionRecord } from './prediction-record.js';

/** What the shared read paths need from a SQL engine. */
export interface SqlReader {
  query<T>(sql: string, params: readonly unknown[]): Promise<T[]>;
  /** Placeholder number i (1-based): `?` or `$i`. */
  param(i: number): string;
  probeValue(probe: boolean): unknown;
  /** The text of a JSON column as the engine returns it (`label` is JSON text in both). */
  labelText: string;
}

const PREDICTION_COLUMNS =
  'p.id, p.at, p.model, p.version, p.role, p.paired_with, p.probe, p.request_key, p.inputs, p.output, p.latency_ms';

/** Pages through predictions in (at, id) order; `extra` narrows the rows (joined: with feedback). */
async function* pages(
  db: SqlReader,
  filter: PredictionLogFilter,
  extra: string,
): AsyncGenerator<PredictionRow[]> {
  let left = checkLimit(filter);
  const where = filterClause(filter, (i) => db.param(i), db.probeValue);
  let after: { at: string; id: string } | null = null;
  while (left > 0) {
    const params = [...where.params];
    let keyset = '';
    if (after) {
      params.push(after.at, after.id);
      keyset = ` and (p.at, p.id) > (${db.param(params.length - 1)}, ${db.param(params.length)})`;
    }
    const size = Math.min(READ_PAGE, left);
    const rows = await db.query<PredictionRow>(
      `select ${PREDICTION_COLUMNS} from vigie_predictions p where ${where.sql}${extra}${keyset} order by p.at, p.id limit ${size}`,
      params,
    );
    if (rows.length === 0) return;
    yield rows;
    left -= rows.length;
    if (rows.length < size) return;
    const last = rows[rows.length - 1]!;
    after = { at: last.at, id: last.id };
  }
}

export async function* readPredictions(
  db: SqlReader,
  filter: PredictionLogFilter,
): AsyncGenerator<PredictionRecord> {
  for await (const rows of pages(db, filter, '')) for (const row of rows) yield toPredictionRecord(row);
}

export async function* readJoined(db: SqlReader, filter: PredictionLogFilter): AsyncGenerator<JoinedRecord> {
  // A shadow answer is scored with the feedback on the primary prediction it mirrors.
  const withFeedback =
    ' and exists (select 1 from vigie_feedback f where f.prediction_id = coalesce(p.paired_with, p.id))';
  for await (const rows of pages(db, filter, withFeedback)) {
    const ids = [...new Set(rows.map((r) => r.paired_with ?? r.id))];
    const marks = ids.map((_, i) => db.param(i + 1)).join(', ');
    const feedback = await db.query<FeedbackRow>(
      `select prediction_id, at, ${db.labelText} as label, value, rating, interaction from vigie_feedback where prediction_id in (${marks}) order by seq`,
      ids,
    );
    const byId = new Map<string, ReturnType<typeof toFeedbackRecord>[]>();
    for (const f of feedback) {
      const list = byId.get(f.prediction_id);
      if (list) list.push(toFeedbackRecord(f));
      else byId.set(f.prediction_id, [toFeedbackRecord(f)]);
    }
    for (const row of rows) {
      const parts = byId.get(row.paired_with ?? row.id);
      if (parts) yield { prediction: toPredictionRecord(row), feedback: mergeFeedback(parts) };
    }
  }
}
