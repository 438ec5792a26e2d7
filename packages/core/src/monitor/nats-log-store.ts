import { Buffer } from 'node:buffer';
import {
  AckPolicy,
  connect,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type NatsConnection,
  nanos,
  StorageType,
} from 'nats';
import { VigieError } from '../errors/index.js';
import { redactUrl } from '../registry/sql/open-postgres.js';
import { checkLimit, cleanFeedback, matchesFilter, mergeFeedback, unknownPrediction } from './log-records.js';
import { createAckedPublisher } from './nats-acked-publisher.js';
import type { JoinedRecord, PredictionLogFilter, PredictionLogStore } from './prediction-log.js';
import type { FeedbackRecord, PredictionRecord } from './prediction-record.js';

export interface NatsLogOptions {
  /** Replicas of the stream when Vigie creates it (default 1). */
  replicas?: number;
  /**
   * `joined` holds the feedback of at most this many distinct predictions in memory while it
   * scans the predictions (default 1,000,000); beyond, it fails with INPUT_TOO_LARGE.
   */
  maxJoin?: number;
  /** Milliseconds to wait for a publish acknowledgement (default 10,000). */
  ackTimeoutMs?: number;
}

/**
 * A subject token for an id: ids of letters, digits, _ and - (UUIDs) as they are, others
 * base64url-encoded behind a `~` (a subject token cannot hold `.`, `*`, `>` or spaces).
 */
function token(id: string): string {
  return /^[A-Za-z0-9_-]+$/.test(id) ? id : `~${Buffer.from(id).toString('base64url')}`;
}

/**
 * The prediction log as a NATS JetStream stream (file storage, created if missing) over the
 * subjects STREAM.p.ID (one message per prediction) and STREAM.f.ID (feedback). A batch is
 * published with every acknowledgement awaited: a resolved write is stored by the server. Each
 * prediction is published with "expected last subject sequence 0", so the server refuses a second
 * record with the same id. Reads scan the stream in publish order through a short-lived consumer;
 * feedback is checked against its prediction by a direct lookup of STREAM.p.ID.
 * Unlike the SQL stores, a failed batch may be partly stored (each message is acknowledged alone).
 */
export async function openNatsLogStore(
  servers: string,
  stream: string,
  options: NatsLogOptions = {},
): Promise<PredictionLogStore> {
  const location = `${redactUrl(servers)}/${stream}`;
  const maxJoin = options.maxJoin ?? 1_000_000;
  const ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  try {
    nc = await connect({ servers, name: 'vigie-prediction-log', maxReconnectAttempts: -1 });
  } catch (error) {
    throw new VigieError(
      'FILE_UNREADABLE',
      `${location}: cannot connect to NATS: ${(error as Error).message}`,
      { cause: error, details: { file: location } },
    );
  }
  try {
    jsm = await nc.jetstreamManager();
    const subjects = [`${stream}.>`];
    try {
      await jsm.streams.info(stream);
    } catch {
      await jsm.streams.add({
        name: stream,
        subjects,
        storage: StorageType.File,
        num_replicas: options.replicas ?? 1,
      });
    }
  } catch (error) {
    await nc.close().catch(() => undefined);
    throw new VigieError(
      'FILE_UNREADABLE',
      `${location}: cannot open the JetStream stream (is JetStream enabled?): ${(error as Error).message}`,
      { cause: error, details: { file: location } },
    );
  }
  const js: JetStreamClient = nc.jetstream();
  const publisher = createAckedPublisher(nc);
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value));

  /** Every message of one kind ('p' or 'f') in publish order, JSON-decoded. */
  async function* scan<T>(kind: 'p' | 'f'): AsyncGenerator<T> {
    const info = await jsm.consumers.add(stream, {
      ack_policy: AckPolicy.None,
      deliver_policy: DeliverPolicy.All,
      filter_subject: `${stream}.${kind}.>`,
      inactive_threshold: nanos(60_000),
      mem_storage: true,
    });
    try {
      if (info.num_pending === 0) return;
      const consumer = await js.consumers.get(stream, info.name);
      const messages = await consumer.consume({ max_messages: 1000 });
      try {
        for await (const m of messages) {
          yield m.json<T>();
          if (m.info.pending === 0) break;
        }
      } finally {
        messages.stop();
      }
    } finally {
      await jsm.consumers.delete(stream, info.name).catch(() => undefined);
    }
  }

  async function* read(filter: PredictionLogFilter): AsyncGenerator<PredictionRecord> {
    let left = checkLimit(filter);
    if (left === 0) return;
    for await (const r of scan<PredictionRecord>('p')) {
      if (!matchesFilter(r, filter)) continue;
      yield r;
      if (--left === 0) return;
    }
  }

  async function* joined(filter: PredictionLogFilter): AsyncGenerator<JoinedRecord> {
    let left = checkLimit(filter);
    if (left === 0) return;
    const feedback = new Map<string, FeedbackRecord[]>();
    for await (const f of scan<FeedbackRecord>('f')) {
      const list = feedback.get(f.predictionId);
      if (list) list.push(f);
      else if (feedback.size >= maxJoin)
        throw new VigieError(
          'INPUT_TOO_LARGE',
          `${location}: feedback on more than ${maxJoin} predictions; raise nats.maxJoin or narrow the read`,
          { details: { field: 'maxJoin' } },
        );
      else feedback.set(f.predictionId, [f]);
    }
    if (feedback.size === 0) return;
    for await (const r of scan<PredictionRecord>('p')) {
      const parts = feedback.get(r.pairedWith ?? r.id);
      if (!parts || !matchesFilter(r, filter)) continue;
      yield { prediction: r, feedback: mergeFeedback(parts) };
      if (--left === 0) return;
    }
  }

  const exists = async (id: string): Promise<boolean> => {
    try {
      await jsm.streams.getMessage(stream, { last_by_subj: `${stream}.p.${token(id)}` });
      return true;
    } catch (error) {
      if (/no message found|not found/i.test((error as Error).message)) return false;
      throw error;
    }
  };

  return {
    location,
    write: async (records) => {
      const errors = await publisher.publish(
        records.map((r) => ({
          subject: `${stream}.p.${token(r.id)}`,
          data: encode(r),
          firstOnSubject: true,
        })),
        ackTimeoutMs,
      );
      if (errors.length > 0)
        throw new Error(`${errors.length} of ${records.length} publishes not acknowledged (${errors[0]})`);
    },
    writeFeedback: async (feedback) => {
      const f = cleanFeedback(feedback);
      if (!(await exists(f.predictionId))) throw unknownPrediction(f.predictionId);
      await js.publish(`${stream}.f.${token(f.predictionId)}`, encode(f), { timeout: ackTimeoutMs });
    },
    read,
    joined,
    close: async () => {
      publisher.close();
      if (!nc.isClosed()) await nc.drain();
    },
  };
}
