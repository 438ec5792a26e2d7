import { VigieError } from '../errors/index.js';
import type {
  PredictionLog,
  PredictionLogFilter,
  PredictionLogHealth,
  PredictionLogStore,
} from './prediction-log.js';
import type { FeedbackRecord, PredictionRecord } from './prediction-record.js';

export interface LogWriterOptions {
  /** Records committed together at most (default 1000). A full batch is committed at once. */
  batchSize?: number;
  /** A partial batch waits at most this long before it is committed (default 2 ms). */
  flushIntervalMs?: number;
  /** Records queued at most, committing ones included (default 100,000). */
  capacity?: number;
  /**
   * When the queue is full: 'wait' (default) makes `append` wait for room; 'drop' refuses the
   * records at once (`append` rejects with REFUSED) and counts them as dropped.
   */
  backpressure?: 'wait' | 'drop';
  /** Milliseconds since some origin (default performance.now), for `lagMs`. */
  clock?: () => number;
}

interface Entry {
  readonly records: readonly PredictionRecord[];
  readonly since: number;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The prediction log's writer in front of a store: a bounded queue committed in groups (when
 * `batchSize` records wait, or `flushIntervalMs` after the first one; records arriving during a
 * commit go in the next), so one transaction carries many appends. `append` resolves when its own
 * records are committed and rejects when they are not (queue full under 'drop', store failure,
 * log closed); nothing acknowledged is ever lost silently. Disposing commits what is queued, then
 * closes the store.
 */
export function createLogWriter(store: PredictionLogStore, options: LogWriterOptions = {}): PredictionLog {
  const batchSize = options.batchSize ?? 1000;
  const flushIntervalMs = options.flushIntervalMs ?? 2;
  const capacity = options.capacity ?? 100_000;
  const policy = options.backpressure ?? 'wait';
  const clock = options.clock ?? (() => performance.now());
  for (const [name, value] of [
    ['batchSize', batchSize],
    ['capacity', capacity],
  ] as const)
    if (!Number.isInteger(value) || value < 1)
      throw new VigieError(
        'INVALID_ARGUMENT',
        `prediction log ${name} must be a positive integer, got ${value}`,
        {
          details: { field: name },
        },
      );
  if (!(flushIntervalMs >= 0))
    throw new VigieError(
      'INVALID_ARGUMENT',
      `prediction log flushIntervalMs must be >= 0, got ${flushIntervalMs}`,
      {
        details: { field: 'flushIntervalMs' },
      },
    );

  const pending: Entry[] = [];
  let pendingCount = 0;
  let committing: Entry[] = [];
  let committingCount = 0;
  let written = 0;
  let dropped = 0;
  let failed = 0;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let closed = false;
  let waiters: Array<() => void> = [];

  const wake = () => {
    const list = waiters;
    waiters = [];
    for (const w of list) w();
  };

  const commitAll = async (): Promise<void> => {
    while (pending.length > 0) {
      const take: Entry[] = [];
      let count = 0;
      while (pending.length > 0 && (take.length === 0 || count + pending[0]!.records.length <= batchSize)) {
        const entry = pending.shift()!;
        take.push(entry);
        count += entry.records.length;
      }
      pendingCount -= count;
      committing = take;
      committingCount = count;
      const records = take.length === 1 ? take[0]!.records : take.flatMap((e) => e.records);
      try {
        await store.write(records);
        written += count;
        for (const e of take) e.resolve();
      } catch (cause) {
        failed += count;
        const error = new VigieError(
          'INTERNAL',
          `prediction log ${store.location}: ${count} records not committed: ${(cause as Error).message}`,
          { cause },
        );
        for (const e of take) e.reject(error);
      } finally {
        committing = [];
        committingCount = 0;
        wake();
      }
    }
  };

  const flush = (): Promise<void> => {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (!running)
      running = commitAll().finally(() => {
        running = null;
        // Records appended between the loop's last look and now.
        if (pending.length > 0) schedule();
      });
    return running;
  };

  const schedule = () => {
    if (running) return; // the running commit loop takes what arrives
    if (pendingCount >= batchSize || flushIntervalMs === 0) void flush();
    else if (!timer) timer = setTimeout(() => void flush(), flushIntervalMs);
  };

  const closedError = () => new VigieError('REFUSED', `prediction log ${store.location} is closed`);

  const append = async (records: readonly PredictionRecord[]): Promise<void> => {
    if (closed) throw closedError();
    if (records.length === 0) return;
    while (pendingCount + committingCount > 0 && pendingCount + committingCount + records.length > capacity) {
      if (policy === 'drop') {
        dropped += records.length;
        throw new VigieError(
          'REFUSED',
          `prediction log ${store.location}: queue full (${capacity} records), ${records.length} dropped`,
          { details: { reason: 'queue-full' } },
        );
      }
      await new Promise<void>((r) => waiters.push(r));
      if (closed) throw closedError();
    }
    return new Promise<void>((resolve, reject) => {
      pending.push({ records, since: clock(), resolve, reject });
      pendingCount += records.length;
      schedule();
    });
  };

  const appendFeedback = async (feedback: FeedbackRecord): Promise<void> => {
    if (closed) throw closedError();
    // The prediction may still be queued: commit it first, so its feedback finds it.
    if (pendingCount + committingCount > 0) await flush();
    if (running) await running;
    await store.writeFeedback(feedback);
  };

  const health = (): PredictionLogHealth => {
    const oldest = committing[0]?.since ?? pending[0]?.since;
    return {
      written,
      dropped,
      failed,
      queued: pendingCount + committingCount,
      lagMs: oldest === undefined ? 0 : Math.max(0, clock() - oldest),
    };
  };

  return {
    location: store.location,
    append,
    appendFeedback,
    read: (filter: PredictionLogFilter = {}) => store.read(filter),
    joined: (filter: PredictionLogFilter = {}) => store.joined(filter),
    health,
    [Symbol.asyncDispose]: async () => {
      if (closed) return;
      closed = true;
      wake();
      while (pending.length > 0 || running) await flush();
      await store.close();
    },
  };
}
