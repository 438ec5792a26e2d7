import pg from 'pg';
import { VigieError } from '../errors/index.js';
import { redactUrl } from '../registry/sql/open-postgres.js';
import { cleanFeedback, unknownPrediction } from './log-records.js';
import type { PredictionLogStore } from './prediction-log.js';
import type { FeedbackRecord, PredictionRecord } from './prediction-record.js';
import { readJoined, readPredictions, type SqlReader } from './sql-log-reader.js';

const SCHEMA = `
create table if not exists vigie_predictions (
  id text primary key,
  at text not null,
  model text not null,
  version text not null,
  role text not null,
  paired_with text,
  probe boolean not null,
  request_key text,
  inputs jsonb not null,
  output jsonb not null,
  latency_ms double precision not null
);
create index if not exists vigie_predictions_model_at on vigie_predictions (model, version, at, id);
create index if not exists vigie_predictions_at on vigie_predictions (at, id);
create table if not exists vigie_feedback (
  seq bigserial primary key,
  prediction_id text not null,
  at text not null,
  label jsonb,
  value double precision,
  rating double precision,
  interaction text
);
create index if not exists vigie_feedback_prediction on vigie_feedback (prediction_id);
`;

const COLUMNS = 11;
/** Rows per INSERT statement: Postgres takes at most 65,535 parameters. */
const ROWS_PER_STATEMENT = Math.floor(65_535 / COLUMNS);

/**
 * The prediction log in Postgres: a batch is one transaction of multi-row INSERTs (group commit);
 * inputs, outputs and labels are jsonb. Tables are created on first use, beside a registry's if
 * the database holds one (their names start with vigie_).
 */
export async function openPostgresLogStore(
  url: string,
  options: { poolSize?: number } = {},
): Promise<PredictionLogStore> {
  const location = redactUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 4 });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await client.query('select pg_advisory_lock(7007001)');
      try {
        await client.query(SCHEMA);
      } finally {
        await client.query('select pg_advisory_unlock(7007001)');
      }
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new VigieError(
      'FILE_UNREADABLE',
      `${location}: cannot open the prediction log: ${(error as Error).message}`,
      { cause: error, details: { file: location } },
    );
  }

  const reader: SqlReader = {
    query: async <T>(sql: string, params: readonly unknown[]) =>
      (await pool.query(sql, params as unknown[])).rows as T[],
    param: (i) => `$${i}`,
    probeValue: (probe) => probe,
    labelText: 'label::text',
  };

  /** One transaction on one connection; `sent.commit` tells, on failure, whether `commit` was sent. */
  const writeOnce = async (
    records: readonly PredictionRecord[],
    sent: { commit: boolean },
  ): Promise<void> => {
    const client = await pool.connect();
    // A connection the server drops emits 'error' on its client: report it through the query, never crash.
    const ignore = () => undefined;
    client.on('error', ignore);
    let broken: Error | undefined;
    try {
      await client.query('begin');
      for (let start = 0; start < records.length; start += ROWS_PER_STATEMENT) {
        const chunk = records.slice(start, start + ROWS_PER_STATEMENT);
        const params: unknown[] = [];
        const rows: string[] = [];
        for (const r of chunk) {
          const base = params.length;
          params.push(
            r.id,
            r.at,
            r.model,
            r.version,
            r.role,
            r.pairedWith ?? null,
            r.probe,
            r.requestKey ?? null,
            JSON.stringify(r.inputs),
            JSON.stringify(r.output),
            r.latencyMs,
          );
          rows.push(`(${Array.from({ length: COLUMNS }, (_, i) => `$${base + i + 1}`).join(', ')})`);
        }
        await client.query(
          `insert into vigie_predictions (id, at, model, version, role, paired_with, probe, request_key, inputs, output, latency_ms) values ${rows.join(', ')}`,
          params,
        );
      }
      sent.commit = true;
      await client.query('commit');
    } catch (error) {
      broken = error as Error;
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      client.off('error', ignore);
      // A client whose connection failed is destroyed, not handed to the next batch.
      client.release(broken !== undefined && connectionLost(broken) ? broken : undefined);
    }
  };

  /**
   * Writes a batch in one transaction. A connection lost before `commit` was sent (the server
   * restarted, or killed the session) left nothing behind, so the batch is tried once more on a
   * fresh connection; after `commit`, whether it landed is unknown and the error is reported.
   */
  const write = async (records: readonly PredictionRecord[]): Promise<void> => {
    const sent = { commit: false };
    try {
      await writeOnce(records, sent);
    } catch (error) {
      if (sent.commit || !connectionLost(error as Error)) throw error;
      await writeOnce(records, sent);
    }
  };

  return {
    location,
    write,
    writeFeedback: async (feedback: FeedbackRecord) => {
      const f = cleanFeedback(feedback);
      const result = await pool.query(
        `insert into vigie_feedback (prediction_id, at, label, value, rating, interaction)
         select $1, $2, $3::jsonb, $4, $5, $6 where exists (select 1 from vigie_predictions where id = $1)`,
        [
          f.predictionId,
          f.at,
          f.label === undefined ? null : JSON.stringify(f.label),
          f.value ?? null,
          f.rating ?? null,
          f.interaction ?? null,
        ],
      );
      if (result.rowCount === 0) throw unknownPrediction(f.predictionId);
    },
    read: (filter) => readPredictions(reader, filter),
    joined: (filter) => readJoined(reader, filter),
    close: () => pool.end(),
  };
}

/** Errors that mean the connection is gone (the server ended the session, or the socket broke). */
function connectionLost(error: Error): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03' ||
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    /Connection terminated/i.test(error.message)
  );
}
