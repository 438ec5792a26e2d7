import { resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { VigieError } from '../errors/index.js';
import { openSqliteFile } from '../registry/sql/sqlite-file.js';
import { cleanFeedback, unknownPrediction } from './log-records.js';
import type { PredictionLogStore } from './prediction-log.js';
import type { FeedbackRecord, PredictionRecord } from './prediction-record.js';
import { readJoined, readPredictions, type SqlReader } from './sql-log-reader.js';

export interface SqliteLogOptions {
  /**
   * 'normal' (default): WAL with synchronous=NORMAL — a commit survives a crash or SIGKILL of the
   * process, and only the last commits may be lost on a power loss. 'full': fsync at every commit.
   */
  synchronous?: 'normal' | 'full';
}

const SCHEMA = `
create table if not exists vigie_predictions (
  id text primary key,
  at text not null,
  model text not null,
  version text not null,
  role text not null,
  paired_with text,
  probe integer not null,
  request_key text,
  inputs text not null,
  output text not null,
  latency_ms real not null
);
create index if not exists vigie_predictions_model_at on vigie_predictions (model, version, at, id);
create index if not exists vigie_predictions_at on vigie_predictions (at, id);
create table if not exists vigie_feedback (
  seq integer primary key autoincrement,
  prediction_id text not null,
  at text not null,
  label text,
  value real,
  rating real,
  interaction text
);
create index if not exists vigie_feedback_prediction on vigie_feedback (prediction_id);
`;

/**
 * The prediction log in a SQLite file (created on first use): one transaction per batch (group
 * commit), WAL so readers never wait for the writer, a 30 s busy timeout for other processes.
 */
export function openSqliteLogStore(path: string, options: SqliteLogOptions = {}): PredictionLogStore {
  const full = resolve(path);
  let db: BetterSqlite3.Database;
  try {
    db = openSqliteFile(full, { synchronous: options.synchronous === 'full' ? 'FULL' : 'NORMAL' });
    db.exec(SCHEMA);
  } catch (error) {
    throw new VigieError(
      'FILE_UNREADABLE',
      `${path}: cannot open the prediction log: ${(error as Error).message}`,
      { cause: error, details: { file: path } },
    );
  }
  const insert = db.prepare(
    'insert into vigie_predictions (id, at, model, version, role, paired_with, probe, request_key, inputs, output, latency_ms) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertBatch = db.transaction((records: readonly PredictionRecord[]) => {
    for (const r of records)
      insert.run(
        r.id,
        r.at,
        r.model,
        r.version,
        r.role,
        r.pairedWith ?? null,
        r.probe ? 1 : 0,
        r.requestKey ?? null,
        JSON.stringify(r.inputs),
        JSON.stringify(r.output),
        r.latencyMs,
      );
  });
  const insertFeedback = db.prepare(
    `insert into vigie_feedback (prediction_id, at, label, value, rating, interaction)
     select ?, ?, ?, ?, ?, ? where exists (select 1 from vigie_predictions where id = ?)`,
  );
  const statements = new Map<string, BetterSqlite3.Statement>();
  const reader: SqlReader = {
    query: async <T>(sql: string, params: readonly unknown[]) => {
      let statement = statements.get(sql);
      if (!statement) {
        statement = db.prepare(sql);
        statements.set(sql, statement);
      }
      return statement.all(...params) as T[];
    },
    param: () => '?',
    probeValue: (probe) => (probe ? 1 : 0),
    labelText: 'label',
  };
  const location = `sqlite:${path}`;
  return {
    location,
    write: async (records) => {
      insertBatch(records);
    },
    writeFeedback: async (feedback: FeedbackRecord) => {
      const f = cleanFeedback(feedback);
      const result = insertFeedback.run(
        f.predictionId,
        f.at,
        f.label === undefined ? null : JSON.stringify(f.label),
        f.value ?? null,
        f.rating ?? null,
        f.interaction ?? null,
        f.predictionId,
      );
      if (result.changes === 0) throw unknownPrediction(f.predictionId);
    },
    read: (filter) => readPredictions(reader, filter),
    joined: (filter) => readJoined(reader, filter),
    close: async () => {
      if (db.open) db.close();
    },
  };
}
